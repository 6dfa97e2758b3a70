/**
 * Breakdowns of a count (UNODC GLOTIP groups): the categories of each dimension, and the checks a
 * value grid — a total and its breakdowns for one indicator, period and region — must pass before
 * it is saved. Pure: the server applies it, the unit tests pin it down.
 */
import { AGE_GROUPS, EXPLOITATION_FORMS, NATIONALITIES, SEXES } from './enums';
import { isSmallCount, suppressTable } from './confidentiality';

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

// ─── Views of breakdowns ────────────────────────────────────────────────────────────────────────

/** One stored cell of a breakdown: its categories (null = any) and its value. */
export interface BreakdownRow {
	sex: string | null;
	ageGroup: string | null;
	exploitation: string | null;
	nationality: string | null;
	value: number;
}

/** A shown cell: the value, or null and `masked` (`small`: below the threshold; else a complement). */
export interface ViewCell {
	value: number | null;
	masked: boolean;
	small: boolean;
}

/** One dimension as a line of cells, with the total it adds up to when it does (`additive`). */
export interface DimensionView {
	dimension: BreakdownDimension | 'country';
	additive: boolean;
	/** not every category is given (the source breaks only part of the total down) */
	partial: boolean;
	cells: ({ category: string } & ViewCell)[];
}

/** Sex × age group, with its margins (the breakdowns by sex and by age group). */
export interface CrossView {
	sexes: string[];
	ages: string[];
	cells: ViewCell[][];
	bySex: ViewCell[];
	byAge: ViewCell[];
}

export interface BreakdownView {
	total: ViewCell;
	dimensions: DimensionView[];
	cross: CrossView | null;
}

const plain = (value: number | null): ViewCell => ({ value, masked: false, small: false });
const oneDim = (r: BreakdownRow): [BreakdownDimension, string] | null => {
	const set = (
		[
			['sex', r.sex],
			['age_group', r.ageGroup],
			['exploitation', r.exploitation],
			['nationality', r.nationality]
		] as const
	).filter(([, v]) => v != null);
	return set.length === 1 ? [set[0]![0], set[0]![1]!] : null;
};

/**
 * The breakdowns of one total (indicator × period × region) as tables a reader sees, with `mask`
 * every table through `suppressTable`: each exclusive dimension is one line adding up to the
 * total, sex × age group (where the source crosses them) a two-way table with both margins and the
 * total, the countries of foreign victims a line adding up to the foreign victims when they cover
 * them all; forms of exploitation (several per victim) only primary suppression. A total masked in
 * one table is masked in all (and the caller masks it wherever else it shows). Dimensions follow
 * `dimensions` (the indicator's), categories their fixed order; those with no value are left out.
 */
