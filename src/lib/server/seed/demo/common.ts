/**
 * What every part of the demonstration generator shares: its fixed seed and "today", the seeded random
 * streams, the date arithmetic (no clock) and the context an insertion step reads.
 */
import type { Db } from '../../db/client';
import type { Locale, MeasureStatus, Pillar, WorkflowState } from '../../../domain/enums';
import { parsePeriod, periodsBetween } from '../../../domain/period';
import { stream as seededStream } from '../../../domain/random';
import type { DemoCatalogueFile, DemoMeasure, DemoText, SeedFiles } from '../../../schemas/seed';

/** Fixed seed of the demonstration generator. */
export const DEMO_SEED = 20260720;
/** The demonstration's "today": periods up to 2026-S1 are reported, 2026-S1 is still being validated. */
export const DEMO_TODAY = '2026-07-20';
/** The plan the demonstration structure is generated under. */
export const DEMO_PLAN = 'PN-2023-2030';
/** Semesters with demonstration values and updates. */
export const DEMO_SEMESTERS = periodsBetween('semester', 2023, 2026).filter((p) => p <= '2026-S1');
/** Years with demonstration values for annual indicators. */
export const DEMO_YEARS = ['2023', '2024', '2025'];
/** Reporting periods the commission has opened (2023-S1 … 2026-S2). */
export const REPORTING_PERIOD_CODES = periodsBetween('semester', 2023, 2026);

// ─── deterministic randomness and dates ─────────────────────────────────────────────────────────

export class Rng {
	private readonly next: () => number;
	constructor(key: string) {
		this.next = seededStream(DEMO_SEED, key);
	}
	float(): number {
		return this.next();
	}
	range(min: number, max: number): number {
		return min + (max - min) * this.next();
	}
	int(min: number, max: number): number {
		return Math.floor(this.range(min, max + 1));
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}
}

const DAY_MS = 86_400_000;
export const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => fromMs(dayMs(date) + days * DAY_MS);
export const minDate = (a: string, b: string) => (a < b ? a : b);
export const at = (date: string, hour: number, minute = 0) => `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
/** Timestamps never reach the demonstration's today. */
export const LAST_DAY = addDays(DEMO_TODAY, -1);

export function bounds(code: string): { start: string; end: string } {
	const p = parsePeriod(code);
	if (!p) throw new Error(`Seed: invalid period code ${code}`);
	return { start: p.start, end: p.end };
}
export const semesterEnd = (p: string) => bounds(p).end;

/** Submission and review instants for a report on period `period` (within its reporting window, before today). */
export function reportTimes(rng: Rng, period: string): { submittedAt: string; reviewedAt: string; createdAt: string } {
	const end = bounds(period).end;
	const latest = period === '2026-S1';
	const submitted = minDate(addDays(end, latest ? rng.int(3, 9) : rng.int(6, 28)), addDays(LAST_DAY, -2));
	const reviewed = minDate(addDays(submitted, latest ? rng.int(1, 6) : rng.int(2, 14)), LAST_DAY);
	return {
		createdAt: at(addDays(submitted, -rng.int(1, 4)), 9, rng.int(0, 59)),
		submittedAt: at(submitted, 10, rng.int(0, 59)),
		reviewedAt: at(reviewed, 15, rng.int(0, 59))
	};
}

// ─── texts ──────────────────────────────────────────────────────────────────────────────────────

/** Replaces `{t}` by the measure's target group (`{T}`: capitalised, to start a French label). */
export const fill = (text: string, target: DemoText | undefined, locale: Locale): string => {
	if (!target) return text;
	const t = target[locale];
	return text.replaceAll('{T}', t.charAt(0).toUpperCase() + t.slice(1)).replaceAll('{t}', t);
};

/** Fills the `{name}` placeholders of a catalogue narrative. */
export const template = (text: string, values: Record<string, string | number>): string =>
	text.replace(/\{(\w+)\}/g, (all, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : all));

export interface Narrative {
	fr: string;
	ar: string | null;
	en: string | null;
}

// ─── the generation's state ─────────────────────────────────────────────────────────────────────

/** A measure of the catalogue, its region group resolved to ISO codes. */
export type MeasureTpl = Omit<DemoMeasure, 'regions'> & { regions?: readonly string[] };

export interface PlannedUpdate {
	period: string;
	status: MeasureStatus;
	progress: number;
	state: WorkflowState;
	narrative: Narrative;
	reviewComment: string | null;
}

/** One measure as the generator decided it: dates, weight, validated history, final state. */
export interface MeasurePlan {
	code: string;
	objectiveCode: string;
	tpl: MeasureTpl;
	pillar: Pillar;
	start: string;
	deadline: string;
	weight: number;
	updates: PlannedUpdate[];
	/** progress (0-100) at the end of each semester, for indicator trajectories */
	progressAt: (date: string) => number;
	/** the last period values are reported for (a stopped measure reports no more) */
	lastReportedPeriod: string;
	final: { status: MeasureStatus; progress: number };
}

/** What the insertion steps read: the database, the files, the ids of the public record, the accounts. */
export interface DemoContext {
	db: Db;
	files: SeedFiles;
	catalogue: DemoCatalogueFile;
	/** the value of `key` in `map`, or an error naming the `what` that is missing */
	need: <T>(map: Map<string, T>, key: string, what: string) => T;
	regionId: Map<string, number>;
	instId: Map<string, number>;
	/** the instant the demonstration structure was created */
	created: string;
}

/** The context's accounts: who reviews, who reports for an institution. */
export interface DemoPeople {
	reviewer: number;
	focalPoints: (institution: string) => number[];
}

export function insertChunked<T extends Parameters<Db['insert']>[0]>(db: Db, table: T, rows: T['$inferInsert'][], size = 400): void {
	for (let i = 0; i < rows.length; i += size) db.insert(table).values(rows.slice(i, i + size)).run();
}
