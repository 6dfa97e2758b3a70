/**
 * The dashboard read models as the pages call them: those of `./dashboard`, with the costly ones
 * memoized until the next write (`./read-cache`), and the axis page of the plan browser (its
 * objectives and first measures). `./dashboard` and `./plan` stay the uncached truth (their tests
 * and `bench/` use them directly; the bench times both).
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import * as dashboard from './dashboard';
import * as plan from './plan';
import * as measures from './measures';
import { memoize } from './read-cache';
import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { can, type Actor } from './auth/permissions';
import { suppressBySet } from '../domain/confidentiality';
import { indicatorBreakdowns } from './breakdowns';
import { ratePer100k, type IndicatorBreakdowns } from '../domain/breakdown';

/** The breakdown filters of a scorecard's URL (`bp`, `br`). */
export interface BreakdownFilter {
	period?: string | null;
	region?: string | null;
}

export * from './dashboard';

// Each model names the domains of data it reads (`read-cache.ts`): a write clears only the models
// whose data it changed. The read-cache test checks every name against the tables the SQL reads.
const ALL = ['plan', 'progress', 'values', 'rollout'] as const;
const overviewFigures = memoize('overview', ['plan', 'progress', 'rollout'], dashboard.overviewFigures);
const awaiting = memoize('awaitingValidation', ALL, dashboard.awaitingValidation);
// The figures and the queue's count, joined once per pair: the same answer is the same (frozen) object.
const joined = new WeakMap<object, { awaiting: number; value: dashboard.Overview }>();
export function overview(db: Db, planCode: string, opts: dashboard.SnapshotOptions): dashboard.Overview | null {
	const o = overviewFigures(db, planCode, opts);
	if (!o) return null;
	const n = awaiting(db);
	const kept = joined.get(o);
	if (kept?.awaiting === n) return kept.value;
	const value = Object.freeze({ ...o, awaitingValidation: n });
	joined.set(o, { awaiting: n, value });
	return value;
}
export const axisScorecard = memoize('axisScorecard', ALL, dashboard.axisScorecard);
export const institutionScorecard = memoize('institutionScorecard', ALL, dashboard.institutionScorecard);
export const regionScorecard = memoize('regionScorecard', ALL, dashboard.regionScorecard);
export const recommendationScorecard = memoize('recommendationScorecard', ALL, dashboard.recommendationScorecard);
export const indicatorExplorer = memoize('indicatorExplorer', ['plan', 'values'], dashboard.indicatorExplorer);
export const searchIndicators = memoize('searchIndicators', ['plan', 'values'], dashboard.searchIndicators);
export const regionalIndicators = memoize('regionalIndicators', ['plan', 'values'], dashboard.regionalIndicators);
export const mapIndicatorLayer = memoize('mapIndicatorLayer', ['plan', 'values'], dashboard.mapIndicatorLayer);
export const getAxis = memoize('getAxis', ['plan', 'progress'], plan.getAxis);
const census = memoize('census', ['plan'], dashboard.censusPopulation);
// The measures list and its filter choices (`./measures`): the list reads each measure's validated state.
export const listMeasures = memoize('listMeasures', ['plan', 'progress'], measures.listMeasures);
export const measureFilterOptions = memoize('measureFilterOptions', ['plan'], measures.filterOptions);

// ─── As a viewer may see them ───────────────────────────────────────────────────────────────────
// The memoized read models above answer the same question for everybody (one cached result per
// question). Pages call the `…For` versions below, which take the signed-in viewer and apply the
// rules of `permissions.ts` to that shared result: the commission's workload figures only for those
// who may read them, and every value of a sensitive indicator through the confidentiality rule
// (`domain/confidentiality`) for whoever may not read small counts.

type Viewer = Actor | null | undefined;
type Summaries = { rows: readonly dashboard.IndicatorSummary[]; total: number };

const workload = (viewer: Viewer, n: number): number | null => (can(viewer, 'dashboard.read_workload') ? n : null);
const masks = (viewer: Viewer) => !can(viewer, 'dashboard.read_small_counts');

/** The current regional totals of these (indicator, period) pairs, every region: the sets a regional value is masked within. */
const regionalSets = memoize('regionalSets', ['plan', 'values'], (db: Db, pairs: [string, string][]) =>
	pairs.length
		? db.all<{ code: string; period: string; iso: string; value: number }>(sql`
			SELECT i.code, v.period, r.iso, v.value
			FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id JOIN regions r ON r.id = v.region_id
			WHERE v.is_current = 1 AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL
				AND (i.code, v.period) IN (VALUES ${sql.join(
					pairs.map(([c, p]) => sql`(${c}, ${p})`),
					sql`, `
				)})
			ORDER BY i.code, v.period, r.iso`)
		: []
);

/**
 * Scorecard indicator rows for `viewer`. National values stand alone; a region's value is masked as
 * it is among all the regions of its indicator and period (as the measure page and the explorer mask
 * them), so no page shows a cell another page hides.
 */
