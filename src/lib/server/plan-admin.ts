/**
 * Editing the plan's structure by hand (admin, commission): the same row schemas and checks as the
 * structure import (one item is a one-row import, so both refuse the same things), plus what only an
 * editor does: move a measure to another objective under a new code (the former code still leads to
 * it), link and unlink recommendations, and remove — delete what has no reported data, archive the rest.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import * as audit from './audit';
import { applyStructure, dryRunStructure, exportData, placeIn } from './structure-import';
import { planCode, planFormSchema, STRUCTURE_SHEETS, type PlanForm, type StructureSheet } from '../schemas/structure';
import { fieldErrors } from '../schemas/common';
import type { ImportIssue } from './imports';
import { conflict, invalid, notFound, nowIso, type WriteResult } from './write-result';
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';

export type Level = StructureSheet;
/** What the editor removes and restores: a plan or an item of its structure. */
export type Removable = Level | 'plans';
const TABLE: Record<Removable, string> = { plans: 'plans', axes: 'axes', objectives: 'objectives', measures: 'measures', indicators: 'indicators' };
export const ENTITY: Record<Removable, string> = { plans: 'plan', axes: 'axis', objectives: 'objective', measures: 'measure', indicators: 'indicator' };

/** The plan as a tree for the editor: every level, archived items included and marked. */
/** Up to this many measures in all, the tree lists every one; beyond, only those of the objective opened (`?o=`). */
export const FULL_TREE_MEASURES = 300;

/**
 * The plans and axes, each axis with its objectives and each objective with its count of measures and,
 * while the plan is small, its measures. At national scale (5,000 measures, 8 MB of HTML) only the
 * opened axis (`open` an axis code) shows its objectives, and the opened objective (`open` its code)
 * its measures.
 */
export function tree(db: Db, open: string | null = null, fullUpTo = FULL_TREE_MEASURES) {
	// What every node of the tree carries: its version goes with the move up / down buttons.
	type Node = { id: number; code: string; version: number; titleFr: string; titleAr: string | null; titleEn: string | null; archivedAt: string | null };
	const columns = sql`id, code, version, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn, archived_at AS archivedAt`;
	const plans = db.all<Node & { start: string; end: string }>(
		sql`SELECT ${columns}, start_date AS start, end_date AS "end" FROM plans ORDER BY sort_order, code`
	);
	const axes = db.all<Node & { planId: number }>(sql`SELECT ${columns}, plan_id AS planId FROM axes ORDER BY sort_order, code`);
	const objectives = db.all<Node & { axisId: number }>(sql`SELECT ${columns}, axis_id AS axisId FROM objectives ORDER BY sort_order, code`);
	const counts = new Map(
		db
			.all<{ objectiveId: number; n: number }>(sql`SELECT objective_id AS objectiveId, count(*) AS n FROM measures GROUP BY objective_id`)
			.map((r) => [r.objectiveId, r.n])
	);
	const total = [...counts.values()].reduce((a, b) => a + b, 0);
	const only = total > fullUpTo ? sql`WHERE m.objective_id = (SELECT id FROM objectives WHERE code = ${open ?? ''})` : sql``;
	const measures = db.all<Node & { objectiveId: number; lead: string; indicators: number }>(sql`
		SELECT m.id, m.objective_id AS objectiveId, m.code, m.version, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn, m.archived_at AS archivedAt, i.code AS lead,
			(SELECT count(*) FROM indicators x WHERE x.measure_id = m.id) AS indicators
		FROM measures m JOIN institutions i ON i.id = m.lead_institution_id ${only} ORDER BY m.sort_order, m.code`);
	const group = <T, K>(rows: T[], key: (r: T) => K) => {
		const out = new Map<K, T[]>();
		for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
		return out;
	};
	const mByO = group(measures, (m) => m.objectiveId);
	const oByA = group(objectives, (o) => o.axisId);
	const aByP = group(axes, (a) => a.planId);
	return plans.map((p) => ({
		...p,
		axes: (aByP.get(p.id) ?? []).map((a) => {
			const all = oByA.get(a.id) ?? [];
			/** whether `objectives` are listed: a small tree, the axis opened, or the axis of the opened objective */
			const listed = total <= fullUpTo || a.code === open || all.some((o) => o.code === open);
			return {
				...a,
				objectiveCount: all.length,
				listed,
				objectives: (listed ? all : []).map((o) => ({
					...o,
					measureCount: counts.get(o.id) ?? 0,
					/** whether `measures` are all there is (else shown on demand) */
					listed: total <= fullUpTo || o.code === open,
					measures: mByO.get(o.id) ?? []
				}))
			};
		})
	}));
}

