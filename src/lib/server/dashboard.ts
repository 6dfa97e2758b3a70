/**
 * Dashboard read models: the overview, the axis / institution / region / recommendation scorecards,
 * the regional roll-out and the indicator explorer.
 *
 * Every block is grouped SQL over a *snapshot* of the measures in scope, and the blocks of one page
 * share one statement:
 *
 *   WITH snap AS (… each measure in scope: status, progress, last validated update, derived flags …),
 *        cube AS (… snap summed per objective × lead × status …)
 *   SELECT (… block 1 as JSON …) AS kpis, (… block 2 …) AS byAxis, …
 *
 * The snapshot is the measures table itself by default (it carries the latest validated update; a
 * covering index keeps the scan narrow), or, "as of" a date or a reporting period, the latest
 * validated `progress_update` reviewed by then (one search of the covering
 * `(measure_id, state, reviewed_at, period, status, progress)` index per measure): no hand-kept
 * snapshots. Each block comes back as a JSON value and is read into typed rows here. The derived
 * flags come from `flagSql`, the SQL mirror of `$lib/domain/status` (same thresholds). Nothing
 * loops over measures in JavaScript and nothing queries once per row.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './db/client';
import { flagSql } from './flags-sql';
import { MEASURE_STATUSES, ROLLOUT_STAGES, type MeasureStatus, type RolloutStage } from '../domain/enums';
import { parsePeriod, periodsBetween } from '../domain/period';
import { suppressSmallCells } from '../domain/confidentiality';
import { indicatorBreakdowns, type IndicatorBreakdowns } from './breakdowns';
import { ratePer100k, type Source } from '../domain/breakdown';

/** Deadlines shown as "due soon": within this many days of the reference day. */
export const DUE_SOON_DAYS = 90;
/** Rows shown in the overview's deadline tables. */
export const TABLE_LIMIT = 15;
/** Rows shown in a scorecard's measure table (the measures list has them all). */
export const SCORECARD_MEASURE_LIMIT = 50;
export const SCORECARD_INDICATOR_LIMIT = 20;

// ─── Scope and snapshot ─────────────────────────────────────────────────────────────────────────

/** Which measures a block is about. */
export type Scope =
	| { kind: 'all' }
	/** the measures under the plan's axes, and those answering the plan's recommendations */
	| { kind: 'plan'; planId: number }
	| { kind: 'axis'; axisId: number }
	| { kind: 'lead'; institutionId: number }
	| { kind: 'contributor'; institutionId: number }
	| { kind: 'region'; regionId: number }
	| { kind: 'recommendation'; recommendationId: number }
	/** every measure linked to a recommendation (the recommendations table of the overview) */
	| { kind: 'recommended' };

/** When the figures are taken. */
export interface SnapshotOptions {
	/** 'YYYY-MM-DD': the reference day for overdue, at risk and due soon */
	today: string;
	/** 'YYYY-MM-DD': the plan as it stood at the end of that day, from validated history */
	asOf?: string | null;
	/** a period code: the latest validated report for that period or an earlier one */
	period?: string | null;
}

/** The day flags and deadlines are computed against: the as-of date when there is one (and it is past). */
export function referenceDay(opts: SnapshotOptions): string {
	return opts.asOf && opts.asOf < opts.today ? opts.asOf : opts.today;
}

function isHistorical(opts: SnapshotOptions): boolean {
	return !!(opts.asOf || (opts.period && parsePeriod(opts.period)));
}

/**
 * Whether measure `m` (an alias of `measures`) is in scope. The unary `+` keeps the planner from
 * turning an IN-list into rowid lookups (each one a fetch of a wide measure row): it scans the
 * narrow covering dashboard index instead and checks each entry against the small IN-list.
 */
export function inScope(scope: Scope, m = 'm'): SQL {
	const id = sql.raw(`+${m}.id`);
	const objective = sql.raw(`+${m}.objective_id`);
	switch (scope.kind) {
		case 'all':
			return sql`1`;
		case 'plan':
			return sql`(${objective} IN (SELECT o.id FROM objectives o JOIN axes a ON a.id = o.axis_id WHERE a.plan_id = ${scope.planId})
				OR ${id} IN (SELECT rm.measure_id FROM recommendation_measures rm JOIN recommendations r ON r.id = rm.recommendation_id WHERE r.plan_id = ${scope.planId}))`;
		case 'axis':
			return sql`${objective} IN (SELECT id FROM objectives WHERE axis_id = ${scope.axisId})`;
		case 'lead':
			return sql`${sql.raw(`${m}.lead_institution_id`)} = ${scope.institutionId}`;
		case 'contributor':
			return sql`${id} IN (SELECT measure_id FROM measure_institutions WHERE institution_id = ${scope.institutionId})`;
		case 'region':
			return sql`${id} IN (SELECT measure_id FROM measure_regions WHERE region_id = ${scope.regionId})`;
		case 'recommendation':
			return sql`${id} IN (SELECT measure_id FROM recommendation_measures WHERE recommendation_id = ${scope.recommendationId})`;
		case 'recommended':
			return sql`${id} IN (SELECT measure_id FROM recommendation_measures)`;
	}
}

/** The last day of a period code, as SQL over a column holding codes (`2025-S1` → `2025-06-30`). */
function periodEndSql(col: string): SQL {
	const c = sql.raw(col);
	return sql`(CASE
		WHEN ${c} GLOB '[0-9][0-9][0-9][0-9]-S1' THEN substr(${c}, 1, 4) || '-06-30'
		WHEN ${c} GLOB '[0-9][0-9][0-9][0-9]-S2' THEN substr(${c}, 1, 4) || '-12-31'
		WHEN ${c} GLOB '[0-9][0-9][0-9][0-9]' THEN ${c} || '-12-31'
		WHEN ${c} GLOB '[0-9][0-9][0-9][0-9]-Q1' THEN substr(${c}, 1, 4) || '-03-31'
		WHEN ${c} GLOB '[0-9][0-9][0-9][0-9]-Q2' THEN substr(${c}, 1, 4) || '-06-30'
		WHEN ${c} GLOB '[0-9][0-9][0-9][0-9]-Q3' THEN substr(${c}, 1, 4) || '-09-30'
		WHEN ${c} GLOB '[0-9][0-9][0-9][0-9]-Q4' THEN substr(${c}, 1, 4) || '-12-31'
		WHEN ${c} GLOB 'TIP[0-9][0-9][0-9][0-9]' THEN substr(${c}, 4, 4) || '-03-31'
	END)`;
}

/** The day after `day` ('YYYY-MM-DD'): `reviewed_at < next` keeps the whole of `day` (instants are UTC text). */
function nextDay(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/**
 * Every period code (year, semester, quarter, TIP year) that ends on or before `end`, from 2000 on:
 * the reports "on that period or an earlier one", as an IN-list the index search can check cheaply.
 */
export function periodCodesEndingBy(end: string): string[] {
	const lastYear = Number(end.slice(0, 4)) + 1;
	const codes: string[] = [];
	for (const f of ['annual', 'semester', 'quarter', 'tip_year'] as const) codes.push(...periodsBetween(f, 2000, lastYear));
	return codes.filter((c) => parsePeriod(c)!.end <= end);
}

/**
 * The latest validated update of measure `m` within the snapshot's bounds — reviewed by the end of
 * the as-of day, and/or reported on the selected period or an earlier one — packed as
 * `status|progress|reviewed_at` so that one backward search of the covering
 * `(measure_id, state, reviewed_at, period, status, progress)` index gives all three.
 */
function latestUpdatePackedSql(opts: SnapshotOptions, m = 'm'): SQL {
	const conds: SQL[] = [sql`x.measure_id = ${sql.raw(`${m}.id`)}`, sql`x.state = 'validated'`];
	if (opts.asOf) conds.push(sql`x.reviewed_at < ${nextDay(opts.asOf)}`);
	const end = opts.period ? parsePeriod(opts.period)?.end : undefined;
	if (end) {
		conds.push(sql`x.period IN (${sql.join(
			periodCodesEndingBy(end).map((c) => sql`${c}`),
			sql`, `
		)})`);
	}
	return sql`(SELECT x.status || '|' || x.progress || '|' || x.reviewed_at FROM progress_updates x WHERE ${sql.join(conds, sql` AND `)} ORDER BY x.reviewed_at DESC LIMIT 1)`;
}

/** Unpacks `status|progress|reviewed_at` (column `packed` of alias `r`) into the snapshot's columns. */
const unpacked = sql.raw(`coalesce(substr(r.packed, 1, instr(r.packed, '|') - 1), 'planned') AS status,
	coalesce(CAST(substr(r.packed, instr(r.packed, '|') + 1, instr(substr(r.packed, instr(r.packed, '|') + 1), '|') - 1) AS INTEGER), 0) AS progress,
	substr(substr(r.packed, instr(r.packed, '|') + 1), instr(substr(r.packed, instr(r.packed, '|') + 1), '|') + 1) AS last_validated_at`);

const SNAP_COLUMNS = 'id, objective_id, lead_institution_id, weight, start_date, deadline, is_demo';
const cols = (alias: string, list = SNAP_COLUMNS) => sql.raw(list.replace(/(\w+)/g, `${alias}.$1`));

/**
 * The CTEs every block reads (without WITH):
 *
 * - `snap`: one row per measure in scope with id, objective_id, lead_institution_id, weight,
 *   start_date, deadline, is_demo, status, progress, last_validated_at, and the derived flags on
 *   the reference day as 0/1 columns: overdue, at_risk, stale (`flagSql`, the SQL mirror of
 *   `$lib/domain/status`) and due_soon. The current snapshot is a scan of the covering dashboard
 *   index, inlined where it is read (a column not read is not computed); a historical one resolves
 *   each measure's latest update once, materialized.
 * - `cube`: `snap` summed per objective × lead institution × status (counts, weighted sums, flags),
 *   a few hundred rows from which the key figures and the roll-ups by axis, objective and lead
 *   institution are added up, so the costly flags are computed once per measure.
 */
export function snapshotCte(scope: Scope, opts: SnapshotOptions): SQL {
	const day = referenceDay(opts);
	const f = flagSql(day, 'u');
	const historical = isHistorical(opts);
	const base = historical
		? // A subquery in FROM would be flattened and the search repeated for each use of \`packed\`.
			sql`snap_raw AS MATERIALIZED (SELECT ${cols('m')}, ${latestUpdatePackedSql(opts)} AS packed FROM measures m WHERE ${inScope(scope)} AND m.archived_at IS NULL),
			snap_u AS NOT MATERIALIZED (SELECT ${cols('r')}, ${unpacked} FROM snap_raw r)`
		: sql`snap_u AS NOT MATERIALIZED (SELECT ${cols('m')}, m.status, m.progress, m.last_validated_at FROM measures m WHERE ${inScope(scope)} AND m.archived_at IS NULL)`;
	return sql`${base},
		snap AS ${sql.raw(historical ? 'MATERIALIZED' : 'NOT MATERIALIZED')} (
			SELECT u.*, ${f.overdue} AS overdue, ${f.atRisk} AS at_risk, ${f.stale} AS stale,
				(u.status NOT IN ('completed', 'cancelled') AND u.deadline >= ${day} AND u.deadline <= date(${day}, ${`+${DUE_SOON_DAYS} days`})) AS due_soon
			FROM snap_u u),
		cube AS MATERIALIZED (
			SELECT s.objective_id, s.lead_institution_id, s.status, count(*) AS n,
				sum(CASE WHEN s.status <> 'cancelled' THEN s.progress * s.weight END) AS pw,
				sum(CASE WHEN s.status <> 'cancelled' THEN s.weight END) AS w,
				sum(s.overdue) AS overdue, sum(s.at_risk) AS at_risk, sum(s.stale) AS stale, sum(s.due_soon) AS due_soon, sum(s.is_demo) AS demo
			FROM snap s GROUP BY s.objective_id, s.lead_institution_id, s.status)`;
}

// ─── Reading JSON rows ──────────────────────────────────────────────────────────────────────────

type Json = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));
const str = (v: unknown): string => (v == null ? '' : String(v));
const strOrNull = (v: unknown): string | null => (v == null ? null : String(v));

