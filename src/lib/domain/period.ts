/**
 * Reporting periods, identified by short codes:
 * `2025` (year), `2025-S1`/`2025-S2` (semester), `2025-Q1`…`2025-Q4` (quarter),
 * `TIP2025` (TIP reporting year: 1 April 2024 – 31 March 2025).
 *
 * Dates are ISO calendar dates (`YYYY-MM-DD`) compared as strings: the format sorts lexically,
 * which is also how SQLite compares them, so no time zone ever enters.
 */
import type { Frequency, Locale } from './enums';
import { m } from '../paraglide/messages';

export type PeriodKind = 'year' | 'semester' | 'quarter' | 'tip';

export interface Period {
	/** The canonical code, e.g. `2025-S1`. */
	code: string;
	kind: PeriodKind;
	/** The year in the code (for `TIP2025`, 2025: the year the TIP period ends). */
	year: number;
	/** 1 for year and TIP, 1-2 for semesters, 1-4 for quarters. */
	index: number;
	/** First day, inclusive, `YYYY-MM-DD`. */
	start: string;
	/** Last day, inclusive, `YYYY-MM-DD`. */
	end: string;
}

/** Years a code may carry; anything else is a typo, not a period the plan will ever report on. */
export const MIN_PERIOD_YEAR = 2000;
export const MAX_PERIOD_YEAR = 2100;

// Anchored, no flags: rejects surrounding spaces, lower case and out-of-range indexes.
const YEAR_RE = /^(\d{4})$/;
const SEMESTER_RE = /^(\d{4})-S([12])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const TIP_RE = /^TIP(\d{4})$/;

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Days in a month, month 1-12 (Date.UTC handles leap years: day 0 of next month). */
function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether `s` is a real calendar date written `YYYY-MM-DD` (so `2023-02-29` is rejected,
 * `2024-02-29` accepted).
 */
