/**
 * The plan editor's plans (create, edit, dates that frame their measures, move up / down, delete or archive)
 * and its move up / move down; a structure import moving a measure places it as the editor does; the
 * measures list in the plan's order.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { getAxis, getPlan, listPlans } from '../../src/lib/server/plan';
import { applyStructure, dryRunStructure, exportData } from '../../src/lib/server/structure-import';
import { filterOptions, listMeasures } from '../../src/lib/server/measures';
import { planChoices } from '../../src/lib/server/dashboard/filters';
import { parseMeasureFilters } from '../../src/lib/schemas/measure';
import { STRUCTURE_SHEETS } from '../../src/lib/schemas/structure';
import * as planAdmin from '../../src/lib/server/plan-admin';
import type { SessionUser } from '../../src/lib/server/auth/session';
import * as tree from '../../src/routes/(app)/admin/plan/+page.server';
import * as planPage from '../../src/routes/(app)/admin/plan/plans/[code]/+page.server';
import * as itemPage from '../../src/routes/(app)/admin/plan/[level=level]/[code]/+page.server';
import { getMeasure } from '../../src/lib/server/measures';

let db: Db;
let cleanup: () => void;
let commission: SessionUser;
let focal: SessionUser;
let partner: SessionUser;
/** an objective with three measures or more, and its axis */
let target: { objective: string; axis: string };

const user = (email: string): SessionUser => {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
};
const post = (fields: Record<string, string>, as = commission, action: 'create' | 'reorder' = 'reorder') =>
	run(tree.actions[action] as never, actionEvent({ user: as, path: '/admin/plan', body: formData(fields) }));
const savePlan = (code: string, fields: Record<string, string>, as = commission) =>
	run(planPage.actions.save as never, actionEvent({ user: as, params: { code }, path: `/admin/plan/plans/${code}`, body: formData(fields) }));
const version = (table: 'plans' | 'axes' | 'objectives' | 'measures' | 'indicators', code: string) =>
	db.get<{ v: number }>(sql`SELECT version AS v FROM ${sql.raw(table)} WHERE code = ${code}`)!.v;
const audits = (action: string) => db.select().from(s.auditEvents).where(eq(s.auditEvents.action, action)).all();
const treeMeasures = (objective: string) =>
	planAdmin
		.tree(db)
		.flatMap((p) => p.axes.flatMap((a) => a.objectives))
		.find((o) => o.code === objective)!
		.measures.map((x) => x.code);
const move = (level: string, code: string, direction: 'up' | 'down', as = commission, v?: number) =>
	post({ level, code, direction, version: String(v ?? version(level as 'measures', code)) }, as);
const onPlanPage = (code: string, action: 'remove' | 'restore', fields: Record<string, string>, as = commission) =>
	run(planPage.actions[action] as never, actionEvent({ user: as, params: { code }, path: `/admin/plan/plans/${code}`, body: formData(fields) }));
const planOrder = () => planAdmin.tree(db).map((p) => p.code);
/** The measures of a plan still in the live plan (or all of them), and its live axes, objectives and indicators. */
const live = (plan: string) =>
	db.get<{ axes: number; objectives: number; measures: number; indicators: number; all: number }>(sql`
		SELECT (SELECT count(*) FROM axes a JOIN plans p ON p.id = a.plan_id WHERE p.code = ${plan} AND a.archived_at IS NULL) AS axes,
			(SELECT count(*) FROM objectives o JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id WHERE p.code = ${plan} AND o.archived_at IS NULL) AS objectives,
			(SELECT count(*) FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id WHERE p.code = ${plan} AND m.archived_at IS NULL) AS measures,
			(SELECT count(*) FROM indicators i JOIN measures m ON m.id = i.measure_id JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id
				WHERE p.code = ${plan} AND i.archived_at IS NULL) AS indicators,
			(SELECT count(*) FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id WHERE p.code = ${plan}) AS "all"`)!;
