/**
 * Exports of a published report as tables (from its snapshot only), the labels files share (pillars,
 * breakdown categories) and the report's download; `table-files` writes the tables as XLSX or CSV.
 *
 * Relative imports only: the bench runs this module under tsx.
 */
import { m } from '../paraglide/messages';
import type { Locale, Pillar } from '../domain/enums';
import { localized } from '../domain/localize';
import { formatPeriod } from '../domain/period';
import { MASKED_LABEL } from '../domain/confidentiality';
import type { ReportSnapshot } from '../domain/report';
import { unitLabel } from '../domain/units';
import { countryName, type BreakdownDimension, type IndicatorBreakdowns, type ViewCell } from '../domain/breakdown';
import { categoryLabel, dimensionLabel } from '../domain/breakdown-labels';

import { CONTENT_TYPES, tablesToXlsx, tableToCsv, type CellValue, type Notes, type Table } from './table-files';

export { CONTENT_TYPES, tablesToXlsx, tableToCsv, type CellValue, type ColumnKind, type Notes, type Table } from './table-files';

// ─── Breakdowns ─────────────────────────────────────────────────────────────────────────────────

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
	return {
		category: (dimension: string, category: string) =>
			categoryLabel(dimension === 'country' ? 'nationality' : dimension, category, locale) ?? countryName(category, locale),
		dimension: (d: BreakdownDimension | 'country') => {
			const t = dimensionLabel(d, locale);
			return t.charAt(0).toLocaleUpperCase(locale) + t.slice(1);
		},
		cell: (c: ViewCell): CellValue => (c.masked ? (c.small ? MASKED_LABEL : m.masked_complement({}, { locale })) : c.value)
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
