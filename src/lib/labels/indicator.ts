/** The labels of an indicator's breakdowns, frequency, direction, kind and SDG codes. See ./index.ts. */
import { m } from '../paraglide/messages';
import type { Dimension, Direction, Frequency, IndicatorKind } from '../domain/enums';
import type { Labels } from './label';

export const DIMENSION = {
	region: m.dimension_region,
	sex: m.dimension_sex,
	age_group: m.dimension_age_group,
	exploitation: m.dimension_exploitation,
	nationality: m.dimension_nationality
} as const satisfies Labels<Dimension>;

/** A breakdown category by its message key (`categoryKey` of $lib/domain/breakdown). */
export const CATEGORY = {
	cat_sex_female: m.cat_sex_female,
	cat_sex_male: m.cat_sex_male,
	cat_age_group_child: m.cat_age_group_child,
	cat_age_group_adult: m.cat_age_group_adult,
	cat_exploitation_sexual: m.cat_exploitation_sexual,
	cat_exploitation_forced_labour: m.cat_exploitation_forced_labour,
	cat_exploitation_begging: m.cat_exploitation_begging,
	cat_exploitation_domestic_servitude: m.cat_exploitation_domestic_servitude,
	cat_exploitation_forced_criminality: m.cat_exploitation_forced_criminality,
	cat_exploitation_other: m.cat_exploitation_other,
	cat_nationality_moroccan: m.cat_nationality_moroccan,
	cat_nationality_foreign: m.cat_nationality_foreign
} as const satisfies Labels<Extract<keyof typeof m, `cat_${string}`>>;

export const FREQUENCY = {
	annual: m.frequency_annual,
	semester: m.frequency_semester,
	quarter: m.frequency_quarter,
	tip_year: m.frequency_tip_year
} as const satisfies Labels<Frequency>;

export const DIRECTION = { up: m.direction_up, down: m.direction_down } as const satisfies Labels<Direction>;

export const INDICATOR_KIND = {
	count: m.indicator_kind_count,
	percent: m.indicator_kind_percent,
	amount: m.indicator_kind_amount,
	boolean: m.indicator_kind_boolean
} as const satisfies Labels<IndicatorKind>;

/** An SDG indicator by its code ("16.2.2"). */
export const SDG = {
	'5.2.1': m.sdg_5_2_1,
	'5.2.2': m.sdg_5_2_2,
	'8.7.1': m.sdg_8_7_1,
	'16.2.2': m.sdg_16_2_2
} as const satisfies Labels<string>;