/** The code of the objective a measure is under (the tree opens it after a move). */
export function objectiveOf(db: Db, measureCode: string): string | null {
	return db.get<{ code: string }>(sql`SELECT o.code FROM measures m JOIN objectives o ON o.id = m.objective_id WHERE m.code = ${measureCode}`)?.code ?? null;
}

/** One item as the editor's form shows it (the workbook's columns), with its version and archive mark. */
export function get(db: Db, level: Level, code: string) {
	const meta = db.get<{ id: number; version: number; archivedAt: string | null }>(
		sql`SELECT id, version, archived_at AS archivedAt FROM ${sql.raw(TABLE[level])} WHERE code = ${code}`
	);
	if (!meta) return null;
	const row = exportData(db)[level].find((r) => r.code === code)!;
	const values = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v == null ? '' : String(v)]));
	return { ...meta, values };
}

type Say = (params: Record<string, string | number>, options: { locale: Locale }) => string;
/** A row's issues as a form's field errors: a message key, or, where it names something (a code), the message said in the user's language. */
const toErrors = (issues: ImportIssue[], locale: Locale) =>
	Object.fromEntries(
		issues.map((i) => {
			const say = (m as unknown as Record<string, Say | undefined>)[i.key];
			return [i.column || '_form', i.params && say ? say(i.params, { locale }) : i.key];
		})
	);

/**
 * Creates (`version` absent) or updates one item from form fields named as the workbook's columns.
 * The row goes through the structure import's checks; the write is audited as an edit, not an import.
 */
export function save(
	db: Db,
	actorId: number,
	level: Level,
	fields: Record<string, string>,
	version?: number,
	locale: Locale = 'fr'
): WriteResult<{ code: string }> {
	const columns = Object.keys(STRUCTURE_SHEETS[level].columns);
	const code = planCode.safeParse(fields.code ?? '');
	if (!code.success) return invalid({ code: 'err_code_invalid' });
	const existing = get(db, level, code.data);
	if (version === undefined && existing) return invalid({ code: 'err_code_taken' });
	if (version !== undefined) {
		if (!existing) return notFound();
		if (existing.version !== version) return conflict(existing);
	}
	const cells = Object.fromEntries(columns.map((c) => [c, (fields[c] ?? '').trim()]));
	if (level === 'indicators' && existing) {
		const locked = lockedChanges(db, code.data, existing.values, cells, locale);
		if (locked) return invalid(locked);
	}
	const plan = dryRunStructure(db, [{ sheet: level, header: columns, rows: [{ row: 1, cells }] }], Buffer.from(JSON.stringify(cells)));
	if (!plan.ok) return invalid(toErrors(plan.issues, locale));
	const applied = applyStructure(db, actorId, plan, { fileName: '', edit: { entity: ENTITY[level], before: existing?.values ?? null } });
	return applied.ok ? { ok: true, value: { code: code.data } } : invalid({ _form: 'err_invalid' });
}

/**
 * An indicator's kind and frequency say what its values mean (a count, a rate; per year, per semester): once
 * it has values, changing either would make them lie, so it is refused with the number of values, said in the
 * user's language.
 */
function lockedChanges(db: Db, code: string, before: Record<string, string>, cells: Record<string, string>, locale: Locale): Record<string, string> | null {
	const changed = (['kind', 'frequency'] as const).filter((f) => cells[f] !== before[f]);
	if (!changed.length) return null;
	const count = usage(db, 'indicators', code).values;
	if (!count) return null;
	const say = { kind: m.err_indicator_kind_has_values, frequency: m.err_indicator_frequency_has_values };
	return Object.fromEntries(changed.map((f) => [f, say[f]({ count }, { locale })]));
}

