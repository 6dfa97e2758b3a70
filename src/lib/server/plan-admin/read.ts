/** What the plan editor reads: the tree, one item as its form shows it, the selects' choices. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { exportData } from '../structure-import';
import { type Level, TABLE } from './levels';

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
		SELECT m.id, m.objective_id AS objectiveId, m.code, m.version, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn,
			m.archived_at AS archivedAt, i.code AS lead,
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

/** The indicators of a measure in their order, with the version their move up / down buttons carry. */
export function indicatorsOf(db: Db, measureId: number) {
	return db.all<{ code: string; version: number; nameFr: string; nameAr: string | null; nameEn: string | null; archivedAt: string | null }>(
		sql`SELECT code, version, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn, archived_at AS archivedAt FROM indicators
			WHERE measure_id = ${measureId} ORDER BY sort_order, code`
	);
}

/** Former codes of a measure, newest first. */
export function formerCodes(db: Db, measureId: number) {
	return db.all<{ code: string; movedAt: string }>(
		sql`SELECT code, moved_at AS movedAt FROM measure_former_codes WHERE measure_id = ${measureId} ORDER BY moved_at DESC`
	);
}

type Titled = { code: string; titleFr: string; titleAr: string | null; titleEn: string | null };
type Named = { code: string; nameFr: string; nameAr: string | null; nameEn: string | null };

/** Up to this many measures, an indicator's measure is a select; beyond, a text input for its code (5,000 options were 800 KB of HTML). */
export const MEASURE_SELECT_MAX = FULL_TREE_MEASURES;

/**
 * What the selects of `level`'s form offer, and only those (the other lists empty): a plan's form its
 * plans, an axis's the plans, an objective's the axes, a measure's the objectives, institutions, regions
 * and recommendations, an indicator's the measures — unless there are more than `measureSelectMax`,
 * when `measures` is null and the form asks for the measure's code.
 */
export function choices(db: Db, level: Level | 'plans', measureSelectMax = MEASURE_SELECT_MAX) {
	const want = (...levels: (Level | 'plans')[]) => levels.includes(level);
	const titled = (table: 'plans' | 'axes' | 'objectives' | 'measures', order: string) =>
		db.all<Titled>(
			sql`SELECT code, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn FROM ${sql.raw(table)} WHERE archived_at IS NULL ORDER BY ${sql.raw(order)}`
		);
	const measureCount = want('indicators') ? db.get<{ n: number }>(sql`SELECT count(*) AS n FROM measures WHERE archived_at IS NULL`)!.n : 0;
	return {
		// every label in the three languages: the pages project them to the viewer's
		plans: want('plans', 'axes') ? titled('plans', 'sort_order, code') : [],
		axes: want('objectives') ? titled('axes', 'code') : [],
		objectives: want('measures') ? titled('objectives', 'code') : [],
		/** null: too many for a select, the form takes the measure's code */
		measures: !want('indicators') ? [] : measureCount > measureSelectMax ? null : titled('measures', 'code'),
		regions: want('measures')
			? db.all<{ iso: string; nameFr: string; nameAr: string | null; nameEn: string | null }>(
					sql`SELECT iso, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn FROM regions ORDER BY iso`
				)
			: [],
		institutions: want('measures')
			? db.all<Named>(sql`SELECT code, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn FROM institutions WHERE active = 1 ORDER BY code`)
			: [],
		recommendations: want('measures')
			? db.all<Titled>(sql`SELECT code, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn FROM recommendations ORDER BY rank, code`)
			: []
	};
}
