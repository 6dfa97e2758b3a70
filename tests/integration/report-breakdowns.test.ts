/**
 * Breakdowns in published reports: a validated national breakdown by sex with a small cell (2
 * women) is frozen with the report, masked before it is stored, and a partner reading the report
 * page's data or its XLSX / CSV export sees "< 5" for the small cell and "masqué" for the one that
 * would give it back from the total — neither number anywhere in the breakdown.
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
import { load as reportLoad } from '../../src/routes/(app)/reports/[id=id]/+page.server';
import { GET as xlsxGet } from '../../src/routes/(app)/reports/[id=id]/export.xlsx/+server';
import { GET as csvGet } from '../../src/routes/(app)/reports/[id=id]/export.csv/+server';
import type { IndicatorBreakdowns } from '../../src/lib/domain/breakdown';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
let partner: SessionUser;
let reportId: number;
let code: string;
let national: number;
const SMALL = 2;

const sessionUser = (email: string): SessionUser => {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
};

beforeAll(async () => {
	process.env.RASD_PDF = 'off';
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	partner = sessionUser('oim@rasd.demo');
	// A sensitive indicator of the national plan broken down by sex.
	const ind = db.get<{ id: number; code: string }>(sql`
		SELECT i.id, i.code FROM indicators i
		WHERE i.sensitive = 1 AND i.dimensions LIKE '%"sex"%'
			AND i.measure_id IN (SELECT m.id FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id WHERE p.code = 'PN-2023-2030')
		ORDER BY i.code LIMIT 1`)!;
	code = ind.code;
	// Its only national figures: 2025-S2, 12 victims of which 2 women and 10 men, validated.
	db.run(sql`DELETE FROM indicator_values WHERE indicator_id = ${ind.id} AND region_id IS NULL`);
	national = 12;
	const row = (sex: 'female' | 'male' | null, value: number) => ({
		indicatorId: ind.id,
		period: '2025-S2',
		periodStart: '2025-07-01',
		periodEnd: '2025-12-31',
		sex,
		value,
		state: 'validated' as const,
		isCurrent: true,
		source: 'test'
	});
	db.insert(s.indicatorValues)
		.values([row(null, national), row('female', SMALL), row('male', national - SMALL)])
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

const asPartner = (path: string) => actionEvent({ user: partner, params: { id: String(reportId) }, path });

describe('breakdowns in published reports', () => {
	it('the report page gives a partner the frozen breakdown with the small cell and its complement masked, the total shown', async () => {
		const page = await run(reportLoad as never, { ...asPartner(`/reports/${reportId}`), parent: async () => ({ today: DEMO_TODAY }) } as never);
		expect(page.status).toBe(200);
		const snapshot = (page.data!.report as reports.ReportView).snapshot;
		const b = snapshot.breakdowns?.find((x: IndicatorBreakdowns) => x.code === code);
		expect(b?.period).toBe('2025-S2');
		expect(b?.view?.total).toEqual({ value: national, masked: false, small: false });
		expect(b?.view?.dimensions.find((d) => d.dimension === 'sex')?.cells).toEqual([
			{ category: 'female', value: null, masked: true, small: true },
			{ category: 'male', value: null, masked: true, small: false }
		]);
		// Neither number is in what the page carries about this breakdown, nor in the stored report.
		const json = JSON.stringify(b);
		expect(json).not.toMatch(new RegExp(`"value":(${SMALL}|${national - SMALL})\\b`));
		const frozen = db.get<{ f: string }>(sql`SELECT frozen_data AS f FROM reports WHERE id = ${reportId}`)!.f;
		const stored = (JSON.parse(frozen) as reports.ReportView['snapshot']).breakdowns!.find((x) => x.code === code)!;
		expect(JSON.stringify(stored)).toBe(json);
		expect(snapshot.confidentiality.maskedCells).toBeGreaterThanOrEqual(2);
	});

	it('the XLSX export has a breakdowns sheet with "< 5" and "masqué" in place of the two numbers', async () => {
		const res = (await (xlsxGet as unknown as (e: unknown) => Promise<Response>)(asPartner(`/reports/${reportId}/export.xlsx?lang=fr`))) as Response;
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
		const sheet = wb.getWorksheet('Ventilations')!;
		expect(sheet.getRow(1).values).toEqual([undefined, 'Code', 'Indicateur', 'Période', 'Région', 'Ventilation', 'Catégorie', 'Valeur', 'démonstration']);
		const rows = (sheet.getSheetValues().slice(2) as unknown[][]).filter((r) => r?.[1] === code).map((r) => r.slice(4, 8));
		expect(rows).toEqual([
			['Valeur nationale', 'Total', undefined, national],
			['Valeur nationale', 'Sexe', 'Féminin', '< 5'],
			['Valeur nationale', 'Sexe', 'Masculin', 'masqué']
		]);
	});

	it('the CSV of the breakdowns table masks them the same way (Arabic labels)', async () => {
		const res = (await (csvGet as unknown as (e: unknown) => Promise<Response>)(
			asPartner(`/reports/${reportId}/export.csv?lang=ar&table=breakdowns`)
		)) as Response;
		const rows = (parse(await res.text(), { bom: true }) as string[][]).filter((r) => r[0] === code);
		expect(rows.map((r) => [r[5], r[6]])).toEqual([
			['', String(national)],
			['إناث', '< 5'],
			['ذكور', 'محجوب']
		]);
	});
});