/** A plan as its form shows it, with its version and archive mark. */
export function getPlan(db: Db, code: string) {
	const row = db.get<{
		id: number;
		version: number;
		archivedAt: string | null;
		code: string;
		kind: string;
		title_fr: string;
		title_ar: string | null;
		title_en: string | null;
		start: string;
		end: string;
		description_fr: string | null;
		description_ar: string | null;
		description_en: string | null;
		adopted_on: string | null;
		parent: string | null;
		note: string | null;
	}>(
		sql`SELECT p.id, p.version, p.archived_at AS archivedAt, p.code, p.kind, p.title_fr, p.title_ar, p.title_en, p.start_date AS start, p.end_date AS "end",
			p.description_fr, p.description_ar, p.description_en, p.adopted_on, (SELECT x.code FROM plans x WHERE x.id = p.parent_id) AS parent, p.note
		FROM plans p WHERE p.code = ${code}`
	);
	if (!row) return null;
	const { id, version, archivedAt, ...rest } = row;
	return { id, version, archivedAt, values: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v ?? ''])) as Record<string, string> };
}

/**
 * Creates (`version` absent) or updates a plan. Its dates must still frame its measures' (the import refuses
 * a measure outside its plan's dates, so a plan must not shrink around one): refused on the date that would
 * leave a measure out, naming it, in the user's language. The plan it implements must exist and be neither
 * itself nor a plan that implements it (the public pages walk that chain).
 */
export function savePlan(db: Db, actorId: number, fields: Record<string, string>, version?: number, locale: Locale = 'fr'): WriteResult<{ code: string }> {
	const parsed = planFormSchema.safeParse(fields);
	if (!parsed.success) return invalid(fieldErrors(parsed.error));
	const p = parsed.data;
	const existing = getPlan(db, p.code);
	if (version === undefined && existing) return invalid({ code: 'err_code_taken' });
	if (version !== undefined) {
		if (!existing) return notFound();
		if (existing.version !== version) return conflict(existing);
	}
	const errors: Record<string, string> = {};
	if (existing) {
		const outside = measuresOutside(db, existing.id, p.start, p.end);
		if (outside.early) errors.start = m.err_plan_dates_exclude_measure({ code: outside.early.code, date: outside.early.date }, { locale });
		if (outside.late) errors.end = m.err_plan_dates_exclude_measure({ code: outside.late.code, date: outside.late.date }, { locale });
	}
	const parentId = p.parent ? (db.get<{ id: number }>(sql`SELECT id FROM plans WHERE code = ${p.parent}`)?.id ?? null) : null;
	if (p.parent && parentId === null) errors.parent = m.err_import_unknown_parent({ code: p.parent }, { locale });
	else if (p.parent === p.code || (existing && parentId !== null && implementsPlan(db, parentId, existing.id))) errors.parent = 'err_plan_parent_cycle';
	if (Object.keys(errors).length) return invalid(errors);
	return transaction(db, (tx) => {
		const c = tx.$client;
		// every field of the form, an empty one as NULL; the parent stored by its id
		const values = Object.fromEntries(PLAN_FIELDS.map((f) => [f, p[f] ?? null]));
		const row = { ...values, parent: parentId };
		let id: number;
		if (existing) {
			c.prepare(
				`UPDATE plans SET kind = @kind, title_fr = @title_fr, title_ar = @title_ar, title_en = @title_en, start_date = @start, end_date = @end,
					description_fr = @description_fr, description_ar = @description_ar, description_en = @description_en, adopted_on = @adopted_on,
					parent_id = @parent, note = @note, version = version + 1, updated_at = @at WHERE id = @id`
			).run({ ...row, at: nowIso(), id: existing.id });
			id = existing.id;
		} else {
			// A new plan comes last.
			const r = c
				.prepare(
					`INSERT INTO plans (code, kind, title_fr, title_ar, title_en, start_date, end_date, description_fr, description_ar, description_en, adopted_on, parent_id, note, sort_order)
					VALUES (@code, @kind, @title_fr, @title_ar, @title_en, @start, @end, @description_fr, @description_ar, @description_en, @adopted_on, @parent, @note,
						(SELECT coalesce(max(sort_order), 0) + 1 FROM plans))`
				)
				.run(row);
			id = Number(r.lastInsertRowid);
		}
		audit.record(tx, {
			userId: actorId,
			action: existing ? 'update' : 'create',
			entity: 'plan',
			entityId: id,
			before: existing?.values ?? null,
			after: values
		});
		return { ok: true, value: { code: p.code } } as const;
	});
}

