/**
 * The snapshot every dashboard block reads: the scope of measures, the as-of options and the `snap` CTE.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql, type SQL } from 'drizzle-orm';
import { flagSql, storedFlagSql } from '../flags-sql';
import { parsePeriod, periodsBetween } from '../../domain/period';
import { DUE_SOON_DAYS } from '../../domain/status';

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
	/** only the measures of this pillar (prevention, protection, prosecution, partnership, governance) */
	pillar?: string | null;
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
				OR ${id} IN (SELECT rm.measure_id FROM recommendation_measures rm
					JOIN recommendations r ON r.id = rm.recommendation_id WHERE r.plan_id = ${scope.planId}))`;
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
export function periodEndSql(col: string): SQL {
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
export function nextDay(day: string): string {
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
	const end = opts.period ? parsePeriod(opts.period)?.end : undefined;
	// At a semester or a year (no as-of date), the state kept at write time holds it: the measure's
	// last row at that end or before (migration 0022, one backward search of its covering index).
	if (end && !opts.asOf && /-(06-30|12-31)$/.test(end)) {
		return sql`(SELECT x.status || '|' || x.progress || '|' || x.reviewed_at
			FROM measure_semester_states x WHERE x.measure_id = ${sql.raw(`${m}.id`)} AND x.semester_end <= ${end}
			ORDER BY x.semester_end DESC LIMIT 1)`;
	}
	const conds: SQL[] = [sql`x.measure_id = ${sql.raw(`${m}.id`)}`, sql`x.state = 'validated'`];
	if (opts.asOf) conds.push(sql`x.reviewed_at < ${nextDay(opts.asOf)}`);
	if (end) {
		conds.push(
			sql`x.period IN (${sql.join(
				periodCodesEndingBy(end).map((c) => sql`${c}`),
				sql`, `
			)})`
		);
	}
	return sql`(SELECT x.status || '|' || x.progress || '|' || x.reviewed_at
		FROM progress_updates x WHERE ${sql.join(conds, sql` AND `)} ORDER BY x.reviewed_at DESC LIMIT 1)`;
}

/** Unpacks `status|progress|reviewed_at` (column `packed` of alias `r`) into the snapshot's columns. */
export const unpacked = sql.raw(`coalesce(substr(r.packed, 1, instr(r.packed, '|') - 1), 'planned') AS status,
	coalesce(CAST(substr(r.packed, instr(r.packed, '|') + 1, instr(substr(r.packed, instr(r.packed, '|') + 1), '|') - 1) AS INTEGER), 0) AS progress,
	substr(substr(r.packed, instr(r.packed, '|') + 1), instr(substr(r.packed, instr(r.packed, '|') + 1), '|') + 1) AS last_validated_at`);

const SNAP_COLUMNS = 'id, objective_id, lead_institution_id, weight, start_date, deadline, is_demo';
export const cols = (alias: string, list = SNAP_COLUMNS) => sql.raw(list.replace(/(\w+)/g, `${alias}.$1`));

/**
 * The CTEs every block reads (without WITH):
 *
 * - `snap`: one row per measure in scope with id, objective_id, lead_institution_id, weight,
 *   start_date, deadline, is_demo, pillar, status, progress, last_validated_at, and the derived flags on
 *   the reference day as 0/1 columns: overdue, at_risk, stale (`flagSql`, the SQL mirror of
 *   `$lib/domain/status`; now, from the day thresholds kept with each measure, `storedFlagSql`) and
 *   due_soon. The current snapshot is a scan of the measures, inlined where it is read (a column not
 *   read is not computed; its flags are text comparisons); a historical one resolves each measure's
 *   latest update once, materialized (materializing the current one too cost a block alone ~5 ms
 *   and gave the overview nothing).
 *
 * Each block groups `snap` by what it shows (per objective, per lead institution, one pass for the
 * key figures). An earlier `cube` grouped it per objective × lead institution × status for all of
 * them, but at national scale that is ~3,400 groups out of 5,000 measures: a sort for nothing.
 */
export function snapshotCte(scope: Scope, opts: SnapshotOptions): SQL {
	const day = referenceDay(opts);
	const historical = isHistorical(opts);
	// Now, the day thresholds kept with each measure (migration 0029) make the flags text comparisons.
	const f = historical ? flagSql(day, 'u') : storedFlagSql(day, 'u');
	const where = opts.pillar ? sql`${inScope(scope)} AND m.archived_at IS NULL AND m.pillar = ${opts.pillar}` : sql`${inScope(scope)} AND m.archived_at IS NULL`;
	const base = historical
		? // A subquery in FROM would be flattened and the search repeated for each use of \`packed\`.
			sql`snap_raw AS MATERIALIZED (SELECT ${cols('m')}, m.pillar, ${latestUpdatePackedSql(opts)} AS packed FROM measures m WHERE ${where}),
			snap_u AS NOT MATERIALIZED (SELECT ${cols('r')}, r.pillar, ${unpacked} FROM snap_raw r)`
		: sql`snap_u AS NOT MATERIALIZED (SELECT ${cols('m')}, m.pillar, m.status, m.progress, m.last_validated_at, m.stale_from, m.behind_from FROM measures m WHERE ${where})`;
	// The due-soon bound is a constant: computed here, not by date() on every row.
	const dueBy = addDaysIso(day, DUE_SOON_DAYS);
	return sql`${base},
		snap AS ${sql.raw(historical ? 'MATERIALIZED' : 'NOT MATERIALIZED')} (
			SELECT u.*, ${f.overdue} AS overdue, ${f.atRisk} AS at_risk, ${f.stale} AS stale,
				(u.status NOT IN ('completed', 'cancelled') AND u.deadline >= ${day} AND u.deadline <= ${dueBy}) AS due_soon
			FROM snap_u u)`;
}

/** 'YYYY-MM-DD' plus `days`. */
function addDaysIso(day: string, days: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
