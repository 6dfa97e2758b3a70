/** The plan structure in one workbook: export → edit → import round-trips; every error kind is found and nothing half-applies. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createTestDatabase } from '../helpers/db';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as structure from '../../src/lib/server/structure-import';
import * as planAdmin from '../../src/lib/server/plan-admin';
import { m } from '../../src/lib/paraglide/messages';

let db: Db;
let cleanup: () => void;
let adminId: number;

const load = async (bytes: Buffer) => {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(bytes as unknown as ArrayBuffer);
	return wb;
};
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as string[]).slice(1);
/** Adds a row to a sheet given as column → value. */
const add = (ws: ExcelJS.Worksheet, cells: Record<string, string | number | { formula: string }>) => ws.addRow(header(ws).map((c) => cells[c] ?? null));
const check = (bytes: Buffer, name = 'structure.xlsx') => structure.checkStructure(db, bytes, name);
const counts = () =>
	db.get<{ a: number; o: number; m: number; i: number }>(
		sql`SELECT (SELECT count(*) FROM axes) AS a, (SELECT count(*) FROM objectives) AS o, (SELECT count(*) FROM measures) AS m, (SELECT count(*) FROM indicators) AS i`
	)!;

let plan: { code: string; start: string; end: string };
let objective: string;
let inst: string[];
let rec: string;

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	adminId = db.select().from(s.users).where(eq(s.users.email, 'admin@rasd.demo')).get()!.id;
	plan = db.get<{ code: string; start: string; end: string }>(
		sql`SELECT p.code, p.start_date AS start, p.end_date AS "end" FROM plans p JOIN axes a ON a.plan_id = p.id ORDER BY p.sort_order LIMIT 1`
	)!;
	objective = db.get<{ code: string }>(
		sql`SELECT o.code FROM objectives o JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id WHERE p.code = ${plan.code} ORDER BY o.code LIMIT 1`
	)!.code;
	inst = db.all<{ code: string }>(sql`SELECT code FROM institutions WHERE active = 1 ORDER BY code LIMIT 2`).map((r) => r.code);
	rec = db.get<{ code: string }>(sql`SELECT code FROM recommendations ORDER BY code LIMIT 1`)!.code;
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('export → import round trip', () => {
	it('an untouched export imports as unchanged, every row', async () => {
		const bytes = await structure.exportWorkbook(db);
		const before = counts();
		const { summary } = await check(bytes);
		expect(summary.issues).toEqual([]);
		expect(summary.counts).toEqual({ create: 0, update: 0, unchanged: before.a + before.o + before.m + before.i });
	});

	it('edited in a spreadsheet: a new axis, objective, measure with its links and indicator, a renamed measure; applied once, then unchanged', async () => {
		const wb = await load(await structure.exportWorkbook(db));
		add(wb.getWorksheet('axes')!, { plan: plan.code, code: 'AX9', title_fr: 'Axe importé', title_ar: 'محور مستورد', pillar: 'governance', order: 9 });
		add(wb.getWorksheet('objectives')!, { axis: 'AX9', code: 'AX9.1', title_fr: 'Objectif importé', order: 1 });
		add(wb.getWorksheet('measures')!, {
			objective: 'AX9.1',
			code: 'AX9.1.1',
			title_fr: 'Mesure importée',
			lead: inst[0]!,
			contributors: `${inst[1]}`,
			regions: 'MA-01; MA-05',
			start: plan.start,
			deadline: plan.end,
			weight: 2,
			recommendations: rec
		});
		add(wb.getWorksheet('indicators')!, {
			measure: 'AX9.1.1',
			code: 'IND-AX9-1',
			name_fr: 'Sessions tenues',
			kind: 'count',
			frequency: 'annual',
			baseline: 0,
			baseline_year: Number(plan.start.slice(0, 4)),
			target: 12,
			dimensions: 'region; sex',
			sensitive: 'non'
		});
		const ms = wb.getWorksheet('measures')!;
		const titleCol = header(ms).indexOf('title_fr') + 1;
		ms.getRow(2).getCell(titleCol).value = 'Intitulé corrigé';
		const bytes = await save(wb);
		const { summary, plan: dry } = await check(bytes);
		expect(summary.issues).toEqual([]);
		expect(summary.counts.create).toBe(4);
		expect(summary.counts.update).toBe(1);
		const before = counts();
		expect(structure.applyStructure(db, adminId, dry!, { fileName: 'structure.xlsx' }).ok).toBe(true);
		expect(counts()).toEqual({ a: before.a + 1, o: before.o + 1, m: before.m + 1, i: before.i + 1 });
		const m = db.get<{ id: number; lead: string; weight: number }>(
			sql`SELECT m.id, i.code AS lead, m.weight FROM measures m JOIN institutions i ON i.id = m.lead_institution_id WHERE m.code = 'AX9.1.1'`
		)!;
		expect(m).toMatchObject({ lead: inst[0], weight: 2 });
		expect(db.all(sql`SELECT 1 FROM measure_regions WHERE measure_id = ${m.id}`)).toHaveLength(2);
		expect(db.all(sql`SELECT 1 FROM measure_institutions WHERE measure_id = ${m.id}`)).toHaveLength(1);
		expect(db.all(sql`SELECT 1 FROM recommendation_measures WHERE measure_id = ${m.id}`)).toHaveLength(1);
		expect(db.select().from(s.importRuns).all().at(-1)).toMatchObject({ kind: 'structure', userId: adminId });

		// the same file again, and a fresh export of the result: nothing to do
		expect((await check(bytes)).summary.counts).toMatchObject({ create: 0, update: 0 });
		expect((await check(await structure.exportWorkbook(db))).summary.counts).toMatchObject({ create: 0, update: 0 });
	});

	it("changing a measure's objective moves it", async () => {
		const other = db.get<{ code: string }>(sql`SELECT code FROM objectives WHERE code <> ${objective} ORDER BY code LIMIT 1`)!.code;
		const wb = await load(await structure.exportWorkbook(db));
		for (const n of ['axes', 'objectives', 'indicators']) wb.removeWorksheet(wb.getWorksheet(n)!.id);
		const ms = wb.getWorksheet('measures')!;
		const col = header(ms).indexOf('objective') + 1;
		ms.getRow(2).getCell(col).value = other;
		const code = String(ms.getRow(2).getCell(header(ms).indexOf('code') + 1).value);
		const { summary, plan: dry } = await check(await save(wb));
		expect(summary.counts.update).toBe(1);
		structure.applyStructure(db, adminId, dry!, { fileName: 'move.xlsx' });
		expect(db.get<{ o: string }>(sql`SELECT o.code AS o FROM measures m JOIN objectives o ON o.id = m.objective_id WHERE m.code = ${code}`)!.o).toBe(other);
	});
});

