/**
 * Reading JSON blocks: one statement per page, each block a JSON value read into typed rows; the label readers.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { type Scope, type SnapshotOptions, snapshotCte } from './snapshot';
import { weightedProgressSql } from '../progress-sql';
import { sqlJson } from '../db/json';

// ─── Reading JSON rows ──────────────────────────────────────────────────────────────────────────

export type Json = Record<string, unknown>;
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
export const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));
export const str = (v: unknown): string => (v == null ? '' : String(v));
export const strOrNull = (v: unknown): string | null => (v == null ? null : String(v));

/** `(SELECT json_group_array(json_object('a', a, …)) FROM (inner))`: the rows of `inner`, in its order. */
export function jsonRows(inner: SQL, columns: readonly string[]): SQL {
	const pairs = sql.raw(columns.map((c) => `'${c}', "${c}"`).join(', '));
	return sql`(SELECT json_group_array(json_object(${pairs})) FROM (${inner}))`;
}
/** `(SELECT json_object('a', a, …) FROM (inner))`: the one row of `inner`. */
export function jsonRow(inner: SQL, columns: readonly string[]): SQL {
	const pairs = sql.raw(columns.map((c) => `'${c}', "${c}"`).join(', '));
	return sql`(SELECT json_object(${pairs}) FROM (${inner}))`;
}
/** A block's JSON value (`sqlJson`, the one reader of JSON that SQL built). */
export const parseJson = (v: unknown): unknown => sqlJson<unknown>(v);
export function rows(v: unknown): Json[] {
	const parsed = parseJson(v);
	return Array.isArray(parsed) ? (parsed as Json[]) : [];
}

/** One block of a page: a JSON-valued scalar expression over `snap`, and how to read its value. */
export interface Block<T> {
	sql: SQL;
	read: (value: unknown) => T;
}
type Results<B> = { [K in keyof B]: B[K] extends Block<infer T> ? T : never };

/**
 * Runs the blocks of a page over one snapshot, in one statement: the snapshot (and its flags) is
 * computed once; each block comes back as one JSON column.
 */
export function runBlocks<B extends Record<string, Block<unknown>>>(db: Db, scope: Scope, opts: SnapshotOptions, blocks: B): Results<B> {
	const names = Object.keys(blocks);
	const row =
		db.get<Json>(
			sql`WITH ${snapshotCte(scope, opts)} SELECT ${sql.join(
				names.map((n) => sql`${blocks[n]!.sql} AS ${sql.identifier(n)}`),
				sql`, `
			)}`
		) ?? {};
	return Object.fromEntries(names.map((n) => [n, blocks[n]!.read(row[n])])) as Results<B>;
}

// SQL aggregate snippets over a snapshot alias.
export function agg(a = 's') {
	const c = (col: string) => sql.raw(`${a}.${col}`);
	return {
		count: sql`count(${c('id')})`,
		progress: weightedProgressSql(a),
		completed: sql`count(CASE WHEN ${c('status')} = 'completed' THEN 1 END)`,
		inProgress: sql`count(CASE WHEN ${c('status')} = 'in_progress' THEN 1 END)`,
		demo: sql`count(CASE WHEN ${c('is_demo')} THEN 1 END)`
	};
}

// ─── Rows ───────────────────────────────────────────────────────────────────────────────────────

/** Per-language labels, as stored. */
export interface Titles {
	titleFr: string;
	titleAr: string | null;
	titleEn: string | null;
}
export interface Names {
	nameFr: string;
	nameAr: string | null;
	nameEn: string | null;
}
export interface InstitutionLabel extends Names {
	code: string;
	acronymFr: string | null;
	acronymAr: string | null;
	acronymEn: string | null;
	shortNameFr: string | null;
	shortNameAr: string | null;
	shortNameEn: string | null;
}

/** The acronym and short-name columns of an institution row, in each language (see domain/institution-label.ts). */
export const INSTITUTION_LABEL_COLS = ['acronymFr', 'acronymAr', 'acronymEn', 'shortNameFr', 'shortNameAr', 'shortNameEn'] as const;
export function labelsOf(r: Json, prefix = ''): Pick<InstitutionLabel, (typeof INSTITUTION_LABEL_COLS)[number]> {
	const get = (c: string) => strOrNull(r[prefix ? `${prefix}${c[0]!.toUpperCase()}${c.slice(1)}` : c]);
	return {
		acronymFr: get('acronymFr'),
		acronymAr: get('acronymAr'),
		acronymEn: get('acronymEn'),
		shortNameFr: get('shortNameFr'),
		shortNameAr: get('shortNameAr'),
		shortNameEn: get('shortNameEn')
	};
}
export const titlesOf = (r: Json): Titles => ({ titleFr: str(r.titleFr), titleAr: strOrNull(r.titleAr), titleEn: strOrNull(r.titleEn) });
export const namesOf = (r: Json): Names => ({ nameFr: str(r.nameFr), nameAr: strOrNull(r.nameAr), nameEn: strOrNull(r.nameEn) });

/** Counts and weighted progress of a group of measures. */

/** The counts every roll-up row carries, and how one is read back (`prefix` for a row holding two). */
export interface Rollup {
	measures: number;
	completed: number;
	/** weighted mean progress 0..100 of non-cancelled measures; null when none counts */
	progress: number | null;
	overdue: number;
	/** measures flagged as demonstration data */
	demo: number;
}
export const ROLLUP_COLUMNS = ['measures', 'completed', 'progress', 'overdue', 'demo'] as const;
export function rollupOf(r: Json, prefix = ''): Rollup {
	return {
		measures: num(r[`${prefix}measures`]),
		completed: num(r[`${prefix}completed`]),
		progress: numOrNull(r[`${prefix}progress`]),
		overdue: num(r[`${prefix}overdue`]),
		demo: num(r[`${prefix}demo`])
	};
}