const today = '2026-06-30';
/** Another live objective of the target's plan, with `measures` measures or more. */
const otherObjective = (measures: number) =>
	db.get<{ code: string }>(sql`
		SELECT o.code FROM objectives o JOIN axes a ON a.id = o.axis_id
		WHERE a.plan_id = (SELECT plan_id FROM axes WHERE code = ${target.axis}) AND o.code <> ${target.objective} AND o.archived_at IS NULL
			AND (SELECT count(*) FROM measures x WHERE x.objective_id = o.id) >= ${measures}
		ORDER BY a.sort_order, o.sort_order LIMIT 1`)!.code;

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	commission = user('commission@rasd.demo');
	focal = user('dgsn@rasd.demo');
	partner = user('oim@rasd.demo');
	target = db.get<{ objective: string; axis: string }>(sql`
		SELECT o.code AS objective, a.code AS axis FROM objectives o JOIN axes a ON a.id = o.axis_id JOIN measures m ON m.objective_id = o.id
		WHERE m.archived_at IS NULL GROUP BY o.id HAVING count(*) >= 3 ORDER BY a.sort_order, o.sort_order LIMIT 1`)!;
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('plan editor: order', () => {
	it('the migration kept the code order: every listing of an objective shows its measures as before', () => {
		const codes = treeMeasures(target.objective);
		expect(codes).toEqual([...codes].sort());
		expect(codes.length).toBeGreaterThanOrEqual(3);
	});

	it('moves a measure up: one transaction, the new order in the tree, the axis page and the export; audited', async () => {
		const before = treeMeasures(target.objective);
		const [first, second] = before as [string, string];
		const r = await move('measures', second, 'up');
		expect(r.status).toBe(303);
		expect(r.location).toBe(`/admin/plan?reordered=1&o=${target.objective}#measures-${second}`);
		const after = [second, first, ...before.slice(2)];
		expect(treeMeasures(target.objective)).toEqual(after);
		const onAxis = getAxis(db, target.axis)!
			.measures.filter((m) => before.includes(m.code))
			.map((m) => m.code);
		expect(onAxis).toEqual(after.slice(0, onAxis.length));
		expect(
			exportData(db)
				.measures.filter((m) => m.objective === target.objective)
				.map((m) => m.code)
		).toEqual(after);
		const event = audits('reorder').at(-1)!;
		expect(event.entity).toBe('measure');
		expect(event.after).toContain(`"order":${JSON.stringify(after)}`);
	});

	it('the first moved up, or the last moved down, stays: nothing written, nothing audited', async () => {
		const order = treeMeasures(target.objective);
		const n = audits('reorder').length;
		const v = version('measures', order[0]!);
		expect((await move('measures', order[0]!, 'up')).location).toBe(`/admin/plan?unmoved=1&o=${target.objective}#measures-${order[0]}`);
		expect((await move('measures', order.at(-1)!, 'down')).location).toContain('unmoved=1');
		expect(treeMeasures(target.objective)).toEqual(order);
		expect(audits('reorder')).toHaveLength(n);
		expect(version('measures', order[0]!)).toBe(v);
	});

	it('a stale button gets a conflict and writes nothing; an unknown direction or level is refused', async () => {
		const order = treeMeasures(target.objective);
		const r = await move('measures', order[1]!, 'up', commission, version('measures', order[1]!) - 1);
		expect(r.status).toBe(409);
		expect(treeMeasures(target.objective)).toEqual(order);
		expect((await post({ level: 'measures', code: order[1]!, direction: 'left', version: '1' })).status).toBe(400);
		expect((await post({ level: 'indicators', code: order[1]!, direction: 'up', version: '1' })).status).toBe(400);
	});

	it('moves an axis down within its plan and an objective up within its axis', async () => {
		const axes = () =>
			planAdmin
				.tree(db)
				.find((p) => p.axes.some((a) => a.code === target.axis))!
				.axes.map((a) => a.code);
		const before = axes();
		expect((await move('axes', before[0]!, 'down')).status).toBe(303);
		expect(axes()).toEqual([before[1], before[0], ...before.slice(2)]);
		const objectives = () =>
			planAdmin
				.tree(db)
				.flatMap((p) => p.axes)
				.find((a) => a.code === target.axis)!
				.objectives.map((o) => o.code);
		const os = objectives();
		if (os.length > 1) {
			expect((await move('objectives', os.at(-1)!, 'up')).status).toBe(303);
			expect(objectives()).toEqual([...os.slice(0, -2), os.at(-1), os.at(-2)]);
		}
		expect(audits('reorder').map((e) => e.entity)).toEqual(expect.arrayContaining(['axis', 'measure']));
	});

	it('a new measure comes last in its objective, whatever its code', async () => {
		const plan = db.get<{ start: string; end: string }>(
			sql`SELECT p.start_date AS start, p.end_date AS "end" FROM plans p JOIN axes a ON a.plan_id = p.id WHERE a.code = ${target.axis}`
		)!;
		const lead = db.get<{ code: string }>(sql`SELECT code FROM institutions WHERE active = 1 ORDER BY code LIMIT 1`)!.code;
		const r = planAdmin.save(db, commission.id, 'measures', {
			objective: target.objective,
			code: '0-FIRST-BY-CODE',
			title_fr: 'Nouvelle',
			lead,
			start: plan.start,
			deadline: plan.end
		});
		expect(r.ok).toBe(true);
		expect(treeMeasures(target.objective).at(-1)).toBe('0-FIRST-BY-CODE');
	});

	it('a focal point and a partner are refused', async () => {
		const code = treeMeasures(target.objective)[1]!;
		for (const as of [focal, partner]) {
			expect((await move('measures', code, 'up', as)).status).toBe(403);
			expect(
				(await post({ level: 'plans', code: 'PX', kind: 'action_plan', title_fr: 'x', start: '2027-01-01', end: '2028-01-01' }, as, 'create')).status
			).toBe(403);
			expect((await savePlan('PX', { version: '1' }, as)).status).toBe(403);
			const plan = planOrder()[0]!;
			expect((await move('plans', planOrder()[1]!, 'up', as)).status).toBe(403);
			expect((await onPlanPage(plan, 'remove', { version: String(version('plans', plan)), confirm: 'yes' }, as)).status).toBe(403);
			expect((await onPlanPage(plan, 'restore', { version: String(version('plans', plan)) }, as)).status).toBe(403);
		}
	});
});

