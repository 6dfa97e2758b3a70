/**
 * Reporting discipline (what DHIS2 calls reporting rates), for the commission: for each reporting
 * period that has opened, per lead institution and per region, how many progress updates were
 * expected, and how many are missing, drafted, returned, submitted and validated, and how many of
 * those sent were on time (submitted before the end of the due day in Africa/Casablanca) or late.
 *
 * Expected: a measure that is live during the period (started by its end, deadline not before its
 * start), neither cancelled nor archived nor completed before the period began, one update per
 * period from its lead institution. A measure's state for the period is the best it reached:
 * validated, else submitted, returned, drafted, else missing. Each (not archived) indicator of an
 * expected measure likewise expects a value for the period, counted once per indicator × period
 * whatever its region and breakdown rows, at its best state. One grouped query per view: SQL does
 * the counting, never a loop over the rows.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db/client';
import { isPeriodCode, parsePeriod, type PeriodKind } from '../domain/period';
import type { Frequency } from '../domain/enums';
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

const periodParam = z.string().trim().refine(isPeriodCode).optional().catch(undefined);

/** The period a page's `?period=` names among the listed ones, else the latest (null when none has opened). */
export function choosePeriod(periods: PeriodInfo[], query: URLSearchParams): PeriodInfo | null {
	const chosen = periodParam.parse(query.get('period') ?? undefined);
	return periods.find((p) => p.code === chosen) ?? periods[0] ?? null;
}

/** Both kinds' counts, updates then values (`v_` prefix); column names are fixed text, never input. */
const count = (k: 'u' | 'v', p: string) =>
	sql.raw(`sum(cls.kind = '${k}') AS ${p}expected,
	sum(cls.kind = '${k}' AND c = 'missing') AS ${p}missing, sum(cls.kind = '${k}' AND c = 'drafted') AS ${p}drafted,
	sum(cls.kind = '${k}' AND c = 'returned') AS ${p}returned,
	sum(cls.kind = '${k}' AND c = 'submitted') AS ${p}submitted, sum(cls.kind = '${k}' AND c = 'validated') AS ${p}validated,
	sum(cls.kind = '${k}' AND sent_at IS NOT NULL AND sent_at < cutoff) AS ${p}onTime,
	sum(cls.kind = '${k}' AND sent_at IS NOT NULL AND sent_at >= cutoff) AS ${p}late`);
const COUNTS = sql`${count('u', '')}, ${count('v', 'v_')}`;

/** The best state reached, from the `max(state = …)` flags of `reported` (r) and the time it was sent. */
const BEST = sql`CASE WHEN r.v THEN 'validated' WHEN r.s THEN 'submitted' WHEN r.r THEN 'returned' WHEN r.d THEN 'drafted' ELSE 'missing' END AS c,
	CASE WHEN r.v THEN r.v_at WHEN r.s THEN r.s_at END AS sent_at`;

/** Per item × period of `table`: which states it reached and when it was first sent (fixed names, never input). */
const flags = (key: string, reviewed: string, table: string) =>
	sql.raw(`SELECT ${key}, period,
		max(state = 'validated') AS v, max(state = 'submitted') AS s, max(state = 'returned') AS r, max(state = 'draft') AS d,
		min(CASE WHEN state = 'validated' THEN coalesce(submitted_at, ${reviewed}) END) AS v_at,
		min(CASE WHEN state = 'submitted' THEN submitted_at END) AS s_at
	FROM ${table} WHERE period IN (SELECT code FROM p) GROUP BY ${key}, period`);

/** The indicator frequency a period of each kind expects a value of: an annual indicator is not due every semester. */
const FREQUENCY_OF: Record<PeriodKind, Frequency> = { year: 'annual', semester: 'semester', quarter: 'quarter', tip: 'tip_year' };

/**
 * The classified expected items as a CTE `cls`, for the given periods (and one lead institution):
 * kind 'u' = a measure's progress update, kind 'v' = a value of one of its indicators (not
 * archived, of the period's frequency) for the period itself, whatever its region or breakdown rows. `item` is the measure or
 * the indicator id.
 */
