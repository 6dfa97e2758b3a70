/**
 * Exports in the formats partners and staff already work with: XLSX (exceljs: one sheet per table,
 * frozen header row, typed numbers / dates / percentages, column widths, right-to-left sheets in
 * Arabic, a "Sources et notes" sheet) and CSV (UTF-8 with a BOM, so Excel opens Arabic correctly).
 * A published report's tables come from its snapshot only.
 *
 * Relative imports only: the bench runs this module under tsx.
 */
import ExcelJS from 'exceljs';
import { m } from '../paraglide/messages';
import type { Locale, Pillar } from '../domain/enums';
import { localized } from '../domain/localize';
import { formatPeriod } from '../domain/period';
import { MASKED_LABEL } from '../domain/confidentiality';
import { toCsv, type ReportSnapshot } from '../domain/report';
import { unitLabel } from '../domain/units';
import { categoryKey, countryName, type IndicatorBreakdowns, type ViewCell } from '../domain/breakdown';

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

// ─── Breakdowns ─────────────────────────────────────────────────────────────────────────────────

const messages = m as unknown as Record<string, ((p: object, o: { locale: Locale }) => string) | undefined>;

// Typed: a pillar without its message is a type error, not a key printed in a file.
const PILLAR_LABEL: Record<Pillar, (p: object, o: { locale: Locale }) => string> = {
	prevention: m.pillar_prevention,
	protection: m.pillar_protection,
	prosecution: m.pillar_prosecution,
	partnership: m.pillar_partnership,
	governance: m.pillar_governance
};
/** A pillar's name in `locale`; the stored code when it is not one of the five. */
export function pillarLabel(pillar: string, locale: Locale): string {
	return (PILLAR_LABEL as Record<string, (typeof PILLAR_LABEL)[Pillar] | undefined>)[pillar]?.({}, { locale }) ?? pillar;
}

/**
 * How breakdown cells are written in a file, in `locale`: a category's name (a country's from its
 * code), a dimension's (capitalised, as a column or line starts), a cell's value or its mask
 * ("< 5" below the threshold, "masqué" for a complement; never the number).
 */
export function breakdownLabels(locale: Locale) {
	const o = { locale };
	const msg = (key: string) => messages[key]?.({}, o) ?? key;
	return {
		category: (dimension: string, category: string) => {
			const key = categoryKey(dimension === 'country' ? 'nationality' : dimension, category);
			return key ? msg(key) : countryName(category, locale);
		},
		// dimension names are lower case for running text ("ventilé par : sexe")
		dimension: (d: string) => {
			const t = d === 'country' ? msg('grid_countries') : msg(`dimension_${d}`);
			return t.charAt(0).toLocaleUpperCase(locale) + t.slice(1);
		},
		cell: (c: ViewCell): CellValue => (c.masked ? (c.small ? MASKED_LABEL : msg('masked_complement')) : c.value)
	};
}

/**
 * Breakdowns as one long table: per indicator, its period and area, each cell on a line (the
 * total, sex × age group, each dimension's categories, the countries). The views come already
 * masked for the reader: a masked cell is written "< 5" (below the threshold) or "masqué" (hidden
 * so that a small one cannot be recomputed) and its number is not in the file.
 */
