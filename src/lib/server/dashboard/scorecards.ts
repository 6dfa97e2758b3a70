/**
 * The axis, institution, region and recommendation scorecards and their indicator rows.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { RolloutStage } from '../../domain/enums';
import { type Scope, type SnapshotOptions, inScope } from './snapshot';
import { type Json, num, numOrNull, str, strOrNull, runBlocks, type Names, type InstitutionLabel, labelsOf, titlesOf, namesOf } from './blocks';
import { type Kpis, kpisBlock, awaitingValidation } from './kpis';
import { type GroupRollup, byAxisBlock, byObjectiveBlock, byInstitutionBlock, byRegionBlock } from './rollups';
import { type MeasureRow, measureTableBlock } from './measure-tables';
import { type TrendPoint, progressTrend } from './trend';
import { latestStagesCte } from './rollout';
import { SEARCH_COUNT_CAP } from './indicator-search';

/** Rows shown in a scorecard's measure table (the measures list has them all). */
export const SCORECARD_MEASURE_LIMIT = 50;
export const SCORECARD_INDICATOR_LIMIT = 20;
/** Below this many indicators in scope, the scorecard sorts them rather than walking the code index. */
const SORT_BELOW = 400;

// ─── Scorecards ─────────────────────────────────────────────────────────────────────────────────

export interface IndicatorSummary extends Names {
	code: string;
	measureCode: string;
	unit: string | null;
	unitAr: string | null;
	unitEn: string | null;
	kind: string;
	baselineValue: number | null;
	targetValue: number | null;
	targetYear: number | null;
	direction: 'up' | 'down';
	sensitive: boolean;
	isDemo: boolean;
	/** the SDG indicator it maps to ('16.2.2' gets a rate per 100,000 beside its count) */
	sdgTarget: string | null;
	/** latest validated value (national, or of the region for a region scorecard) */
	value: number | null;
	period: string | null;
	valueIsDemo: boolean;
}

/**
 * The first `limit` indicators of the measures in scope (by code) with their latest validated value,
 * national or, with `regionId`, of that region; and how many there are in all. The latest value is
 * read through the partial index on current values, once per listed indicator (at most `limit`).
 */
