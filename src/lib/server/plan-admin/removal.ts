/** Removing an item: delete what has no reported data, archive the rest; what it affects; restore. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { transaction } from '../db/client';
import * as audit from '../audit';
import { conflict, notFound, nowIso, type WriteResult } from '../write-result';
import { getPlan } from './items';
import { ENTITY, type Removable, TABLE } from './levels';
import { get } from './read';

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