describe('plan editor: plans', () => {
	const fields = {
		level: 'plans',
		code: 'PN-TEST',
		kind: 'action_plan',
		title_fr: 'Plan test',
		title_ar: 'خطة تجريبية',
		start: '2027-01-01',
		end: '2029-12-31'
	};

	it('creates a plan, audited; refuses an end before the start and a taken code', async () => {
		expect((await post({ ...fields, end: '2026-12-31' }, commission, 'create')).data?.create.errors).toEqual({ end: 'err_plan_end_before_start' });
		expect((await post({ ...fields, start: 'nope' }, commission, 'create')).data?.create.errors.start).toBe('err_date_invalid');
		const r = await post(fields, commission, 'create');
		expect(r.location).toBe('/admin/plan/plans/PN-TEST?saved=1');
		expect(planAdmin.tree(db).at(-1)!.code).toBe('PN-TEST');
		expect(audits('create').filter((e) => e.entity === 'plan')).toHaveLength(1);
		expect((await post(fields, commission, 'create')).data?.create.errors).toEqual({ code: 'err_code_taken' });
	});

	it('edits a plan with its version: a stale form gets a conflict', async () => {
		const v = version('plans', 'PN-TEST');
		expect((await savePlan('PN-TEST', { ...fields, title_en: 'Test plan', version: String(v) })).status).toBe(303);
		expect((await savePlan('PN-TEST', { ...fields, title_en: 'Stale', version: String(v) })).status).toBe(409);
		expect(planAdmin.getPlan(db, 'PN-TEST')!.values.title_en).toBe('Test plan');
		expect(audits('update').filter((e) => e.entity === 'plan')).toHaveLength(1);
	});

	it("refuses dates that would leave out one of the plan's measures, naming it in the user's language", async () => {
		const p = db.get<{ code: string; kind: string; start: string; end: string; v: number }>(sql`
			SELECT p.code, p.kind, p.start_date AS start, p.end_date AS "end", p.version AS v FROM plans p JOIN axes a ON a.plan_id = p.id WHERE a.code = ${target.axis}`)!;
		const last = db.get<{ code: string; deadline: string }>(sql`
			SELECT m.code, m.deadline FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id
			WHERE a.plan_id = (SELECT plan_id FROM axes WHERE code = ${target.axis}) ORDER BY m.deadline DESC, m.code LIMIT 1`)!;
		const title = planAdmin.getPlan(db, p.code)!.values.title_fr!;
		const shrunk = { code: p.code, kind: p.kind, title_fr: title, start: p.start, end: dayBefore(last.deadline) };
		const fr = planAdmin.savePlan(db, commission.id, shrunk, p.v, 'fr');
		expect(fr.ok).toBe(false);
		const errors = (fr as { errors: Record<string, string> }).errors;
		expect(errors.end).toContain(last.code);
		expect(errors.end).toContain('mesure');
		const ar = planAdmin.savePlan(db, commission.id, shrunk, p.v, 'ar') as { errors: Record<string, string> };
		expect(ar.errors.end).toContain('الإجراء');
		expect(planAdmin.getPlan(db, p.code)!.values.end).toBe(p.end);
		expect(version('plans', p.code)).toBe(p.v);
	});
});