export function isIsoDate(s: string): boolean {
	const m = ISO_DATE_RE.exec(s);
	if (!m) return false;
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function inYearRange(year: number): boolean {
	return Number.isInteger(year) && year >= MIN_PERIOD_YEAR && year <= MAX_PERIOD_YEAR;
}

/** Builds the period for `kind`, `year`, `index` (assumed valid). */
function makePeriod(kind: PeriodKind, year: number, index: number): Period {
	switch (kind) {
		case 'year':
			return { code: String(year), kind, year, index: 1, start: `${year}-01-01`, end: `${year}-12-31` };
		case 'semester': {
			const first = (index - 1) * 6 + 1;
			const last = first + 5;
			return {
				code: `${year}-S${index}`,
				kind,
				year,
				index,
				start: `${year}-${pad2(first)}-01`,
				end: `${year}-${pad2(last)}-${pad2(daysInMonth(year, last))}`
			};
		}
		case 'quarter': {
			const first = (index - 1) * 3 + 1;
			const last = first + 2;
			return {
				code: `${year}-Q${index}`,
				kind,
				year,
				index,
				start: `${year}-${pad2(first)}-01`,
				end: `${year}-${pad2(last)}-${pad2(daysInMonth(year, last))}`
			};
		}
		case 'tip':
			// The US TIP report year: named after the year it ends in.
			return { code: `TIP${year}`, kind, year, index: 1, start: `${year - 1}-04-01`, end: `${year}-03-31` };
	}
}

/**
 * Parses a period code strictly: exact case, no surrounding spaces, years 2000-2100.
 * Returns null for anything else (`2025-S3`, `2025-Q0`, ` 2025`, `tip2025`, `1999`).
 */
export function parsePeriod(code: string): Period | null {
	let m: RegExpExecArray | null;
	let kind: PeriodKind;
	let index = 1;
	if ((m = YEAR_RE.exec(code))) kind = 'year';
	else if ((m = SEMESTER_RE.exec(code))) {
		kind = 'semester';
		index = Number(m[2]);
	} else if ((m = QUARTER_RE.exec(code))) {
		kind = 'quarter';
		index = Number(m[2]);
	} else if ((m = TIP_RE.exec(code))) kind = 'tip';
	else return null;
	const year = Number(m[1]);
	if (!inYearRange(year)) return null;
	return makePeriod(kind, year, index);
}

/**
 * Whether `code` is a valid period code. The one definition of a period code: zod schemas refine
 * with it (`z.string().refine(isPeriodCode)`) rather than repeating the pattern.
 */
export function isPeriodCode(code: string): boolean {
	return parsePeriod(code) !== null;
}

/**
 * The same forms as SQLite GLOB patterns, for the `indicator_values` check constraint (SQL has no
 * regular expressions). GLOB cannot bound the year; `parsePeriod` does, on every write's input.
 */
export const PERIOD_CODE_GLOBS: readonly string[] = [
	'[0-9][0-9][0-9][0-9]',
	'[0-9][0-9][0-9][0-9]-S[12]',
	'[0-9][0-9][0-9][0-9]-Q[1-4]',
	'TIP[0-9][0-9][0-9][0-9]'
];

/**
 * Orders periods for display and sorting. Rule: earlier start first; on the same start, the
 * shorter period (earlier end) first, so `2025-Q1` < `2025-S1` < `2025`; then by code.
 * Invalid codes sort after all valid ones, among themselves by plain string order.
 */
export function comparePeriods(a: Period | string, b: Period | string): number {
	const pa = typeof a === 'string' ? parsePeriod(a) : a;
	const pb = typeof b === 'string' ? parsePeriod(b) : b;
	if (!pa || !pb) {
		if (pa) return -1;
		if (pb) return 1;
		return cmp(String(a), String(b));
	}
	return cmp(pa.start, pb.start) || cmp(pa.end, pb.end) || cmp(pa.code, pb.code);
}

function cmp(x: string, y: string): number {
	return x < y ? -1 : x > y ? 1 : 0;
}

/** Returns a new array of the codes sorted with {@link comparePeriods}. */
export function sortPeriods(codes: readonly string[]): string[] {
	return [...codes].sort(comparePeriods);
}

const FREQUENCY_KIND: Record<Frequency, PeriodKind> = {
	annual: 'year',
	semester: 'semester',
	quarter: 'quarter',
	tip_year: 'tip'
};

const PERIODS_PER_YEAR: Record<PeriodKind, number> = { year: 1, semester: 2, quarter: 4, tip: 1 };

/** The kind of period an indicator of this reporting frequency is reported for. */
export function frequencyKind(frequency: Frequency): PeriodKind {
	return FREQUENCY_KIND[frequency];
}

/**
 * Every period code of `frequency` from `fromYear` to `toYear` inclusive, in order
 * (semester 2023..2026 → `2023-S1`, `2023-S2`, …, `2026-S2`; tip 2024..2025 → `TIP2024`, `TIP2025`).
 * Years outside 2000-2100 are left out; an empty range gives [].
 */
export function periodsBetween(frequency: Frequency, fromYear: number, toYear: number): string[] {
	const kind = frequencyKind(frequency);
	const out: string[] = [];
	const from = Math.max(Math.ceil(fromYear), MIN_PERIOD_YEAR);
	const to = Math.min(Math.floor(toYear), MAX_PERIOD_YEAR);
	for (let year = from; year <= to; year++) {
		for (let index = 1; index <= PERIODS_PER_YEAR[kind]; index++) {
			out.push(makePeriod(kind, year, index).code);
		}
	}
	return out;
}

/**
 * Every period of the kind of `from` and `to` between them inclusive, in order (`2018`..`2020` →
 * 2018, 2019, 2020; `2024-S2`..`2025-S2` → 2024-S2, 2025-S1, 2025-S2); null when they are not
 * valid periods of one kind, or `to` is before `from`.
 */
export function periodRange(from: string, to: string): string[] | null {
	const a = parsePeriod(from);
	const b = parsePeriod(to);
	if (!a || !b || a.kind !== b.kind) return null;
	const per = PERIODS_PER_YEAR[a.kind];
	const first = a.year * per + a.index - 1;
	const last = b.year * per + b.index - 1;
	if (last < first) return null;
	const out: string[] = [];
	for (let k = first; k <= last; k++) out.push(makePeriod(a.kind, Math.floor(k / per), (k % per) + 1).code);
	return out;
}

/**
 * The code of the `frequency` period that contains `date` (`YYYY-MM-DD`; a longer ISO instant is
 * cut to its first 10 characters). For TIP, April-December belong to the next year's report:
 * 2024-04-01 → `TIP2025`, 2025-03-31 → `TIP2025`.
 * @throws RangeError when the date is invalid or its period falls outside 2000-2100.
 */
export function periodContaining(date: string, frequency: Frequency): string {
	const day = date.slice(0, 10);
	if (!isIsoDate(day)) throw new RangeError(`Invalid date: ${date}`);
	const year = Number(day.slice(0, 4));
	const month = Number(day.slice(5, 7));
	const kind = frequencyKind(frequency);
	let code: string;
	switch (kind) {
		case 'year':
			code = String(year);
			break;
		case 'semester':
			code = `${year}-S${month <= 6 ? 1 : 2}`;
			break;
		case 'quarter':
			code = `${year}-Q${Math.ceil(month / 3)}`;
			break;
		case 'tip':
			code = `TIP${month >= 4 ? year + 1 : year}`;
			break;
	}
	if (!isPeriodCode(code)) throw new RangeError(`Period out of range for ${date}: ${code}`);
	return code;
}

/** Whether `code` is a valid period of the kind `frequency` reports on (`2025-S1` for semester). */
export function matchesFrequency(code: string, frequency: Frequency): boolean {
	return parsePeriod(code)?.kind === frequencyKind(frequency);
}

// The labels are messages (periods.json): "الأسدس الأول" is the Moroccan semester, "الفصل الثالث" the quarter as HCP writes it.
const SEMESTER_LABELS = [m.period_semester_1, m.period_semester_2] as const;
const QUARTER_LABELS = [m.period_quarter_1, m.period_quarter_2, m.period_quarter_3, m.period_quarter_4] as const;

/**
 * A human label for a period code, Western digits in every locale.
 * fr: `2025`, `S1 2025`, `T3 2025`, `TIP 2025`; en: `2025`, `H1 2025`, `Q3 2025`, `TIP 2025`;
 * ar: `2025`, `الأسدس الأول 2025`, `الفصل الثالث 2025`, `TIP 2025`.
 * An invalid code is returned unchanged so a bad row still shows something.
 */
export function formatPeriod(code: string, locale: Locale): string {
	const p = parsePeriod(code);
	if (!p) return code;
	const o = { locale };
	switch (p.kind) {
		case 'year':
			return String(p.year);
		case 'tip':
			// "TIP" is the report's name in every language; the date span is shown elsewhere.
			return m.period_tip({ year: p.year }, o);
		case 'semester':
			return SEMESTER_LABELS[p.index - 1]!({ year: p.year }, o);
		case 'quarter':
			return QUARTER_LABELS[p.index - 1]!({ year: p.year }, o);
	}
}

/**
 * The periods of `frequency` a figure may be reported for on `today`: from `fromYear` up to the
 * period containing today, latest first (what the entry forms offer).
 */
export function reportablePeriods(frequency: Frequency, today: string, fromYear: number): string[] {
	const now = periodContaining(today, frequency);
	return periodsBetween(frequency, fromYear, Number(today.slice(0, 4)) + 1)
		.filter((p) => comparePeriods(p, now) <= 0)
		.reverse();
}
