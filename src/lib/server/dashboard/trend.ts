/**
 * The progress trend over reporting periods.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { parsePeriod, periodsBetween } from '../../domain/period';
import { type Scope, type SnapshotOptions, referenceDay, inScope, periodEndSql, nextDay, unpacked } from './snapshot';
import { type Json, num, numOrNull, str } from './blocks';
import { weightedProgressSql } from '../progress-sql';

// ─── Trend over periods ─────────────────────────────────────────────────────────────────────────

export interface TrendPoint {
	period: string;
	/** weighted progress 0..100 of the measures started by the end of the period */
	progress: number | null;
	completed: number;
	measures: number;
}

/**
 * The semesters a trend runs over: from `fromYear` to the semester containing the reference day (or
 * the selected period, if earlier), at most `max` of them (the latest).
 */
export function trendPeriods(fromYear: number, opts: SnapshotOptions, max = 16): { code: string; end: string }[] {
	const day = referenceDay(opts);
	const bound = opts.period ? parsePeriod(opts.period)?.end : undefined;
	const last = bound && bound < day ? bound : day;
	return periodsBetween('semester', fromYear, Number(last.slice(0, 4)))
		.map((c) => parsePeriod(c)!)
		.filter((p) => p.start <= last)
		.slice(-max)
		.map((p) => ({ code: p.code, end: p.end }));
}

/**
 * Weighted progress of the measures in scope at the end of each semester, as the period snapshot
 * gives it: for each measure, its latest validated update reported on that semester or an earlier
 * one (a measure started by then and not yet reported counts as planned at 0 %).
 *
 * Read from the state maintained at write time (`measure_semester_states`): each measure's changes
 * at the semester ends where its state changes, summed per semester end with the measure's weight
 * and counted from the later of that end and its start; a semester's figures are the sums of every
 * change up to its end. As of a date, the state is the one validated by then, which the maintained
 * state does not keep: that trend is rebuilt from history (`progressTrendFromHistory`).
 */
export function progressTrend(db: Db, scope: Scope, opts: SnapshotOptions, fromYear = 2023): TrendPoint[] {
	if (opts.asOf) return progressTrendFromHistory(db, scope, opts, fromYear);
	const periods = trendPeriods(fromYear, opts);
	if (periods.length === 0) return [];
	// The semester end on or after the measure's start: from then on it counts (as planned at 0 %).
	const startEnd = sql.raw(`substr(m.start_date, 1, 4) || CASE WHEN substr(m.start_date, 6) <= '06-30' THEN '-06-30' ELSE '-12-31' END`);
	const out = db.all<Json>(sql`
		WITH periods(code, pend) AS (VALUES ${periodValues(periods)}),
		ms AS MATERIALIZED (SELECT m.id, m.weight, ${startEnd} AS k FROM measures m WHERE ${inScope(scope)} AND m.archived_at IS NULL),
		d AS (
			SELECT ms.k, count(*) AS n, 0 AS dc, sum(ms.weight) AS dw, 0 AS dpw FROM ms GROUP BY ms.k
			UNION ALL
			SELECT max(s.semester_end, ms.k) AS k, 0, sum(s.d_completed), sum(s.d_active * ms.weight), sum(s.d_progress * ms.weight)
			FROM ms JOIN measure_semester_states s ON s.measure_id = ms.id GROUP BY 1
		),
		g AS (SELECT d.k, sum(d.n) AS n, sum(d.dc) AS dc, sum(d.dw) AS dw, sum(d.dpw) AS dpw FROM d WHERE d.k IS NOT NULL GROUP BY d.k)
		SELECT p.code AS period, coalesce(sum(g.n), 0) AS measures, coalesce(sum(g.dc), 0) AS completed, round(sum(g.dpw) / nullif(sum(g.dw), 0), 1) AS progress
		FROM periods p LEFT JOIN g ON g.k <= p.pend GROUP BY p.code, p.pend ORDER BY p.pend`);
	return trendPoints(out);
}

function periodValues(periods: { code: string; end: string }[]): SQL {
	return sql.join(
		periods.map((p) => sql`(${p.code}, ${p.end})`),
		sql`, `
	);
}

function trendPoints(out: Json[]): TrendPoint[] {
	return out.map((r) => ({ period: str(r.period), progress: numOrNull(r.progress), completed: num(r.completed), measures: num(r.measures) }));
}

/**
 * The same trend rebuilt from every measure's validated history, optionally as of a date. One
 * statement: the semesters are a VALUES list joined to the measures, each pair resolved by a backward
 * search of the covering update index that stops at the first report on a period ended by then.
 */
export function progressTrendFromHistory(db: Db, scope: Scope, opts: SnapshotOptions, fromYear = 2023): TrendPoint[] {
	const periods = trendPeriods(fromYear, opts);
	if (periods.length === 0) return [];
	const values = periodValues(periods);
	const conds: SQL[] = [sql`x.measure_id = ms.id`, sql`x.state = 'validated'`, sql`${periodEndSql('x.period')} <= p.pend`];
	if (opts.asOf) conds.push(sql`x.reviewed_at < ${nextDay(opts.asOf)}`);
	const packed = sql`(SELECT x.status || '|' || x.progress || '|' || x.reviewed_at
		FROM progress_updates x WHERE ${sql.join(conds, sql` AND `)} ORDER BY x.reviewed_at DESC LIMIT 1)`;
	const out = db.all<Json>(sql`
		WITH periods(code, pend) AS (VALUES ${values}),
		ms AS MATERIALIZED (SELECT m.id, m.weight, m.start_date FROM measures m WHERE ${inScope(scope)} AND m.archived_at IS NULL),
		r AS MATERIALIZED (SELECT p.code, ms.weight, ${packed} AS packed FROM ms CROSS JOIN periods p ON ms.start_date <= p.pend),
		g AS (
			SELECT t.code, count(*) AS measures, count(CASE WHEN t.status = 'completed' THEN 1 END) AS completed,
				${weightedProgressSql('t')} AS progress
			FROM (SELECT r.code, r.weight, ${unpacked} FROM r) t GROUP BY t.code
		)
		SELECT p.code AS period, coalesce(g.measures, 0) AS measures, coalesce(g.completed, 0) AS completed, g.progress
		FROM periods p LEFT JOIN g ON g.code = p.code ORDER BY p.pend`);
	return trendPoints(out);
}