describe('plan editor: what else a plan says', () => {
	const base = { kind: 'action_plan', title_fr: 'Plan test', start: '2027-01-01', end: '2029-12-31' };
	const edit = (code: string, fields: Record<string, string>) => savePlan(code, { ...base, ...fields, version: String(version('plans', code)) });

	it("edits its descriptions, adoption date, the plan it implements and its caveat: on its public page and the parent's; audited", async () => {
		const r = await edit('PN-TEST', {
			description_fr: 'Plan de démonstration.',
			description_ar: 'خطة للعرض.',
			adopted_on: '2026-11-15',
			parent: 'PN-2023-2030',
			note: 'Dates taken from the press release.'
		});
		expect(r.status).toBe(303);
		const shown = getPlan(db, 'PN-TEST')!;
		expect(shown.plan).toMatchObject({
			descriptionFr: 'Plan de démonstration.',
			descriptionAr: 'خطة للعرض.',
			descriptionEn: null,
			adoptedOn: '2026-11-15',
			note: 'Dates taken from the press release.'
		});
		expect(shown.parent?.code).toBe('PN-2023-2030');
		expect(getPlan(db, 'PN-2023-2030')!.children.map((c) => c.code)).toContain('PN-TEST');
		expect(planAdmin.getPlan(db, 'PN-TEST')!.values).toMatchObject({ parent: 'PN-2023-2030', adopted_on: '2026-11-15' });
		expect(
			audits('update')
				.filter((e) => e.entity === 'plan')
				.at(-1)!.after
		).toContain('"parent":"PN-2023-2030"');
		// emptied, the fields are cleared
		expect((await edit('PN-TEST', { description_fr: '', parent: '', adopted_on: '', note: '' })).status).toBe(303);
		expect(getPlan(db, 'PN-TEST')!).toMatchObject({ parent: null, plan: { descriptionFr: null, adoptedOn: null, note: null } });
	});

	it("refuses, field by field in the user's language, a bad adoption date, an unknown plan, a plan implementing itself or its own implementer, a text too long", async () => {
		const errors = async (fields: Record<string, string>) => (await edit('PN-TEST', fields)).data?.save.errors;
		expect(await errors({ adopted_on: '2030-01-01' })).toEqual({ adopted_on: 'err_plan_adopted_after_end' });
		expect(await errors({ adopted_on: '2026-02-30' })).toEqual({ adopted_on: 'err_date_invalid' });
		expect((await errors({ parent: 'PN-NOPE' })).parent).toContain('PN-NOPE');
		expect(await errors({ parent: 'PN-TEST' })).toEqual({ parent: 'err_plan_parent_cycle' });
		// PN-CHILD-OF-TEST implements PN-TEST: PN-TEST cannot implement it in turn
		expect((await post({ ...base, level: 'plans', code: 'PN-CHILD-OF-TEST', parent: 'PN-TEST' }, commission, 'create')).status).toBe(303);
		expect(await errors({ parent: 'PN-CHILD-OF-TEST' })).toEqual({ parent: 'err_plan_parent_cycle' });
		expect(await errors({ description_en: 'x'.repeat(5001) })).toEqual({ description_en: 'err_text_too_long' });
		expect(getPlan(db, 'PN-TEST')!.parent).toBeNull();
		expect(getPlan(db, 'PN-CHILD-OF-TEST')!.parent?.code).toBe('PN-TEST');
	});
});

describe('plan editor: plans in order', () => {
	it("moves a plan up: the tree, the plans' page, the dashboards' and the measures list's plan choices follow; audited", async () => {
		const before = planOrder();
		expect(before.length).toBeGreaterThanOrEqual(3);
		const last = before.at(-1)!;
		const r = await move('plans', last, 'up');
		expect(r.location).toBe(`/admin/plan?reordered=1#plans-${last}`);
		const after = [...before.slice(0, -2), last, before.at(-2)!];
		expect(planOrder()).toEqual(after);
		expect(listPlans(db).map((p) => p.plan.code)).toEqual(after);
		expect(planChoices(db).map((p) => p.code)).toEqual(after);
		expect(filterOptions(db).plans.map((p) => p.code)).toEqual(after);
		const event = audits('reorder').at(-1)!;
		expect(event.entity).toBe('plan');
		expect(event.after).toContain(`"order":${JSON.stringify(after)}`);
	});

	it('the first plan moved up stays; a stale button gets a conflict', async () => {
		const order = planOrder();
		expect((await move('plans', order[0]!, 'up')).location).toBe(`/admin/plan?unmoved=1#plans-${order[0]}`);
		expect((await move('plans', order[1]!, 'up', commission, version('plans', order[1]!) + 1)).status).toBe(409);
		expect(planOrder()).toEqual(order);
	});
});

