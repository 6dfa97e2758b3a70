/**
 * Staff exports: the measures list with its current filters (every matching measure, not a page)
 * and the indicator explorer's tables, as XLSX (read back cell by cell) and CSV (parsed back).
 * Partners have no such export.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as measures from '../../src/lib/server/measures';
import * as readModels from '../../src/lib/server/read-models';
import { GET as measuresXlsx } from '../../src/routes/(app)/measures/export.xlsx/+server';
import { GET as measuresCsv } from '../../src/routes/(app)/measures/export.csv/+server';
import { GET as indicatorXlsx } from '../../src/routes/(app)/indicators/export.xlsx/+server';
import { GET as indicatorCsv } from '../../src/routes/(app)/indicators/export.csv/+server';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
let commission: SessionUser;
let focal: SessionUser;
let partner: SessionUser;

const userOf = (email: string): SessionUser => {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
};

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	commission = userOf('commission@rasd.demo');
	focal = userOf('dgsn@rasd.demo');
	partner = userOf('oim@rasd.demo');
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

async function get(fn: unknown, user: SessionUser, path: string): Promise<Response> {
	const ev = actionEvent({ user, path });
	return (fn as (e: unknown) => Promise<Response>)({ ...ev, request: new Request(ev.url) });
}
async function workbook(res: Response) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
	return wb;
}

describe('staff exports', () => {
	it('the measures list with its filters: every matching measure, typed, in Arabic right to left', async () => {
		const query = 'institution=DGSN&status=in_progress&sort=deadline';
		const expected = measures.listMeasures(
			db,
			{ ...(await import('../../src/lib/schemas/measure')).parseMeasureFilters(new URLSearchParams(query)).filters, page: 1 },
			{ today: new Date().toISOString().slice(0, 10), locale: 'ar', pageSize: 1000 }
		);
		expect(expected.total).toBeGreaterThan(1);
		const res = await get(measuresXlsx, focal, `/measures/export.xlsx?${query}&page=2&lang=ar`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toContain('rasd-mesures-ar.xlsx');
		const wb = await workbook(res);
		const ws = wb.worksheets[0]!;
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, rightToLeft: true });
		expect(ws.getRow(1).getCell(1).value).toBe('الرمز');
		// the page number is ignored: the file holds every match, in the list's order
		expect(ws.rowCount - 1).toBe(expected.total);
		const first = expected.rows[0]!;
		const row = ws.getRow(2);
		expect(row.getCell(1).value).toBe(first.code);
		expect(row.getCell(2).value).toBe(first.titleAr);
		expect(row.getCell(7).value).toBeCloseTo(first.progress / 100, 6);
		expect(row.getCell(7).numFmt).toBe('0.0%');
		expect(row.getCell(9).value).toBeInstanceOf(Date);
		expect((row.getCell(9).value as Date).toISOString().slice(0, 10)).toBe(first.deadline);
		const notes = wb.worksheets.at(-1)!;
		expect(JSON.stringify(notes.getSheetValues())).toContain('institution=DGSN');
	});

	it('CSV of the same list: UTF-8 with a BOM, one row per measure', async () => {
		const res = await get(measuresCsv, commission, '/measures/export.csv?axis=A2&lang=fr');
		const bytes = Buffer.from(await res.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parse(bytes.subarray(3).toString('utf8')) as string[][];
		expect(rows[0]![0]).toBe('Code');
		const total = measures.listMeasures(
			db,
			{ ...(await import('../../src/lib/schemas/measure')).parseMeasureFilters(new URLSearchParams('axis=A2')).filters, page: 1 },
			{ today: '2026-01-01', locale: 'fr', pageSize: 1000 }
		).total;
		expect(rows.length - 1).toBe(total);
		expect(rows.slice(1).every((r) => r[0]!.startsWith('A2.'))).toBe(true);
	});

	it('the indicator explorer: national series and values by region, as the page shows them', async () => {
		const code = 'A1.1.1-I1';
		const x = readModels.indicatorExplorerFor(db, commission, code, {})!;
		const res = await get(indicatorXlsx, commission, `/indicators/export.xlsx?i=${code}&lang=fr`);
		expect(res.status).toBe(200);
		const wb = await workbook(res);
		const [series, regions] = wb.worksheets;
		expect(series!.rowCount - 1).toBe(x.series.length);
		const last = x.series.at(-1)!;
		const lastRow = series!.getRow(series!.rowCount);
		expect(typeof lastRow.getCell(2).value).toBe('number');
		expect(lastRow.getCell(2).value).toBe(last.value);
		expect(regions!.rowCount - 1).toBe(x.byRegion.length);
		expect(regions!.getRow(2).getCell(1).value).toBe(x.byRegion[0]!.iso);

		const csv = Buffer.from(await (await get(indicatorCsv, commission, `/indicators/export.csv?i=${code}&table=regions&lang=ar`)).arrayBuffer());
		const rows = parse(csv.subarray(3).toString('utf8')) as string[][];
		expect(rows.length - 1).toBe(x.byRegion.length);
		expect(rows[1]![1]).toBe(x.byRegion[0]!.nameAr);
	});

	it("the explorer's breakdowns for the period the page shows (bp), each cell a line, in the workbook and as CSV", async () => {
		const x = readModels.indicatorExplorerFor(db, focal, 'NAT-VICT', { breakdownPeriod: '2021' })!;
		const v = x.breakdowns!.view!;
		expect(x.breakdowns!.period).toBe('2021');
		const cells = [v.total, ...(v.cross ? [...v.cross.cells.flat(), ...v.cross.bySex, ...v.cross.byAge] : []), ...v.dimensions.flatMap((d) => d.cells)];
		expect(cells.filter((c) => c.value != null).length).toBeGreaterThan(3);
		const wb = await workbook(await get(indicatorXlsx, focal, '/indicators/export.xlsx?i=NAT-VICT&bp=2021&lang=fr'));
		const ws = wb.getWorksheet('Ventilations')!;
		expect(ws.getRow(1).getCell(5).value).toBe('Ventilation');
		const rows = ws.getSheetValues().slice(2) as unknown[][];
		expect(rows.map((r) => r[7] ?? null)).toEqual(cells.map((c) => c.value));
		expect(rows.every((r) => r[1] === 'NAT-VICT' && r[3] === '2021' && r[4] === 'Valeur nationale')).toBe(true);
		expect(rows.find((r) => r[5] === 'Sexe' && r[6] === 'Féminin')?.[7]).toBe(
			v.cross
				? v.cross.bySex[v.cross.sexes.indexOf('female')]!.value
				: v.dimensions.find((d) => d.dimension === 'sex')!.cells.find((c) => c.category === 'female')!.value
		);
		const csv = parse(
			Buffer.from(await (await get(indicatorCsv, focal, '/indicators/export.csv?i=NAT-VICT&bp=2021&table=breakdowns&lang=ar')).arrayBuffer())
				.subarray(3)
				.toString('utf8')
		) as string[][];
		expect(csv[0]![4]).toBe('التفصيل');
		expect(csv.length - 1).toBe(cells.length);
	});

	it("with no indicator chosen, the explorer's list as its search narrows it", async () => {
		const res = await get(indicatorCsv, focal, '/indicators/export.csv?q=NAT-&lang=fr');
		expect(res.status).toBe(200);
		const rows = parse(
			Buffer.from(await res.arrayBuffer())
				.subarray(3)
				.toString('utf8')
		) as string[][];
		expect(rows[0]).toEqual(['Code', 'Indicateur', 'Mesure', 'démonstration']);
		expect(rows.length).toBeGreaterThan(2);
		expect(rows.slice(1).every((r) => r[0]!.includes('NAT-'))).toBe(true);
	});

	it('partners have no staff export', async () => {
		expect((await run(measuresXlsx as never, actionEvent({ user: partner, path: '/measures/export.xlsx' }))).status).toBe(403);
		expect((await run(indicatorCsv as never, actionEvent({ user: partner, path: '/indicators/export.csv?i=A1.1.1-I1' }))).status).toBe(403);
	});
});