export function breakdownTable(
	list: readonly { b: IndicatorBreakdowns; name: string }[],
	locale: Locale,
	regionNames: ReadonlyMap<string, string> = new Map()
): Table {
	const o = { locale };
	const { category: cat, dimension: dimName, cell: value } = breakdownLabels(locale);
	const rows: CellValue[][] = [];
	for (const { b, name } of list) {
		const v = b.view;
		if (!v || !b.period) continue;
		const head = [b.code, name, formatPeriod(b.period, locale), b.area ? (regionNames.get(b.area) ?? b.area) : m.col_value_national({}, o)];
		const demo = b.isDemo ? m.demo_badge({}, o) : null;
		rows.push([...head, m.grid_total({}, o), null, value(v.total), demo]);
		if (v.cross) {
			const x = v.cross;
			x.sexes.forEach((sx, i) =>
				x.ages.forEach((ag, j) => rows.push([...head, m.breakdown_cross({}, o), `${cat('sex', sx)} × ${cat('age_group', ag)}`, value(x.cells[i]![j]!), demo]))
			);
			x.sexes.forEach((sx, i) => rows.push([...head, dimName('sex'), cat('sex', sx), value(x.bySex[i]!), demo]));
			x.ages.forEach((ag, j) => rows.push([...head, dimName('age_group'), cat('age_group', ag), value(x.byAge[j]!), demo]));
		}
		for (const d of v.dimensions) for (const c of d.cells) rows.push([...head, dimName(d.dimension), cat(d.dimension, c.category), value(c), demo]);
	}
	return {
		key: 'breakdowns',
		name: m.breakdown_title({}, o),
		columns: [
			{ header: m.col_code({}, o), kind: 'text' },
			{ header: m.report_col_indicator({}, o), kind: 'text' },
			{ header: m.col_period({}, o), kind: 'text' },
			{ header: m.col_region({}, o), kind: 'text' },
			{ header: m.breakdown_col_dimension({}, o), kind: 'text' },
			{ header: m.breakdown_col_category({}, o), kind: 'text' },
			{ header: m.dash_col_value({}, o), kind: 'number' },
			{ header: m.demo_badge({}, o), kind: 'text' }
		],
		rows
	};
}

// ─── A published report's tables ────────────────────────────────────────────────────────────────