describe('the measures list in plan order', () => {
	it('sorts by plan, axis, objective and measure as the editor placed them, on demand; the code stays the default', () => {
		const { filters } = parseMeasureFilters(new URLSearchParams('sort=plan'));
		expect(filters.sort).toBe('plan');
		expect(parseMeasureFilters(new URLSearchParams()).filters.sort).toBe('code');
		const codes = (f: typeof filters) => listMeasures(db, f, { today, locale: 'fr', pageSize: 10_000 }).rows.map((r) => r.code);
		const inTree = planAdmin
			.tree(db)
			.flatMap((p) => p.axes.flatMap((a) => a.objectives.flatMap((o) => o.measures.filter((x) => !x.archivedAt).map((x) => x.code))));
		const byPlan = codes(filters);
		expect(byPlan).toEqual(inTree);
		// the moves above put the plan's order apart from the codes'
		expect(byPlan).not.toEqual([...byPlan].sort());
		expect(codes({ ...filters, dir: 'desc' })).toEqual([...byPlan].reverse());
		expect(codes({ ...filters, sort: 'code' })).toEqual([...byPlan].sort());
	});
});

describe('structure import: a measure moved to another objective', () => {
	const cellsOf = (code: string) =>
		Object.fromEntries(Object.entries(exportData(db).measures.find((m) => m.code === code)!).map(([k, v]) => [k, v == null ? '' : String(v)]));
	const places = () => db.all<{ code: string; o: number; n: number }>(sql`SELECT code, objective_id AS o, sort_order AS n FROM measures ORDER BY code`);

	it('with no order, comes last there, as the editor places it (several in file order); the others keep their places; the same file again changes nothing', () => {
		const from = treeMeasures(target.objective);
		const to = otherObjective(2);
		const there = treeMeasures(to);
		// the first and third measures move, the third listed first in the file
		const [x, y] = [from[0]!, from[2]!];
		const table = {
			sheet: 'measures',
			header: Object.keys(STRUCTURE_SHEETS.measures.columns),
			// the order cells emptied: a place in the former objective means nothing in the new one
			rows: [y, x].map((code, i) => ({ row: i + 2, cells: { ...cellsOf(code), objective: to, order: '' } }))
		};
		const bytes = Buffer.from(JSON.stringify(table));
		const dry = dryRunStructure(db, [table], bytes);
		expect(dry.issues).toEqual([]);
		expect(dry.counts).toEqual({ create: 0, update: 2, unchanged: 0 });
		expect(applyStructure(db, commission.id, dry, { fileName: 'moved.csv' }).ok).toBe(true);
		expect(treeMeasures(to)).toEqual([...there, y, x]);
		expect(treeMeasures(target.objective)).toEqual(from.filter((c) => c !== x && c !== y));
		const stored = places();
		const again = dryRunStructure(db, [table], bytes);
		expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 2 });
		expect(applyStructure(db, commission.id, again, { fileName: 'moved.csv' }).ok).toBe(true);
		expect(places()).toEqual(stored);
	});
});

