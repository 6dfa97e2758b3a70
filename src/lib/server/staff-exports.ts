/**
 * Staff exports: the measures list with its current filters, and the indicator explorer's tables
 * (national series, values by region), as XLSX and CSV through the same writers as the reports'
 * exports (typed cells, frozen headers, right-to-left sheets in Arabic, a notes sheet; CSV with a BOM).
 * What a staff member sees on the page is what the file holds: the same filters, the same viewer.
 *
 * Relative imports only: the bench runs this module under tsx.
 */
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';
import { localized } from '../domain/localize';
import { formatPeriod } from '../domain/period';
import { institutionLabel, type InstitutionNames } from '../domain/institution-label';
import { unitLabel } from '../domain/units';
import { MASKED_LABEL } from '../domain/confidentiality';
import { CONTENT_TYPES, breakdownTable, tableToCsv, tablesToXlsx, type Notes, type Table } from './exports';
import type { IndicatorChoice } from './dashboard/indicator-search';
import type { IndicatorExplorer } from './dashboard/explorer';

const text = (row: object, field: string, locale: Locale) => localized(row as Record<string, unknown>, field, locale).text;

export interface MeasureExportRow {
	code: string;
	titleFr: string;
	titleAr: string | null;
	titleEn: string | null;
	planCode: string;
	axisCode: string;
	status: string;
	progress: number;
	startDate: string;
	deadline: string;
	lastValidatedAt: string | null;
	isDemo: boolean;
	overdue: boolean;
	atRisk: boolean;
	lead: InstitutionNames;
}

export function measuresTable(rows: readonly MeasureExportRow[], locale: Locale): Table {
	const o = { locale };
	const yes = (b: boolean) => (b ? '✓' : '');
	return {
		key: 'measures',
		name: m.nav_measures({}, o),
		columns: [
			{ header: m.col_code({}, o), kind: 'text' },
			{ header: m.col_measure({}, o), kind: 'text' },
			{ header: m.filter_plan({}, o), kind: 'text' },
			{ header: m.filter_axis({}, o), kind: 'text' },
			{ header: m.col_lead({}, o), kind: 'text' },
			{ header: m.col_status({}, o), kind: 'text' },
			{ header: m.col_progress({}, o), kind: 'percent' },
			{ header: m.export_col_start({}, o), kind: 'date' },
			{ header: m.col_deadline({}, o), kind: 'date' },
			{ header: m.export_col_last_validated({}, o), kind: 'date' },
			{ header: m.flag_overdue({}, o), kind: 'text' },
			{ header: m.flag_at_risk({}, o), kind: 'text' },
			{ header: m.demo_badge({}, o), kind: 'text' }
		],
		rows: rows.map((r) => [
			r.code,
			text(r, 'title', locale),
			r.planCode,
			r.axisCode,
			institutionLabel(r.lead, locale),
			m[`status_${r.status as 'planned'}`]({}, o),
			r.progress,
			r.startDate,
			r.deadline,
			r.lastValidatedAt ? r.lastValidatedAt.slice(0, 10) : null,
			yes(r.overdue),
			yes(r.atRisk),
			yes(r.isDemo)
		])
	};
}

/** The explorer's list of indicators (those matching its search). */
export function indicatorListTable(rows: readonly IndicatorChoice[], locale: Locale): Table {
	const o = { locale };
	return {
		key: 'indicators',
		name: m.report_section_indicators({}, o),
		columns: [
			{ header: m.col_code({}, o), kind: 'text' },
			{ header: m.report_col_indicator({}, o), kind: 'text' },
			{ header: m.col_measure({}, o), kind: 'text' },
			{ header: m.demo_badge({}, o), kind: 'text' }
		],
		rows: rows.map((r) => [r.code, text(r, 'name', locale), r.measureCode, r.isDemo ? '✓' : ''])
	};
}

/**
 * The explorer's tables for one indicator: its national values over periods, by region, and its
 * breakdowns for the period and area the page shows (masked as the page masks them for the viewer:
 * the same read model, the same confidentiality function). `regionNames` names the area.
 */