/** `(SELECT json_group_array(json_object('a', a, …)) FROM (inner))`: the rows of `inner`, in its order. */
function jsonRows(inner: SQL, columns: readonly string[]): SQL {
	const pairs = sql.raw(columns.map((c) => `'${c}', "${c}"`).join(', '));
	return sql`(SELECT json_group_array(json_object(${pairs})) FROM (${inner}))`;
}
/** `(SELECT json_object('a', a, …) FROM (inner))`: the one row of `inner`. */
function jsonRow(inner: SQL, columns: readonly string[]): SQL {
	const pairs = sql.raw(columns.map((c) => `'${c}', "${c}"`).join(', '));
	return sql`(SELECT json_object(${pairs}) FROM (${inner}))`;
}
function parseJson(v: unknown): unknown {
	return typeof v === 'string' ? JSON.parse(v) : v;
}
function rows(v: unknown): Json[] {
	const parsed = parseJson(v);
	return Array.isArray(parsed) ? (parsed as Json[]) : [];
}

/** One block of a page: a JSON-valued scalar expression over `snap`, and how to read its value. */
interface Block<T> {
	sql: SQL;
	read: (value: unknown) => T;
}
type Results<B> = { [K in keyof B]: B[K] extends Block<infer T> ? T : never };

/**
 * Runs the blocks of a page over one snapshot, in one statement: the snapshot (and its flags) is
 * computed once; each block comes back as one JSON column.
 */