/** The plan form's fields, as `savePlan` writes and audits them. */
const PLAN_FIELDS = [
	'code',
	'kind',
	'title_fr',
	'title_ar',
	'title_en',
	'start',
	'end',
	'description_fr',
	'description_ar',
	'description_en',
	'adopted_on',
	'parent',
	'note'
] as const satisfies readonly (keyof PlanForm)[];

/** Whether plan `planId` is plan `ancestorId` or implements it, directly or through other plans. */
function implementsPlan(db: Db, planId: number, ancestorId: number): boolean {
	return !!db.get(sql`
		WITH RECURSIVE up(id) AS (SELECT ${planId} UNION SELECT p.parent_id FROM plans p JOIN up ON p.id = up.id WHERE p.parent_id IS NOT NULL)
		SELECT 1 FROM up WHERE id = ${ancestorId}`);
}

/** The measure starting first before `start` and the one due last after `end`, if any, among the plan's. */
function measuresOutside(db: Db, planId: number, start: string, end: string) {
	const under = sql`FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id WHERE a.plan_id = ${planId}`;
	return {
		early: db.get<{ code: string; date: string }>(
			sql`SELECT m.code, m.start_date AS date ${under} AND m.start_date < ${start} ORDER BY m.start_date, m.code LIMIT 1`
		),
		late: db.get<{ code: string; date: string }>(
			sql`SELECT m.code, m.deadline AS date ${under} AND m.deadline > ${end} ORDER BY m.deadline DESC, m.code LIMIT 1`
		)
	};
}

/**
 * What lies under an item (item `id` of `level`), table by table from the leaves up — the order a delete
 * must follow — each as a SELECT of ids. Removing, restoring and counting what either touches all read it.
 */
function under(level: Removable, id: number): [table: string, ids: string][] {
	const axes = level === 'plans' ? `SELECT id FROM axes WHERE plan_id = ${id}` : null;
	const objectives = axes
		? `SELECT id FROM objectives WHERE axis_id IN (${axes})`
		: level === 'axes'
			? `SELECT id FROM objectives WHERE axis_id = ${id}`
			: null;
	const measures = objectives
		? `SELECT id FROM measures WHERE objective_id IN (${objectives})`
		: level === 'objectives'
			? `SELECT id FROM measures WHERE objective_id = ${id}`
			: null;
	const indicators = measures
		? `SELECT id FROM indicators WHERE measure_id IN (${measures})`
		: level === 'measures'
			? `SELECT id FROM indicators WHERE measure_id = ${id}`
			: null;
	const all: [string, string | null][] = [
		['indicators', indicators],
		['measures', measures],
		['objectives', objectives],
		['axes', axes]
	];
	return all.filter((x): x is [string, string] => x[1] !== null);
}

/**
 * What removing an item touches: the items under it and the reported data they hold. A plan also counts
 * its reports (reported data) and what refers to it (recommendations, plans implementing it): any of them
 * keeps the plan, archived.
 */
export function usage(db: Db, level: Removable, code: string) {
	const id = db.get<{ id: number }>(sql`SELECT id FROM ${sql.raw(TABLE[level])} WHERE code = ${code}`)?.id ?? -1;
	const below = new Map(under(level, id));
	// The measures and indicators the counts cover: those under the item, or the item itself.
	const scope = (table: string) => sql.raw(table === TABLE[level] ? `SELECT id FROM ${table} WHERE id = ${id}` : (below.get(table) ?? 'SELECT NULL WHERE 0'));
	const count = (table: string) => (below.has(table) ? sql`(SELECT count(*) FROM (${scope(table)}))` : sql`0`);
	const r = db.get<{ axes: number; objectives: number; measures: number; indicators: number; updates: number; values: number; stages: number }>(sql`
		SELECT ${count('axes')} AS axes, ${count('objectives')} AS objectives,
			(SELECT count(*) FROM (${scope('measures')})) AS measures,
			(SELECT count(*) FROM (${scope('indicators')})) AS indicators,
			(SELECT count(*) FROM progress_updates WHERE measure_id IN (${scope('measures')})) AS updates,
			(SELECT count(*) FROM indicator_values WHERE indicator_id IN (${scope('indicators')})) AS "values",
			(SELECT count(*) FROM measure_region_stages WHERE measure_id IN (${scope('measures')})) AS stages`)!;
	const refs =
		level === 'plans'
			? db.get<{ reports: number; recommendations: number; plans: number }>(sql`
				SELECT (SELECT count(*) FROM reports WHERE plan_id = ${id}) AS reports, (SELECT count(*) FROM recommendations WHERE plan_id = ${id}) AS recommendations,
					(SELECT count(*) FROM plans WHERE parent_id = ${id}) AS plans`)!
			: { reports: 0, recommendations: 0, plans: 0 };
	return { ...r, ...refs, reported: r.updates + r.values + r.stages + refs.reports, referenced: refs.recommendations + refs.plans };
}

