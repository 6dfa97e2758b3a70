/**
 * The derived flags of `$lib/domain/status` as SQL expressions over the `measures` table, so lists
 * and dashboards filter and count them in the query. Same named thresholds; a test checks that SQL
 * and the domain functions agree on every measure.
 */
import { sql, type SQL } from 'drizzle-orm';
import { AT_RISK_LAG_POINTS, AT_RISK_NO_UPDATE_DAYS, STALE_AFTER_DAYS } from '../domain/status';

/** `m` is the alias of the measures table in the query; `today` a 'YYYY-MM-DD' string. */
export function flagSql(today: string, m = 'measures') {
	const t = sql`julianday(${today})`;
	const col = (c: string) => sql.raw(`${m}.${c}`);
	const span = sql`(julianday(${col('deadline')}) - julianday(${col('start_date')}))`;
	const elapsed = sql`(${t} - julianday(${col('start_date')}))`;
	const expected = sql`(CASE WHEN ${span} <= 0 THEN (CASE WHEN ${t} >= julianday(${col('deadline')}) THEN 100.0 ELSE 0.0 END) ELSE min(100.0, max(0.0, 100.0 * ${elapsed} / ${span})) END)`;
	const daysWithoutUpdate = sql`(${t} - julianday(substr(coalesce(${col('last_validated_at')}, ${col('start_date')}), 1, 10)))`;
	const open = sql`${col('status')} NOT IN ('completed', 'cancelled')`;
	const overdue: SQL<boolean> = sql`(${open} AND ${t} - julianday(${col('deadline')}) > 0)`;
	const atRisk: SQL<boolean> = sql`(${col('status')} IN ('planned', 'in_progress') AND NOT ${overdue} AND (${expected} - ${col('progress')} > ${sql.raw(String(AT_RISK_LAG_POINTS))} OR ${daysWithoutUpdate} > ${sql.raw(String(AT_RISK_NO_UPDATE_DAYS))}))`;
	const stale: SQL<boolean> = sql`(${open} AND ${daysWithoutUpdate} > ${sql.raw(String(STALE_AFTER_DAYS))})`;
	return { overdue, atRisk, stale, expected };
}
