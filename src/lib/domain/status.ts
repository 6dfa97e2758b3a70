/**
 * Flags derived from a measure's stored fields: overdue, at risk, stale. They are never stored,
 * so they cannot drift from the data. A SQL query computes the same flags for filtering; every
 * rule below is written so it translates one-to-one, with `julianday()` differences for days and
 * `substr(last_validated_at, 1, 10)` for the date of an ISO instant. The SQL form is given on each
 * function; `:today` is the same 'YYYY-MM-DD' string passed here.
 */
import type { MeasureStatus } from './enums';
import { isIsoDate } from './period';

/** At risk when progress is more than this many points behind the straight line start → deadline. */
export const AT_RISK_LAG_POINTS = 15;
/** At risk when no validated update for more than this many days. */
export const AT_RISK_NO_UPDATE_DAYS = 120;
/** Stale when no validated update for more than this many days. */
export const STALE_AFTER_DAYS = 180;
/** Due soon: an open measure whose deadline is today or within this many days (the overview's KPI and /my-work). */
export const DUE_SOON_DAYS = 90;

/** The fields the flags are derived from. */
export interface MeasureFlagInput {
	status: MeasureStatus;
	/** 0..100 */
	progress: number;
	/** 'YYYY-MM-DD' */
	startDate: string;
	/** 'YYYY-MM-DD' */
	deadline: string;
	/** Date or full ISO instant of the last validated update; null if none yet. */
	lastValidatedAt: string | null;
}

export interface MeasureFlags {
	overdue: boolean;
	atRisk: boolean;
	stale: boolean;
}

const DAY_MS = 86_400_000;

/** Days since the epoch for an ISO date or instant (first 10 chars), NaN when not a real date. */
function dayNumber(iso: string): number {
	const day = iso.slice(0, 10);
	// Date.UTC would roll 2023-02-30 over to March: reject it instead, as julianday() gives NULL.
	if (!isIsoDate(day)) return NaN;
	return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

/**
 * Whole days from `a` to `b` (positive when `b` is later), on ISO dates; an ISO instant counts as
 * its first 10 characters (its UTC date). NaN when either is not a real date — like SQL's
 * `julianday(b) - julianday(a)` being NULL, so every comparison on it is false.
 */
export function daysBetween(a: string, b: string): number {
	return dayNumber(b) - dayNumber(a);
}

/** Active = still expected to move: the statuses at-risk applies to. */
const ACTIVE: readonly MeasureStatus[] = ['planned', 'in_progress'];

/**
 * Where progress should be today on a straight line from 0 % at `startDate` to 100 % at
 * `deadline`, clamped to 0..100. When the deadline is not after the start, it is 0 before the
 * deadline and 100 from it.
 * SQL: `CASE WHEN deadline <= start_date THEN (CASE WHEN deadline <= :today THEN 100 ELSE 0 END)
 *  ELSE min(100, max(0, 100.0 * (julianday(:today) - julianday(start_date)) / (julianday(deadline) - julianday(start_date)))) END`.
 */
export function expectedProgress(startDate: string, deadline: string, today: string): number {
	const span = daysBetween(startDate, deadline);
	const elapsed = daysBetween(startDate, today);
	if (Number.isNaN(span) || Number.isNaN(elapsed)) return NaN;
	// A zero-length plan would divide by zero: treat it as a step at the deadline.
	if (span <= 0) return daysBetween(deadline, today) >= 0 ? 100 : 0;
	return Math.min(100, Math.max(0, (100 * elapsed) / span));
}

/**
 * Overdue: the deadline is before today and the status is neither completed nor cancelled
 * (suspended measures can be overdue).
 * SQL: `status NOT IN ('completed','cancelled') AND deadline < :today`.
 */
export function isOverdue(m: MeasureFlagInput, today: string): boolean {
	return m.status !== 'completed' && m.status !== 'cancelled' && daysBetween(m.deadline, today) > 0;
}

/** Days since the last validated update, or since the start when there has been none. */
function daysWithoutUpdate(m: MeasureFlagInput, today: string): number {
	return daysBetween(m.lastValidatedAt ?? m.startDate, today);
}

/**
 * At risk: active (planned or in progress), not yet overdue (overdue is the stronger flag and
 * says it already), and either progress lags the straight line by more than
 * {@link AT_RISK_LAG_POINTS} points, or no validated update for more than
 * {@link AT_RISK_NO_UPDATE_DAYS} days (counted from the start when never updated, so a measure
 * whose start is still ahead is not at risk for silence).
 * SQL: `status IN ('planned','in_progress') AND deadline >= :today AND (<expected> - progress > 15
 *  OR julianday(:today) - julianday(coalesce(substr(last_validated_at,1,10), start_date)) > 120)`.
 */
export function isAtRisk(m: MeasureFlagInput, today: string): boolean {
	if (!ACTIVE.includes(m.status) || isOverdue(m, today)) return false;
	const lag = expectedProgress(m.startDate, m.deadline, today) - m.progress;
	return lag > AT_RISK_LAG_POINTS || daysWithoutUpdate(m, today) > AT_RISK_NO_UPDATE_DAYS;
}

/**
 * Stale: planned, in progress or suspended, and no validated update for more than
 * {@link STALE_AFTER_DAYS} days (a never-updated measure counts from its start date).
 * Independent of overdue and at risk: it says the data, not the measure, needs attention.
 * SQL: `status IN ('planned','in_progress','suspended') AND
 *  julianday(:today) - julianday(coalesce(substr(last_validated_at,1,10), start_date)) > 180`.
 */
export function isStale(m: MeasureFlagInput, today: string): boolean {
	if (m.status === 'completed' || m.status === 'cancelled') return false;
	return daysWithoutUpdate(m, today) > STALE_AFTER_DAYS;
}

/** All three derived flags of a measure on `today` ('YYYY-MM-DD'). */
export function deriveFlags(m: MeasureFlagInput, today: string): MeasureFlags {
	return { overdue: isOverdue(m, today), atRisk: isAtRisk(m, today), stale: isStale(m, today) };
}