export function breakdownView(rows: readonly BreakdownRow[], total: number | null, dimensions: readonly string[], mask: boolean): BreakdownView {
	const single = new Map<string, number>();
	const countries = new Map<string, number>();
	const cross = new Map<string, number>();
	for (const r of rows) {
		const d = oneDim(r);
		if (d) {
			if (d[0] === 'nationality' && !CATEGORIES.nationality.includes(d[1])) countries.set(d[1], r.value);
			else single.set(`${d[0]}:${d[1]}`, r.value);
		} else if (r.sex && r.ageGroup && !r.exploitation && !r.nationality) cross.set(`${r.sex}:${r.ageGroup}`, r.value);
	}
	// A margin of the cross table: the single-dimension value where given, else the sum of its crossed cells.
	const margin = (dim: 'sex' | 'age_group', cat: string): number | null => {
		const s = single.get(`${dim}:${cat}`);
		if (s != null) return s;
		let sum = 0;
		let any = false;
		for (const [k, v] of cross) {
			const [sx, ag] = k.split(':');
			if ((dim === 'sex' ? sx : ag) === cat) {
				sum += v;
				any = true;
			}
		}
		return any ? sum : null;
	};
	let totalMasked = false;
	const dims: DimensionView[] = [];
	let crossView: CrossView | null = null;
	const useCross = cross.size > 0 && dimensions.includes('sex') && dimensions.includes('age_group');
	const line = (
		dimension: DimensionView['dimension'],
		cats: string[],
		values: (number | null)[],
		additive: boolean,
		lineTotal: number | null
	): DimensionView | null => {
		if (values.every((v) => v == null)) return null;
		const partial = values.some((v) => v == null);
		if (!mask) return { dimension, additive, partial, cells: cats.map((category, i) => ({ category, ...plain(values[i] ?? null) })) };
		const t = suppressTable(additive ? { cells: [values], rowTotals: [lineTotal], total: undefined } : { cells: [values] });
		if (additive && t.rowTotals?.[0]?.masked && dimension !== 'country') totalMasked = true;
		return { dimension, additive, partial, cells: cats.map((category, i) => ({ category, ...t.cells[0]![i]! })) };
	};
	for (const d of BREAKDOWN_DIMENSIONS) {
		if (!dimensions.includes(d)) continue;
		if (useCross && (d === 'sex' || d === 'age_group')) continue;
		const cats = [...CATEGORIES[d]];
		const v = line(
			d,
			cats,
			cats.map((c) => single.get(`${d}:${c}`) ?? null),
			EXCLUSIVE[d] && total != null,
			total
		);
		if (v) dims.push(v);
	}
	if (useCross) {
		const sexes = [...CATEGORIES.sex];
		const ages = [...CATEGORIES.age_group];
		const cells = sexes.map((s) => ages.map((a) => cross.get(`${s}:${a}`) ?? null));
		const bySex = sexes.map((s) => margin('sex', s));
		const byAge = ages.map((a) => margin('age_group', a));
		if (!mask) crossView = { sexes, ages, cells: cells.map((r) => r.map(plain)), bySex: bySex.map(plain), byAge: byAge.map(plain) };
		else {
			const t = suppressTable({ cells, rowTotals: bySex, colTotals: byAge, total });
			if (t.total?.masked) totalMasked = true;
			crossView = { sexes, ages, cells: t.cells, bySex: t.rowTotals!, byAge: t.colTotals! };
		}
	}
	if (countries.size && dimensions.includes('nationality')) {
		const codes = [...countries.keys()].sort();
		const values = codes.map((c) => countries.get(c)!);
		const foreign = single.get('nationality:foreign') ?? null;
		const nat = dims.find((d) => d.dimension === 'nationality');
		const foreignHidden = !!nat?.cells.find((c) => c.category === 'foreign')?.masked;
		const covers = foreign != null && values.reduce((a, b) => a + b, 0) === foreign;
		const v = line('country', codes, values, covers, foreign);
		// Countries that add up to a masked number of foreign victims would give it back.
		if (v && mask && covers && foreignHidden) v.cells = v.cells.map((c) => ({ ...c, value: null, masked: true }));
		if (v) dims.push(v);
	}
	return { total: totalMasked && total != null ? { value: null, masked: true, small: isSmallCount(total) } : plain(total), dimensions: dims, cross: crossView };
}

/** Every cell of a view: the total, each dimension's, the cross table's and its margins. */
export function viewCells(v: BreakdownView): ViewCell[] {
	return [v.total, ...v.dimensions.flatMap((d) => d.cells), ...(v.cross ? [...v.cross.cells.flat(), ...v.cross.bySex, ...v.cross.byAge] : [])];
}

/** A public source of a value: `{ title, url, date }`. */
export interface Source {
	title: string;
	url?: string | null;
	date?: string | null;
}

/** One indicator's breakdowns as a page gets them (`server/breakdowns.indicatorBreakdowns`). */
export interface IndicatorBreakdowns {
	code: string;
	/** periods with breakdowns for the region asked (null = national), latest first */
	periods: string[];
	/** the regions with breakdowns (ISO codes, national first as null) */
	areas: (string | null)[];
	/** the area shown (null = national) */
	area: string | null;
	/** the period shown: the one asked if it has breakdowns, else the latest */
	period: string | null;
	view: BreakdownView | null;
	/** the public sources of the cells shown (and of their total) */
	sources: Source[];
	isDemo: boolean;
	/** `iso|period` ('' for national) whose total a breakdown table masks: every other output masks it too */
	maskedTotals: string[];
}