function runBlocks<B extends Record<string, Block<unknown>>>(db: Db, scope: Scope, opts: SnapshotOptions, blocks: B): Results<B> {
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
function agg(a = 's') {
	const c = (col: string) => sql.raw(`${a}.${col}`);
	return {
		count: sql`count(${c('id')})`,
		progress: sql`round(sum(CASE WHEN ${c('status')} <> 'cancelled' THEN ${c('progress')} * ${c('weight')} END) / nullif(sum(CASE WHEN ${c('status')} <> 'cancelled' THEN ${c('weight')} END), 0), 1)`,
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
const INSTITUTION_LABEL_COLS = ['acronymFr', 'acronymAr', 'acronymEn', 'shortNameFr', 'shortNameAr', 'shortNameEn'] as const;
function labelsOf(r: Json, prefix = ''): Pick<InstitutionLabel, (typeof INSTITUTION_LABEL_COLS)[number]> {
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
const titlesOf = (r: Json): Titles => ({ titleFr: str(r.titleFr), titleAr: strOrNull(r.titleAr), titleEn: strOrNull(r.titleEn) });
const namesOf = (r: Json): Names => ({ nameFr: str(r.nameFr), nameAr: strOrNull(r.nameAr), nameEn: strOrNull(r.nameEn) });

/** Counts and weighted progress of a group of measures. */
export interface Rollup {
	measures: number;
	completed: number;
	/** weighted mean progress 0..100 of non-cancelled measures; null when none counts */
	progress: number | null;
	overdue: number;
	/** measures flagged as demonstration data */
	demo: number;
}
const ROLLUP_COLUMNS = ['measures', 'completed', 'progress', 'overdue', 'demo'] as const;
function rollupOf(r: Json, prefix = ''): Rollup {
	return {
		measures: num(r[`${prefix}measures`]),
		completed: num(r[`${prefix}completed`]),
		progress: numOrNull(r[`${prefix}progress`]),
		overdue: num(r[`${prefix}overdue`]),
		demo: num(r[`${prefix}demo`])
	};
}

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

function kpisBlock(): Block<Kpis> {
	const statusCols = MEASURE_STATUSES.map((st) => `st_${st}`);
	const inner = sql`SELECT coalesce(sum(c.n), 0) AS measures, coalesce(sum(CASE WHEN c.status = 'completed' THEN c.n END), 0) AS completed,
		round(sum(c.pw) / nullif(sum(c.w), 0), 1) AS progress, coalesce(sum(c.demo), 0) AS demo,
		${sql.join(
			MEASURE_STATUSES.map((st) => sql`coalesce(sum(CASE WHEN c.status = ${st} THEN c.n END), 0) AS ${sql.identifier(`st_${st}`)}`),
			sql`, `
		)},
		round(100.0 * sum(CASE WHEN c.status = 'completed' THEN c.n ELSE 0 END) / nullif(sum(CASE WHEN c.status <> 'cancelled' THEN c.n END), 0), 1) AS completion,
		sum(c.overdue) AS overdue, sum(c.at_risk) AS at_risk, sum(c.stale) AS stale, sum(c.due_soon) AS due_soon,
		r.in_progress AS recs_in_progress, r.linked AS recs_linked
		FROM cube c,
		-- One pass from the few recommendation links, each looked up in the snapshot (not a probe per measure).
		(SELECT count(DISTINCT CASE WHEN x.status = 'in_progress' THEN rm.recommendation_id END) AS in_progress, count(DISTINCT rm.recommendation_id) AS linked
			FROM recommendation_measures rm CROSS JOIN snap x ON x.id = rm.measure_id) r`;
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
	if (!scope || scope.kind === 'all') {
		return (
			db.get<{ n: number }>(sql`SELECT (SELECT count(*) FROM progress_updates WHERE state = 'submitted')
				+ (SELECT count(*) FROM indicator_values WHERE state = 'submitted' AND sex IS NULL AND age_group IS NULL AND exploitation IS NULL AND nationality IS NULL)
				+ (SELECT count(*) FROM measure_region_stages WHERE state = 'submitted') AS n`)?.n ?? 0
		);
	}
	const ids = sql`SELECT m.id FROM measures m WHERE ${inScope(scope)} AND m.archived_at IS NULL`;
	return (
		db.get<{ n: number }>(sql`SELECT (SELECT count(*) FROM progress_updates WHERE state = 'submitted' AND measure_id IN (${ids}))
			+ (SELECT count(*) FROM indicators i CROSS JOIN indicator_values v ON v.indicator_id = i.id AND v.state = 'submitted'
				AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL WHERE i.measure_id IN (${ids}))
			+ (SELECT count(*) FROM measure_region_stages WHERE state = 'submitted' AND measure_id IN (${ids})) AS n`)?.n ?? 0
	);
}

export interface GroupRollup extends Rollup, Titles {
	code: string;
	/** axes only: the axis is reconstructed from public sources, not the official list */
	reconstructed?: boolean;
}

/** Sums per objective, from the cube, which the axis and objective roll-ups re-add. */
const PER_OBJECTIVE = sql.raw(`SELECT c.objective_id, sum(c.n) AS measures, sum(CASE WHEN c.status = 'completed' THEN c.n END) AS completed,
	sum(c.pw) AS pw, sum(c.w) AS w, sum(c.demo) AS demo, sum(c.overdue) AS overdue
	FROM cube c GROUP BY c.objective_id`);
const REGROUPED = sql.raw(`sum(g.measures) AS measures, coalesce(sum(g.completed), 0) AS completed, round(sum(g.pw) / nullif(sum(g.w), 0), 1) AS progress,
	sum(g.demo) AS demo, sum(g.overdue) AS overdue`);

function byAxisBlock(): Block<GroupRollup[]> {
	const inner = sql`SELECT ax.code, ax.title_fr AS titleFr, ax.title_ar AS titleAr, ax.title_en AS titleEn, ax.reconstructed AS reconstructed, ${REGROUPED}
		FROM (${PER_OBJECTIVE}) g JOIN objectives o ON o.id = g.objective_id JOIN axes ax ON ax.id = o.axis_id
		GROUP BY ax.id ORDER BY ax.sort_order, ax.code`;
	return {
		sql: jsonRows(inner, ['code', 'titleFr', 'titleAr', 'titleEn', 'reconstructed', ...ROLLUP_COLUMNS]),
		read: (v) => rows(v).map((r) => ({ code: str(r.code), ...titlesOf(r), reconstructed: !!r.reconstructed, ...rollupOf(r) }))
	};
}

/** Progress by axis of the measures in scope (axes with no measure in scope are left out). */
export function progressByAxis(db: Db, scope: Scope, opts: SnapshotOptions): GroupRollup[] {
	return runBlocks(db, scope, opts, { b: byAxisBlock() }).b;
}

function byObjectiveBlock(axisId: number): Block<GroupRollup[]> {
	const inner = sql`SELECT o.code, o.title_fr AS titleFr, o.title_ar AS titleAr, o.title_en AS titleEn,
			coalesce(g.measures, 0) AS measures, coalesce(g.completed, 0) AS completed, round(g.pw / nullif(g.w, 0), 1) AS progress,
			coalesce(g.demo, 0) AS demo, coalesce(g.overdue, 0) AS overdue
		FROM objectives o LEFT JOIN (${PER_OBJECTIVE}) g ON g.objective_id = o.id
		WHERE o.axis_id = ${axisId}
		ORDER BY o.sort_order, o.code`;
	return {
		sql: jsonRows(inner, ['code', 'titleFr', 'titleAr', 'titleEn', ...ROLLUP_COLUMNS]),
		read: (v) => rows(v).map((r) => ({ code: str(r.code), ...titlesOf(r), ...rollupOf(r) }))
	};
}

/** Progress by objective of one axis, every objective listed (an empty one with 0 measures). */
export function progressByObjective(db: Db, axisId: number, opts: SnapshotOptions): GroupRollup[] {
	return runBlocks(db, { kind: 'axis', axisId }, opts, { b: byObjectiveBlock(axisId) }).b;
}

export interface InstitutionRollup extends InstitutionLabel {
	/** measures the institution leads */
	lead: Rollup;
	/** measures it contributes to, shown apart */
	contributes: Rollup;
}

function byInstitutionBlock(): Block<InstitutionRollup[]> {
	const a = agg();
	const group = sql`${a.count} AS measures, ${a.completed} AS completed, ${a.progress} AS progress, ${a.demo} AS demo, sum(s.overdue) AS overdue`;
	// Lead and contribution are grouped apart, then joined to the few institutions. CROSS JOIN keeps
	// the scan on the snapshot (the covering index) and probes the link table's primary key.
	const inner = sql`SELECT i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.acronym_fr AS acronymFr, i.acronym_ar AS acronymAr, i.acronym_en AS acronymEn,
			i.short_name_fr AS shortNameFr, i.short_name_ar AS shortNameAr, i.short_name_en AS shortNameEn,
			coalesce(l.measures, 0) AS lead_measures, coalesce(l.completed, 0) AS lead_completed, l.progress AS lead_progress, coalesce(l.overdue, 0) AS lead_overdue, coalesce(l.demo, 0) AS lead_demo,
			coalesce(c.measures, 0) AS contrib_measures, coalesce(c.completed, 0) AS contrib_completed, c.progress AS contrib_progress, coalesce(c.overdue, 0) AS contrib_overdue, coalesce(c.demo, 0) AS contrib_demo
		FROM institutions i
		LEFT JOIN (
			SELECT c.lead_institution_id AS institution_id, sum(c.n) AS measures, coalesce(sum(CASE WHEN c.status = 'completed' THEN c.n END), 0) AS completed,
				round(sum(c.pw) / nullif(sum(c.w), 0), 1) AS progress, sum(c.demo) AS demo, sum(c.overdue) AS overdue
			FROM cube c GROUP BY c.lead_institution_id
		) l ON l.institution_id = i.id
		LEFT JOIN (SELECT mi.institution_id, ${group} FROM snap s CROSS JOIN measure_institutions mi ON mi.measure_id = s.id GROUP BY mi.institution_id) c ON c.institution_id = i.id
		WHERE l.measures > 0 OR c.measures > 0
		ORDER BY l.measures IS NULL, l.progress IS NULL, l.progress DESC, l.measures DESC, i.code`;
	const cols = ['code', 'nameFr', 'nameAr', 'nameEn', ...INSTITUTION_LABEL_COLS, ...ROLLUP_COLUMNS.map((c) => `lead_${c}`), ...ROLLUP_COLUMNS.map((c) => `contrib_${c}`)];
	return {
		sql: jsonRows(inner, cols),
		read: (v) =>
			rows(v).map((r) => ({
				code: str(r.code),
				...namesOf(r),
				...labelsOf(r),
				lead: rollupOf(r, 'lead_'),
				contributes: rollupOf(r, 'contrib_')
			}))
	};
}

/**
 * Progress by lead institution, with the measures each contributes to counted apart. Sorted by lead
 * progress, best first; institutions that only contribute come last.
 */
export function progressByInstitution(db: Db, scope: Scope, opts: SnapshotOptions): InstitutionRollup[] {
	return runBlocks(db, scope, opts, { b: byInstitutionBlock() }).b;
}

export interface RegionRollup extends Rollup, Names {
	iso: string;
}

function byRegionBlock(): Block<RegionRollup[]> {
	const a = agg();
	const inner = sql`SELECT g.iso, g.name_fr AS nameFr, g.name_ar AS nameAr, g.name_en AS nameEn,
			coalesce(per.measures, 0) AS measures, coalesce(per.completed, 0) AS completed, per.progress, coalesce(per.overdue, 0) AS overdue, coalesce(per.demo, 0) AS demo
		FROM regions g LEFT JOIN (
			SELECT mr.region_id, ${a.count} AS measures, ${a.completed} AS completed, ${a.progress} AS progress, ${a.demo} AS demo,
				sum(s.overdue) AS overdue
			FROM snap s CROSS JOIN measure_regions mr ON mr.measure_id = s.id
			GROUP BY mr.region_id
		) per ON per.region_id = g.id
		ORDER BY g.iso`;
	return {
		sql: jsonRows(inner, ['iso', 'nameFr', 'nameAr', 'nameEn', ...ROLLUP_COLUMNS]),
		read: (v) => rows(v).map((r) => ({ iso: str(r.iso), ...namesOf(r), ...rollupOf(r) }))
	};
}

export interface PillarRollup extends Rollup {
	/** prevention, protection, prosecution, partnership, governance; null for measures without one */
	pillar: string | null;
}

/** The 3P+P order, governance last; what SQL sorts the pillars by. */
const PILLAR_ORDER = sql.raw(`CASE m.pillar WHEN 'prevention' THEN 1 WHEN 'protection' THEN 2 WHEN 'prosecution' THEN 3 WHEN 'partnership' THEN 4 WHEN 'governance' THEN 5 ELSE 6 END`);

/** Measures in scope grouped by their pillar (3P+P), in the pillars' order. */
function byPillarBlock(): Block<PillarRollup[]> {
	const a = agg();
	const inner = sql`SELECT m.pillar, ${a.count} AS measures, ${a.completed} AS completed, ${a.progress} AS progress, ${a.demo} AS demo, sum(s.overdue) AS overdue
		FROM snap s JOIN measures m ON m.id = s.id
		GROUP BY m.pillar ORDER BY ${PILLAR_ORDER}`;
	return {
		sql: jsonRows(inner, ['pillar', ...ROLLUP_COLUMNS]),
		read: (v) => rows(v).map((r) => ({ pillar: strOrNull(r.pillar), ...rollupOf(r) }))
	};
}

/** Progress per pillar of the measures in scope. */
export function progressByPillar(db: Db, scope: Scope, opts: SnapshotOptions): PillarRollup[] {
	return runBlocks(db, scope, opts, { b: byPillarBlock() }).b;
}

/**
 * Progress per region of the measures in scope that concern it (national measures, with no region,
 * are not spread over the map). All 12 regions are returned, in ISO order.
 */
export function progressByRegion(db: Db, scope: Scope, opts: SnapshotOptions): RegionRollup[] {
	return runBlocks(db, scope, opts, { b: byRegionBlock() }).b;
}

export interface MeasureRow extends Titles {
	code: string;
	status: MeasureStatus;
	progress: number;
	startDate: string;
	deadline: string;
	lastValidatedAt: string | null;
	isDemo: boolean;
	lead: InstitutionLabel;
	flags: { overdue: boolean; atRisk: boolean; stale: boolean };
}

/** Which measures a table lists. */
export type MeasureListKind = 'due_soon' | 'overdue' | 'all';

function measureTableBlock(kind: MeasureListKind, limit: number): Block<MeasureRow[]> {
	const where = kind === 'due_soon' ? sql`s.due_soon` : kind === 'overdue' ? sql`s.overdue` : sql`1`;
	const inner = sql`SELECT m.code, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn, s.status, s.progress, s.start_date AS startDate,
			s.deadline, s.last_validated_at AS lastValidatedAt, s.is_demo AS isDemo,
			i.code AS leadCode, i.name_fr AS leadNameFr, i.name_ar AS leadNameAr, i.name_en AS leadNameEn, i.acronym_fr AS leadAcronymFr, i.acronym_ar AS leadAcronymAr, i.acronym_en AS leadAcronymEn,
			i.short_name_fr AS leadShortNameFr, i.short_name_ar AS leadShortNameAr, i.short_name_en AS leadShortNameEn,
			s.overdue, s.at_risk AS atRisk, s.stale
		FROM (SELECT * FROM snap s WHERE ${where} ORDER BY ${kind === 'all' ? sql`s.id` : sql`s.deadline, s.id`} LIMIT ${limit}) s
		JOIN measures m ON m.id = s.id JOIN institutions i ON i.id = s.lead_institution_id
		ORDER BY ${kind === 'all' ? sql`m.code` : sql`s.deadline, m.code`}`;
	const cols = ['code', 'titleFr', 'titleAr', 'titleEn', 'status', 'progress', 'startDate', 'deadline', 'lastValidatedAt', 'isDemo', 'leadCode', 'leadNameFr', 'leadNameAr', 'leadNameEn', ...INSTITUTION_LABEL_COLS.map((c) => `lead${c[0]!.toUpperCase()}${c.slice(1)}`), 'overdue', 'atRisk', 'stale'];
	return {
		sql: jsonRows(inner, cols),
		read: (v) =>
			rows(v).map((r) => ({
				code: str(r.code),
				...titlesOf(r),
				status: r.status as MeasureStatus,
				progress: num(r.progress),
				startDate: str(r.startDate),
				deadline: str(r.deadline),
				lastValidatedAt: strOrNull(r.lastValidatedAt),
				isDemo: !!r.isDemo,
				lead: {
					code: str(r.leadCode),
					nameFr: str(r.leadNameFr),
					nameAr: strOrNull(r.leadNameAr),
					nameEn: strOrNull(r.leadNameEn),
					...labelsOf(r, 'lead')
				},
				flags: { overdue: !!r.overdue, atRisk: !!r.atRisk, stale: !!r.stale }
			}))
	};
}

/**
 * A table of measures in scope with their snapshot status and flags: those due within
 * DUE_SOON_DAYS ('due_soon', by deadline), the overdue ones ('overdue', oldest deadline first) or
 * all ('all', by code; the first `limit` measures created). At most `limit` rows; the totals are
 * in `kpis`.
 */
export function measureTable(db: Db, scope: Scope, opts: SnapshotOptions, kind: MeasureListKind, limit = TABLE_LIMIT): MeasureRow[] {
	return runBlocks(db, scope, opts, { t: measureTableBlock(kind, limit) }).t;
}

export interface RecommendationCoverage extends Titles, Rollup {
	code: string;
	rank: number;
	pillar: string | null;
	isDemo: boolean;
	/** linked measures in progress */
	inProgress: number;
}

/**
 * The priority recommendations with their coverage: linked measures, how many are in progress or
 * completed, their weighted progress (as of the snapshot). Every recommendation is listed.
 */
export function recommendationCoverage(db: Db, opts: SnapshotOptions): RecommendationCoverage[] {
	const a = agg();
	const inner = sql`SELECT r.code, r.rank, r.pillar, r.is_demo AS isDemo, r.title_fr AS titleFr, r.title_ar AS titleAr, r.title_en AS titleEn,
			${a.count} AS measures, ${a.completed} AS completed, ${a.inProgress} AS inProgress, ${a.progress} AS progress, ${a.demo} AS demo,
			sum(s.overdue) AS overdue
		FROM recommendations r
		LEFT JOIN recommendation_measures rm ON rm.recommendation_id = r.id
		LEFT JOIN snap s ON s.id = rm.measure_id
		GROUP BY r.id ORDER BY r.source_year, r.rank`;
	return runBlocks(db, { kind: 'recommended' }, opts, {
		b: {
			sql: jsonRows(inner, ['code', 'rank', 'pillar', 'isDemo', 'titleFr', 'titleAr', 'titleEn', 'inProgress', ...ROLLUP_COLUMNS]),
			read: (v) =>
				rows(v).map((r) => ({
					code: str(r.code),
					rank: num(r.rank),
					pillar: strOrNull(r.pillar),
					isDemo: !!r.isDemo,
					...titlesOf(r),
					inProgress: num(r.inProgress),
					...rollupOf(r)
				}))
		}
	}).b;
}

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
 * one (a measure started by then and not yet reported counts as planned at 0 %). One statement: the
 * semesters are a VALUES list joined to the measures, each pair resolved by a backward search of
 * the covering update index that stops at the first report on a period ended by then.
 */
export function progressTrend(db: Db, scope: Scope, opts: SnapshotOptions, fromYear = 2023): TrendPoint[] {
	const periods = trendPeriods(fromYear, opts);
	if (periods.length === 0) return [];
	const values = sql.join(
		periods.map((p) => sql`(${p.code}, ${p.end})`),
		sql`, `
	);
	const conds: SQL[] = [sql`x.measure_id = ms.id`, sql`x.state = 'validated'`, sql`${periodEndSql('x.period')} <= p.pend`];
	if (opts.asOf) conds.push(sql`x.reviewed_at < ${nextDay(opts.asOf)}`);
	const packed = sql`(SELECT x.status || '|' || x.progress || '|' || x.reviewed_at FROM progress_updates x WHERE ${sql.join(conds, sql` AND `)} ORDER BY x.reviewed_at DESC LIMIT 1)`;
	const out = db.all<Json>(sql`
		WITH periods(code, pend) AS (VALUES ${values}),
		ms AS MATERIALIZED (SELECT m.id, m.weight, m.start_date FROM measures m WHERE ${inScope(scope)} AND m.archived_at IS NULL),
		r AS MATERIALIZED (SELECT p.code, ms.weight, ${packed} AS packed FROM ms CROSS JOIN periods p ON ms.start_date <= p.pend),
		g AS (
			SELECT t.code, count(*) AS measures, count(CASE WHEN t.status = 'completed' THEN 1 END) AS completed,
				round(sum(CASE WHEN t.status <> 'cancelled' THEN t.progress * t.weight END) / nullif(sum(CASE WHEN t.status <> 'cancelled' THEN t.weight END), 0), 1) AS progress
			FROM (SELECT r.code, r.weight, ${unpacked} FROM r) t GROUP BY t.code
		)
		SELECT p.code AS period, coalesce(g.measures, 0) AS measures, coalesce(g.completed, 0) AS completed, g.progress
		FROM periods p LEFT JOIN g ON g.code = p.code ORDER BY p.pend`);
	return out.map((r) => ({ period: str(r.period), progress: numOrNull(r.progress), completed: num(r.completed), measures: num(r.measures) }));
}

// ─── Regional roll-out (the MNR) ────────────────────────────────────────────────────────────────

export interface RolloutSummary extends Titles {
	code: string;
	isDemo: boolean;
	regions: number;
	byStage: Record<RolloutStage, number>;
	/** since when the operational count has stood: the latest date a region became operational */
	operationalSince: string | null;
	firstOperational: string | null;
}

/** The latest validated stage per measure × region (window function), within the snapshot's bounds. */
function latestStagesCte(measureFilter: SQL, opts: SnapshotOptions): SQL {
	const conds: SQL[] = [sql`st.state = 'validated'`, sql`st.measure_id IN (${measureFilter})`];
	if (opts.asOf) conds.push(sql`st.since <= ${opts.asOf}`, sql`st.reviewed_at < ${nextDay(opts.asOf)}`);
	const end = opts.period ? parsePeriod(opts.period)?.end : undefined;
	if (end) conds.push(sql`st.since <= ${end}`);
	return sql`latest AS (
		SELECT st.measure_id, st.region_id, st.stage, st.since, st.is_demo,
			row_number() OVER (PARTITION BY st.measure_id, st.region_id ORDER BY st.since DESC, st.id DESC) AS rn
		FROM measure_region_stages st WHERE ${sql.join(conds, sql` AND `)}
	)`;
}

/**
 * For each measure in scope deployed region by region: how many regions are at each stage (the
 * latest validated stage of each region; regions with none count as not started) and since when
 * the operational count has stood ("operational in 5 of 12 regions since …").
 */
export function rolloutSummary(db: Db, scope: Scope, opts: SnapshotOptions): RolloutSummary[] {
	// The roll-out measures in scope, from the covering index, once (a flattened subquery would scan the table).
	const rowsOut = db.all<Json>(sql`
		WITH k AS MATERIALIZED (SELECT m.id FROM measures m WHERE m.regional_rollout = 1 AND ${inScope(scope)}),
		${latestStagesCte(sql`SELECT id FROM k`, opts)}
		SELECT m.code, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn, m.is_demo AS isDemo,
			(SELECT count(*) FROM regions) AS regions,
			${sql.join(
				ROLLOUT_STAGES.map((st) => sql`count(CASE WHEN l.stage = ${st} THEN 1 END) AS ${sql.identifier(`st_${st}`)}`),
				sql`, `
			)},
			max(CASE WHEN l.stage = 'operational' THEN l.since END) AS operationalSince,
			min(CASE WHEN l.stage = 'operational' THEN l.since END) AS firstOperational
		FROM k JOIN measures m ON m.id = k.id
		LEFT JOIN latest l ON l.measure_id = m.id AND l.rn = 1
		GROUP BY m.id ORDER BY m.code`);
	return rowsOut.map((r) => {
		const regions = num(r.regions);
		const byStage = Object.fromEntries(ROLLOUT_STAGES.map((st) => [st, num(r[`st_${st}`])])) as Record<RolloutStage, number>;
		// Regions with no validated stage yet have not started.
		byStage.not_started += regions - ROLLOUT_STAGES.reduce((sum, st) => sum + byStage[st], 0);
		return {
			code: str(r.code),
			...titlesOf(r),
			isDemo: !!r.isDemo,
			regions,
			byStage,
			operationalSince: strOrNull(r.operationalSince),
			firstOperational: strOrNull(r.firstOperational)
		};
	});
}

export interface RegionStage extends Names {
	iso: string;
	stage: RolloutStage;
	since: string | null;
	isDemo: boolean;
}

/** The stage of one roll-out measure in each of the 12 regions (not started where none is validated). */
export function rolloutStages(db: Db, measureCode: string, opts: SnapshotOptions): RegionStage[] {
	return db
		.all<Json>(sql`
		WITH ${latestStagesCte(sql`SELECT id FROM measures WHERE code = ${measureCode}`, opts)}
		SELECT g.iso, g.name_fr AS nameFr, g.name_ar AS nameAr, g.name_en AS nameEn, coalesce(l.stage, 'not_started') AS stage, l.since, coalesce(l.is_demo, 0) AS isDemo
		FROM regions g LEFT JOIN latest l ON l.region_id = g.id AND l.rn = 1
		ORDER BY g.iso`)
		.map((r) => ({ iso: str(r.iso), ...namesOf(r), stage: r.stage as RolloutStage, since: strOrNull(r.since), isDemo: !!r.isDemo }));
}

export interface RolloutStep {
	date: string;
	/** regions operational from that date on */
	operational: number;
}

/**
 * The roll-out timeline of one measure: for each date a region became operational (its first
 * validated operational stage), how many regions were operational from then on (running count
 * with a window function).
 */
export function rolloutTimeline(db: Db, measureCode: string, opts: SnapshotOptions): RolloutStep[] {
	const conds: SQL[] = [sql`st.state = 'validated'`, sql`st.stage = 'operational'`, sql`st.measure_id = (SELECT id FROM measures WHERE code = ${measureCode})`];
	if (opts.asOf) conds.push(sql`st.since <= ${opts.asOf}`, sql`st.reviewed_at < ${nextDay(opts.asOf)}`);
	const end = opts.period ? parsePeriod(opts.period)?.end : undefined;
	if (end) conds.push(sql`st.since <= ${end}`);
	return db
		.all<Json>(sql`
		WITH firsts AS (SELECT st.region_id, min(st.since) AS since FROM measure_region_stages st WHERE ${sql.join(conds, sql` AND `)} GROUP BY st.region_id),
		days AS (SELECT since, count(*) AS n FROM firsts GROUP BY since)
		SELECT since AS date, sum(n) OVER (ORDER BY since) AS operational FROM days ORDER BY since`)
		.map((r) => ({ date: str(r.date), operational: num(r.operational) }));
}

// ─── Plans, periods ─────────────────────────────────────────────────────────────────────────────

export interface PlanChoice extends Titles {
	id: number;
	code: string;
	kind: string;
	startDate: string;
	endDate: string;
	/** whether any measure is in the plan's scope (axes or recommendations) */
	hasMeasures: boolean;
}

/** The plans a dashboard can be filtered by, and whether each has measures to show. */
export function planChoices(db: Db): PlanChoice[] {
	return db
		.all<Json>(sql`
		SELECT p.id, p.code, p.kind, p.title_fr AS titleFr, p.title_ar AS titleAr, p.title_en AS titleEn, p.start_date AS startDate, p.end_date AS endDate,
			EXISTS (SELECT 1 FROM axes a JOIN objectives o ON o.axis_id = a.id JOIN measures m ON m.objective_id = o.id WHERE a.plan_id = p.id)
			OR EXISTS (SELECT 1 FROM recommendations r JOIN recommendation_measures rm ON rm.recommendation_id = r.id WHERE r.plan_id = p.id) AS hasMeasures
		FROM plans p ORDER BY p.sort_order, p.start_date`)
		.map((r) => ({
			id: num(r.id),
			code: str(r.code),
			kind: str(r.kind),
			...titlesOf(r),
			startDate: str(r.startDate),
			endDate: str(r.endDate),
			hasMeasures: !!r.hasMeasures
		}));
}

/** The reporting periods a dashboard can be taken at (opened by the commission), latest first. */
export function periodChoices(db: Db): string[] {
	const rowsOut = db.all<{ code: string }>(sql`SELECT code FROM reporting_periods ORDER BY opens_on DESC, code DESC`);
	if (rowsOut.length) return rowsOut.map((r) => r.code);
	// No reporting period opened yet: offer the semesters of the plans' span up to now.
	return periodsBetween('semester', 2023, new Date().getUTCFullYear()).reverse();
}

// ─── The overview ───────────────────────────────────────────────────────────────────────────────

export interface Overview {
	plan: PlanChoice;
	kpis: Kpis;
	/** the whole review queue, now */
	awaitingValidation: number;
	recommendationsTotal: number;
	byAxis: GroupRollup[];
	byPillar: PillarRollup[];
	byInstitution: InstitutionRollup[];
	byRegion: RegionRollup[];
	dueSoon: MeasureRow[];
	overdue: MeasureRow[];
	recommendations: RecommendationCoverage[];
	rollout: RolloutSummary[];
	/** the first roll-out measure's stage per region and timeline (the map's roll-out layer) */
	rolloutStages: RegionStage[];
	rolloutTimeline: RolloutStep[];
}

/**
 * Everything the overview shows for one plan, as of the snapshot: one statement for the blocks over
 * the plan's measures, one for the recommendations, three small ones for the roll-out.
 * Null when the plan is unknown.
 */
export function overview(db: Db, planCode: string, opts: SnapshotOptions): Overview | null {
	const plan = planChoices(db).find((p) => p.code === planCode);
	if (!plan) return null;
	const scope: Scope = { kind: 'plan', planId: plan.id };
	const main = runBlocks(db, scope, opts, {
		kpis: kpisBlock(),
		byAxis: byAxisBlock(),
		byPillar: byPillarBlock(),
		byInstitution: byInstitutionBlock(),
		byRegion: byRegionBlock(),
		dueSoon: measureTableBlock('due_soon', TABLE_LIMIT),
		overdue: measureTableBlock('overdue', TABLE_LIMIT)
	});
	const recommendations = recommendationCoverage(db, opts);
	const rollout = rolloutSummary(db, scope, opts);
	const first = rollout[0];
	return {
		plan,
		...main,
		awaitingValidation: awaitingValidation(db),
		recommendationsTotal: recommendations.length,
		recommendations,
		rollout,
		rolloutStages: first ? rolloutStages(db, first.code, opts) : [],
		rolloutTimeline: first ? rolloutTimeline(db, first.code, opts) : []
	};
}

// ─── Scorecards ─────────────────────────────────────────────────────────────────────────────────

export interface IndicatorSummary extends Names {
	code: string;
	measureCode: string;
	unit: string | null;
	unitAr: string | null;
	unitEn: string | null;
	kind: string;
	baselineValue: number | null;
	targetValue: number | null;
	targetYear: number | null;
	direction: 'up' | 'down';
	sensitive: boolean;
	isDemo: boolean;
	/** latest validated value (national, or of the region for a region scorecard) */
	value: number | null;
	period: string | null;
	valueIsDemo: boolean;
}

/**
 * The first `limit` indicators of the measures in scope (by code) with their latest validated value,
 * national or, with `regionId`, of that region; and how many there are in all. The latest value is
 * read through the partial index on current values, once per listed indicator (at most `limit`).
 */
export function indicatorSummaries(db: Db, scope: Scope, opts: { regionId?: number; limit?: number } = {}): { rows: IndicatorSummary[]; total: number } {
	const limit = opts.limit ?? SCORECARD_INDICATOR_LIMIT;
	const region = opts.regionId == null ? sql`v.region_id IS NULL` : sql`v.region_id = ${opts.regionId}`;
	const latest = sql`(SELECT v.id FROM indicator_values v WHERE v.indicator_id = i.id AND v.is_current = 1 AND ${region}
		AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL
		ORDER BY v.period_start DESC LIMIT 1)`;
	const ids = sql`SELECT m.id FROM measures m WHERE ${inScope(scope)} AND m.archived_at IS NULL`;
	const out = db.all<Json>(sql`
		WITH picked AS (SELECT i.* FROM indicators i WHERE i.measure_id IN (${ids}) ORDER BY i.code LIMIT ${limit})
		SELECT i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.unit, i.unit_ar AS unitAr, i.unit_en AS unitEn, i.kind, i.baseline_value AS baselineValue,
			i.target_value AS targetValue, i.target_year AS targetYear, i.direction, i.sensitive, i.is_demo AS isDemo, m.code AS measureCode,
			v.value, v.period, v.is_demo AS valueIsDemo
		FROM picked i JOIN measures m ON m.id = i.measure_id
		LEFT JOIN indicator_values v ON v.id = ${latest}
		ORDER BY i.code`);
	const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM indicators WHERE measure_id IN (${ids})`)?.n ?? 0;
	return {
		total,
		rows: out.map((r) => ({
			code: str(r.code),
			...namesOf(r),
			measureCode: str(r.measureCode),
			unit: strOrNull(r.unit),
			unitAr: strOrNull(r.unitAr),
			unitEn: strOrNull(r.unitEn),
			kind: str(r.kind),
			baselineValue: numOrNull(r.baselineValue),
			targetValue: numOrNull(r.targetValue),
			targetYear: numOrNull(r.targetYear),
			direction: r.direction === 'down' ? 'down' : 'up',
			sensitive: !!r.sensitive,
			isDemo: !!r.isDemo,
			value: numOrNull(r.value),
			period: strOrNull(r.period),
			valueIsDemo: !!r.valueIsDemo
		}))
	};
}

export interface RegionalIndicator extends Names {
	code: string;
	unit: string | null;
	unitAr: string | null;
	unitEn: string | null;
	isDemo: boolean;
}

/** The overview map's indicator layer lists at most this many indicators (the explorer finds the others). */
export const MAP_INDICATOR_LIMIT = 100;

/**
 * The indicators of the measures in scope that have current validated values by region (the
 * overview map's indicator layer), by code: the first `limit`, and how many there are (capped at
 * SEARCH_COUNT_CAP). Walks the indicator code index and stops at `limit` matches; each is checked
 * against the partial index of current values.
 */
export function regionalIndicators(db: Db, scope: Scope, limit = MAP_INDICATOR_LIMIT): { rows: RegionalIndicator[]; total: number } {
	// `+i.measure_id`: walking the code index and stopping at `limit` beats fetching every indicator of the scope and sorting them.
	const where = sql`+i.measure_id IN (SELECT m.id FROM measures m WHERE ${inScope(scope)} AND m.archived_at IS NULL)
		AND EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = i.id AND v.region_id IS NOT NULL AND v.is_current = 1)`;
	const out = db.all<Json>(sql`
		SELECT i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.unit, i.unit_ar AS unitAr, i.unit_en AS unitEn, i.is_demo AS isDemo
		FROM indicators i WHERE ${where} ORDER BY i.code LIMIT ${limit}`);
	const total = out.length < limit ? out.length : (db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM indicators i WHERE ${where} LIMIT ${SEARCH_COUNT_CAP})`)?.n ?? 0);
	return { total, rows: out.map((r) => ({ code: str(r.code), ...namesOf(r), unit: strOrNull(r.unit), unitAr: strOrNull(r.unitAr), unitEn: strOrNull(r.unitEn), isDemo: !!r.isDemo })) };
}

/** The blocks a scorecard shows for its scope: key figures, by axis, a measure table, trend, indicators. */
export interface ScorecardBlocks {
	kpis: Kpis;
	awaitingValidation: number;
	byAxis: GroupRollup[];
	measures: MeasureRow[];
	trend: TrendPoint[];
	indicators: { rows: IndicatorSummary[]; total: number };
}

function scorecard(db: Db, scope: Scope, opts: SnapshotOptions, indicatorOpts: { regionId?: number } = {}): ScorecardBlocks {
	const main = runBlocks(db, scope, opts, {
		kpis: kpisBlock(),
		byAxis: byAxisBlock(),
		measures: measureTableBlock('all', SCORECARD_MEASURE_LIMIT)
	});
	return {
		...main,
		awaitingValidation: awaitingValidation(db, scope),
		trend: progressTrend(db, scope, opts),
		indicators: indicatorSummaries(db, scope, indicatorOpts)
	};
}

/** The axis scorecard's figures (the axis itself and its measures come from `plan.getAxis`). */
export function axisScorecard(db: Db, axisCode: string, opts: SnapshotOptions) {
	const axis = db.get<{ id: number }>(sql`SELECT id FROM axes WHERE code = ${axisCode}`);
	if (!axis) return null;
	const scope: Scope = { kind: 'axis', axisId: axis.id };
	const main = runBlocks(db, scope, opts, {
		kpis: kpisBlock(),
		byObjective: byObjectiveBlock(axis.id),
		byInstitution: byInstitutionBlock(),
		byRegion: byRegionBlock()
	});
	return {
		...main,
		awaitingValidation: awaitingValidation(db, scope),
		trend: progressTrend(db, scope, opts),
		indicators: indicatorSummaries(db, scope)
	};
}

export interface InstitutionInfo extends InstitutionLabel {
	id: number;
	kind: string;
	isMember: boolean;
	isDemo: boolean;
	sources: string;
}

/** One institution's scorecard: the measures it leads, those it contributes to (apart), trend, indicators. */
export function institutionScorecard(db: Db, code: string, opts: SnapshotOptions) {
	const inst = db.get<Json>(sql`
		SELECT id, code, kind, is_member AS isMember, is_demo AS isDemo, sources, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn, acronym_fr AS acronymFr, acronym_ar AS acronymAr, acronym_en AS acronymEn,
			short_name_fr AS shortNameFr, short_name_ar AS shortNameAr, short_name_en AS shortNameEn
		FROM institutions WHERE code = ${code}`);
	if (!inst) return null;
	const id = num(inst.id);
	const institution: InstitutionInfo = {
		id,
		code: str(inst.code),
		kind: str(inst.kind),
		isMember: !!inst.isMember,
		isDemo: !!inst.isDemo,
		sources: str(inst.sources ?? '[]'),
		...namesOf(inst),
		...labelsOf(inst)
	};
	const contrib: Scope = { kind: 'contributor', institutionId: id };
	return {
		institution,
		lead: scorecard(db, { kind: 'lead', institutionId: id }, opts),
		contributes: runBlocks(db, contrib, opts, {
			kpis: kpisBlock(),
			measures: measureTableBlock('all', SCORECARD_MEASURE_LIMIT)
		})
	};
}

export interface RegionInfo extends Names {
	id: number;
	iso: string;
	capitalFr: string | null;
	capitalAr: string | null;
	population: number | null;
	/** the public record's caveat about the region's figures */
	note: string | null;
	sources: string;
}

/** One region's scorecard: the measures that concern it, the roll-out stages there, its indicator values. */
export function regionScorecard(db: Db, iso: string, opts: SnapshotOptions) {
	const g = db.get<Json>(sql`
		SELECT id, iso, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn, capital_fr AS capitalFr, capital_ar AS capitalAr, population, note, sources
		FROM regions WHERE iso = ${iso}`);
	if (!g) return null;
	const id = num(g.id);
	const region: RegionInfo = {
		id,
		iso: str(g.iso),
		...namesOf(g),
		capitalFr: strOrNull(g.capitalFr),
		capitalAr: strOrNull(g.capitalAr),
		population: numOrNull(g.population),
		note: strOrNull(g.note),
		sources: str(g.sources ?? '[]')
	};
	const stages = db.all<Json>(sql`
		WITH ${latestStagesCte(sql`SELECT id FROM measures WHERE regional_rollout = 1`, opts)}
		SELECT m.code, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn, coalesce(l.stage, 'not_started') AS stage, l.since, coalesce(l.is_demo, 0) AS isDemo
		FROM measures m LEFT JOIN latest l ON l.measure_id = m.id AND l.region_id = ${id} AND l.rn = 1
		WHERE m.regional_rollout = 1 ORDER BY m.code`);
	const all = db.all<Json>(sql`SELECT iso, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn FROM regions ORDER BY iso`);
	return {
		region,
		/** every region (a locator map) */
		regions: all.map((r) => ({ iso: str(r.iso), ...namesOf(r) })),
		...scorecard(db, { kind: 'region', regionId: id }, opts, { regionId: id }),
		rollout: stages.map((r) => ({ code: str(r.code), ...titlesOf(r), stage: r.stage as RolloutStage, since: strOrNull(r.since), isDemo: !!r.isDemo }))
	};
}

/** One recommendation's figures over its linked measures (the recommendation itself comes from `recommendations.getRecommendation`). */
export function recommendationScorecard(db: Db, code: string, opts: SnapshotOptions): ScorecardBlocks | null {
	const rec = db.get<{ id: number }>(sql`SELECT id FROM recommendations WHERE code = ${code}`);
	if (!rec) return null;
	return scorecard(db, { kind: 'recommendation', recommendationId: rec.id }, opts);
}

// ─── Indicator explorer ─────────────────────────────────────────────────────────────────────────

export interface IndicatorChoice extends Names {
	code: string;
	measureCode: string;
	/** the measure's title, for the list's headings (indicators grouped by measure) */
	measure: Titles;
	isDemo: boolean;
}

function likePattern(q: string): string {
	return `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** `q` as a substring of the code, the measure's code or a name, with LIKE (ASCII letters case-insensitive, `%` and `_` literal). */
function likeWhere(q: string): SQL {
	const p = likePattern(q);
	return sql`(i.code LIKE ${p} ESCAPE '\\' OR m.code LIKE ${p} ESCAPE '\\' OR i.name_fr LIKE ${p} ESCAPE '\\' OR i.name_ar LIKE ${p} ESCAPE '\\' OR i.name_en LIKE ${p} ESCAPE '\\')`;
}

/**
 * `q` as an FTS5 phrase over `indicator_search` (migration 0002): with its trigram tokenizer a phrase
 * is a substring of one of the indexed columns, case-folded (every letter with a case, not only ASCII;
 * accents kept). Everything between the double quotes is literal (`%`, `_`, `*`, `\`…): only `"` is doubled.
 */
function ftsPhrase(q: string): string {
	return `"${q.replaceAll('"', '""')}"`;
}

/** The trigram index answers substrings of 3 characters or more (code points, as the tokenizer counts them); shorter ones match nothing through it. */
const FTS_MIN_CHARS = 3;

/** LIKE folds ASCII letters only: it finds what the index finds when `q` has no other letter with a case (Arabic has none). */
function likeFoldsAsIndex(q: string): boolean {
	return [...q].every((c) => c <= '\x7f' || c.toLowerCase() === c.toUpperCase());
}

/** A common substring's first matches are looked for with LIKE among this many × `limit` indicators, in code order. */
const COMMON_PREFIX_FACTOR = 20;

/** A search counts its matches up to this many ("500+"). */
export const SEARCH_COUNT_CAP = 500;

const CHOICE_COLUMNS = sql`i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.is_demo AS isDemo, m.code AS measureCode,
	m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn`;

/** The explorer's list shows this many indicators a page. */
export const EXPLORER_PAGE_SIZE = 50;

/**
 * Indicators whose code, measure code or name (in any language) contains `q`, by code, at most `limit` after the first `offset`;
 * and how many match (capped). Case-insensitive (for ASCII letters at least: through the index, for every letter with a case);
 * `%` and `_` are literal.
 */
export function searchIndicators(
	db: Db,
	q: string | undefined,
	limit = EXPLORER_PAGE_SIZE,
	offset = 0
): { rows: IndicatorChoice[]; total: number; capped: boolean } {
	const { rows, total } = q && [...q].length >= FTS_MIN_CHARS ? searchIndex(db, q, limit, offset) : searchScan(db, q, limit, offset);
	return { total, capped: total >= SEARCH_COUNT_CAP, rows: rows.map((r) => ({ code: str(r.code), ...namesOf(r), isDemo: !!r.isDemo, measureCode: str(r.measureCode), measure: titlesOf(r) })) };
}

/**
 * Through the trigram index (`q` of 3 characters or more). The matches are counted up to the cap in the
 * index alone. Under the cap, those few indicators are fetched by rowid and sorted by code (`CROSS JOIN`:
 * the index first, never probed once per indicator). At the cap the substring is common, up to every
 * indicator, and sorting them all would cost more than finding the first ones in code order: LIKE over
 * the first `limit × COMMON_PREFIX_FACTOR` indicators by code finds them when they are not rare there;
 * otherwise the narrow code index is walked in order (`INDEXED BY`), keeping the rowids the index matched.
 */
function searchIndex(db: Db, q: string, limit: number, offset: number): { rows: Json[]; total: number } {
	const phrase = ftsPhrase(q);
	const total =
		db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM indicator_search WHERE indicator_search MATCH ${phrase} LIMIT ${SEARCH_COUNT_CAP})`)?.n ?? 0;
	if (total === 0) return { rows: [], total };
	if (total < SEARCH_COUNT_CAP) {
		const rows = db.all<Json>(sql`
			SELECT ${CHOICE_COLUMNS}
			FROM indicator_search s CROSS JOIN indicators i ON i.id = s.rowid JOIN measures m ON m.id = i.measure_id
			WHERE s.indicator_search MATCH ${phrase} ORDER BY i.code LIMIT ${limit} OFFSET ${offset}`);
		return { rows, total };
	}
	if (likeFoldsAsIndex(q)) {
		// `offset + limit` matches among the first indicators by code are the first `offset + limit` matches of all.
		const first = db.all<Json>(sql`
			SELECT ${CHOICE_COLUMNS}
			FROM (SELECT id FROM indicators INDEXED BY indicators_code_uq ORDER BY code LIMIT ${(offset + limit) * COMMON_PREFIX_FACTOR}) w
			CROSS JOIN indicators i ON i.id = w.id JOIN measures m ON m.id = i.measure_id
			WHERE ${likeWhere(q)} ORDER BY i.code LIMIT ${limit} OFFSET ${offset}`);
		if (first.length === limit) return { rows: first, total };
	}
	const rows = db.all<Json>(sql`
		SELECT ${CHOICE_COLUMNS}
		FROM (SELECT id FROM indicators INDEXED BY indicators_code_uq
			WHERE id IN (SELECT rowid FROM indicator_search WHERE indicator_search MATCH ${phrase}) ORDER BY code LIMIT ${limit} OFFSET ${offset}) p
		CROSS JOIN indicators i ON i.id = p.id JOIN measures m ON m.id = i.measure_id
		ORDER BY i.code`);
	return { rows, total };
}

/** Without the index: no `q` (every indicator), or one too short for it (LIKE over every indicator in code order, counted up to the cap). */
function searchScan(db: Db, q: string | undefined, limit: number, offset: number): { rows: Json[]; total: number } {
	const where = q ? likeWhere(q) : sql`1`;
	const rows = db.all<Json>(sql`SELECT ${CHOICE_COLUMNS} FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE ${where} ORDER BY i.code LIMIT ${limit} OFFSET ${offset}`);
	const total =
		db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE ${where} LIMIT ${SEARCH_COUNT_CAP})`)?.n ?? 0;
	return { rows, total };
}

