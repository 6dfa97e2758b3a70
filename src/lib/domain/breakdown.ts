/**
 * Breakdowns of a count (UNODC GLOTIP groups): the categories of each dimension, and the checks a
 * value grid — a total and its breakdowns for one indicator, period and region — must pass before
 * it is saved. Pure: the server applies it, the unit tests pin it down.
 */
import { AGE_GROUPS, EXPLOITATION_FORMS, NATIONALITIES, SEXES } from './enums';

/** The dimensions a grid breaks a total down by (region is the grid's own key, not a breakdown). */
export const BREAKDOWN_DIMENSIONS = ['sex', 'age_group', 'exploitation', 'nationality'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const CATEGORIES: Record<BreakdownDimension, readonly string[]> = {
	sex: SEXES,
	age_group: AGE_GROUPS,
	exploitation: EXPLOITATION_FORMS,
	nationality: NATIONALITIES
};

/**
 * Whether each victim counts once in the dimension. A victim has one sex, one age group and one
 * nationality, so those parts add up to the total; a victim may have suffered several forms of
 * exploitation (TIP 2023 on Morocco's 2022 figures: "numerous victims experienced several forms"),
 * so the forms may add up to more than the total, never less once every form is given.
 */
export const EXCLUSIVE: Record<BreakdownDimension, boolean> = { sex: true, age_group: true, exploitation: false, nationality: true };

/** A foreign victim's country: ISO 3166-1 alpha-2, never Morocco itself (that is `moroccan`). */
export function isCountryCode(code: string): boolean {
	return /^[A-Z]{2}$/.test(code) && code !== 'MA';
}

export function isBreakdownDimension(d: string): d is BreakdownDimension {
	return (BREAKDOWN_DIMENSIONS as readonly string[]).includes(d);
}

/** One value grid as entered: the total, and per dimension the value of each category given. */
export interface Grid {
	total: number | null;
	parts: Partial<Record<BreakdownDimension, Record<string, number | null>>>;
	/** foreign victims by country (ISO alpha-2), part of `nationality.foreign` */
	countries?: Record<string, number | null>;
}

/** A grid error: the field (`total`, `sex`, `sex.female`, `countries.SN`…), its message key and the figures it cites. */
export interface GridError {
	field: string;
	key: string;
	params?: Record<string, number | string>;
}

const given = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * What is wrong with a grid for an indicator broken down by `dimensions`:
 * - the total is missing while breakdowns are given (`err_grid_total_missing`);
 * - a dimension the indicator is not broken down by, or a category outside its list (`err_grid_unknown_dimension`,
 *   `err_grid_unknown_category`); a country code that is not one (`err_grid_unknown_country`);
 * - a negative or fractional count (`err_grid_count`);
 * - an exclusive dimension whose parts, all given, differ from the total (`err_grid_sum_mismatch`), or whose
 *   given parts already exceed it (`err_grid_sum_exceeds`); a form of exploitation above the total, or all
 *   forms given and adding up to less (`err_grid_forms_below_total`);
 * - countries adding up to more than the foreign victims (`err_grid_countries_exceed`).
 * Parts left empty are allowed: not every source breaks every figure down.
 */
export function checkGrid(grid: Grid, dimensions: readonly string[]): GridError[] {
	const errors: GridError[] = [];
	const count = (field: string, v: number | null | undefined) => {
		if (given(v) && (v < 0 || !Number.isInteger(v))) errors.push({ field, key: 'err_grid_count' });
	};
	count('total', grid.total);
	let anyPart = false;
	for (const [dim, parts] of Object.entries(grid.parts)) {
		if (!parts) continue;
		if (!isBreakdownDimension(dim) || !dimensions.includes(dim)) {
			errors.push({ field: dim, key: 'err_grid_unknown_dimension', params: { dimension: dim } });
			continue;
		}
		for (const [cat, v] of Object.entries(parts)) {
			if (!CATEGORIES[dim].includes(cat)) errors.push({ field: `${dim}.${cat}`, key: 'err_grid_unknown_category', params: { category: cat } });
			else count(`${dim}.${cat}`, v);
			if (given(v)) anyPart = true;
		}
	}
	for (const [code, v] of Object.entries(grid.countries ?? {})) {
		if (!dimensions.includes('nationality')) errors.push({ field: 'countries', key: 'err_grid_unknown_dimension', params: { dimension: 'nationality' } });
		else if (!isCountryCode(code)) errors.push({ field: `countries.${code}`, key: 'err_grid_unknown_country', params: { category: code } });
		else count(`countries.${code}`, v);
		if (given(v)) anyPart = true;
	}
	if (!given(grid.total)) {
		if (anyPart) errors.push({ field: 'total', key: 'err_grid_total_missing' });
		return errors;
	}
	if (errors.length) return errors;
	const total = grid.total;
	for (const dim of BREAKDOWN_DIMENSIONS) {
		const parts = grid.parts[dim];
		if (!parts) continue;
		const values = CATEGORIES[dim].map((c) => parts[c]);
		const entered = values.filter(given);
		if (entered.length === 0) continue;
		const sum = entered.reduce((a, b) => a + b, 0);
		const complete = entered.length === values.length;
		if (EXCLUSIVE[dim]) {
			if (complete && sum !== total) errors.push({ field: dim, key: 'err_grid_sum_mismatch', params: { sum, total } });
			else if (!complete && sum > total) errors.push({ field: dim, key: 'err_grid_sum_exceeds', params: { sum, total } });
		} else {
			CATEGORIES[dim].forEach((c) => {
				const v = parts[c];
				if (given(v) && v > total) errors.push({ field: `${dim}.${c}`, key: 'err_grid_sum_exceeds', params: { sum: v, total } });
			});
			if (complete && sum < total) errors.push({ field: dim, key: 'err_grid_forms_below_total', params: { sum, total } });
		}
	}
	const countries = Object.values(grid.countries ?? {}).filter(given);
	if (countries.length) {
		const sum = countries.reduce((a, b) => a + b, 0);
		const foreign = grid.parts.nationality?.foreign;
		const cap = given(foreign) ? foreign : total;
		if (sum > cap) errors.push({ field: 'countries', key: 'err_grid_countries_exceed', params: { sum, total: cap } });
	}
	return errors;
}

/** Victims per 100,000 inhabitants (SDG indicator 16.2.2), null without a population. */
export function ratePer100k(count: number | null | undefined, population: number | null | undefined): number | null {
	if (!given(count) || !given(population) || population <= 0) return null;
	return (count / population) * 100_000;
}

const regionNames = new Map<string, Intl.DisplayNames>();
/** A country's name from its ISO code in the reader's language (the code itself when unknown). */
export function countryName(code: string, locale: string): string {
	let dn = regionNames.get(locale);
	if (!dn) regionNames.set(locale, (dn = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })));
	try {
		return dn.of(code) ?? code;
	} catch {
		return code;
	}
}

/** The message key naming a category (`cat_sex_female`), or null for a country (see {@link countryName}). */
export function categoryKey(dimension: string, category: string): string | null {
	return isBreakdownDimension(dimension) && CATEGORIES[dimension].includes(category) ? `cat_${dimension}_${category}` : null;
}
