/** Changes of place: a measure moved to another objective under a new code, up / down among siblings, recommendation links. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { transaction } from '../db/client';
import * as audit from '../audit';
import { placeIn } from '../structure-import';
import { planCode } from '../../schemas/structure';
import { conflict, invalid, notFound, nowIso, type WriteResult } from '../write-result';
import { ENTITY, ORDERED, type OrderedLevel, TABLE } from './levels';
import { get } from './read';

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
			sql`SELECT 1 FROM measures WHERE code = ${newCode.data} UNION ALL SELECT 1 FROM measure_former_codes WHERE code = ${newCode.data}
				AND measure_id <> ${item.id}`
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
			`UPDATE measures SET sort_order = ${placeIn('@objective')}, objective_id = @objective, code = @code, version = version + 1,
				updated_at = @at WHERE id = @id`
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