export interface ValuePoint {
	period: string;
	value: number | null;
	/** 'validated', or 'submitted' when the switch includes values awaiting validation */
	state: 'validated' | 'submitted';
	isDemo: boolean;
	/** hidden by the confidentiality rule (shown "< 5") */
	masked: boolean;
	/** SDG 16.2.2: victims per 100,000 inhabitants (null when masked or without population) */
	rate?: number | null;
	/** where the figure comes from: the reporter's source line, the public sources (JSON), the note that qualifies it */
	source?: string | null;
	sources?: string;
	note?: string | null;
	/** published elsewhere and loaded with its source, not reported and validated here */
	publicRecord?: boolean;
}

export interface RegionValue extends ValuePoint, Names {
	iso: string;
	/** SDG 16.2.2: victims per 100,000 inhabitants of the region (null when masked or without population) */
	rate?: number | null;
}

/**
 * The total cells (no sex / age / exploitation / nationality breakdown) of one indicator: the
 * current validated value of each cell, or with `includeSubmitted` the newest value awaiting
 * validation where there is one, picked per cell with a window function.
 */
function cellValuesSql(indicatorId: number, includeSubmitted: boolean, where: SQL, partition: SQL): SQL {
	const states = includeSubmitted ? sql`(v.is_current = 1 OR v.state = 'submitted')` : sql`v.is_current = 1`;
	return sql`SELECT * FROM (
		SELECT v.period, v.period_start, v.region_id, v.value, v.state, v.is_demo, v.source, v.note, v.sources, v.public_record,
			row_number() OVER (PARTITION BY ${partition} ORDER BY v.state = 'submitted' DESC, v.id DESC) AS rn
		FROM indicator_values v
		WHERE v.indicator_id = ${indicatorId} AND ${states} AND ${where}
			AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL
	) WHERE rn = 1`;
}