describe('every error kind, with sheet, row and column; nothing written', () => {
	async function template() {
		return load(await structure.template(db));
	}

	it('a file that is not a spreadsheet, a CSV (in Windows-1256, with ";"), a workbook without the sheets, too large', async () => {
		expect((await check(Buffer.from('%PDF-1.4\0\0'), 'plan.pdf')).summary.issues[0]!.key).toBe('err_import_not_spreadsheet');
		const csv = iconv.encode('code;title_fr\r\nA1;محور\r\n', 'windows-1256');
		expect((await check(csv, 'axes.csv')).summary.issues[0]!.key).toBe('err_import_structure_xlsx');
		const wb = new ExcelJS.Workbook();
		wb.addWorksheet('Feuil1').addRow(['x']);
		expect((await check(await save(wb))).summary.issues[0]!.key).toBe('err_import_no_sheet');
		expect((await check(Buffer.alloc(20 * 1024 * 1024 + 1, 0x50))).summary.issues[0]).toMatchObject({ key: 'err_import_too_large', params: { mb: 20 } });
	});

	it('a formula cell and a merged header', async () => {
		const wb = await template();
		add(wb.getWorksheet('axes')!, { plan: plan.code, code: 'F1', title_fr: { formula: '"a"&"b"' } });
		expect((await check(await save(wb))).summary.issues).toEqual([{ sheet: 'axes', row: 2, column: 'title_fr', key: 'err_import_formula' }]);
		const wb2 = await template();
		wb2.getWorksheet('objectives')!.mergeCells('A1:B1');
		expect((await check(await save(wb2))).summary.issues[0]).toMatchObject({ sheet: 'objectives', row: 1, key: 'err_import_merged_header' });
	});

	it('a missing column', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('measures');
		ws.addRow(['objective', 'code', 'title_fr', 'start', 'deadline']);
		ws.addRow([objective, 'X1', 'x', plan.start, plan.end]);
		expect((await check(await save(wb))).summary.issues).toEqual([
			{ sheet: 'measures', row: 1, column: 'lead', key: 'err_import_missing_column', params: { column: 'lead' } }
		]);
	});

	it('unknown institution, duplicate code, bad number, date outside the plan, unknown parent, region and recommendation, bad choice', async () => {
		const wb = await template();
		const ms = wb.getWorksheet('measures')!;
		const ok = { objective, title_fr: 'Mesure', lead: inst[0]!, start: plan.start, deadline: plan.end };
		add(ms, { ...ok, code: 'E1', lead: 'NOPE' }); // row 2
		add(ms, { ...ok, code: 'E2' }); // row 3
		add(ms, { ...ok, code: 'E2' }); // row 4: duplicate
		add(ms, { ...ok, code: 'E3', weight: 'lourd' }); // row 5
		add(ms, { ...ok, code: 'E4', deadline: `${Number(plan.end.slice(0, 4)) + 3}-12-31` }); // row 6
		add(ms, { ...ok, code: 'E5', objective: 'NO.SUCH' }); // row 7
		add(ms, { ...ok, code: 'E6', regions: 'MA-99' }); // row 8
		add(ms, { ...ok, code: 'E7', recommendations: 'R-NONE' }); // row 9
		add(ms, { ...ok, code: 'E8', contributors: `${inst[1]}; XYZ` }); // row 10
		add(ms, { ...ok, code: 'E9', start: '2026-02-30' }); // row 11
		add(wb.getWorksheet('indicators')!, { measure: 'E2', code: 'IE1', name_fr: 'n', kind: 'tally', frequency: 'annual', sensitive: 'peut-être' }); // row 2
		const before = counts();
		const { summary, plan: dry } = await check(await save(wb));
		const found = summary.issues.map((i) => `${i.sheet}:${i.row}:${i.column}:${i.key}`);
		expect(found).toEqual([
			'measures:2:lead:err_import_unknown_institution',
			'measures:4:code:err_import_duplicate_code',
			'measures:5:weight:err_value_number',
			'measures:6:deadline:err_import_date_outside_plan',
			'measures:7:objective:err_import_unknown_parent',
			'measures:8:regions:err_region_unknown',
			'measures:9:recommendations:err_import_unknown_recommendation',
			'measures:10:contributors:err_import_unknown_institution',
			'measures:11:start:err_date_invalid',
			'indicators:2:kind:err_import_choice',
			'indicators:2:sensitive:err_import_yes_no'
		]);
		expect(summary.issues[1]!.params).toEqual({ code: 'E2', first: 3 });
		expect(structure.applyStructure(db, adminId, dry!, { fileName: 'bad.xlsx' }).ok).toBe(false);
		expect(counts()).toEqual(before);
	});
});

