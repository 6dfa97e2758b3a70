/**
 * Tables as files in the formats partners and staff already work with: XLSX (exceljs: one sheet per
 * table, frozen header row, typed numbers / dates / percentages, column widths, right-to-left sheets
 * in Arabic, a "Sources et notes" sheet) and CSV (UTF-8 with a BOM, so Excel opens Arabic correctly).
 * `exports` and the staff and TIP exports build the tables.
 *
 * Relative imports only: the bench runs this module under tsx.
 */
import ExcelJS from 'exceljs';
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';
import { toCsv } from '../domain/report';

export type ColumnKind = 'text' | 'int' | 'number' | 'percent' | 'date';
export type CellValue = string | number | null;

export interface Table {
	/** stable key (`?table=` of the CSV export) */
	key: string;
	/** sheet name in the reader's language */
	name: string;
	columns: { header: string; kind: ColumnKind }[];
	rows: CellValue[][];
}

export interface Notes {
	title: string;
	lines: [string, string][];
	sources: { label: string; url: string | null }[];
}

const MIME_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CONTENT_TYPES = { xlsx: MIME_XLSX, csv: 'text/csv; charset=utf-8' } as const;

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
	const base =
		name
			.replace(/[[\]:*?/\\]/g, ' ')
			.slice(0, 31)
			.trim() || 'Sheet';
	let n = 2;
	let out = base;
	while (taken.has(out.toLowerCase())) out = `${base.slice(0, 28)} ${n++}`;
	taken.add(out.toLowerCase());
	return out;
}

const FORMATS: Record<ColumnKind, string | undefined> = { text: undefined, int: '#,##0', number: '#,##0.##', percent: '0.0%', date: 'yyyy-mm-dd' };

function excelValue(v: CellValue, kind: ColumnKind): ExcelJS.CellValue {
	if (v == null) return null;
	if (typeof v === 'string') {
		if (kind === 'date' && /^\d{4}-\d{2}-\d{2}/.test(v)) return new Date(`${v.slice(0, 10)}T00:00:00Z`);
		return v;
	}
	// Percentages are stored as 0..100 in the app and as fractions in a spreadsheet (so 42.5 % is 0.425).
	return kind === 'percent' ? v / 100 : v;
}

/** An XLSX workbook of `tables`, one sheet each, and the notes sheet last. */
export async function tablesToXlsx(tables: readonly Table[], locale: Locale, notes: Notes): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Rasd';
	wb.created = new Date(0);
	const rtl = locale === 'ar';
	const taken = new Set<string>();
	for (const t of tables) {
		const ws = wb.addWorksheet(sheetName(t.name, taken), { views: [{ state: 'frozen', ySplit: 1, rightToLeft: rtl }] });
		ws.columns = t.columns.map((c, i) => {
			const longest = Math.max(c.header.length, ...t.rows.slice(0, 2000).map((r) => String(r[i] ?? '').length));
			return {
				header: c.header,
				width: Math.min(60, Math.max(c.kind === 'text' ? 12 : 10, longest + 2)),
				style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {}
			};
		});
		ws.getRow(1).font = { bold: true };
		ws.getRow(1).alignment = { vertical: 'middle', wrapText: true };
		for (const r of t.rows) ws.addRow(r.map((v, i) => excelValue(v, t.columns[i]!.kind)));
		ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
	}
	const ws = wb.addWorksheet(sheetName(notes.title, taken), { views: [{ rightToLeft: rtl }] });
	ws.columns = [{ width: 34 }, { width: 90 }];
	for (const [k, v] of notes.lines) {
		const row = ws.addRow([k, v]);
		row.getCell(1).font = { bold: true };
		row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
	}
	if (notes.sources.length) {
		ws.addRow([]);
		ws.addRow([m.col_sources({}, { locale })]).font = { bold: true };
		for (const s of notes.sources) {
			const row = ws.addRow([s.label, s.url ?? '']);
			if (s.url) row.getCell(2).value = { text: s.url, hyperlink: s.url };
		}
	}
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One table as CSV: a header row and the values (percentages as 0..100, masked cells "< 5"). */
export function tableToCsv(t: Table): string {
	return toCsv([t.columns.map((c) => c.header), ...t.rows]);
}