/** An item or a plan with what the removal's forms carry. */
function removable(db: Db, level: Removable, code: string) {
	return level === 'plans' ? getPlan(db, code) : get(db, level, code);
}

/**
 * Removes an item or a plan: deleted with everything under it when none of it holds reported data (and,
 * for a plan, nothing refers to it), otherwise archived with everything under it (kept, with its history,
 * out of the live plan and the dashboards).
 */
export function remove(
	db: Db,
	actorId: number,
	level: Removable,
	code: string,
	version: number
): WriteResult<{ archived: boolean; usage: ReturnType<typeof usage> }> {
	const item = removable(db, level, code);
	if (!item) return notFound();
	if (item.version !== version) return conflict(item);
	const use = usage(db, level, code);
	return transaction(db, (tx) => {
		const c = tx.$client;
		const archived = use.reported + use.referenced > 0;
		const below = under(level, item.id);
		if (archived) {
			const at = nowIso();
			// Archived together: an item out of the live plan takes what is under it along.
			for (const [table, ids] of below) c.prepare(`UPDATE ${table} SET archived_at = coalesce(archived_at, ?) WHERE id IN (${ids})`).run(at);
			c.prepare(`UPDATE ${TABLE[level]} SET archived_at = ?, version = version + 1 WHERE id = ?`).run(at, item.id);
		} else {
			for (const [table, ids] of below) c.prepare(`DELETE FROM ${table} WHERE id IN (${ids})`).run();
			c.prepare(`DELETE FROM ${TABLE[level]} WHERE id = ?`).run(item.id);
		}
		audit.record(tx, {
			userId: actorId,
			action: archived ? 'archive' : 'delete',
			entity: ENTITY[level],
			entityId: item.id,
			before: { ...item.values, usage: use }
		});
		return { ok: true, value: { archived, usage: use } } as const;
	});
}

/** Brings an archived item or plan (and what was archived under it at the same moment) back into the live plan. */
export function restore(db: Db, actorId: number, level: Removable, code: string, version: number): WriteResult<{ code: string }> {
	const item = removable(db, level, code);
	if (!item) return notFound();
	if (item.version !== version) return conflict(item);
	if (!item.archivedAt) return { ok: true, value: { code } };
	return transaction(db, (tx) => {
		const c = tx.$client;
		for (const [table, ids] of under(level, item.id))
			c.prepare(`UPDATE ${table} SET archived_at = NULL WHERE archived_at = ? AND id IN (${ids})`).run(item.archivedAt);
		c.prepare(`UPDATE ${TABLE[level]} SET archived_at = NULL, version = version + 1 WHERE id = ?`).run(item.id);
		audit.record(tx, { userId: actorId, action: 'restore', entity: ENTITY[level], entityId: item.id, after: { code } });
		return { ok: true, value: { code } } as const;
	});
}

/**
 * Moves a measure to another objective under a new code. The former code is kept: old links redirect
 * and a search for it still finds the measure.
 */