describe('nothing is added under what is archived', () => {
	const version = (table: string, code: string) => db.get<{ v: number }>(sql`SELECT version AS v FROM ${sql.raw(table)} WHERE code = ${code}`)!.v;
	const runs = () => db.select().from(s.importRuns).all().length;
	const found = (issues: { sheet: string; row: number; column: string; key: string; params?: unknown }[]) =>
		issues.map((i) => [`${i.sheet}:${i.row}:${i.column}:${i.key}`, i.params]);
	/** an axis of the plan holding reported data (archived, not deleted), one of its objectives, and a measure of another axis */
	let axis: { code: string; objective: string };
	let other: string;

	beforeAll(() => {
		axis = db.get<{ code: string; objective: string }>(sql`
			SELECT a.code, o.code AS objective FROM axes a JOIN objectives o ON o.axis_id = a.id JOIN measures m ON m.objective_id = o.id JOIN plans p ON p.id = a.plan_id
			WHERE p.code = ${plan.code} AND EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id) ORDER BY a.code, o.code LIMIT 1`)!;
		other = db.get<{ code: string }>(sql`
			SELECT m.code FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id
			WHERE p.code = ${plan.code} AND a.code <> ${axis.code} AND m.archived_at IS NULL ORDER BY m.code LIMIT 1`)!.code;
	});

	it('an archived axis: a new objective under it and a live measure moved into it are refused; the untouched export still imports as unchanged', async () => {
		expect(planAdmin.remove(db, adminId, 'axes', axis.code, version('axes', axis.code))).toMatchObject({ ok: true, value: { archived: true } });
		const untouched = await check(await structure.exportWorkbook(db));
		expect(untouched.summary.issues).toEqual([]);
		expect(untouched.summary.counts).toMatchObject({ create: 0, update: 0 });

		const wb = await load(await structure.exportWorkbook(db));
		const os = wb.getWorksheet('objectives')!;
		add(os, { axis: axis.code, code: 'ARC.9', title_fr: 'Objectif sous un axe archivé' });
		const ms = wb.getWorksheet('measures')!;
		const codeCol = header(ms).indexOf('code') + 1;
		let moved = 0;
		ms.eachRow((row, n) => {
			if (n === 1 || row.getCell(codeCol).value !== other) return;
			row.getCell(header(ms).indexOf('objective') + 1).value = axis.objective;
			moved = n;
		});
		const before = counts();
		const { summary, plan: dry } = await check(await save(wb));
		expect(found(summary.issues)).toEqual([
			[`objectives:${os.rowCount}:axis:err_import_parent_archived`, { code: axis.code }],
			[`measures:${moved}:objective:err_import_parent_archived`, { code: axis.objective }]
		]);
		expect(structure.applyStructure(db, adminId, dry!, { fileName: 'archived-axis.xlsx' }).ok).toBe(false);
		expect(counts()).toEqual(before);
		expect(db.get<{ o: string }>(sql`SELECT o.code AS o FROM measures m JOIN objectives o ON o.id = m.objective_id WHERE m.code = ${other}`)!.o).not.toBe(
			axis.objective
		);
	});

	it("an archived plan: a new axis, objective, measure and indicator under it are row errors in the user's language; nothing written; restored, the same file applies", async () => {
		expect(planAdmin.remove(db, adminId, 'plans', plan.code, version('plans', plan.code))).toMatchObject({ ok: true, value: { archived: true } });
		const wb = await load(await structure.template(db));
		add(wb.getWorksheet('axes')!, { plan: plan.code, code: 'ARC-A', title_fr: 'Axe sous un plan archivé' });
		add(wb.getWorksheet('objectives')!, { axis: 'ARC-A', code: 'ARC-A.1', title_fr: 'Objectif' });
		add(wb.getWorksheet('measures')!, { objective: 'ARC-A.1', code: 'ARC-A.1.1', title_fr: 'Mesure', lead: inst[0]!, start: plan.start, deadline: plan.end });
		add(wb.getWorksheet('indicators')!, { measure: 'ARC-A.1.1', code: 'IND-ARC', name_fr: 'Indicateur', kind: 'count', frequency: 'annual' });
		const bytes = await save(wb);
		const before = counts();
		const n = runs();
		const { summary, plan: dry } = await check(bytes);
		const said = { code: plan.code };
		expect(found(summary.issues)).toEqual([
			['axes:2:plan:err_import_parent_archived', said],
			['objectives:2:axis:err_import_parent_archived', said],
			['measures:2:objective:err_import_parent_archived', said],
			['indicators:2:measure:err_import_parent_archived', said]
		]);
		// the import page says each in the reader's language, naming the archived plan
		expect(m.err_import_parent_archived(said, { locale: 'ar' })).toContain(`${plan.code} مؤرشف`);
		expect(m.err_import_parent_archived(said, { locale: 'fr' })).toContain(`${plan.code} est archivé`);
		expect(structure.applyStructure(db, adminId, dry!, { fileName: 'archived-plan.xlsx' }).ok).toBe(false);
		expect(counts()).toEqual(before);
		expect(runs()).toBe(n);

		expect(planAdmin.restore(db, adminId, 'plans', plan.code, version('plans', plan.code)).ok).toBe(true);
		const again = await check(bytes);
		expect(again.summary.issues).toEqual([]);
		expect(structure.applyStructure(db, adminId, again.plan!, { fileName: 'archived-plan.xlsx' }).ok).toBe(true);
		expect(counts()).toEqual({ a: before.a + 1, o: before.o + 1, m: before.m + 1, i: before.i + 1 });
	});

	it("the plan editor refuses the same, said in the user's language", () => {
		const r = planAdmin.save(db, adminId, 'objectives', { axis: axis.code, code: 'ARC.10', title_fr: 'Objectif' }, undefined, 'ar');
		expect(r).toMatchObject({ ok: false, errors: { axis: m.err_import_parent_archived({ code: axis.code }, { locale: 'ar' }) } });
		expect(planAdmin.get(db, 'objectives', 'ARC.10')).toBeNull();
	});
});
