/**
 * The derived flags of `$lib/domain/status` as SQL expressions over the `measures` table, so lists
 * and dashboards filter and count them in the query. Same named thresholds; tests check that SQL
 * and the domain functions agree on every measure.
 *
 * Why it looks like this: dashboards evaluate these on thousands of rows, so every comparison that
 * needs no arithmetic compares ISO dates as text, the day thresholds are computed once here, and the
 * one expression that needs date arithmetic (progress behind schedule) is tried last.
 */
import { sql, type SQL } from 'drizzle-orm';
import { AT_RISK_LAG_POINTS, AT_RISK_NO_UPDATE_DAYS, STALE_AFTER_DAYS } from '../domain/status';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' plus `days` (negative to go back). */
function addDays(isoDate: string, days: number): string {
	return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `m` is the alias of the measures table in the query; `today` a 'YYYY-MM-DD' string. */
export function flagSql(today: string, m = 'measures') {
	const col = (c: string) => sql.raw(`${m}.${c}`);
	// "more than N days without a validated update" ⇔ the last one (or the start) is before today − N days
	const lastUpdate = sql`substr(coalesce(${col('last_validated_at')}, ${col('start_date')}), 1, 10)`;
	const staleBefore = addDays(today, -STALE_AFTER_DAYS);
	const riskBefore = addDays(today, -AT_RISK_NO_UPDATE_DAYS);
	const todayJd = Date.parse(`${today}T00:00:00Z`) / DAY_MS + 2440587.5;
	const span = sql`(julianday(${col('deadline')}) - julianday(${col('start_date')}))`;
	const elapsed = sql`(${sql.raw(String(todayJd))} - julianday(${col('start_date')}))`;
	const expected = sql`(CASE WHEN ${col('deadline')} <= ${col('start_date')} THEN (CASE WHEN ${today} >= ${col('deadline')} THEN 100.0 ELSE 0.0 END)
		ELSE min(100.0, max(0.0, 100.0 * ${elapsed} / ${span})) END)`;
	const open = sql`${col('status')} NOT IN ('completed', 'cancelled')`;
	const overdue: SQL<boolean> = sql`(${open} AND ${col('deadline')} < ${today})`;
	const lagging = sql`${expected} - ${col('progress')} > ${sql.raw(String(AT_RISK_LAG_POINTS))}`;
	const behind = sql`(${lastUpdate} < ${riskBefore} OR ${lagging})`;
	const atRisk: SQL<boolean> = sql`(${col('status')} IN ('planned', 'in_progress') AND ${col('deadline')} >= ${today} AND ${behind})`;
	const stale: SQL<boolean> = sql`(${open} AND ${lastUpdate} < ${staleBefore})`;
	return { overdue, atRisk, stale, expected };
}

/**
 * The same flags from the day thresholds the measures table keeps (`stale_from`, `behind_from`, set by
 * triggers from the measure's own columns, migration 0029): text comparisons only, for the current
 * state of thousands of measures. Both flags only turn on as days pass (no update since, expected
 * progress only grows), so "from that day on" says it all; tests check this agrees with `flagSql` on
 * every measure over a range of days, and that the stored dates equal the ones rebuilt from the columns.
 * Not for a historical snapshot: the thresholds follow the measure's current status and progress.
 */
export function storedFlagSql(today: string, m = 'measures') {
	const col = (c: string) => sql.raw(`${m}.${c}`);
	const open = sql`${col('status')} NOT IN ('completed', 'cancelled')`;
	const overdue: SQL<boolean> = sql`(${open} AND ${col('deadline')} < ${today})`;
	const atRisk: SQL<boolean> = sql`(${col('status')} IN ('planned', 'in_progress') AND ${col('deadline')} >= ${today} AND ${col('behind_from')} <= ${today})`;
	const stale: SQL<boolean> = sql`(${open} AND ${col('stale_from')} <= ${today})`;
	return { overdue, atRisk, stale };
}

/**
 * The day thresholds rebuilt from a measure's columns, as the triggers of migration 0029 compute them
 * (the tests compare the stored ones to these). `m` is the measures alias.
 */
export function flagDaysSql(m = 'measures') {
	const col = (c: string) => sql.raw(`${m}.${c}`);
	const lastUpdate = sql`substr(coalesce(${col('last_validated_at')}, ${col('start_date')}), 1, 10)`;
	const lagFrom = sql`(CASE WHEN ${col('deadline')} <= ${col('start_date')} THEN (CASE WHEN 100 - ${col('progress')} > ${sql.raw(String(AT_RISK_LAG_POINTS))} THEN ${col('deadline')} END)
		ELSE date(${col('start_date')}, '+' || ((${col('progress')} + ${sql.raw(String(AT_RISK_LAG_POINTS))}) * CAST(round(julianday(${col('deadline')}) - julianday(${col('start_date')})) AS INTEGER) / 100 + 1) || ' days') END)`;
	return {
		staleFrom: sql<string>`date(${lastUpdate}, ${`+${STALE_AFTER_DAYS + 1} days`})`,
		behindFrom: sql<string>`min(date(${lastUpdate}, ${`+${AT_RISK_NO_UPDATE_DAYS + 1} days`}), coalesce(${lagFrom}, '9999-12-31'))`
	};
}
