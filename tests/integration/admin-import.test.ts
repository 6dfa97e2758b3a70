/** The /admin/import page's actions: a dry run the administrator reads, then one apply of the file it checked. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as imports from '../../src/lib/server/imports';
import * as structure from '../../src/lib/server/structure-import';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { actions } from '../../src/routes/(app)/admin/import/+page.server';
import { GET as template } from '../../src/routes/(app)/admin/import/template/[kind=kind]/+server';

let db: Db;
let cleanup: () => void;
let admin: SessionUser;
let commission: SessionUser;
let code: string;
let year: number;

const user = (email: string): SessionUser => {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
};
async function book(rows: (string | number)[][]) {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('values');
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (bytes: Buffer, name: string, extra: Record<string, string> = {}) =>
	formData({ kind: 'values', file: new File([new Uint8Array(bytes)], name), ...extra });
const check = (body: FormData, as = admin) => run(actions.check as never, actionEvent({ user: as, path: '/admin/import', body }));
const applyBody = (dry: Record<string, any>) =>
	formData({
		hash: dry.hash,
		kind: dry.kind,
		fileName: dry.fileName,
		publicRecord: dry.publicRecord ? 'on' : undefined,
		create: String(dry.counts.create),
		update: String(dry.counts.update),
		unchanged: String(dry.counts.unchanged)
	});
const apply = (body: FormData) => run(actions.apply as never, actionEvent({ user: admin, path: '/admin/import', body }));
const runs = () => db.select().from(s.importRuns).all().length;

beforeAll(async () => {
	process.env.DATABASE_URL = ':memory:';
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	admin = user('admin@rasd.demo');
	commission = user('commission@rasd.demo');
	const row = db.get<{
		code: string;
		start: string;
	}>(sql`SELECT i.code, p.start_date AS start FROM indicators i JOIN measures m ON m.id = i.measure_id JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id
		WHERE i.kind = 'count' AND i.frequency = 'annual' AND i.dimensions NOT LIKE '%region%' AND i.plausible_max IS NULL ORDER BY i.code LIMIT 1`)!;
	code = row.code;
	year = Number(row.start.slice(0, 4)) + 2;
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('/admin/import', () => {
	it("is the administrators' alone: the commission is refused", async () => {
		expect((await check(upload(await book([['indicator']]), 'v.xlsx'), commission)).status).toBe(403);
	});

	it('no file, a bad kind, a file too large: said next to the field, nothing kept', async () => {
		expect((await check(formData({ kind: 'values' }))).data.upload.errors).toEqual({ file: 'err_import_no_file' });
		expect((await check(formData({ kind: 'plans', file: new File(['x'], 'v.csv') }))).data.upload.errors.kind).toBe('err_import_kind_unknown');
		const big = await check(upload(Buffer.alloc(imports.MAX_IMPORT_BYTES + 1, 0x41), 'big.csv'));
		expect(big.data.upload.errors).toEqual({ file: 'err_import_too_large' });
	});

	it('a file that is not a spreadsheet is a file-level error; a row error gives sheet, row and column; neither can be applied', async () => {
		const pdf = await check(upload(Buffer.from('%PDF-1.7\n\0\0'), 'rapport.pdf'));
		expect(pdf.data.dry).toMatchObject({ ok: false, issues: [{ row: 0, key: 'err_import_not_spreadsheet' }] });
		const bad = await check(
			upload(
				await book([
					['indicator', 'period', 'value'],
					[code, String(year), 'beaucoup']
				]),
				'v.xlsx'
			)
		);
		expect(bad.data.dry).toMatchObject({ ok: false, issueCount: 1, issues: [{ sheet: 'values', row: 2, column: 'value', key: 'err_value_number' }] });
		// a forged apply of the bad file: it was never kept, so there is nothing to apply
		expect((await apply(applyBody(bad.data.dry))).data.upload.errors._form).toBe('err_import_expired');
		expect(runs()).toBe(0);
	});

	it('dry run → apply → recorded and audited; the same file again changes nothing', async () => {
		const bytes = await book([
			['indicator', 'period', 'value', 'source'],
			[code, String(year), 17, 'Rapport annuel']
		]);
		const dry = (await check(upload(bytes, 'valeurs.xlsx'))).data.dry;
		expect(dry).toMatchObject({
			ok: true,
			counts: { create: 1, update: 0, unchanged: 0 },
			changeCount: 1,
			changes: [{ row: 2, action: 'create', item: `${code} · ${year} = 17` }]
		});
		const before = db.select().from(s.auditEvents).where(eq(s.auditEvents.entity, 'import_run')).all().length;
		const res = await apply(applyBody(dry));
		expect(res.status).toBe(303);
		const run = db.select().from(s.importRuns).all().at(-1)!;
		expect(res.location).toBe(`/admin/import?run=${run.id}`);
		expect(run).toMatchObject({ fileName: 'valeurs.xlsx', fileHash: dry.hash, userId: admin.id });
		expect(db.select().from(s.auditEvents).where(eq(s.auditEvents.entity, 'import_run')).all().length).toBe(before + 1);
		const value = db.get<{ state: string }>(
			sql`SELECT v.state FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.code = ${code} AND v.period = ${String(year)} AND v.value = 17`
		);
		expect(value?.state).toBe('submitted');
		// applied once: the kept file is gone, a second post of the same form does nothing
		expect((await apply(applyBody(dry))).data.upload.errors._form).toBe('err_import_expired');

		const again = (await check(upload(bytes, 'valeurs.xlsx'))).data.dry;
		expect(again).toMatchObject({ ok: true, counts: { create: 0, update: 0, unchanged: 1 }, changeCount: 0 });
	});

	it('applying after the data changed shows the new dry run instead of writing', async () => {
		const bytes = await book([
			['indicator', 'period', 'value'],
			[code, String(year + 1), 3]
		]);
		const dry = (await check(upload(bytes, 'v.xlsx'))).data.dry;
		const stale = { ...dry, counts: { create: 0, update: 1, unchanged: 0 } };
		const res = await apply(applyBody(stale));
		expect(res.status).toBe(409);
		expect(res.data.dry).toMatchObject({ changed: true, counts: dry.counts });
	});

	it('the template: the expected columns, the codes to use, instructions in French, Arabic and English', async () => {
		const res = await template({ locals: { user: admin }, params: { kind: 'values' } } as never);
		expect(res.headers.get('content-disposition')).toContain('rasd-values-template.xlsx');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		expect(wb.worksheets.map((w) => w.name)).toEqual(['values', 'indicators', 'instructions']);
		expect((wb.getWorksheet('values')!.getRow(1).values as string[]).filter(Boolean)).toEqual([...imports.VALUE_COLUMNS]);
		expect(wb.getWorksheet('indicators')!.rowCount).toBeGreaterThan(10);
		const text = JSON.stringify(wb.getWorksheet('instructions')!.getSheetValues());
		expect(text).toContain('Une ligne par valeur');
		expect(text).toContain('سطر واحد لكل قيمة');
		expect(text).toContain('One row per value');
		// the empty template, filled in, imports
		const ws = wb.getWorksheet('values')!;
		ws.addRow([code, String(year + 3), '', 5]);
		const filled = Buffer.from(await wb.xlsx.writeBuffer());
		expect((await check(upload(filled, 'rempli.xlsx'))).data.dry).toMatchObject({ ok: true, counts: { create: 1 } });
	});

	it('the structure kind: the exported workbook checks as unchanged and applies as a recorded run of that kind', async () => {
		const bytes = await structure.exportWorkbook(db);
		const dry = (await check(formData({ kind: 'structure', file: new File([new Uint8Array(bytes)], 'structure.xlsx') }))).data.dry;
		expect(dry).toMatchObject({ ok: true, kind: 'structure', changeCount: 0, counts: { create: 0, update: 0 } });
		expect((await apply(applyBody(dry))).status).toBe(303);
		expect(db.select().from(s.importRuns).all().at(-1)).toMatchObject({ kind: 'structure', fileHash: dry.hash });
	});
});
