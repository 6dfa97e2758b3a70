/**
 * The export for the TIP questionnaire, read back cell by cell with exceljs: TIP2025 (1 April 2024 –
 * 31 March 2025) gathers per pillar the validated national figures of the TIP year and of calendar
 * 2024 (the year the TIP 2025 report cites), typed numbers, frozen headers, Arabic right to left,
 * the measures and recommendations with their pillar and status, a sources sheet; a breakdown
 * entered for TIP2025 with a small cell reaches the commission as entered and a partner masked.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { GET } from '../../src/routes/(app)/reports/tip.xlsx/+server';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
const user = (email: string): SessionUser => {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
};

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	// A grid for TIP2025 itself: 20 victims, 17 women and 3 men.
	const ind = db.get<{ id: number }>(sql`SELECT id FROM indicators WHERE code = 'NAT-VICT'`)!;
	const row = {
		indicatorId: ind.id,
		period: 'TIP2025',
		periodStart: '2024-04-01',
		periodEnd: '2025-03-31',
		state: 'validated' as const,
		isCurrent: true,
		source: 'CNCLT, test'
	};
	db.insert(s.indicatorValues)
		.values([
			{ ...row, value: 20 },
			{ ...row, sex: 'female', value: 17 },
			{ ...row, sex: 'male', value: 3 }
		])
		.run();
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

async function workbook(viewer: SessionUser, query: string) {
	const ev = actionEvent({ user: viewer, path: `/reports/tip.xlsx?${query}` });
	const res = (await (GET as unknown as (e: unknown) => Promise<Response>)(ev)) as Response;
	expect(res.headers.get('content-type')).toContain('spreadsheetml');
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
	return { wb, res };
}
/** The data rows of a sheet as arrays of cell values (column 1 first). */
const rowsOf = (ws: ExcelJS.Worksheet) => (ws.getSheetValues().slice(2) as unknown[][]).filter(Boolean).map((r) => Array.from(r.slice(1), (v) => v ?? null));