function indicatorsFor(
	db: Db,
	viewer: Viewer,
	s: Summaries,
	regionIso?: string
): { rows: (dashboard.IndicatorSummary & { masked: boolean })[]; total: number } {
	if (!masks(viewer)) return { total: s.total, rows: s.rows.map((r) => ({ ...r, masked: false })) };
	const picked = s.rows.filter((r) => r.sensitive && r.value != null && r.period != null);
	if (regionIso == null)
		return {
			total: s.total,
			rows: suppressBySet(
				s.rows,
				(r) => r.sensitive,
				(r) => r.code,
				{ partOfTotal: false }
			)
		};
	const sets = suppressBySet(
		regionalSets(
			db,
			picked.map((r) => [r.code, r.period!])
		),
		() => true,
		(c) => `${c.code} ${c.period}`
	);
	const hidden = new Set(sets.filter((c) => c.masked && c.iso === regionIso).map((c) => c.code));
	return { total: s.total, rows: s.rows.map((r) => (hidden.has(r.code) ? { ...r, value: null, masked: true } : { ...r, masked: false })) };
}

/**
 * SDG 16.2.2 rows get their rate per 100,000 beside the count, from the 2024 census: nationally, or
 * of the scorecard's region. Applied after masking: a masked count has no rate (it would give it back).
 */
function withRates<R extends dashboard.IndicatorSummary & { masked: boolean }>(
	db: Db,
	s: { rows: R[]; total: number },
	regionIso?: string
): { rows: (R & { rate: number | null })[]; total: number; population: number | null } {
	if (!s.rows.some((r) => r.sdgTarget === dashboard.RATE_SDG)) return { ...s, rows: s.rows.map((r) => ({ ...r, rate: null })), population: null };
	const c = census(db);
	const population = (regionIso == null ? c.national : c.byIso[regionIso]) ?? null;
	return {
		...s,
		population,
		rows: s.rows.map((r) => ({ ...r, rate: r.sdgTarget === dashboard.RATE_SDG && !r.masked ? ratePer100k(r.value, population) : null }))
	};
}

export function overviewFor(db: Db, viewer: Viewer, planCode: string, opts: dashboard.SnapshotOptions) {
	const o = overview(db, planCode, opts);
	return o && { ...o, awaitingValidation: workload(viewer, o.awaitingValidation) };
}

export function axisScorecardFor(db: Db, viewer: Viewer, axisCode: string, opts: dashboard.SnapshotOptions) {
	const sc = axisScorecard(db, axisCode, opts);
	if (!sc) return sc;
	const indicators = indicatorsFor(db, viewer, sc.indicators);
	return { ...sc, awaitingValidation: workload(viewer, sc.awaitingValidation), indicators: withRates(db, indicators) };
}

const breakdownsOf = memoize('breakdowns', ['plan', 'values'], indicatorBreakdowns);

/**
 * A scorecard's blocks for `viewer`, with the breakdowns of its listed indicators (of the region for
 * a region scorecard, else of the area asked); a latest value whose total a breakdown table hides
 * is hidden in the indicator table too.
 */
function blocksFor(db: Db, viewer: Viewer, sc: dashboard.ScorecardBlocks, regionIso?: string, bf: BreakdownFilter = {}) {
	const breakdowns: IndicatorBreakdowns[] = breakdownsOf(
		db,
		sc.indicators.rows.map((r) => r.code),
		{ mask: masks(viewer), period: bf.period ?? null, regionIso: regionIso ?? bf.region ?? null }
	);
	const hidden = new Set(breakdowns.flatMap((b) => b.maskedTotals.map((k) => `${b.code}|${k}`)));
	const indicators = indicatorsFor(db, viewer, sc.indicators, regionIso);
	const rows = indicators.rows.map((r) => (r.period && hidden.has(`${r.code}|${regionIso ?? ''}|${r.period}`) ? { ...r, value: null, masked: true } : r));
	return { ...sc, awaitingValidation: workload(viewer, sc.awaitingValidation), indicators: withRates(db, { ...indicators, rows }, regionIso), breakdowns };
}

export function institutionScorecardFor(db: Db, viewer: Viewer, code: string, opts: dashboard.SnapshotOptions, bf: BreakdownFilter = {}) {
	const sc = institutionScorecard(db, code, opts);
	return sc && { ...sc, lead: blocksFor(db, viewer, sc.lead, undefined, bf) };
}

export function regionScorecardFor(db: Db, viewer: Viewer, iso: string, opts: dashboard.SnapshotOptions, bf: BreakdownFilter = {}) {
	const sc = regionScorecard(db, iso, opts);
	return sc && { ...sc, ...blocksFor(db, viewer, sc, sc.region.iso, bf) };
}

export function recommendationScorecardFor(db: Db, viewer: Viewer, code: string, opts: dashboard.SnapshotOptions) {
	const sc = recommendationScorecard(db, code, opts);
	return sc && blocksFor(db, viewer, sc);
}

/** The explorer for `viewer`: values awaiting validation only if they may read them, small counts masked unless they may read them. */
export function indicatorExplorerFor(
	db: Db,
	viewer: Viewer,
	code: string,
	opts: { includeSubmitted?: boolean; regionPeriod?: string | null; breakdownPeriod?: string | null; breakdownRegion?: string | null }
) {
	return indicatorExplorer(db, code, { ...opts, includeSubmitted: !!opts.includeSubmitted && can(viewer, 'dashboard.read_unvalidated'), mask: masks(viewer) });
}

export function mapIndicatorLayerFor(db: Db, viewer: Viewer, scope: dashboard.Scope, opts: { code?: string | null; until?: string | null }) {
	return mapIndicatorLayer(db, scope, { ...opts, mask: masks(viewer) });
}