/** The tables of a report, from its snapshot, labelled in `locale`. */
export function reportTables(s: ReportSnapshot, locale: Locale): Table[] {
	const o = { locale };
	const text = (row: object, field: string) => localized(row as Record<string, unknown>, field, locale).text;
	const masked = (v: number | null, isMasked: boolean): CellValue => (isMasked ? MASKED_LABEL : v);
	const rollupCols = [
		{ header: m.plan_measures_count({}, o), kind: 'int' as const },
		{ header: m.dash_col_completed({}, o), kind: 'int' as const },
		{ header: m.kpi_overdue({}, o), kind: 'int' as const },
		{ header: m.col_progress({}, o), kind: 'percent' as const },
		{ header: m.demo_badge({}, o), kind: 'int' as const }
	];
	const tables: Table[] = [
		{
			key: 'kpis',
			name: m.report_section_kpis({}, o),
			columns: [
				{ header: m.report_col_figure({}, o), kind: 'text' },
				{ header: m.dash_col_value({}, o), kind: 'number' }
			],
			rows: [
				[m.kpi_measures({}, o), s.kpis.measures],
				[m.dash_col_completed({}, o), s.kpis.completed],
				[`${m.kpi_completion({}, o)} (%)`, s.kpis.completionRate],
				[`${m.kpi_progress({}, o)} (%)`, s.kpis.progress],
				[m.kpi_overdue({}, o), s.kpis.overdue],
				[m.dash_kpi_at_risk({}, o), s.kpis.atRisk],
				[m.dash_kpi_due_soon({}, o), s.kpis.dueSoon],
				[m.dash_kpi_recs({}, o), s.kpis.recommendationsInProgress]
			]
		},
		{
			key: 'axes',
			name: m.report_section_axes({}, o),
			columns: [{ header: m.col_code({}, o), kind: 'text' }, { header: m.filter_axis({}, o), kind: 'text' }, ...rollupCols],
			rows: s.byAxis.map((a) => [a.code, text(a, 'title'), a.measures, a.completed, a.overdue, a.progress, a.demo])
		},
		{
			key: 'pillars',
			name: m.dash_by_pillar({}, o),
			columns: [{ header: m.col_pillar({}, o), kind: 'text' }, ...rollupCols],
			rows: (s.byPillar ?? []).map((p) => [p.pillar ? pillarLabel(p.pillar, locale) : '—', p.measures, p.completed, p.overdue, p.progress, p.demo])
		},
		{
			key: 'institutions',
			name: m.report_section_institutions({}, o),
			columns: [
				{ header: m.col_code({}, o), kind: 'text' },
				{ header: m.col_institution({}, o), kind: 'text' },
				{ header: m.col_leads({}, o), kind: 'int' },
				{ header: m.dash_col_completed({}, o), kind: 'int' },
				{ header: m.kpi_overdue({}, o), kind: 'int' },
				{ header: m.dash_col_lead_progress({}, o), kind: 'percent' },
				{ header: m.col_contributes({}, o), kind: 'int' },
				{ header: m.dash_col_contrib_progress({}, o), kind: 'percent' }
			],
			rows: s.byInstitution.map((i) => [
				i.code,
				text(i, 'name'),
				i.lead.measures,
				i.lead.completed,
				i.lead.overdue,
				i.lead.measures ? i.lead.progress : null,
				i.contributes.measures,
				i.contributes.measures ? i.contributes.progress : null
			])
		},
		{
			key: 'regions',
			name: m.report_section_regions({}, o),
			columns: [{ header: m.col_iso({}, o), kind: 'text' }, { header: m.col_region({}, o), kind: 'text' }, ...rollupCols],
			rows: s.byRegion.map((g) => [g.iso, text(g, 'name'), g.measures, g.completed, g.overdue, g.measures ? g.progress : null, g.demo])
		}
	];
	if (s.map.indicator) {
		tables.push({
			key: 'map',
			name: `${s.map.indicator.code} · ${m.col_region({}, o)}`,
			columns: [
				{ header: m.col_iso({}, o), kind: 'text' },
				{ header: m.col_region({}, o), kind: 'text' },
				{
					header: `${s.map.indicator.code} (${s.map.period ? formatPeriod(s.map.period, locale) : '—'})${s.map.indicator.unit ? ` · ${s.map.indicator.unit}` : ''}`,
					kind: s.map.indicator.unit === '%' ? 'percent' : 'number'
				}
			],
			rows: s.map.byRegion.map((r) => [r.iso, text(r, 'name'), masked(r.value, r.masked)])
		});
	}
	if (s.recommendations.length) {
		tables.push({
			key: 'recommendations',
			name: m.report_section_recommendations({}, o),
			columns: [
				{ header: '#', kind: 'int' },
				{ header: m.col_code({}, o), kind: 'text' },
				{ header: m.col_recommendation({}, o), kind: 'text' },
				{ header: m.col_pillar({}, o), kind: 'text' },
				{ header: m.plan_measures_count({}, o), kind: 'int' },
				{ header: m.dash_col_in_progress({}, o), kind: 'int' },
				{ header: m.dash_col_completed({}, o), kind: 'int' },
				{ header: m.col_progress({}, o), kind: 'percent' }
			],
			rows: s.recommendations.map((r) => [
				r.rank,
				r.code,
				text(r, 'title'),
				r.pillar ? pillarLabel(r.pillar, locale) : null,
				r.measures,
				r.inProgress,
				r.completed,
				r.measures ? r.progress : null
			])
		});
	}
	tables.push({
		key: 'indicators',
		name: m.report_section_indicators({}, o),
		columns: [
			{ header: m.col_code({}, o), kind: 'text' },
			{ header: m.report_col_indicator({}, o), kind: 'text' },
			{ header: m.col_measure({}, o), kind: 'text' },
			{ header: m.dash_ind_unit({}, o), kind: 'text' },
			{ header: m.indicator_baseline({}, o), kind: 'number' },
			{ header: m.report_col_baseline_year({}, o), kind: 'int' },
			{ header: m.indicator_target({}, o), kind: 'number' },
			{ header: m.report_col_target_year({}, o), kind: 'int' },
			{ header: m.report_col_latest({}, o), kind: 'number' },
			{ header: m.col_period({}, o), kind: 'text' },
			{ header: m.col_source({}, o), kind: 'text' },
			{ header: m.demo_badge({}, o), kind: 'text' }
		],
		rows: s.indicators.rows.map((i) => [
			i.code,
			text(i, 'name'),
			i.measureCode,
			i.unit ? unitLabel(i, locale) : null,
			i.baselineValue,
			i.baselineYear,
			i.targetValue,
			i.targetYear,
			masked(i.value, i.masked),
			i.valuePeriod ? formatPeriod(i.valuePeriod, locale) : null,
			i.source,
			i.isDemo || i.valueIsDemo ? m.demo_badge({}, o) : null
		])
	});
	if (s.breakdowns?.length) {
		const names = new Map(s.indicators.rows.map((i) => [i.code, text(i, 'name')]));
		tables.push(
			breakdownTable(
				s.breakdowns.map((b) => ({ b, name: names.get(b.code) ?? b.code })),
				locale
			)
		);
	}
	return tables;
}