describe('structure import: the order column of measures', () => {
	const sheet = (cells: Record<string, string>[]) => ({
		sheet: 'measures',
		header: Object.keys(STRUCTURE_SHEETS.measures.columns),
		rows: cells.map((c, i) => ({ row: i + 2, cells: c }))
	});
	const cellsOf = (code: string) =>
		Object.fromEntries(Object.entries(exportData(db).measures.find((m) => m.code === code)!).map(([k, v]) => [k, v == null ? '' : String(v)]));
	const importRows = (cells: Record<string, string>[]) => {
		const table = sheet(cells);
		const dry = dryRunStructure(db, [table], Buffer.from(JSON.stringify(table)));
		expect(dry.issues).toEqual([]);
		if (dry.counts.update + dry.counts.create) expect(applyStructure(db, commission.id, dry, { fileName: 'order.csv' }).ok).toBe(true);
		return dry.counts;
	};

	it("the export writes each measure's place; rows whose order says otherwise reorder the objective; the same file again changes nothing", () => {
		const before = treeMeasures(target.objective);
		const places = before.map((c) => Number(cellsOf(c).order));
		expect(places.every((n) => n >= 1)).toBe(true);
		expect(places).toEqual([...places].sort((a, b) => a - b));
		// the last measure first: it takes place 0, ahead of the others, which keep theirs
		const last = before.at(-1)!;
		expect(importRows([{ ...cellsOf(last), order: '0' }])).toMatchObject({ update: 1 });
		expect(treeMeasures(target.objective)).toEqual([last, ...before.slice(0, -1)]);
		expect(importRows([{ ...cellsOf(last), order: '0' }])).toMatchObject({ update: 0, unchanged: 1 });
	});

	it('a row with the order column empty (or a file without it) keeps the stored place and is no change', () => {
		const order = treeMeasures(target.objective);
		const second = order[1]!;
		expect(importRows([{ ...cellsOf(second), order: '' }])).toEqual({ create: 0, update: 0, unchanged: 1 });
		const { order: _drop, ...withoutColumn } = cellsOf(second);
		expect(_drop).toBeTruthy();
		expect(importRows([withoutColumn])).toEqual({ create: 0, update: 0, unchanged: 1 });
		// another field changed, the place stays
		expect(importRows([{ ...withoutColumn, title_fr: 'Intitulé revu' }])).toMatchObject({ update: 1 });
		expect(treeMeasures(target.objective)).toEqual(order);
	});

	it('moved to another objective with an order, it takes that place there; the same file again changes nothing', () => {
		const to = otherObjective(1);
		const there = treeMeasures(to);
		const code = treeMeasures(target.objective)[0]!;
		const row = { ...cellsOf(code), objective: to, order: '0' };
		expect(importRows([row])).toMatchObject({ update: 1 });
		expect(treeMeasures(to)).toEqual([code, ...there]);
		expect(importRows([row])).toMatchObject({ update: 0, unchanged: 1 });
	});

	it('a bad order is a row error', () => {
		const table = sheet([{ ...cellsOf(treeMeasures(target.objective)[0]!), order: 'premier' }]);
		expect(dryRunStructure(db, [table], Buffer.from('x')).issues).toEqual([
			{ sheet: 'measures', row: 2, column: 'order', key: 'err_value_number', params: undefined }
		]);
	});
});