describe('TIP export', () => {
	it('gives the commission TIP2025 per pillar, figures typed, header frozen, with the calendar-2024 figures of the TIP 2025 report', async () => {
		expect.assertions(15);
		const { wb, res } = await workbook(user('commission@rasd.demo'), 'year=TIP2025&lang=fr');
		expect(res.headers.get('content-disposition')).toContain('rasd-TIP2025-fr.xlsx');
		expect(wb.worksheets.map((w) => w.name)).toEqual([
			'Poursuites',
			'Protection',
			'Prévention',
			'Partenariat',
			'Région',
			'Mesures',
			'Recommandations',
			'Sources et notes'
		]);
		const pros = wb.getWorksheet('Poursuites')!;
		expect(pros.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, rightToLeft: false });
		expect(pros.getRow(1).getCell(1).value).toBe('Question TIP');
		const prosecuted = rowsOf(pros).find((r) => r[1] === 'NAT-PROS')!;
		expect(prosecuted.slice(0, 7)).toEqual(['Poursuites', 'NAT-PROS', 'Personnes poursuivies pour traite', '2024', 'Total', null, 213]);
		expect(typeof prosecuted[6]).toBe('number');
		expect(rowsOf(pros).find((r) => r[1] === 'NAT-CONV')![6]).toBe(60);
		const prot = rowsOf(wb.getWorksheet('Protection')!);
		expect(prot.find((r) => r[1] === 'NAT-VICT' && r[3] === '2024')!.slice(0, 7)).toEqual([
			'Victimes identifiées',
			'NAT-VICT',
			'Victimes de la traite identifiées',
			'2024',
			'Total',
			null,
			229
		]);
		const tip = prot.filter((r) => r[1] === 'NAT-VICT' && r[3] === 'TIP 2025');
		expect(tip.map((r) => [r[4], r[5], r[6]])).toEqual([
			['Total', null, 20],
			['Sexe', 'Féminin', 17],
			['Sexe', 'Masculin', 3]
		]);
		// nothing of calendar 2025 or 2023 (outside TIP2025 and not the year its report cites)
		expect(prot.some((r) => r[3] === '2023' || r[3] === '2025')).toBe(false);
		const measures = wb.getWorksheet('Mesures')!;
		expect(measures.getRow(1).values).toEqual([
			undefined,
			'Pilier',
			'Code',
			'Mesure',
			'Institution',
			'Statut',
			'Avancement',
			'Échéance',
			'En retard',
			'démonstration'
		]);
		expect(rowsOf(measures).every((r) => ['Poursuites', 'Protection', 'Prévention', 'Partenariat', 'Gouvernance'].includes(r[0] as string))).toBe(true);
		const recs = rowsOf(wb.getWorksheet('Recommandations')!);
		expect(recs.map((r) => r[1]).sort()).toEqual(['R1', 'R10', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9']);
		// the notes sheet has no header row
		expect(wb.getWorksheet('Sources et notes')!.getRow(1).values).toEqual([
			undefined,
			'Export pour le questionnaire TIP',
			'TIP 2025 (2024-04-01 – 2025-03-31)'
		]);
	});

	it('masks the partner the 3 men and the 17 women that would give them back, in Arabic, right to left', async () => {
		expect.assertions(6);
		const { wb } = await workbook(user('oim@rasd.demo'), 'year=TIP2025&lang=ar');
		const prot = wb.getWorksheet('الحماية')!;
		expect(prot.views[0]).toMatchObject({ rightToLeft: true });
		const tip = rowsOf(prot).filter((r) => r[1] === 'NAT-VICT' && r[3] === 'TIP 2025');
		expect(tip.map((r) => r[6])).toEqual([20, 'محجوب', '< 5']);
		expect(rowsOf(prot).find((r) => r[1] === 'NAT-VICT' && r[3] === '2024')![6]).toBe(229);
		// no cell of any sheet carries a count of victims below 5 as a number
		const sensitive = new Set(db.all<{ code: string }>(sql`SELECT code FROM indicators WHERE sensitive = 1`).map((r) => r.code));
		const small = wb.worksheets
			.slice(0, 4)
			.flatMap((ws) => rowsOf(ws))
			.filter((r) => sensitive.has(r[1] as string) && typeof r[6] === 'number' && (r[6] as number) < 5);
		expect(small).toEqual([]);
		expect(wb.worksheets.at(-1)!.name).toBe('المصادر والملاحظات');
	});

	it('gives the figures per region, with the rate per 100,000 of the region for SDG 16.2.2, a partner masked', async () => {
		expect.assertions(8); // two of them in workbook()
		// Validated TIP2025 regional totals of an SDG 16.2.2 indicator: Casablanca-Settat 250, Béni Mellal-Khénifra 2, Oriental 30.
		const ind = db.get<{ id: number; code: string }>(sql`SELECT id, code FROM indicators WHERE code = 'A2.1.1-I2'`)!;
		const region = (iso: string) => db.get<{ id: number; population: number }>(sql`SELECT id, population FROM regions WHERE iso = ${iso}`)!;
		const base = { indicatorId: ind.id, period: 'TIP2025', periodStart: '2024-04-01', periodEnd: '2025-03-31', state: 'validated' as const, isCurrent: true };
		db.insert(s.indicatorValues)
			.values([
				{ ...base, regionId: region('MA-06').id, value: 250 },
				{ ...base, regionId: region('MA-05').id, value: 2 },
				{ ...base, regionId: region('MA-02').id, value: 30 }
			])
			.run();
		const rowsFor = async (email: string) =>
			rowsOf((await workbook(user(email), 'year=TIP2025&lang=fr')).wb.getWorksheet('Région')!).filter((r) => r[1] === ind.code && r[3] === 'TIP 2025');
		const staff = await rowsFor('commission@rasd.demo');
		expect(staff.map((r) => [r[4], r[5]])).toEqual([
			["L'Oriental", 30],
			['Béni Mellal-Khénifra', 2],
			['Casablanca-Settat', 250]
		]);
		expect(staff[2]![6]).toBeCloseTo((250 / region('MA-06').population) * 100_000, 6);
		expect(typeof staff[2]![6]).toBe('number');
		const partner = await rowsFor('oim@rasd.demo');
		// 2 is below the threshold; the next smallest (30) is masked with it so that the indicator's total cannot give it back
		expect(partner.map((r) => r[5])).toEqual(['masqué', '< 5', 250]);
		expect(partner.map((r) => r[6] == null)).toEqual([true, true, false]);
		expect(partner[2]![6]).toBeCloseTo((250 / region('MA-06').population) * 100_000, 6);
	});

	it('refuses anything but a TIP year, and a visitor without a session', async () => {
		expect.assertions(2);
		const bad = actionEvent({ user: user('oim@rasd.demo'), path: '/reports/tip.xlsx?year=2025' });
		await expect((GET as unknown as (e: unknown) => Promise<Response>)(bad)).rejects.toMatchObject({ status: 400 });
		const anon = actionEvent({ user: null, path: '/reports/tip.xlsx?year=TIP2025' });
		await expect((GET as unknown as (e: unknown) => Promise<Response>)(anon)).rejects.toMatchObject({ status: 401 });
	});
});