export interface IndicatorDetail extends Names {
	id: number;
	code: string;
	unit: string | null;
	unitAr: string | null;
	unitEn: string | null;
	kind: string;
	baselineValue: number | null;
	baselineYear: number | null;
	targetValue: number | null;
	targetYear: number | null;
	direction: 'up' | 'down';
	frequency: string;
	dimensions: string[];
	sensitive: boolean;
	sdgTarget: string | null;
	isDemo: boolean;
	measure: Titles & { code: string };
}

export interface IndicatorExplorer {
	indicator: IndicatorDetail;
	/** national values over periods */
	series: ValuePoint[];
	/** periods with regional values, latest first */
	regionalPeriods: string[];
	/** the period the regional values are for */
	regionPeriod: string | null;
	byRegion: RegionValue[];
	/** the breakdowns of one period and area (validated values), null when the indicator has none */
	breakdowns: IndicatorBreakdowns | null;
	/** SDG 16.2.2 indicators: the 2024 census population the rates per 100,000 divide by, with its source */
	census: Census | null;
	includeSubmitted: boolean;
	masked: boolean;
}

/**
 * The indicator explorer's data for one indicator: its national values over periods, and its value
 * per region for `regionPeriod` (default: the latest period with regional values). Validated values
 * only unless `includeSubmitted` (the caller checks the reader may see them). `mask` applies the
 * confidentiality rule to a sensitive indicator (public readers).
 */
