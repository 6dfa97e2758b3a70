/**
 * The key figures of the measures in scope, and the count of submissions awaiting review.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { MEASURE_STATUSES, type MeasureStatus } from '../../domain/enums';
import { type Scope, type SnapshotOptions, inScope } from './snapshot';
import { weightedProgressSql } from '../progress-sql';
import { type Json, num, numOrNull, jsonRow, parseJson, type Block, runBlocks, type Rollup, ROLLUP_COLUMNS, rollupOf } from './blocks';

export interface Kpis extends Rollup {
	byStatus: Record<MeasureStatus, number>;
	/** % of non-cancelled measures completed */
	completionRate: number | null;
	atRisk: number;
	stale: number;
	/** open measures due within DUE_SOON_DAYS of the reference day */
	dueSoon: number;
	/** recommendations with at least one measure in progress (among the measures in scope) */
	recommendationsInProgress: number;
	/** recommendations linked to at least one measure in scope */
	recommendationsLinked: number;
}

export function kpisBlock(): Block<Kpis> {
	const statusCols = MEASURE_STATUSES.map((st) => `st_${st}`);
	// One pass over the snapshot (no grouping); the recommendations through their links' measure index.
	const inner = sql`SELECT count(*) AS measures, count(CASE WHEN s.status = 'completed' THEN 1 END) AS completed,
		${weightedProgressSql('s')} AS progress, coalesce(sum(s.is_demo), 0) AS demo,
		${sql.join(
			MEASURE_STATUSES.map((st) => sql`count(CASE WHEN s.status = ${st} THEN 1 END) AS ${sql.identifier(`st_${st}`)}`),
			sql`, `
		)},
		round(100.0 * count(CASE WHEN s.status = 'completed' THEN 1 END) / nullif(count(CASE WHEN s.status <> 'cancelled' THEN 1 END), 0), 1) AS completion,
		coalesce(sum(s.overdue), 0) AS overdue, coalesce(sum(s.at_risk), 0) AS at_risk, coalesce(sum(s.stale), 0) AS stale,
		coalesce(sum(s.due_soon), 0) AS due_soon,
		r.in_progress AS recs_in_progress, r.linked AS recs_linked
		FROM snap s,
		(SELECT count(DISTINCT CASE WHEN x.status = 'in_progress' THEN rm.recommendation_id END) AS in_progress, count(DISTINCT rm.recommendation_id) AS linked
			FROM snap x JOIN recommendation_measures rm ON rm.measure_id = x.id) r`;
	return {
		sql: jsonRow(inner, [...ROLLUP_COLUMNS, ...statusCols, 'completion', 'at_risk', 'stale', 'due_soon', 'recs_in_progress', 'recs_linked']),
		read: (v) => {
			const r = (parseJson(v) ?? {}) as Json;
			return {
				...rollupOf(r),
				byStatus: Object.fromEntries(MEASURE_STATUSES.map((st) => [st, num(r[`st_${st}`])])) as Record<MeasureStatus, number>,
				completionRate: numOrNull(r.completion),
				atRisk: num(r.at_risk),
				stale: num(r.stale),
				dueSoon: num(r.due_soon),
				recommendationsInProgress: num(r.recs_in_progress),
				recommendationsLinked: num(r.recs_linked)
			};
		}
	};
}

/**
 * The key figures of the measures in scope: counts by status, completion rate, weighted progress,
 * overdue / at risk / stale (the rules of `$lib/domain/status`), due soon, recommendations with a
 * measure in progress.
 */
export function kpis(db: Db, scope: Scope, opts: SnapshotOptions): Kpis {
	return runBlocks(db, scope, opts, { k: kpisBlock() }).k;
}

/**
 * Progress updates, indicator values and roll-out stages submitted and not yet reviewed (now, not
 * as of a date): the whole review queue, or with a scope the submissions about its measures.
 */
export function awaitingValidation(db: Db, scope?: Scope): number {
	// Each measure's count is kept at write time (measure_awaiting, migration 0026): a scorecard adds
	// up a few hundred rows instead of counting submitted values across thousands of indicators.
	if (!scope || scope.kind === 'all') return db.get<{ n: number }>(sql`SELECT coalesce(sum(n), 0) AS n FROM measure_awaiting`)?.n ?? 0;
	return (
		db.get<{ n: number }>(
			sql`SELECT coalesce(sum(a.n), 0) AS n FROM measures m CROSS JOIN measure_awaiting a ON a.measure_id = m.id WHERE ${inScope(scope)} AND m.archived_at IS NULL`
		)?.n ?? 0
	);
}
