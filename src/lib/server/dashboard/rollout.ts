/**
 * The regional roll-out (the MNR): the summary per measure, stages per region and timeline.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { ROLLOUT_STAGES, type RolloutStage } from '../../domain/enums';
import { parsePeriod } from '../../domain/period';
import { type Scope, type SnapshotOptions, inScope, nextDay } from './snapshot';
import { type Json, num, str, strOrNull, type Titles, type Names, titlesOf, namesOf } from './blocks';

// ─── Regional roll-out (the MNR) ────────────────────────────────────────────────────────────────

export interface RolloutSummary extends Titles {
	code: string;
	isDemo: boolean;
	regions: number;
	byStage: Record<RolloutStage, number>;
	/** since when the operational count has stood: the latest date a region became operational */
	operationalSince: string | null;
	firstOperational: string | null;
}

/** The latest validated stage per measure × region (window function), within the snapshot's bounds. */
export function latestStagesCte(measureFilter: SQL, opts: SnapshotOptions): SQL {
	const conds: SQL[] = [sql`st.state = 'validated'`, sql`st.measure_id IN (${measureFilter})`];
	if (opts.asOf) conds.push(sql`st.since <= ${opts.asOf}`, sql`st.reviewed_at < ${nextDay(opts.asOf)}`);
	const end = opts.period ? parsePeriod(opts.period)?.end : undefined;
	if (end) conds.push(sql`st.since <= ${end}`);
	return sql`latest AS (
		SELECT st.measure_id, st.region_id, st.stage, st.since, st.is_demo,
			row_number() OVER (PARTITION BY st.measure_id, st.region_id ORDER BY st.since DESC, st.id DESC) AS rn
		FROM measure_region_stages st WHERE ${sql.join(conds, sql` AND `)}
	)`;
}

/**
 * For each measure in scope deployed region by region: how many regions are at each stage (the
 * latest validated stage of each region; regions with none count as not started) and since when
 * the operational count has stood ("operational in 5 of 12 regions since …").
 */
export function rolloutSummary(db: Db, scope: Scope, opts: SnapshotOptions): RolloutSummary[] {
	// The roll-out measures in scope, from the covering index, once (a flattened subquery would scan the table).
	const pillarOnly = opts.pillar ? sql`AND m.pillar = ${opts.pillar}` : sql``;
	const rowsOut = db.all<Json>(sql`
		WITH k AS MATERIALIZED (SELECT m.id FROM measures m WHERE m.regional_rollout = 1 AND m.archived_at IS NULL AND ${inScope(scope)} ${pillarOnly}),
		${latestStagesCte(sql`SELECT id FROM k`, opts)}
		SELECT m.code, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn, m.is_demo AS isDemo,
			(SELECT count(*) FROM regions) AS regions,
			${sql.join(
				ROLLOUT_STAGES.map((st) => sql`count(CASE WHEN l.stage = ${st} THEN 1 END) AS ${sql.identifier(`st_${st}`)}`),
				sql`, `
			)},
			max(CASE WHEN l.stage = 'operational' THEN l.since END) AS operationalSince,
			min(CASE WHEN l.stage = 'operational' THEN l.since END) AS firstOperational
		FROM k JOIN measures m ON m.id = k.id
		LEFT JOIN latest l ON l.measure_id = m.id AND l.rn = 1
		GROUP BY m.id ORDER BY m.code`);
	return rowsOut.map((r) => {
		const regions = num(r.regions);
		const byStage = Object.fromEntries(ROLLOUT_STAGES.map((st) => [st, num(r[`st_${st}`])])) as Record<RolloutStage, number>;
		// Regions with no validated stage yet have not started.
		byStage.not_started += regions - ROLLOUT_STAGES.reduce((sum, st) => sum + byStage[st], 0);
		return {
			code: str(r.code),
			...titlesOf(r),
			isDemo: !!r.isDemo,
			regions,
			byStage,
			operationalSince: strOrNull(r.operationalSince),
			firstOperational: strOrNull(r.firstOperational)
		};
	});
}

export interface RegionStage extends Names {
	iso: string;
	stage: RolloutStage;
	since: string | null;
	isDemo: boolean;
}

/** The stage of one roll-out measure in each of the 12 regions (not started where none is validated). */
export function rolloutStages(db: Db, measureCode: string, opts: SnapshotOptions): RegionStage[] {
	return db
		.all<Json>(
			sql`
		WITH ${latestStagesCte(sql`SELECT id FROM measures WHERE code = ${measureCode}`, opts)}
		SELECT g.iso, g.name_fr AS nameFr, g.name_ar AS nameAr, g.name_en AS nameEn,
			coalesce(l.stage, 'not_started') AS stage, l.since, coalesce(l.is_demo, 0) AS isDemo
		FROM regions g LEFT JOIN latest l ON l.region_id = g.id AND l.rn = 1
		ORDER BY g.iso`
		)
		.map((r) => ({ iso: str(r.iso), ...namesOf(r), stage: r.stage as RolloutStage, since: strOrNull(r.since), isDemo: !!r.isDemo }));
}

export interface RolloutStep {
	date: string;
	/** regions operational from that date on */
	operational: number;
}

/**
 * The roll-out timeline of one measure: for each date a region became operational (its first
 * validated operational stage), how many regions were operational from then on (running count
 * with a window function).
 */
export function rolloutTimeline(db: Db, measureCode: string, opts: SnapshotOptions): RolloutStep[] {
	const conds: SQL[] = [sql`st.state = 'validated'`, sql`st.stage = 'operational'`, sql`st.measure_id = (SELECT id FROM measures WHERE code = ${measureCode})`];
	if (opts.asOf) conds.push(sql`st.since <= ${opts.asOf}`, sql`st.reviewed_at < ${nextDay(opts.asOf)}`);
	const end = opts.period ? parsePeriod(opts.period)?.end : undefined;
	if (end) conds.push(sql`st.since <= ${end}`);
	return db
		.all<Json>(
			sql`
		WITH firsts AS (SELECT st.region_id, min(st.since) AS since FROM measure_region_stages st WHERE ${sql.join(conds, sql` AND `)} GROUP BY st.region_id),
		days AS (SELECT since, count(*) AS n FROM firsts GROUP BY since)
		SELECT since AS date, sum(n) OVER (ORDER BY since) AS operational FROM days ORDER BY since`
		)
		.map((r) => ({ date: str(r.date), operational: num(r.operational) }));
}