export function indicatorExplorer(
	db: Db,
	code: string,
	opts: { includeSubmitted?: boolean; regionPeriod?: string | null; mask?: boolean; breakdownPeriod?: string | null; breakdownRegion?: string | null } = {}
): IndicatorExplorer | null {
	const i = db.get<Json>(sql`
		SELECT i.id, i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.unit, i.unit_ar AS unitAr, i.unit_en AS unitEn, i.kind, i.baseline_value AS baselineValue,
			i.baseline_year AS baselineYear, i.target_value AS targetValue, i.target_year AS targetYear, i.direction, i.frequency, i.dimensions,
			i.sensitive, i.sdg_target AS sdgTarget, i.is_demo AS isDemo,
			m.code AS measureCode, m.title_fr AS mTitleFr, m.title_ar AS mTitleAr, m.title_en AS mTitleEn
		FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE i.code = ${code}`);
	if (!i) return null;
	const id = num(i.id);
	const includeSubmitted = !!opts.includeSubmitted;
	let dimensions: string[] = [];
	try {
		const parsed = JSON.parse(str(i.dimensions) || '[]');
		dimensions = Array.isArray(parsed) ? parsed.map(String) : [];
	} catch {
		dimensions = [];
	}
	const indicator: IndicatorDetail = {
		id,
		code: str(i.code),
		...namesOf(i),
		unit: strOrNull(i.unit),
		unitAr: strOrNull(i.unitAr),
		unitEn: strOrNull(i.unitEn),
		kind: str(i.kind),
		baselineValue: numOrNull(i.baselineValue),
		baselineYear: numOrNull(i.baselineYear),
		targetValue: numOrNull(i.targetValue),
		targetYear: numOrNull(i.targetYear),
		direction: i.direction === 'down' ? 'down' : 'up',
		frequency: str(i.frequency),
		dimensions,
		sensitive: !!i.sensitive,
		sdgTarget: strOrNull(i.sdgTarget),
		isDemo: !!i.isDemo,
		measure: { code: str(i.measureCode), titleFr: str(i.mTitleFr), titleAr: strOrNull(i.mTitleAr), titleEn: strOrNull(i.mTitleEn) }
	};
	const point = (r: Json, period: string): ValuePoint => ({
		period,
		value: numOrNull(r.value),
		state: r.state === 'submitted' ? 'submitted' : 'validated',
		isDemo: !!r.is_demo,
		masked: false
	});
	const series = db
		.all<Json>(sql`${cellValuesSql(id, includeSubmitted, sql`v.region_id IS NULL`, sql`v.period`)} ORDER BY period_start`)
		.map((r) => ({ ...point(r, str(r.period)), source: strOrNull(r.source), sources: str(r.sources) || '[]', note: strOrNull(r.note), publicRecord: !!r.public_record }));
	const regionalPeriods = db
		.all<{ period: string }>(sql`
			SELECT period FROM (${cellValuesSql(id, includeSubmitted, sql`v.region_id IS NOT NULL`, sql`v.period, v.region_id`)})
			GROUP BY period ORDER BY max(period_start) DESC`)
		.map((r) => r.period);
	const regionPeriod = opts.regionPeriod && regionalPeriods.includes(opts.regionPeriod) ? opts.regionPeriod : (regionalPeriods[0] ?? null);
	let byRegion: RegionValue[] = regionPeriod
		? db
				.all<Json>(sql`
			WITH c AS (${cellValuesSql(id, includeSubmitted, sql`v.region_id IS NOT NULL AND v.period = ${regionPeriod}`, sql`v.region_id`)})
			SELECT g.iso, g.name_fr AS nameFr, g.name_ar AS nameAr, g.name_en AS nameEn, c.value, c.state, c.is_demo
			FROM regions g LEFT JOIN c ON c.region_id = g.id ORDER BY g.iso`)
				.map((r) => ({ ...point(r, regionPeriod), iso: str(r.iso), ...namesOf(r) }))
		: [];
	const masked = !!opts.mask && indicator.sensitive;
	let seriesOut = series;
	if (masked) {
		// Each national value stands alone; the regions add up to the national figure shown beside them.
		seriesOut = suppressSmallCells(series, { partOfTotal: false });
		byRegion = suppressSmallCells(byRegion);
	}
	const breakdowns =
		indicatorBreakdowns(db, [indicator.code], { regionIso: opts.breakdownRegion ?? null, period: opts.breakdownPeriod ?? null, mask: masked })[0] ?? null;
	if (breakdowns?.maskedTotals.length) {
		// A total that a breakdown table hides (its parts would give it back) is hidden here too.
		const hidden = new Set(breakdowns.maskedTotals);
		const hide = <T extends ValuePoint>(p: T): T => ({ ...p, value: null, masked: true });
		seriesOut = seriesOut.map((p) => (hidden.has(`|${p.period}`) ? hide(p) : p));
		byRegion = byRegion.map((r) => (hidden.has(`${r.iso}|${r.period}`) ? hide(r) : r));
	}
	// a masked figure keeps its source but not its note, which may describe the figure
	seriesOut = seriesOut.map((p) => (p.masked ? { ...p, note: null } : p));
	let census: Census | null = null;
	if (indicator.sdgTarget === RATE_SDG) {
		census = censusPopulation(db);
		const c = census;
		// A masked count has no rate: the rate would give the count back.
		seriesOut = seriesOut.map((p) => ({ ...p, rate: p.masked ? null : ratePer100k(p.value, c.national) }));
		byRegion = byRegion.map((r) => ({ ...r, rate: r.masked ? null : ratePer100k(r.value, c.byIso[r.iso]) }));
	}
	return { indicator, series: seriesOut, regionalPeriods, regionPeriod, byRegion, breakdowns, census, includeSubmitted, masked };
}

