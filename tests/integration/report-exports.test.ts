/**
 * Exports of a published report come from its snapshot: XLSX read back cell by cell with exceljs
 * (typed numbers, percentages and dates, Arabic intact, right-to-left sheets, the sources sheet),
 * CSV parsed back (UTF-8 BOM, Arabic intact), masked cells stay masked.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase, DEMO_TODAY } from '../../src/lib/server/seed/index';
import * as reports from '../../src/lib/server/reports';
import { GET as xlsxGet } from '../../src/routes/(app)/reports/[id=id]/export.xlsx/+server';
import { GET as csvGet } from '../../src/routes/(app)/reports/[id=id]/export.csv/+server';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
let partner: SessionUser;
let reportId: number;
let sensitiveCode: string;

beforeAll(async () => {
	process.env.RASD_PDF = 'off';
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	const u = db.select().from(s.users).where(eq(s.users.email, 'oim@rasd.demo')).get()!;
	partner = { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
	// a small count of victims, validated, that the export must not show
	const ind = db.get<{ id: number; code: string }>(
		sql`SELECT i.id, i.code FROM indicators i WHERE i.sensitive = 1 AND i.measure_id IN (SELECT m.id FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id WHERE p.code = 'PN-2023-2030') ORDER BY i.code LIMIT 1`
	)!;
	sensitiveCode = ind.code;
	db.run(sql`UPDATE indicator_values SET is_current = 0 WHERE indicator_id = ${ind.id} AND region_id IS NULL`);
	db.insert(s.indicatorValues)
		.values({
			indicatorId: ind.id,
			period: '2025-S2',
			periodStart: '2025-07-01',
			periodEnd: '2025-12-31',
			value: 2,
			state: 'validated',
			isCurrent: true,
			source: 'test'
		})
		.run();
	const r = reports.publish(
		db,
		null,
		{ planCode: 'PN-2023-2030', period: '2025-S2', scope: 'plan', narratives: { summary: { fr: 'Synthèse', ar: 'ملخص', en: null } } },
		{ today: DEMO_TODAY }
	);
	if (!r.ok) throw new Error(r.kind);
	reportId = r.value.id;
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

const get = async (fn: unknown, query: string) => {
	const ev = actionEvent({ user: partner, params: { id: String(reportId) }, path: `/reports/${reportId}/x?${query}` });
	const res = (await (fn as (e: unknown) => Promise<Response>)(ev)) as Response;
	return res;
};

describe('report exports', () => {
	it('XLSX: one sheet per table, typed cells, frozen header, Arabic right to left, a sources sheet', async () => {
		const res = await get(xlsxGet, 'lang=ar');
		expect(res.headers.get('content-type')).toContain('spreadsheetml');
		expect(res.headers.get('content-disposition')).toContain('.xlsx');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
		const names = wb.worksheets.map((w) => w.name);
		expect(names).toEqual(expect.arrayContaining(['الأرقام الرئيسية', 'التقدم حسب المحور', 'المؤشرات', 'المصادر والملاحظات']));
		const view = reports.get(db, partner, reportId) as reports.ReportView;
		const axes = wb.getWorksheet('التقدم حسب المحور')!;
		expect(axes.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, rightToLeft: true });
		expect(axes.getRow(1).getCell(2).value).toBe('المحور');
		const a1 = view.snapshot.byAxis[0]!;
		expect(axes.getRow(2).getCell(1).value).toBe(a1.code);
		expect(axes.getRow(2).getCell(2).value).toBe(a1.titleAr);
		expect(axes.getRow(2).getCell(3).value).toBe(a1.measures);
		expect(typeof axes.getRow(2).getCell(3).value).toBe('number');
		// progress as a fraction, formatted as a percentage
		expect(axes.getRow(2).getCell(6).value).toBeCloseTo(a1.progress! / 100, 6);
		expect(axes.getRow(2).getCell(6).numFmt).toBe('0.0%');
		const ind = wb.getWorksheet('المؤشرات')!;
		const rows = ind.getSheetValues().slice(2) as unknown[][];
		const masked = rows.find((r) => r[1] === sensitiveCode)!;
		expect(masked[9]).toBe('< 5');
		const withValue = view.snapshot.indicators.rows.find((r) => r.value != null && !r.masked)!;
		const row = rows.find((r) => r[1] === withValue.code)!;
		expect(row[9]).toBe(withValue.value);
		expect(row[2]).toBe(withValue.nameAr ?? withValue.nameFr);
		// progress per pillar, frozen in the snapshot, one row per pillar with its name in Arabic
		const pillars = wb.getWorksheet('مدى التقدم حسب الركيزة')!;
		expect(view.snapshot.byPillar!.length).toBeGreaterThan(1);
		expect((pillars.getSheetValues().slice(2) as unknown[][]).map((r) => [r[1], r[2]])).toEqual(
			view.snapshot.byPillar!.map((p) => [p.pillar === 'protection' ? 'الحماية' : expect.any(String), p.measures])
		);
		const notes = wb.getWorksheet('المصادر والملاحظات')!;
		const text = (notes.getSheetValues() as unknown[][])
			.flat()
			.filter((v) => typeof v === 'string')
			.join('\n');
		expect(text).toContain('ملخص');
		expect(text).toContain('معطيات للعرض التوضيحي');
		expect(wb.getWorksheet('الأرقام الرئيسية')!.views[0]).toMatchObject({ rightToLeft: true });
	});

	it('XLSX in French: left to right, French labels', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(await (await get(xlsxGet, 'lang=fr')).arrayBuffer()) as never);
		expect(wb.worksheets.map((w) => w.name)).toContain('Sources et notes');
		expect(wb.getWorksheet('Indicateurs')!.views[0]).toMatchObject({ rightToLeft: false, state: 'frozen' });
	});

	it('CSV: UTF-8 with a BOM, parsed back with Arabic intact and the small count masked', async () => {
		const res = await get(csvGet, 'lang=ar&table=indicators');
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parse(new TextDecoder().decode(bytes), { bom: true }) as string[][];
		expect(rows[0]![1]).toBe('المؤشر');
		const view = reports.get(db, partner, reportId) as reports.ReportView;
		expect(rows.length - 1).toBe(view.snapshot.indicators.rows.length);
		expect(rows.find((r) => r[0] === sensitiveCode)![8]).toBe('< 5');
		const axes = parse(new TextDecoder().decode(new Uint8Array(await (await get(csvGet, 'lang=fr&table=axes')).arrayBuffer())), { bom: true }) as string[][];
		expect(axes[1]![0]).toBe(view.snapshot.byAxis[0]!.code);
		expect(Number(axes[1]![5])).toBe(view.snapshot.byAxis[0]!.progress);
	});

	it('a withdrawn report exports nothing for partners (410)', async () => {
		const v = reports.get(db, partner, reportId) as reports.ReportView;
		const w = reports.withdraw(db, 1, { id: reportId, version: v.version, reason: 'test' });
		expect(w.ok).toBe(true);
		const r = await run(xlsxGet as never, actionEvent({ user: partner, params: { id: String(reportId) } }));
		expect(r.status).toBe(410);
	});
});