describe('plan editor: removing a plan', () => {
	const newPlan = async (code: string) =>
		expect(
			(await post({ level: 'plans', code, kind: 'action_plan', title_fr: `Plan ${code}`, start: '2027-01-01', end: '2028-12-31' }, commission, 'create')).status
		).toBe(303);

	it('deletes an empty plan with its empty axis once the confirmation is ticked, checked again on the server; audited', async () => {
		await newPlan('PN-EMPTY');
		expect(planAdmin.save(db, commission.id, 'axes', { plan: 'PN-EMPTY', code: 'PN-EMPTY.A', title_fr: 'Axe vide' }).ok).toBe(true);
		expect(planAdmin.usage(db, 'plans', 'PN-EMPTY')).toMatchObject({ axes: 1, objectives: 0, measures: 0, reported: 0, referenced: 0 });
		const v = String(version('plans', 'PN-EMPTY'));
		const unticked = await onPlanPage('PN-EMPTY', 'remove', { version: v });
		expect(unticked.status).toBe(400);
		expect(unticked.data?.remove.errors.confirm).toBe('err_confirm_required');
		expect((await onPlanPage('PN-EMPTY', 'remove', { version: String(Number(v) + 1), confirm: 'yes' })).status).toBe(409);
		expect(planAdmin.getPlan(db, 'PN-EMPTY')).not.toBeNull();
		const r = await onPlanPage('PN-EMPTY', 'remove', { version: v, confirm: 'yes' });
		expect(r.location).toBe('/admin/plan?deleted=1');
		expect(planAdmin.getPlan(db, 'PN-EMPTY')).toBeNull();
		expect(planAdmin.get(db, 'axes', 'PN-EMPTY.A')).toBeNull();
		const event = audits('delete').find((e) => e.entity === 'plan')!;
		expect(event.before).toContain('"code":"PN-EMPTY"');
	});

	it('a plan that another plan implements is archived, not deleted, though nothing was reported in it', async () => {
		await newPlan('PN-PARENT');
		await newPlan('PN-CHILD');
		db.run(sql`UPDATE plans SET parent_id = (SELECT id FROM plans WHERE code = 'PN-PARENT') WHERE code = 'PN-CHILD'`);
		expect(planAdmin.usage(db, 'plans', 'PN-PARENT')).toMatchObject({ axes: 0, reported: 0, referenced: 1, plans: 1 });
		const r = await onPlanPage('PN-PARENT', 'remove', { version: String(version('plans', 'PN-PARENT')), confirm: 'yes' });
		expect(r.location).toBe('/admin/plan/plans/PN-PARENT?archived=1');
		expect(planAdmin.getPlan(db, 'PN-PARENT')!.archivedAt).not.toBeNull();
		expect(planAdmin.getPlan(db, 'PN-CHILD')!.archivedAt).toBeNull();
		expect(listPlans(db).map((p) => p.plan.code)).not.toContain('PN-PARENT');
		expect(planAdmin.choices(db, 'plans').plans.map((p) => p.code)).not.toContain('PN-PARENT');
	});

	it('archives a plan holding reported data with its axes, objectives, measures and indicators; out of the lists; restored as it was', async () => {
		const code = db.get<{ code: string }>(sql`SELECT p.code FROM plans p JOIN axes a ON a.plan_id = p.id WHERE a.code = ${target.axis}`)!.code;
		const before = live(code);
		const use = planAdmin.usage(db, 'plans', code);
		expect(use.updates).toBeGreaterThan(0);
		expect(use.values).toBeGreaterThan(0);
		expect(use.axes).toBe(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM axes WHERE plan_id = (SELECT id FROM plans WHERE code = ${code})`)!.n);
		expect(use.measures).toBe(before.all);
		// a measure archived on its own before stays archived when the plan comes back
		const alone = db.get<{ code: string }>(sql`
			SELECT m.code FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id
			WHERE p.code = ${code} AND m.archived_at IS NULL AND EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id) ORDER BY m.code LIMIT 1`)!.code;
		const aloneIndicators = db.get<{ n: number }>(
			sql`SELECT count(*) AS n FROM indicators WHERE archived_at IS NULL AND measure_id = (SELECT id FROM measures WHERE code = ${alone})`
		)!.n;
		expect(planAdmin.remove(db, commission.id, 'measures', alone, version('measures', alone))).toMatchObject({ ok: true, value: { archived: true } });
		await new Promise((r) => setTimeout(r, 5));

		const r = await onPlanPage(code, 'remove', { version: String(version('plans', code)), confirm: 'yes' });
		expect(r.location).toBe(`/admin/plan/plans/${code}?archived=1`);
		expect(live(code)).toEqual({ axes: 0, objectives: 0, measures: 0, indicators: 0, all: before.all });
		expect(listPlans(db).map((p) => p.plan.code)).not.toContain(code);
		expect(planChoices(db).map((p) => p.code)).not.toContain(code);
		expect(listMeasures(db, parseMeasureFilters(new URLSearchParams(`plan=${code}`)).filters, { today, locale: 'fr' }).total).toBe(0);
		const event = audits('archive')
			.filter((e) => e.entity === 'plan')
			.at(-1)!;
		expect(JSON.parse(event.before!).code).toBe(code);
		expect(JSON.parse(event.before!).usage).toMatchObject({ updates: use.updates, values: use.values, measures: use.measures });

		const back = await onPlanPage(code, 'restore', { version: String(version('plans', code)) });
		expect(back.location).toBe(`/admin/plan/plans/${code}?saved=1`);
		expect(live(code)).toEqual({ ...before, measures: before.measures - 1, indicators: before.indicators - aloneIndicators });
		expect(planAdmin.get(db, 'measures', alone)!.archivedAt).not.toBeNull();
		expect(listPlans(db).map((p) => p.plan.code)).toContain(code);
		expect(audits('restore').some((e) => e.entity === 'plan')).toBe(true);
	});
});

describe('plan editor: indicators in order', () => {
	/** a measure with three indicators or more */
	let measure: { id: number; code: string };
	const order = () => planAdmin.indicatorsOf(db, measure.id).map((i) => i.code);
	const moveIndicator = (code: string, direction: string, as = commission, v?: number, on = measure.code) =>
		run(
			itemPage.actions.reorder as never,
			actionEvent({
				user: as,
				params: { level: 'measures', code: on },
				path: `/admin/plan/measures/${on}`,
				body: formData({ level: 'indicators', code, direction, version: String(v ?? version('indicators', code)) })
			})
		);

	beforeAll(() => {
		measure = db.get<{ id: number; code: string }>(sql`
			SELECT m.id, m.code FROM measures m JOIN indicators i ON i.measure_id = m.id WHERE m.archived_at IS NULL GROUP BY m.id HAVING count(*) >= 3 ORDER BY m.code LIMIT 1`)!;
	});

	it('the migration kept the code order', () => {
		const codes = order();
		expect(codes.length).toBeGreaterThanOrEqual(3);
		expect(codes).toEqual([...codes].sort());
	});

	it("moves an indicator up on its measure's page: the editor, the measure's public page and the export follow; audited", async () => {
		const [first, second, ...rest] = order() as [string, string, ...string[]];
		const r = await moveIndicator(second, 'up');
		expect(r.status).toBe(303);
		expect(r.location).toBe(`/admin/plan/measures/${measure.code}?reordered=1#indicators-${second}`);
		const after = [second, first, ...rest];
		expect(order()).toEqual(after);
		expect(getMeasure(db, measure.code, commission)!.indicators.map((i) => i.code)).toEqual(after);
		expect(
			exportData(db)
				.indicators.filter((i) => i.measure === measure.code)
				.map((i) => i.code)
		).toEqual(after);
		const event = audits('reorder').at(-1)!;
		expect(event.entity).toBe('indicator');
		expect(event.after).toContain(`"order":${JSON.stringify(after)}`);
	});

	it('the last moved down stays, nothing written; a stale button gets a conflict; an indicator of another measure is not found there', async () => {
		const codes = order();
		const n = audits('reorder').length;
		expect((await moveIndicator(codes.at(-1)!, 'down')).location).toBe(`/admin/plan/measures/${measure.code}?unmoved=1#indicators-${codes.at(-1)}`);
		expect((await moveIndicator(codes[2]!, 'up', commission, version('indicators', codes[2]!) + 1)).status).toBe(409);
		const elsewhere = db.get<{ code: string }>(sql`SELECT code FROM measures WHERE id <> ${measure.id} AND archived_at IS NULL ORDER BY code LIMIT 1`)!.code;
		expect((await moveIndicator(codes[2]!, 'up', commission, undefined, elsewhere)).status).toBe(404);
		expect((await moveIndicator(codes[2]!, 'sideways')).status).toBe(400);
		expect(order()).toEqual(codes);
		expect(audits('reorder')).toHaveLength(n);
	});

	it('a focal point and a partner are refused', async () => {
		const codes = order();
		for (const as of [focal, partner]) expect((await moveIndicator(codes[1]!, 'up', as)).status).toBe(403);
		expect(order()).toEqual(codes);
	});

	it('a new indicator comes last in its measure, whatever its code; one imported under another measure comes last there', () => {
		const r = planAdmin.save(db, commission.id, 'indicators', {
			measure: measure.code,
			code: '0-IND-FIRST-BY-CODE',
			name_fr: 'Nouvel indicateur',
			kind: 'count',
			frequency: 'annual'
		});
		expect(r.ok).toBe(true);
		expect(order().at(-1)).toBe('0-IND-FIRST-BY-CODE');
		const other = db.get<{ id: number; code: string }>(sql`
			SELECT m.id, m.code FROM measures m WHERE m.id <> ${measure.id} AND m.archived_at IS NULL AND (SELECT count(*) FROM indicators i WHERE i.measure_id = m.id) >= 2 ORDER BY m.code LIMIT 1`)!;
		const there = planAdmin.indicatorsOf(db, other.id).map((i) => i.code);
		const moved = order()[0]!;
		const cells = Object.fromEntries(Object.entries(exportData(db).indicators.find((i) => i.code === moved)!).map(([k, v]) => [k, v == null ? '' : String(v)]));
		const table = {
			sheet: 'indicators',
			header: Object.keys(STRUCTURE_SHEETS.indicators.columns),
			rows: [{ row: 2, cells: { ...cells, measure: other.code } }]
		};
		const dry = dryRunStructure(db, [table], Buffer.from(JSON.stringify(table)));
		expect(dry.issues).toEqual([]);
		expect(applyStructure(db, commission.id, dry, { fileName: 'indicator-moved.csv' }).ok).toBe(true);
		expect(planAdmin.indicatorsOf(db, other.id).map((i) => i.code)).toEqual([...there, moved]);
		expect(order()).not.toContain(moved);
	});
});

function dayBefore(iso: string) {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}