export function move(db: Db, actorId: number, code: string, input: { objective: string; newCode: string; version: number }): WriteResult<{ code: string }> {
	const item = get(db, 'measures', code);
	if (!item) return notFound();
	if (item.version !== input.version) return conflict(item);
	const objective = db.get<{ id: number }>(sql`SELECT id FROM objectives WHERE code = ${input.objective}`);
	if (!objective) return invalid({ objective: 'err_import_unknown_parent' });
	const newCode = planCode.safeParse(input.newCode);
	if (!newCode.success) return invalid({ newCode: 'err_code_invalid' });
	// Free: no other measure has it, now or formerly (its own former codes it may take back).
	const taken =
		newCode.data !== code &&
		db.get(
			sql`SELECT 1 FROM measures WHERE code = ${newCode.data} UNION ALL SELECT 1 FROM measure_former_codes WHERE code = ${newCode.data} AND measure_id <> ${item.id}`
		);
	if (taken) return invalid({ newCode: 'err_code_taken' });
	return transaction(db, (tx) => {
		const c = tx.$client;
		const at = nowIso();
		if (newCode.data !== code) {
			// Moving back to a code it had: that code is current again, not former.
			c.prepare(`DELETE FROM measure_former_codes WHERE code = ?`).run(newCode.data);
			c.prepare(`INSERT INTO measure_former_codes (code, measure_id, moved_at) VALUES (?, ?, ?)`).run(code, item.id, at);
		}
		// Under another objective it comes last; it keeps its place when only its code changes.
		c.prepare(
			`UPDATE measures SET sort_order = ${placeIn('@objective')}, objective_id = @objective, code = @code, version = version + 1, updated_at = @at WHERE id = @id`
		).run({ objective: objective.id, code: newCode.data, at, id: item.id });
		audit.record(tx, {
			userId: actorId,
			action: 'move',
			entity: 'measure',
			entityId: item.id,
			before: { code, objective: item.values.objective },
			after: { code: newCode.data, objective: input.objective }
		});
		return { ok: true, value: { code: newCode.data } } as const;
	});
}

/** The levels an editor reorders, each with the column naming the parent its items are ordered within (plans: all in one list). */
const ORDERED = { plans: null, axes: 'plan_id', objectives: 'axis_id', measures: 'objective_id', indicators: 'measure_id' } as const;
export type OrderedLevel = keyof typeof ORDERED;
export const isOrderedLevel = (v: string): v is OrderedLevel => v in ORDERED;
/** One place up or down, from the version the button was shown with. */
type Move = { direction: 'up' | 'down'; version: number };

/**
 * Moves an item one place up or down among its siblings (archived ones included: they keep their place
 * in the tree). The siblings are renumbered 1..n in the order shown, then the item and its neighbour swap,
 * in one transaction; every item whose place changed gets a new version, so a form opened before (an
 * axis's or objective's form shows its order) gets a conflict instead of writing the old place back.
 * The first moved up, or the last moved down, stays where it is: nothing written (`moved: false`).
 */
export function reorder(db: Db, actorId: number, level: OrderedLevel, code: string, input: Move): WriteResult<{ moved: boolean }> {
	const table = TABLE[level];
	const parent = ORDERED[level];
	const item = db.get<{ id: number; version: number; parentId: number | null }>(
		sql`SELECT id, version, ${sql.raw(parent ?? 'NULL')} AS parentId FROM ${sql.raw(table)} WHERE code = ${code}`
	);
	if (!item) return notFound();
	if (item.version !== input.version) return conflict(item);
	return transaction(db, (tx) => {
		const c = tx.$client;
		const siblings = c
			.prepare(`SELECT id, code, sort_order AS sortOrder FROM ${table} ${parent ? `WHERE ${parent} = ?` : ''} ORDER BY sort_order, code`)
			.all(...(parent ? [item.parentId] : [])) as {
			id: number;
			code: string;
			sortOrder: number;
		}[];
		const from = siblings.findIndex((x) => x.id === item.id);
		const to = input.direction === 'up' ? from - 1 : from + 1;
		if (to < 0 || to >= siblings.length) return { ok: true, value: { moved: false } } as const;
		const order = siblings.map((x) => x.code);
		siblings.splice(to, 0, ...siblings.splice(from, 1));
		const at = nowIso();
		const set = c.prepare(`UPDATE ${table} SET sort_order = ?, version = version + 1, updated_at = ? WHERE id = ?`);
		siblings.forEach((x, i) => {
			if (x.sortOrder !== i + 1) set.run(i + 1, at, x.id);
		});
		audit.record(tx, {
			userId: actorId,
			action: 'reorder',
			entity: ENTITY[level],
			entityId: item.id,
			before: { code, order },
			after: { code, direction: input.direction, order: siblings.map((x) => x.code) }
		});
		return { ok: true, value: { moved: true } } as const;
	});
}

/**
 * Moves an indicator one place up or down among its measure's indicators, as `reorder` does; an indicator
 * of another measure is not found here (the measure's page moves only its own).
 */