export function explorerTables(x: IndicatorExplorer, locale: Locale, regionNames: ReadonlyMap<string, string> = new Map()): Table[] {
	const o = { locale };
	const ind = x.indicator;
	const percent = ind.unit === '%';
	const value = (v: number | null, masked: boolean) => (masked ? MASKED_LABEL : v);
	const unit = ind.unit ? ` (${unitLabel(ind, locale)})` : '';
	const rate = !!x.census;
	const common = (p: { state: string; isDemo: boolean }) => [
		p.state === 'submitted' ? m.export_state_submitted({}, o) : m.export_state_validated({}, o),
		p.isDemo ? '✓' : ''
	];
	const breakdowns = x.breakdowns?.view ? [breakdownTable([{ b: x.breakdowns, name: text(ind, 'name', locale) }], locale, regionNames)] : [];
	return [
		{
			key: 'series',
			name: m.dash_ind_series({}, o),
			columns: [
				{ header: m.col_period({}, o), kind: 'text' },
				{ header: `${m.dash_col_value({}, o)}${unit}`, kind: percent ? 'percent' : 'number' },
				...(rate ? [{ header: m.rate_col({}, o), kind: 'number' as const }] : []),
				{ header: m.export_col_state({}, o), kind: 'text' },
				{ header: m.demo_badge({}, o), kind: 'text' }
			],
			rows: x.series.map((p) => [formatPeriod(p.period, locale), value(p.value, p.masked), ...(rate ? [p.rate ?? null] : []), ...common(p)])
		},
		{
			key: 'regions',
			name: x.regionPeriod ? `${m.col_region({}, o)} ${formatPeriod(x.regionPeriod, locale)}` : m.col_region({}, o),
			columns: [
				{ header: 'ISO 3166-2', kind: 'text' },
				{ header: m.col_region({}, o), kind: 'text' },
				{ header: `${m.dash_col_value({}, o)}${unit}`, kind: percent ? 'percent' : 'number' },
				...(rate ? [{ header: m.rate_col({}, o), kind: 'number' as const }] : []),
				{ header: m.export_col_state({}, o), kind: 'text' },
				{ header: m.demo_badge({}, o), kind: 'text' }
			],
			rows: x.byRegion.map((r) => [r.iso, text(r, 'name', locale), value(r.value, r.masked), ...(rate ? [r.rate ?? null] : []), ...common(r)])
		},
		...breakdowns
	];
}

/** The notes sheet of a staff export: what it is, when, with which filters, which values. */
export function staffNotes(
	what: string,
	filters: Record<string, string>,
	locale: Locale,
	opts: { includeSubmitted?: boolean; demo: boolean; masked?: boolean }
): Notes {
	const o = { locale };
	const lines: [string, string][] = [
		[m.export_note_what({}, o), what],
		[m.export_note_when({}, o), new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC'],
		[
			m.export_note_filters({}, o),
			Object.entries(filters)
				.map(([k, v]) => `${k}=${v}`)
				.join(', ') || '—'
		],
		[m.report_data_label({}, o), opts.includeSubmitted ? m.dash_ind_with_submitted({}, o) : m.dash_ind_validated_only({}, o)],
		[m.demo_badge({}, o), opts.demo ? m.report_demo_note({}, o) : m.report_no_demo({}, o)]
	];
	if (opts.masked) lines.push([m.report_sources_title({}, o), m.dash_ind_masked_note({}, o)]);
	return { title: m.report_sources_title({}, o), lines, sources: [] };
}

/** The HTTP answer: the workbook, or one table as CSV (`table` = its key, default the first). */
export async function staffDownload(
	tables: Table[],
	notes: Notes,
	format: 'xlsx' | 'csv',
	locale: Locale,
	baseName: string,
	table?: string | null
): Promise<Response> {
	const headers = { 'cache-control': 'private, no-store' };
	if (format === 'xlsx') {
		const body = await tablesToXlsx(tables, locale, notes);
		return new Response(new Uint8Array(body), {
			headers: { ...headers, 'content-type': CONTENT_TYPES.xlsx, 'content-disposition': `attachment; filename="${baseName}-${locale}.xlsx"` }
		});
	}
	const t = tables.find((x) => x.key === table) ?? tables[0]!;
	return new Response(tableToCsv(t), {
		headers: {
			...headers,
			'content-type': CONTENT_TYPES.csv,
			'content-disposition': `attachment; filename="${baseName}${tables.length > 1 ? `-${t.key}` : ''}-${locale}.csv"`
		}
	});
}
