/**
 * Reading an uploaded spreadsheet into tables of text cells: an .xlsx (exceljs) or a .csv (csv-parse;
 * `;` or `,`, UTF-8 or Windows-1256 through iconv-lite), or the problem that stops it, in the words
 * of a message key. The value import (`imports`) and the structure import read their files here.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** One problem, where the user will find it in their file; `key` is a message key, `params` fill it in. */
export interface ImportIssue {
	sheet: string;
	row: number;
	column: string;
	key: string;
	params?: Record<string, string | number>;
}
export type Table = { sheet: string; header: string[]; rows: { row: number; cells: Record<string, string> }[] };
export type ReadResult = { ok: true; table: Table } | { ok: false; issues: ImportIssue[] };

const fileIssue = (key: string, params?: Record<string, string | number>): ReadResult => ({
	ok: false,
	issues: [{ sheet: '', row: 0, column: '', key, params }]
});

/** A cell as text: numbers keep their full precision, dates become ISO days. */
function cellText(v: ExcelJS.CellValue): string {
	if (v == null) return '';
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
	if (typeof v === 'object' && 'text' in v) return String(v.text);
	return String(v);
}

async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook | null> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(bytes as unknown as ArrayBuffer);
		return wb;
	} catch {
		return null;
	}
}

/** One worksheet as a table: header row 1 (lower-cased), then the non-empty rows. */
function sheetTable(ws: ExcelJS.Worksheet): ReadResult {
	const issues: ImportIssue[] = [];
	// A merged header hides which column is which: refuse rather than guess.
	const merges = ((ws as unknown as { model: { merges?: string[] } }).model.merges ?? []) as string[];
	if (merges.some((r) => /^[A-Z]+1(:|$)/.test(r))) return { ok: false, issues: [{ sheet: ws.name, row: 1, column: '', key: 'err_import_merged_header' }] };
	const header: string[] = [];
	ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = cellText(cell.value).trim().toLowerCase()));
	const rows: Table['rows'] = [];
	ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
		if (rowNumber === 1) return;
		const cells: Record<string, string> = {};
		r.eachCell({ includeEmpty: false }, (cell, col) => {
			const name = header[col - 1] ?? `#${col}`;
			// A formula's cached result may be stale or absent: the file must carry values.
			if (cell.type === ExcelJS.ValueType.Formula) issues.push({ sheet: ws.name, row: rowNumber, column: name, key: 'err_import_formula' });
			else cells[name] = cellText(cell.value).trim();
		});
		if (Object.values(cells).some((v) => v !== '')) rows.push({ row: rowNumber, cells });
	});
	if (issues.length) return { ok: false, issues };
	return { ok: true, table: { sheet: ws.name, header, rows } };
}

async function readXlsx(bytes: Buffer): Promise<ReadResult> {
	const wb = await loadWorkbook(bytes);
	const ws = wb?.getWorksheet('values') ?? wb?.worksheets.find((w) => w.name !== 'instructions');
	if (!ws) return fileIssue('err_import_not_spreadsheet');
	return sheetTable(ws);
}

/**
 * Reads the named sheets of a workbook (a sheet that is absent is left out). A CSV holds one table
 * only, so a multi-sheet import needs the workbook.
 */
export async function readSheets(
	bytes: Buffer,
	fileName: string,
	names: readonly string[]
): Promise<{ ok: true; tables: Table[] } | { ok: false; issues: ImportIssue[] }> {
	if (bytes.length > MAX_IMPORT_BYTES) return fileIssue('err_import_too_large', { mb: 20 }) as { ok: false; issues: ImportIssue[] };
	if (bytes.length === 0) return fileIssue('err_import_empty') as { ok: false; issues: ImportIssue[] };
	if (!bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
		const csv = !bytes.subarray(0, 8192).includes(0) && /\.(csv|txt)$/i.test(fileName);
		return fileIssue(csv ? 'err_import_structure_xlsx' : 'err_import_not_spreadsheet') as { ok: false; issues: ImportIssue[] };
	}
	const wb = await loadWorkbook(bytes);
	if (!wb) return fileIssue('err_import_not_spreadsheet') as { ok: false; issues: ImportIssue[] };
	const tables: Table[] = [];
	const issues: ImportIssue[] = [];
	for (const name of names) {
		const ws = wb.getWorksheet(name);
		if (!ws) continue;
		const t = sheetTable(ws);
		if (t.ok) tables.push(t.table);
		else issues.push(...t.issues);
	}
	if (issues.length) return { ok: false, issues };
	if (!tables.length) return fileIssue('err_import_no_sheet', { sheets: names.join(', ') }) as { ok: false; issues: ImportIssue[] };
	return { ok: true, tables };
}

/** UTF-8 when it decodes cleanly, Windows-1256 (what Arabic Excel writes) otherwise. */
function decodeText(bytes: Buffer): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return iconv.decode(bytes, 'windows-1256');
	}
}

function readCsv(bytes: Buffer, sheet: string): ReadResult {
	const text = decodeText(bytes);
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	// Excel in a French locale writes `;`.
	const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
	let records: string[][];
	try {
		records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
	} catch (e) {
		return fileIssue('err_import_csv_malformed', { message: (e as Error).message.slice(0, 200) });
	}
	const [head, ...body] = records;
	if (!head) return fileIssue('err_import_empty');
	const header = head.map((h) => h.trim().toLowerCase());
	const rows = body
		.map((r, i) => ({ row: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, (r[j] ?? '').trim()])) }))
		.filter((r) => Object.values(r.cells).some((v) => v !== ''));
	return { ok: true, table: { sheet, header, rows } };
}

/** Reads an uploaded file into a table, or says why it cannot be read. */
export async function readTable(bytes: Buffer, fileName: string): Promise<ReadResult> {
	if (bytes.length > MAX_IMPORT_BYTES) return fileIssue('err_import_too_large', { mb: 20 });
	if (bytes.length === 0) return fileIssue('err_import_empty');
	if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(bytes);
	// Anything with NUL bytes is binary (a PDF, an old .xls, an image): not a CSV either.
	if (bytes.subarray(0, 8192).includes(0) || !/\.(csv|txt)$/i.test(fileName)) return fileIssue('err_import_not_spreadsheet');
	return readCsv(bytes, fileName.replace(/\.[^.]*$/, ''));
}
