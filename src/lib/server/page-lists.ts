/**
 * How much of a long list a page renders. At national scale a scorecard's measures, the overview's
 * deadlines and an axis's objectives run to hundreds of rows; rendered whole (HTML plus SvelteKit's
 * serialized copy for hydration) they took pages past 300 KB. A page shows the first rows with the
 * count and a link to the full, paged list (`/measures` with the matching filter), or pages them
 * with a GET parameter, so it works without JavaScript. `bench/page-weight.ts` holds every page
 * under 100 KB of HTML.
 */

/** Rows of measures (and of an axis's indicators) a scorecard shows before "N of M · full list". */
export const PREVIEW_ROWS = 10;

/** Rows of the overview's deadline tables (due soon, overdue): the overview is a glance, with links on. */
export const OVERVIEW_ROWS = 5;

/** The first `n` rows (a new array; the read models' cached results are shared). */
export function preview<T>(rows: readonly T[], n = PREVIEW_ROWS): T[] {
	return rows.slice(0, n);
}

/** Rows of each list the annual report's preview shows; `?all=1` (what its PDF prints) shows them all. */
export const ANNUAL_PREVIEW_ROWS = 15;

/** Indicators a measure's page shows at a time (`?ip=`), each a card with its chart, tables and forms. */
export const INDICATORS_PER_PAGE = 6;

/** Measures a region page's roll-out table shows at a time (`?rp=`). */
export const ROLLOUT_PER_PAGE = 15;

/** Institutions an axis page's by-institution block shows before "show all" (`?inst=all`): a national axis involves 40. */
export const INSTITUTION_ROWS = 15;

/**
 * The `n` rows with the most measures led and contributed to (ties by code), in their own order (the
 * block's, by progress): the institutions most involved, the least advanced among them kept.
 */
export function mostInvolved<T extends { code: string; lead: { measures: number }; contributes: { measures: number } }>(rows: readonly T[], n: number): T[] {
	if (rows.length <= n) return [...rows];
	const weight = (r: T) => r.lead.measures + r.contributes.measures;
	const kept = new Set(
		[...rows]
			.sort((a, b) => weight(b) - weight(a) || a.code.localeCompare(b.code))
			.slice(0, n)
			.map((r) => r.code)
	);
	return rows.filter((r) => kept.has(r.code));
}

/** Objectives an axis page shows at a time, each with its first measures. */
export const OBJECTIVES_PER_PAGE = 3;

export interface Paged<T> {
	items: T[];
	/** 1-based, clamped to the pages there are. */
	page: number;
	pages: number;
	total: number;
}

/** Page `page` (1-based; anything else, or beyond the last, gives the nearest page) of `items`. */
export function pageOf<T>(items: readonly T[], page: number, perPage: number): Paged<T> {
	const pages = Math.max(1, Math.ceil(items.length / perPage));
	const p = Math.min(pages, Math.max(1, Number.isInteger(page) ? page : 1));
	return { items: items.slice((p - 1) * perPage, p * perPage), page: p, pages, total: items.length };
}