function classified(periods: PeriodInfo[], institutionId?: number) {
	const rows = periods.flatMap((p) => {
		const b = parsePeriod(p.code);
		// The end of the due day in Casablanca, as the UTC instant `submitted_at` is written in.
		return b ? [sql`(${p.code}, ${b.start}, ${b.end}, ${startOfDayUtc(addDays(p.dueOn, 1))}, ${FREQUENCY_OF[b.kind]})`] : [];
	});
	const lead = institutionId == null ? sql`` : sql`AND m.lead_institution_id = ${institutionId}`;
	return sql`WITH p(code, start, finish, cutoff, frequency) AS (VALUES ${sql.join(rows, sql`, `)}),
		expected AS (
			SELECT m.id AS measure_id, m.lead_institution_id AS inst, p.code AS period, p.cutoff, p.frequency
			FROM measures m JOIN p ON m.start_date <= p.finish AND m.deadline >= p.start
			WHERE m.archived_at IS NULL AND m.status <> 'cancelled' ${lead}
				AND NOT (m.status = 'completed' AND m.last_validated_at IS NOT NULL AND m.last_validated_at < p.start)
		),
		reported AS (${flags('measure_id', 'reviewed_at', 'progress_updates')}),
		valued AS (${flags('indicator_id', 'validated_at', 'indicator_values')}),
		cls AS (
			SELECT 'u' AS kind, e.measure_id AS item, e.measure_id, e.inst, e.period, e.cutoff, ${BEST}
			FROM expected e LEFT JOIN reported r ON r.measure_id = e.measure_id AND r.period = e.period
			UNION ALL
			SELECT 'v', i.id, e.measure_id, e.inst, e.period, e.cutoff, ${BEST}
			FROM expected e JOIN indicators i ON i.measure_id = e.measure_id AND i.archived_at IS NULL AND i.frequency = e.frequency
				LEFT JOIN valued r ON r.indicator_id = i.id AND r.period = e.period
		)`;
}

const num = (v: unknown) => Number(v ?? 0);
const countsOf = (r: Record<string, unknown>, p: string): DisciplineCounts => ({
	expected: num(r[`${p}expected`]),
	missing: num(r[`${p}missing`]),
	drafted: num(r[`${p}drafted`]),
	returned: num(r[`${p}returned`]),
	submitted: num(r[`${p}submitted`]),
	validated: num(r[`${p}validated`]),
	onTime: num(r[`${p}onTime`]),
	late: num(r[`${p}late`])
});
/** The row's update counts at the top level (as before values were counted), its values' in `values`. */
const toCounts = <T extends Record<string, unknown>>(r: T) => {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(r)) if (!k.startsWith('v_')) out[k] = v;
	return { ...out, ...countsOf(r, ''), values: countsOf(r, 'v_') } as T & DisciplineCounts & { values: DisciplineCounts };
};

const INSTITUTION_COLUMNS = sql`i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn,
	i.acronym_fr AS acronymFr, i.acronym_ar AS acronymAr, i.acronym_en AS acronymEn,
	i.short_name_fr AS shortNameFr, i.short_name_ar AS shortNameAr, i.short_name_en AS shortNameEn`;

/** Per period × lead institution (or for one institution), with the institution's names for the page. */
export function byInstitution(db: Db, periods: PeriodInfo[], institutionId?: number) {
	if (periods.length === 0) return [];
	return db
		.all<Record<string, unknown> & { period: string; code: string } & InstitutionNames>(
			sql`${classified(periods, institutionId)}
			SELECT cls.period, ${INSTITUTION_COLUMNS}, ${COUNTS}
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

export type ItemState = 'missing' | 'drafted' | 'returned' | 'submitted' | 'validated';
export interface DisciplineItem {
	kind: 'update' | 'value';
	measureCode: string;
	titleFr: string;
	titleAr: string | null;
	titleEn: string | null;
	/** the indicator, for a value */
	indicatorCode: string | null;
	nameFr: string | null;
	nameAr: string | null;
	nameEn: string | null;
	state: ItemState;
	sentAt: string | null;
	/** null when nothing was sent */
	onTime: boolean | null;
}

/** One institution's expected items in one period with their state: each measure's update, then its indicators' values. */
export function itemsOf(db: Db, period: PeriodInfo, institutionId: number): DisciplineItem[] {
	return db
		.all<Omit<DisciplineItem, 'onTime'> & { onTime: number | null }>(
			sql`${classified([period], institutionId)}
			SELECT CASE cls.kind WHEN 'u' THEN 'update' ELSE 'value' END AS kind,
				m.code AS measureCode, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn,
				ind.code AS indicatorCode, ind.name_fr AS nameFr, ind.name_ar AS nameAr, ind.name_en AS nameEn,
				cls.c AS state, cls.sent_at AS sentAt, CASE WHEN cls.sent_at IS NULL THEN NULL ELSE cls.sent_at < cls.cutoff END AS onTime
			FROM cls JOIN measures m ON m.id = cls.measure_id LEFT JOIN indicators ind ON cls.kind = 'v' AND ind.id = cls.item
			ORDER BY m.code, cls.kind, ind.code`
		)
		.map((r) => ({ ...r, onTime: r.onTime == null ? null : r.onTime === 1 }));
}

/** Share of expected updates submitted or validated, 0-100 (null when nothing was expected). */
export function rate(c: DisciplineCounts): number | null {
	return c.expected ? Math.round((100 * (c.submitted + c.validated)) / c.expected) : null;
}