export function reorderIndicator(db: Db, actorId: number, measureCode: string, code: string, input: Move): WriteResult<{ moved: boolean }> {
	const own = db.get(sql`SELECT 1 FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE i.code = ${code} AND m.code = ${measureCode}`);
	return own ? reorder(db, actorId, 'indicators', code, input) : notFound();
}

/** The indicators of a measure in their order, with the version their move up / down buttons carry. */
export function indicatorsOf(db: Db, measureId: number) {
	return db.all<{ code: string; version: number; nameFr: string; nameAr: string | null; nameEn: string | null; archivedAt: string | null }>(
		sql`SELECT code, version, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn, archived_at AS archivedAt FROM indicators WHERE measure_id = ${measureId} ORDER BY sort_order, code`
	);
}

/** Former codes of a measure, newest first. */
export function formerCodes(db: Db, measureId: number) {
	return db.all<{ code: string; movedAt: string }>(
		sql`SELECT code, moved_at AS movedAt FROM measure_former_codes WHERE measure_id = ${measureId} ORDER BY moved_at DESC`
	);
}

/** Links a recommendation to a measure or unlinks it. */
export function setRecommendation(db: Db, actorId: number, measureCode: string, recommendationCode: string, linked: boolean): WriteResult<{ code: string }> {
	const m = db.get<{ id: number }>(sql`SELECT id FROM measures WHERE code = ${measureCode}`);
	const r = db.get<{ id: number }>(sql`SELECT id FROM recommendations WHERE code = ${recommendationCode}`);
	if (!m) return notFound();
	if (!r) return invalid({ recommendation: 'err_import_unknown_recommendation' });
	return transaction(db, (tx) => {
		if (linked) tx.$client.prepare(`INSERT OR IGNORE INTO recommendation_measures (recommendation_id, measure_id) VALUES (?, ?)`).run(r.id, m.id);
		else tx.$client.prepare(`DELETE FROM recommendation_measures WHERE recommendation_id = ? AND measure_id = ?`).run(r.id, m.id);
		audit.record(tx, {
			userId: actorId,
			action: linked ? 'link' : 'unlink',
			entity: 'recommendation_measure',
			entityId: `${r.id}:${m.id}`,
			after: { recommendation: recommendationCode, measure: measureCode }
		});
		return { ok: true, value: { code: measureCode } } as const;
	});
}

type Titled = { code: string; titleFr: string; titleAr: string | null; titleEn: string | null };

/** What the editor's selects offer. */
export function choices(db: Db) {
	return {
		// every label in the three languages: the editor reads in the user's
		plans: db.all<Titled>(
			sql`SELECT code, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn FROM plans WHERE archived_at IS NULL ORDER BY sort_order, code`
		),
		axes: db.all<Titled>(sql`SELECT code, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn FROM axes WHERE archived_at IS NULL ORDER BY code`),
		objectives: db.all<Titled>(
			sql`SELECT code, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn FROM objectives WHERE archived_at IS NULL ORDER BY code`
		),
		measures: db.all<Titled>(
			sql`SELECT code, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn FROM measures WHERE archived_at IS NULL ORDER BY code`
		),
		regions: db.all<{ iso: string; nameFr: string; nameAr: string | null; nameEn: string | null }>(
			sql`SELECT iso, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn FROM regions ORDER BY iso`
		),
		institutions: db.all<{ code: string; nameFr: string; nameAr: string | null; nameEn: string | null }>(
			sql`SELECT code, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn FROM institutions WHERE active = 1 ORDER BY code`
		),
		recommendations: db.all<{ code: string; titleFr: string; titleAr: string | null; titleEn: string | null }>(
			sql`SELECT code, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn FROM recommendations ORDER BY rank, code`
		)
	};
}

const LISTS = new Set(['contributors', 'regions', 'recommendations', 'dimensions']);
/** A form's fields as a workbook row: multi-valued fields (selects, checkboxes) joined with ";". */
export function fieldsOf(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of data) {
		if (typeof v !== 'string') continue;
		out[k] = LISTS.has(k)
			? data
					.getAll(k)
					.filter((x): x is string => typeof x === 'string')
					.join(';')
			: v;
	}
	return out;
}

export const LEVELS = ['axes', 'objectives', 'measures', 'indicators'] as const satisfies readonly Level[];
export const isLevel = (v: string): v is Level => (LEVELS as readonly string[]).includes(v);
