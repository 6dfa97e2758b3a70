/**
 * The names of breakdown dimensions and categories, as typed messages: a dimension or category
 * without its message is a type error, not a key printed on a page or in a file.
 */
import { m } from '../paraglide/messages';
import type { AGE_GROUPS, EXPLOITATION_FORMS, Locale, NATIONALITIES, SEXES } from './enums';
import { CATEGORIES, isBreakdownDimension, type BreakdownDimension } from './breakdown';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const DIMENSION_LABEL: Record<BreakdownDimension | 'country', Message> = {
	sex: m.dimension_sex,
	age_group: m.dimension_age_group,
	exploitation: m.dimension_exploitation,
	nationality: m.dimension_nationality,
	country: m.grid_countries
};

const CATEGORY_LABEL: {
	sex: Record<(typeof SEXES)[number], Message>;
	age_group: Record<(typeof AGE_GROUPS)[number], Message>;
	exploitation: Record<(typeof EXPLOITATION_FORMS)[number], Message>;
	nationality: Record<(typeof NATIONALITIES)[number], Message>;
} = {
	sex: { female: m.cat_sex_female, male: m.cat_sex_male },
	age_group: { child: m.cat_age_group_child, adult: m.cat_age_group_adult },
	exploitation: {
		sexual: m.cat_exploitation_sexual,
		forced_labour: m.cat_exploitation_forced_labour,
		begging: m.cat_exploitation_begging,
		domestic_servitude: m.cat_exploitation_domestic_servitude,
		forced_criminality: m.cat_exploitation_forced_criminality,
		other: m.cat_exploitation_other
	},
	nationality: { moroccan: m.cat_nationality_moroccan, foreign: m.cat_nationality_foreign }
};

/** A dimension's name, lower case for running text ("ventilé par : sexe"); `country` is the countries' line. */
export function dimensionLabel(dimension: BreakdownDimension | 'country', locale?: Locale): string {
	return DIMENSION_LABEL[dimension]({}, { locale });
}

/** A category's name, or null when it is not one of its dimension's (a country: see `countryName`). */
export function categoryLabel(dimension: string, category: string, locale?: Locale): string | null {
	if (!isBreakdownDimension(dimension) || !CATEGORIES[dimension].includes(category)) return null;
	const labels: Record<string, Message> = CATEGORY_LABEL[dimension];
	return labels[category]!({}, { locale });
}
