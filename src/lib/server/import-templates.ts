/**
 * The workbooks an administrator downloads to fill in: one sheet per table with the expected columns,
 * and an "instructions" sheet that says what each column takes, in French, Arabic and English side by
 * side (whoever fills it in may read any of the three). The plan-structure export is the same workbook
 * with the rows filled in, so export → edit → import round-trips.
 *
 * Relative imports only: the bench runs these modules under tsx.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { m } from '../paraglide/messages';
import { LOCALES } from '../domain/enums';
import type { Db } from './db/client';
import { VALUE_COLUMNS } from './imports';
import { hasDimension } from '../schemas/json-columns';

export type ColumnSpec = { name: string; required: boolean; help: string };
export type SheetSpec = { name: string; columns: readonly ColumnSpec[] };
type Cell = string | number | null;

const messages = m as unknown as Record<string, (p?: object, o?: { locale: string }) => string>;
const say = (key: string, locale: string) => messages[key]?.({}, { locale }) ?? key;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The workbook: `sheets` with their header row (and `rows` when given), `reference` sheets as they are, then the instructions. */
export async function workbook(
	sheets: readonly SheetSpec[],
	intro: readonly string[],
	rows: Record<string, Cell[][]> = {},
	reference: { name: string; rows: Cell[][] }[] = []
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Rasd';
	wb.created = new Date(0);
	for (const s of sheets) {
		const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
		ws.columns = s.columns.map((c) => ({ header: c.name, width: Math.max(12, c.name.length + 4), style: { numFmt: '@' } }));
		ws.getRow(1).font = { bold: true };
		for (const r of rows[s.name] ?? []) ws.addRow(r);
	}
	for (const r of reference) {
		const ws = wb.addWorksheet(r.name, { views: [{ state: 'frozen', ySplit: 1 }] });
		for (const row of r.rows) ws.addRow(row);
		ws.getRow(1).font = { bold: true };
		ws.columns.forEach((c) => (c.width = 18));
	}
	const ws = wb.addWorksheet('instructions');
	ws.columns = [{ width: 14 }, { width: 18 }, { width: 14 }, { width: 60 }, { width: 60 }, { width: 60 }];
	const wrap = (row: ExcelJS.Row) =>
		[4, 5, 6].forEach((i) => (row.getCell(i).alignment = { wrapText: true, vertical: 'top', readingOrder: i === 5 ? 'rtl' : 'ltr' }));
	ws.addRow(['', '', '', 'Français', 'العربية', 'English']).font = { bold: true };
	for (const key of intro) wrap(ws.addRow(['', '', '', ...LOCALES.map((l) => say(key, l))]));
	ws.addRow([]);
	const head = ws.addRow([
		'sheet',
		...['import_tpl_col_column', 'import_tpl_col_required'].map((k) => LOCALES.map((l) => say(k, l)).join(' / ')),
		'Français',
		'العربية',
		'English'
	]);
	head.font = { bold: true };
	for (const s of sheets)
		for (const c of s.columns)
			wrap(
				ws.addRow([
					s.name,
					c.name,
					LOCALES.map((l) => say(c.required ? 'import_tpl_yes' : 'import_tpl_no', l)).join(' / '),
					...LOCALES.map((l) => say(c.help, l))
				])
			);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

const REQUIRED_VALUE_COLUMNS = new Set(['indicator', 'period', 'value']);
export const VALUES_SHEETS: SheetSpec[] = [
	{ name: 'values', columns: VALUE_COLUMNS.map((name) => ({ name, required: REQUIRED_VALUE_COLUMNS.has(name), help: `import_help_${name}` })) }
];

/** The indicator-values template, with the list of indicator codes to pick from. */
export async function valuesTemplate(db: Db): Promise<Buffer> {
	const inds = db.all<{ code: string; name: string; frequency: string; dimensions: string; unit: string | null; start: string; end: string }>(sql`
		SELECT i.code, i.name_fr AS name, i.frequency, i.dimensions, i.unit, p.start_date AS start, p.end_date AS "end"
		FROM indicators i JOIN measures m ON m.id = i.measure_id JOIN objectives o ON o.id = m.objective_id
		JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id
		ORDER BY i.code`);
	const reference = [
		['code', 'name_fr', 'frequency', 'by_region', 'unit', 'plan_start', 'plan_end'],
		...inds.map((i) => [i.code, i.name, i.frequency, hasDimension(i.dimensions, 'region') ? 'yes' : 'no', i.unit?.split('|').at(-1) ?? '', i.start, i.end])
	];
	return workbook(VALUES_SHEETS, ['import_tpl_values_1', 'import_tpl_values_2', 'import_tpl_values_3'], {}, [{ name: 'indicators', rows: reference }]);
}