// ─── SDG 16.2.2: rates per 100,000 ──────────────────────────────────────────────────────────────

/** The SDG indicator whose views show a rate per 100,000 population beside the count. */
export const RATE_SDG = '16.2.2';

/** The 2024 census (RGPH) legal population: the nation (sum of its 12 regions), each region, and the sources. */
export interface Census {
	national: number | null;
	byIso: Record<string, number | null>;
	sources: Source[];
}

/** The census population, nationally (summed in SQL) and per region, with the census releases the regions cite. */
export function censusPopulation(db: Db): Census {
	const rows = db.all<{ iso: string; population: number | null; sources: string; national: number | null }>(sql`
		SELECT iso, population, sources, sum(population) OVER () AS national FROM regions ORDER BY iso`);
	const seen = new Map<string, Source>();
	for (const r of rows) {
		try {
			// A region's sources are the ISO code list, the 2015 decree and the census releases (November 2024): the rate cites the last.
			for (const x of JSON.parse(r.sources) as Source[]) if (x?.title && String(x.date ?? '').startsWith('2024')) seen.set(`${x.title}|${x.url ?? ''}`, { title: x.title, url: x.url ?? null, date: x.date ?? null });
		} catch {
			/* no source */
		}
	}
	return { national: rows[0]?.national ?? null, byIso: Object.fromEntries(rows.map((r) => [r.iso, r.population])), sources: [...seen.values()] };
}