export function indicatorSummaries(
	db: Db,
	scope: Scope,
	opts: { regionId?: number; limit?: number; pillar?: string | null; /** tests: force one way of picking */ sortBelow?: number } = {}
): { rows: IndicatorSummary[]; total: number } {
	const limit = opts.limit ?? SCORECARD_INDICATOR_LIMIT;
	const region = opts.regionId == null ? sql`v.region_id IS NULL` : sql`v.region_id = ${opts.regionId}`;
	const latest = sql`(SELECT v.id FROM indicator_values v WHERE v.indicator_id = i.id AND v.is_current = 1 AND ${region}
		AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL
		ORDER BY v.period_start DESC LIMIT 1)`;
	// The pillar filter narrows the indicators as it narrows the measures they belong to.
	const pillar = opts.pillar ? sql`AND m.pillar = ${opts.pillar}` : sql``;
	const ids = sql`SELECT m.id FROM measures m WHERE ${inScope(scope)} AND m.archived_at IS NULL ${pillar}`;
	const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM indicators WHERE measure_id IN (${ids})`)?.n ?? 0;
	// The first `limit` by code: with many indicators in scope (an axis: ~12,000), walking the code
	// index and stopping at `limit` matches beats sorting them all (5.5 → 2.3 ms on the national bench
	// database); with few, sorting those few beats walking an index of 50,000 codes.
	const picked =
		total > (opts.sortBelow ?? SORT_BELOW)
			? sql`SELECT i.id FROM indicators i INDEXED BY indicators_code_uq WHERE +i.measure_id IN (${ids}) ORDER BY i.code LIMIT ${limit}`
			: sql`SELECT i.id FROM indicators i WHERE i.measure_id IN (${ids}) ORDER BY i.code LIMIT ${limit}`;
	const out = db.all<Json>(sql`
		WITH picked AS MATERIALIZED (${picked})
		SELECT i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn,
			i.unit, i.unit_ar AS unitAr, i.unit_en AS unitEn, i.kind, i.baseline_value AS baselineValue,
			i.target_value AS targetValue, i.target_year AS targetYear, i.direction, i.sensitive, i.is_demo AS isDemo, i.sdg_target AS sdgTarget, m.code AS measureCode,
			v.value, v.period, v.is_demo AS valueIsDemo
		FROM picked p CROSS JOIN indicators i ON i.id = p.id JOIN measures m ON m.id = i.measure_id
		LEFT JOIN indicator_values v ON v.id = ${latest}
		ORDER BY i.code`);
	return {
		total,
		rows: out.map((r) => ({
			code: str(r.code),
			...namesOf(r),
			measureCode: str(r.measureCode),
			unit: strOrNull(r.unit),
			unitAr: strOrNull(r.unitAr),
			unitEn: strOrNull(r.unitEn),
			kind: str(r.kind),
			baselineValue: numOrNull(r.baselineValue),
			targetValue: numOrNull(r.targetValue),
			targetYear: numOrNull(r.targetYear),
			direction: r.direction === 'down' ? 'down' : 'up',
			sensitive: !!r.sensitive,
			isDemo: !!r.isDemo,
			sdgTarget: strOrNull(r.sdgTarget),
			value: numOrNull(r.value),
			period: strOrNull(r.period),
			valueIsDemo: !!r.valueIsDemo
		}))
	};
}

export interface RegionalIndicator extends Names {
	code: string;
	unit: string | null;
	unitAr: string | null;
	unitEn: string | null;
	isDemo: boolean;
}

/** The overview map's indicator layer lists at most this many indicators (the explorer finds the others). */
export const MAP_INDICATOR_LIMIT = 100;

/**
 * The indicators of the measures in scope that have current validated values by region (the
 * overview map's indicator layer), by code: the first `limit`, and how many there are (capped at
 * SEARCH_COUNT_CAP). Walks the indicator code index and stops at `limit` matches; each is checked
 * against the partial index of current values.
 */
export function regionalIndicators(db: Db, scope: Scope, limit = MAP_INDICATOR_LIMIT): { rows: RegionalIndicator[]; total: number } {
	// `+i.measure_id`: walking the code index and stopping at `limit` beats fetching every indicator of the scope and sorting them.
	const where = sql`+i.measure_id IN (SELECT m.id FROM measures m WHERE ${inScope(scope)} AND m.archived_at IS NULL)
		AND EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = i.id AND v.region_id IS NOT NULL AND v.is_current = 1)`;
	const out = db.all<Json>(sql`
		SELECT i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.unit, i.unit_ar AS unitAr, i.unit_en AS unitEn, i.is_demo AS isDemo
		FROM indicators i WHERE ${where} ORDER BY i.code LIMIT ${limit}`);
	const total =
		out.length < limit
			? out.length
			: (db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM indicators i WHERE ${where} LIMIT ${SEARCH_COUNT_CAP})`)?.n ?? 0);
	return {
		total,
		rows: out.map((r) => ({
			code: str(r.code),
			...namesOf(r),
			unit: strOrNull(r.unit),
			unitAr: strOrNull(r.unitAr),
			unitEn: strOrNull(r.unitEn),
			isDemo: !!r.isDemo
		}))
	};
}

/** The blocks a scorecard shows for its scope: key figures, by axis, a measure table, trend, indicators. */
export interface ScorecardBlocks {
	kpis: Kpis;
	awaitingValidation: number;
	byAxis: GroupRollup[];
	measures: MeasureRow[];
	trend: TrendPoint[];
	indicators: { rows: IndicatorSummary[]; total: number };
}

function scorecard(db: Db, scope: Scope, opts: SnapshotOptions, indicatorOpts: { regionId?: number } = {}): ScorecardBlocks {
	const main = runBlocks(db, scope, opts, {
		kpis: kpisBlock(),
		byAxis: byAxisBlock(),
		measures: measureTableBlock('all', SCORECARD_MEASURE_LIMIT)
	});
	return {
		...main,
		awaitingValidation: awaitingValidation(db, scope),
		trend: progressTrend(db, scope, opts),
		indicators: indicatorSummaries(db, scope, { ...indicatorOpts, pillar: opts.pillar })
	};
}

/** The axis scorecard's figures (the axis itself and its measures come from `plan.getAxis`). */
export function axisScorecard(db: Db, axisCode: string, opts: SnapshotOptions) {
	const axis = db.get<{ id: number }>(sql`SELECT id FROM axes WHERE code = ${axisCode}`);
	if (!axis) return null;
	const scope: Scope = { kind: 'axis', axisId: axis.id };
	const main = runBlocks(db, scope, opts, {
		kpis: kpisBlock(),
		byObjective: byObjectiveBlock(axis.id),
		byInstitution: byInstitutionBlock(),
		byRegion: byRegionBlock()
	});
	return {
		...main,
		awaitingValidation: awaitingValidation(db, scope),
		trend: progressTrend(db, scope, opts),
		indicators: indicatorSummaries(db, scope, { pillar: opts.pillar })
	};
}