/** The "Sources et notes" sheet of a report: what it is, how its figures were taken, its sources and demonstration flags. */
export function reportNotes(
	r: { titleFr: string; titleAr: string | null; titleEn: string | null; publishedAt: string; reportVersion: number; snapshot: ReportSnapshot },
	locale: Locale
): Notes {
	const o = { locale };
	const s = r.snapshot;
	const lines: [string, string][] = [
		[m.report_kicker({}, o), localized(r, 'title', locale).text],
		[m.field_period({}, o), `${formatPeriod(s.period.code, locale)} (${s.period.start} – ${s.period.end})`],
		[m.report_published_label({}, o), r.publishedAt.slice(0, 10)],
		[m.report_version_label({}, o), String(r.reportVersion)],
		[m.report_data_label({}, o), m.report_data_note({ day: s.referenceDay }, o)],
		[m.report_sources_title({}, o), m.report_sources_note({ threshold: s.confidentiality.threshold }, o)],
		[m.demo_badge({}, o), s.demo ? m.report_demo_note({}, o) : m.report_no_demo({}, o)]
	];
	const summary = s.narratives.summary;
	if (summary) lines.push([m.report_section_summary({}, o), localized({ tFr: summary.fr, tAr: summary.ar, tEn: summary.en }, 't', locale).text]);
	return { title: m.report_sources_title({}, o), lines, sources: s.sources };
}

/** A file name for a report's export: `rasd-PN-2023-2030-2025-S1-v1.xlsx`. */
export function reportFileName(r: { period: string; reportVersion: number; snapshot: ReportSnapshot }, ext: string, locale?: Locale): string {
	const axis = r.snapshot.scope.axis ? `-${r.snapshot.scope.axis.code}` : r.snapshot.scope.kind === 'recommendations' ? '-recommandations' : '';
	return `rasd-${r.snapshot.plan.code}${axis}-${r.period}-v${r.reportVersion}${locale ? `-${locale}` : ''}.${ext}`;
}

/** The HTTP answer for a report's XLSX or CSV (`table`: one of `reportTables`' keys, default the indicators). */
export async function reportDownload(
	r: Parameters<typeof reportNotes>[0] & { period: string },
	format: 'xlsx' | 'csv',
	locale: Locale,
	table?: string | null
): Promise<Response> {
	const tables = reportTables(r.snapshot, locale);
	const headers: Record<string, string> = { 'cache-control': 'private, max-age=300' };
	if (format === 'xlsx') {
		const body = await tablesToXlsx(tables, locale, reportNotes(r, locale));
		return new Response(new Uint8Array(body), {
			headers: { ...headers, 'content-type': CONTENT_TYPES.xlsx, 'content-disposition': `attachment; filename="${reportFileName(r, 'xlsx', locale)}"` }
		});
	}
	const t = tables.find((x) => x.key === (table ?? 'indicators')) ?? tables.find((x) => x.key === 'indicators')!;
	return new Response(tableToCsv(t), {
		headers: {
			...headers,
			'content-type': CONTENT_TYPES.csv,
			'content-disposition': `attachment; filename="${reportFileName(r, 'csv', locale).replace(/\.csv$/, `-${t.key}.csv`)}"`
		}
	});
}