// ─── The overview map's indicator layer ─────────────────────────────────────────────────────────

export interface MapIndicatorLayer {
	/** the indicators the layer offers (those of the plan with values by region) */
	choices: { rows: RegionalIndicator[]; total: number };
	indicator: (RegionalIndicator & { sensitive: boolean }) | null;
	/** the period whose regional values are shown; null when none ended by the snapshot's day */
	regionPeriod: string | null;
	byRegion: RegionValue[];
	masked: boolean;
}

/**
 * One indicator's latest validated value per region for the overview map: `code` when it has
 * regional values, else the first of the plan's. With `until` (the as-of day or the end of the
 * selected period) the latest regional period ended by then. `mask` applies the confidentiality
 * rule (public readers).
 */
export function mapIndicatorLayer(db: Db, scope: Scope, opts: { code?: string | null; mask?: boolean; until?: string | null } = {}): MapIndicatorLayer {
	const choices = regionalIndicators(db, scope);
	const mask = !!opts.mask;
	const explore = (code: string | null | undefined, regionPeriod?: string) => {
		const x = code ? indicatorExplorer(db, code, { mask, regionPeriod }) : null;
		return x && x.regionalPeriods.length > 0 ? x : null;
	};
	let x = explore(opts.code) ?? explore(choices.rows[0]?.code);
	if (!x) return { choices, indicator: null, regionPeriod: null, byRegion: [], masked: false };
	let regionPeriod: string | null = x.regionPeriod;
	if (opts.until) {
		const until = opts.until;
		regionPeriod = x.regionalPeriods.find((p) => parsePeriod(p)!.end <= until) ?? null;
		if (regionPeriod && regionPeriod !== x.regionPeriod) x = explore(x.indicator.code, regionPeriod)!;
	}
	const { code, nameFr, nameAr, nameEn, unit, unitAr, unitEn, isDemo, sensitive } = x.indicator;
	return {
		choices,
		indicator: { code, nameFr, nameAr, nameEn, unit, unitAr, unitEn, isDemo, sensitive },
		regionPeriod,
		byRegion: regionPeriod ? x.byRegion : [],
		masked: x.masked
	};
}

// ─── Filters of the dashboards' URL ─────────────────────────────────────────────────────────────

/** The plan the overview opens on. */
export const DEFAULT_PLAN = 'PN-2023-2030';

export interface ResolvedFilters {
	plans: PlanChoice[];
	periods: string[];
	/** the plan shown (the default when the URL names none or an unknown one); null when there are no plans */
	plan: PlanChoice | null;
	period: string | null;
	/** a past date only: a future or current one means "now" */
	asOf: string | null;
	opts: SnapshotOptions;
}

/**
 * Turns the dashboards' URL parameters (already parsed by `$lib/schemas/dashboard`) into what the
 * read models take: a known plan, a reporting period that exists, a past as-of date.
 */
export function resolveFilters(db: Db, params: { plan?: string; period?: string; asOf?: string }, today: string): ResolvedFilters {
	const plans = planChoices(db);
	const periods = periodChoices(db);
	const plan =
		plans.find((p) => p.code === params.plan) ?? plans.find((p) => p.code === DEFAULT_PLAN) ?? plans.find((p) => p.hasMeasures) ?? plans[0] ?? null;
	const period = params.period && periods.includes(params.period) ? params.period : null;
	const asOf = params.asOf && params.asOf < today ? params.asOf : null;
	return { plans, periods, plan, period, asOf, opts: { today, asOf, period } };
}
