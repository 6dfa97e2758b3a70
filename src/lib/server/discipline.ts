/**
 * Reporting discipline (what DHIS2 calls reporting rates), for the commission: for each reporting
 * period that has opened, per lead institution and per region, how many progress updates were
 * expected, and how many are missing, drafted, returned, submitted and validated, and how many of
 * those sent were on time (submitted before the end of the due day in Africa/Casablanca) or late.
 *
 * Expected: a measure that is live during the period (started by its end, deadline not before its
 * start), neither cancelled nor archived nor completed before the period began, one update per
 * period from its lead institution. A measure's state for the period is the best it reached:
 * validated, else submitted, returned, drafted, else missing. One grouped query per table.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { parsePeriod } from '../domain/period';
import { addDays, startOfDayUtc } from '../domain/calendar';
import type { InstitutionNames } from '../domain/institution-label';

export interface DisciplineCounts {
	expected: number;
	missing: number;
	drafted: number;
	returned: number;
	submitted: number;
	validated: number;
	onTime: number;
	late: number;
}
export interface PeriodInfo {
	code: string;
	dueOn: string;
	closedAt: string | null;
	open: boolean;
}

/** Periods that have opened by `today`, latest first (at most `limit`). */
export function periodsOf(db: Db, today: string, limit = 6): PeriodInfo[] {
	return db
		.all<{ code: string; dueOn: string; closedAt: string | null }>(
			sql`SELECT code, due_on AS dueOn, closed_at AS closedAt FROM reporting_periods WHERE opens_on <= ${today} ORDER BY opens_on DESC, code DESC LIMIT ${limit}`
		)
		.map((p) => ({ ...p, open: p.closedAt == null }));
}

const COUNTS = sql`count(*) AS expected,
	sum(c = 'missing') AS missing, sum(c = 'drafted') AS drafted, sum(c = 'returned') AS returned,
	sum(c = 'submitted') AS submitted, sum(c = 'validated') AS validated,
	sum(sent_at IS NOT NULL AND sent_at < cutoff) AS onTime, sum(sent_at IS NOT NULL AND sent_at >= cutoff) AS late`;

/** The classified (measure × period) rows as a CTE, for the given periods. */
function classified(periods: PeriodInfo[]) {
	const rows = periods.flatMap((p) => {
		const b = parsePeriod(p.code);
		// The end of the due day in Casablanca, as the UTC instant `submitted_at` is written in.
		return b ? [sql`(${p.code}, ${b.start}, ${b.end}, ${startOfDayUtc(addDays(p.dueOn, 1))})`] : [];
	});
	return sql`WITH p(code, start, finish, cutoff) AS (VALUES ${sql.join(rows, sql`, `)}),
		expected AS (
			SELECT m.id AS measure_id, m.lead_institution_id AS inst, p.code AS period, p.cutoff
			FROM measures m JOIN p ON m.start_date <= p.finish AND m.deadline >= p.start
			WHERE m.archived_at IS NULL AND m.status <> 'cancelled'
				AND NOT (m.status = 'completed' AND m.last_validated_at IS NOT NULL AND m.last_validated_at < p.start)
		),
		reported AS (
			SELECT measure_id, period,
				max(state = 'validated') AS v, max(state = 'submitted') AS s, max(state = 'returned') AS r, max(state = 'draft') AS d,
				min(CASE WHEN state = 'validated' THEN coalesce(submitted_at, reviewed_at) END) AS v_at,
				min(CASE WHEN state = 'submitted' THEN submitted_at END) AS s_at
			FROM progress_updates WHERE period IN (SELECT code FROM p) GROUP BY measure_id, period
		),
		cls AS (
			SELECT e.measure_id, e.inst, e.period, e.cutoff,
				CASE WHEN r.v THEN 'validated' WHEN r.s THEN 'submitted' WHEN r.r THEN 'returned' WHEN r.d THEN 'drafted' ELSE 'missing' END AS c,
				CASE WHEN r.v THEN r.v_at WHEN r.s THEN r.s_at END AS sent_at
			FROM expected e LEFT JOIN reported r ON r.measure_id = e.measure_id AND r.period = e.period
		)`;
}

const toCounts = <T extends Record<string, unknown>>(r: T) =>
	({
		...r,
		expected: Number(r.expected),
		missing: Number(r.missing ?? 0),
		drafted: Number(r.drafted ?? 0),
		returned: Number(r.returned ?? 0),
		submitted: Number(r.submitted ?? 0),
		validated: Number(r.validated ?? 0),
		onTime: Number(r.onTime ?? 0),
		late: Number(r.late ?? 0)
	}) as T & DisciplineCounts;

/** Per period × lead institution, with the institution's names for the page. */
export function byInstitution(db: Db, periods: PeriodInfo[]) {
	if (periods.length === 0) return [];
	return db
		.all<Record<string, unknown> & { period: string; code: string } & InstitutionNames>(
			sql`${classified(periods)}
			SELECT cls.period, i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.acronym_fr AS acronymFr, i.acronym_ar AS acronymAr, i.acronym_en AS acronymEn,
				i.short_name_fr AS shortNameFr, i.short_name_ar AS shortNameAr, i.short_name_en AS shortNameEn, ${COUNTS}
			FROM cls JOIN institutions i ON i.id = cls.inst
			GROUP BY cls.period, i.id ORDER BY cls.period DESC, i.code`
		)
		.map(toCounts);
}

/** Per period × region the measure concerns (a measure with no region counts as national: `iso` null). */
export function byRegion(db: Db, periods: PeriodInfo[]) {
	if (periods.length === 0) return [];
	return db
		.all<Record<string, unknown> & { period: string; iso: string | null; nameFr: string | null; nameAr: string | null; nameEn: string | null }>(
			sql`${classified(periods)}
			SELECT cls.period, g.iso, g.name_fr AS nameFr, g.name_ar AS nameAr, g.name_en AS nameEn, ${COUNTS}
			FROM cls LEFT JOIN measure_regions mr ON mr.measure_id = cls.measure_id LEFT JOIN regions g ON g.id = mr.region_id
			GROUP BY cls.period, g.id ORDER BY cls.period DESC, g.sort_order IS NULL, g.sort_order`
		)
		.map(toCounts);
}

/** Share of expected updates submitted or validated, 0-100 (null when nothing was expected). */
export function rate(c: DisciplineCounts): number | null {
	return c.expected ? Math.round((100 * (c.submitted + c.validated)) / c.expected) : null;
}