export interface InstitutionInfo extends InstitutionLabel {
	id: number;
	kind: string;
	isMember: boolean;
	isDemo: boolean;
	sources: string;
}

/** One institution's scorecard: the measures it leads, those it contributes to (apart), trend, indicators. */
export function institutionScorecard(db: Db, code: string, opts: SnapshotOptions) {
	const inst = db.get<Json>(sql`
		SELECT id, code, kind, is_member AS isMember, is_demo AS isDemo, sources,
			name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn,
			acronym_fr AS acronymFr, acronym_ar AS acronymAr, acronym_en AS acronymEn,
			short_name_fr AS shortNameFr, short_name_ar AS shortNameAr, short_name_en AS shortNameEn
		FROM institutions WHERE code = ${code}`);
	if (!inst) return null;
	const id = num(inst.id);
	const institution: InstitutionInfo = {
		id,
		code: str(inst.code),
		kind: str(inst.kind),
		isMember: !!inst.isMember,
		isDemo: !!inst.isDemo,
		sources: str(inst.sources ?? '[]'),
		...namesOf(inst),
		...labelsOf(inst)
	};
	const contrib: Scope = { kind: 'contributor', institutionId: id };
	return {
		institution,
		lead: scorecard(db, { kind: 'lead', institutionId: id }, opts),
		contributes: runBlocks(db, contrib, opts, {
			kpis: kpisBlock(),
			measures: measureTableBlock('all', SCORECARD_MEASURE_LIMIT)
		})
	};
}

export interface RegionInfo extends Names {
	id: number;
	iso: string;
	capitalFr: string | null;
	capitalAr: string | null;
	population: number | null;
	/** the public record's caveat about the region's figures */
	note: string | null;
	sources: string;
}

/** One region's scorecard: the measures that concern it, the roll-out stages there, its indicator values. */
export function regionScorecard(db: Db, iso: string, opts: SnapshotOptions) {
	const g = db.get<Json>(sql`
		SELECT id, iso, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn, capital_fr AS capitalFr, capital_ar AS capitalAr, population, note, sources
		FROM regions WHERE iso = ${iso}`);
	if (!g) return null;
	const id = num(g.id);
	const region: RegionInfo = {
		id,
		iso: str(g.iso),
		...namesOf(g),
		capitalFr: strOrNull(g.capitalFr),
		capitalAr: strOrNull(g.capitalAr),
		population: numOrNull(g.population),
		note: strOrNull(g.note),
		sources: str(g.sources ?? '[]')
	};
	const stages = db.all<Json>(sql`
		WITH ${latestStagesCte(sql`SELECT id FROM measures WHERE regional_rollout = 1`, opts)}
		SELECT m.code, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn,
			coalesce(l.stage, 'not_started') AS stage, l.since, coalesce(l.is_demo, 0) AS isDemo
		FROM measures m LEFT JOIN latest l ON l.measure_id = m.id AND l.region_id = ${id} AND l.rn = 1
		WHERE m.regional_rollout = 1 ORDER BY m.code`);
	const all = db.all<Json>(sql`SELECT iso, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn FROM regions ORDER BY iso`);
	return {
		region,
		/** every region (a locator map) */
		regions: all.map((r) => ({ iso: str(r.iso), ...namesOf(r) })),
		...scorecard(db, { kind: 'region', regionId: id }, opts, { regionId: id }),
		rollout: stages.map((r) => ({ code: str(r.code), ...titlesOf(r), stage: r.stage as RolloutStage, since: strOrNull(r.since), isDemo: !!r.isDemo }))
	};
}

/** One recommendation's figures over its linked measures (the recommendation itself comes from `recommendations.getRecommendation`). */
export function recommendationScorecard(db: Db, code: string, opts: SnapshotOptions): ScorecardBlocks | null {
	const rec = db.get<{ id: number }>(sql`SELECT id FROM recommendations WHERE code = ${code}`);
	if (!rec) return null;
	return scorecard(db, { kind: 'recommendation', recommendationId: rec.id }, opts);
}
