/** Importing indicator values from a spreadsheet: every bad file kind, the dry run, one all-or-nothing apply, re-import. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createTestDatabase } from '../helpers/db';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as imports from '../../src/lib/server/imports';

let db: Db;
let cleanup: () => void;
let adminId: number;
let ind: { code: string; frequency: string; regional: boolean };
let regional: { code: string };
let planStart: string;

async function xlsx(rows: (string | number | { formula: string })[][], opts: { merge?: string } = {}) {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('values');
	for (const r of rows) ws.addRow(r);
	if (opts.merge) ws.mergeCells(opts.merge);
	return Buffer.from(await wb.xlsx.writeBuffer());
}
async function dry(bytes: Buffer, name = 'values.xlsx', publicRecord = false) {
	const read = await imports.readTable(bytes, name);
	if (!read.ok) return { ok: false, issues: read.issues, rows: [], counts: { create: 0, update: 0, unchanged: 0 }, hash: '' } as imports.DryRun;
	return imports.dryRunValues(db, read.table, bytes, { publicRecord });
}
const valueCount = () => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM indicator_values`)!.n;
const period = (year: number) =>
	ind.frequency === 'annual' ? String(year) : ind.frequency === 'semester' ? `${year}-S1` : ind.frequency === 'quarter' ? `${year}-Q1` : `TIP${year}`;

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	adminId = db.select().from(s.users).where(eq(s.users.email, 'admin@rasd.demo')).get()!.id;
	const row = db.get<{
		code: string;
		frequency: string;
		start: string;
	}>(sql`SELECT i.code, i.frequency, p.start_date AS start FROM indicators i JOIN measures m ON m.id = i.measure_id JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id
		WHERE i.kind = 'count' AND i.frequency = 'annual' AND i.dimensions NOT LIKE '%region%' AND i.plausible_max IS NULL ORDER BY i.code LIMIT 1`)!;
	ind = { code: row.code, frequency: row.frequency, regional: false };
	planStart = row.start;
	regional = db.get<{ code: string }>(
		sql`SELECT code FROM indicators WHERE frequency = 'annual' AND dimensions LIKE '%region%' AND kind = 'count' ORDER BY code LIMIT 1`
	)!;
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

const year = () => Number(planStart.slice(0, 4)) + 1;

describe('bad files change nothing and say why', () => {
	it('not a spreadsheet, too large, empty', async () => {
		expect((await dry(Buffer.from('%PDF-1.4\n\0\0binary'), 'report.pdf')).issues[0]!.key).toBe('err_import_not_spreadsheet');
		expect((await dry(Buffer.from('PK\x03\x04 not really a zip'), 'fake.xlsx')).issues[0]!.key).toBe('err_import_not_spreadsheet');
		expect((await dry(Buffer.alloc(imports.MAX_IMPORT_BYTES + 1, 0x41), 'big.csv')).issues[0]).toMatchObject({
			key: 'err_import_too_large',
			params: { mb: 20 }
		});
	});

	it('a formula cell, with its row and column', async () => {
		const res = await dry(
			await xlsx([
				['indicator', 'period', 'value'],
				[ind.code, period(year()), { formula: '1+1' }]
			])
		);
		expect(res.issues).toEqual([{ sheet: 'values', row: 2, column: 'value', key: 'err_import_formula' }]);
	});

	it('a merged header', async () => {
		const res = await dry(
			await xlsx(
				[
					['indicator', 'period', 'value'],
					[ind.code, period(year()), 3]
				],
				{ merge: 'A1:B1' }
			)
		);
		expect(res.issues[0]!.key).toBe('err_import_merged_header');
	});

	it('a missing column', async () => {
		const res = await dry(
			await xlsx([
				['indicator', 'value'],
				[ind.code, 3]
			])
		);
		expect(res.issues).toEqual([{ sheet: 'values', row: 1, column: 'period', key: 'err_import_missing_column', params: { column: 'period' } }]);
	});

	it('unknown indicator, duplicate row, bad number, period outside the plan, region on a national indicator', async () => {
		const p = period(year());
		const res = await dry(
			await xlsx([
				['indicator', 'period', 'region', 'value'],
				['NOPE-1', p, '', 1],
				[ind.code, p, '', 'douze'],
				[ind.code, String(Number(planStart.slice(0, 4)) - 5), '', 4],
				[ind.code, p, 'MA-01', 4],
				[ind.code, p, '', 5],
				[ind.code, p, '', 6]
			])
		);
		expect(res.ok).toBe(false);
		const byRow = Object.fromEntries(res.issues.map((i) => [i.row, `${i.column}:${i.key}`]));
		expect(byRow).toEqual({
			2: 'indicator:err_import_unknown_indicator',
			3: 'value:err_value_number',
			4: 'period:err_import_period_outside_plan',
			5: 'region:err_region_not_disaggregated',
			7: 'indicator:err_import_duplicate_row'
		});
		const before = valueCount();
		expect(imports.applyValues(db, adminId, res, { fileName: 'x.xlsx', publicRecord: false }).ok).toBe(false);
		expect(valueCount()).toBe(before);
	});
});

describe('CSV as Excel writes it', () => {
	it('reads a semicolon CSV in Windows-1256 with Arabic text and a decimal comma', async () => {
		const text = `indicator;period;value;source;note\r\n${ind.code};${period(year())};12,0;المندوبية السامية للتخطيط;ملاحظة\r\n`;
		const res = await dry(iconv.encode(text, 'windows-1256'), 'valeurs.csv');
		expect(res.issues).toEqual([]);
		expect(res.rows[0]).toMatchObject({ value: 12, source: 'المندوبية السامية للتخطيط', note: 'ملاحظة', action: expect.any(String) });
	});
});

describe('apply', () => {
	it('a clean file: dry run says what happens, apply writes all as submitted in one run, the same file again changes nothing', async () => {
		const y = year();
		const bytes = await xlsx([
			['indicator', 'period', 'region', 'value', 'source'],
			[ind.code, period(y), '', 41, 'Rapport DGSN'],
			[regional.code, String(y), 'MA-01', 7, ''],
			[regional.code, String(y), 'MA-02', 9, '']
		]);
		const first = await dry(bytes);
		expect(first.issues).toEqual([]);
		expect(first.counts.create + first.counts.update).toBe(3);
		const before = valueCount();
		const applied = imports.applyValues(db, adminId, first, { fileName: 'values.xlsx', publicRecord: false });
		expect(applied.ok).toBe(true);
		const rows = db.all<{ state: string; value: number }>(
			sql`SELECT v.state, v.value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.code IN (${ind.code}, ${regional.code}) AND v.period = ${String(y)} AND v.state = 'submitted'`
		);
		expect(rows.map((r) => r.value).sort((a, b) => a - b)).toEqual([7, 9, 41]);
		expect(valueCount()).toBe(before + first.counts.create);
		const run = db.select().from(s.importRuns).all().at(-1)!;
		expect(run).toMatchObject({ kind: 'values', fileHash: first.hash, userId: adminId });
		expect(db.select().from(s.auditEvents).where(eq(s.auditEvents.entity, 'import_run')).all()).toHaveLength(1);

		const second = await dry(bytes);
		expect(second.counts).toEqual({ create: 0, update: 0, unchanged: 3 });
		imports.applyValues(db, adminId, second, { fileName: 'values.xlsx', publicRecord: false });
		expect(valueCount()).toBe(before + first.counts.create);
	});

	it('as the public record every row needs a source, and values are validated and current at once', async () => {
		const y = year() + 1;
		const noSource = await dry(
			await xlsx([
				['indicator', 'period', 'value', 'source'],
				[ind.code, period(y), 50, '']
			]),
			'v.xlsx',
			true
		);
		expect(noSource.issues.map((i) => `${i.row}:${i.column}:${i.key}`)).toEqual(['2:source:err_import_source_required']);
		const ok = await dry(
			await xlsx([
				['indicator', 'period', 'value', 'source'],
				[ind.code, period(y), 50, 'TIP 2025']
			]),
			'v.xlsx',
			true
		);
		expect(imports.applyValues(db, adminId, ok, { fileName: 'v.xlsx', publicRecord: true }).ok).toBe(true);
		const row = db.get<{ state: string; isCurrent: number; sources: string }>(
			sql`SELECT v.state, v.is_current AS isCurrent, v.sources FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.code = ${ind.code} AND v.period = ${period(y)} AND v.is_current = 1`
		)!;
		expect(row).toMatchObject({ state: 'validated', isCurrent: 1 });
		expect(JSON.parse(row.sources)[0].title).toBe('TIP 2025');
	});

	it('a closed period is refused like in the entry form, and nothing is written; the public record may still be corrected', async () => {
		const y = year() + 2;
		const closedAt = new Date().toISOString();
		db.insert(s.reportingPeriods)
			.values({ code: period(y), opensOn: `${y}-01-01`, dueOn: `${y}-06-30`, closedAt })
			.run();
		const before = valueCount();
		const res = await dry(
			await xlsx([
				['indicator', 'period', 'value'],
				[ind.code, period(y), 7],
				[ind.code, period(y - 1), 8]
			])
		);
		expect(res.issues.map((i) => `${i.row}:${i.column}:${i.key}`)).toEqual(['2:period:err_period_closed']);
		expect(imports.applyValues(db, adminId, res, { fileName: 'v.xlsx', publicRecord: false }).ok).toBe(false);
		expect(valueCount()).toBe(before);
		// a clean dry run whose period closes before it is applied writes nothing either
		const y2 = y + 1;
		const clean = await dry(
			await xlsx([
				['indicator', 'period', 'value'],
				[ind.code, period(y2), 9]
			])
		);
		expect(clean.ok).toBe(true);
		db.insert(s.reportingPeriods)
			.values({ code: period(y2), opensOn: `${y2}-01-01`, dueOn: `${y2}-06-30`, closedAt })
			.run();
		expect(imports.applyValues(db, adminId, clean, { fileName: 'v.xlsx', publicRecord: false }).ok).toBe(false);
		expect(valueCount()).toBe(before);
		const pub = await dry(
			await xlsx([
				['indicator', 'period', 'value', 'source'],
				[ind.code, period(y), 7, 'Rapport 2030']
			]),
			'v.xlsx',
			true
		);
		expect(pub.ok).toBe(true);
	});
});
