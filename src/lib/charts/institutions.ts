/**
 * Institutions on charts: their short labels and the bars by institution.
 *
 * Right to left: ECharts has no RTL mode, so Arabic charts are mirrored by the builders — category axes run
 * from the right (`inverse`), value axes sit on the right, legends are anchored right — and tooltips are HTML
 * with `dir="rtl"`. Numbers and dates go through `$lib/domain/format` (Western digits in every language).
 * Relative imports: the builders run under plain node in tests.
 */
import { institutionLabel, type InstitutionNames } from '../domain/institution-label';
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';
import { formatNumber, formatPercent } from '../domain/format';
import { truncatedAxisLabel } from './labels';
import { type ChartOption, rtl, compact, labelWidth, pct, shorten } from './option';
import { COLORS } from './palette';
import { tooltipHtml, baseTooltip, legendAt } from './tooltip';

// ─── Labels ─────────────────────────────────────────────────────────────────────────────────────

/**
 * A short label for an institution on a chart axis: its acronym in the locale where it has one
 * (IOM, DGSN; Arabic writes a designation), else its short name in the locale ("وزارة العدل").
 */
export function institutionShortLabel(i: InstitutionNames, locale: Locale): string {
	return institutionLabel(i, locale);
}

// ─── By institution ─────────────────────────────────────────────────────────────────────────────

export interface InstitutionBarRow {
	code: string;
	/** acronym or short name, in the reader's language */
	label: string;
	/** full name for the tooltip */
	name: string;
	lead: { measures: number; progress: number | null };
	contributes: { measures: number; progress: number | null };
}

/**
 * Two bars per institution: the weighted progress of the measures it leads and, apart, of those it
 * contributes to. Rows come sorted (lead progress, best first) and are drawn from the top.
 */
export function byInstitutionOption(rows: readonly InstitutionBarRow[], locale: Locale, width?: number): ChartOption {
	const r = rtl(locale);
	const lead = m.col_leads({}, { locale });
	const contrib = m.col_contributes({}, { locale });
	return {
		animationDuration: 300,
		legend: legendAt(locale, { data: [lead, contrib] }),
		grid: { top: 30, bottom: 24, left: 8, right: 16, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			...baseTooltip(locale, 'axis'),
			axisPointer: { type: 'shadow' },
			formatter: (p: unknown) => {
				const list = p as { dataIndex: number }[];
				const row = rows[list[0]?.dataIndex ?? -1];
				if (!row) return '';
				return tooltipHtml(locale, row.name, [
					[lead, `${pct(row.lead.progress, locale)} · ${m.plan_measures_count({}, { locale })} ${formatNumber(row.lead.measures, locale)}`],
					[contrib, `${pct(row.contributes.progress, locale)} · ${m.plan_measures_count({}, { locale })} ${formatNumber(row.contributes.measures, locale)}`]
				]);
			}
		},
		xAxis: {
			type: 'value',
			min: 0,
			max: 100,
			interval: compact(width) ? 50 : 20,
			inverse: r,
			axisLabel: { formatter: (v: number) => formatPercent(v, locale), color: COLORS.muted },
			splitLine: { lineStyle: { color: COLORS.grid } }
		},
		yAxis: {
			type: 'category',
			inverse: true,
			position: r ? 'right' : 'left',
			data: rows.map((row) => shorten(row.label, 28)),
			axisLabel: { color: COLORS.text, ...truncatedAxisLabel(labelWidth(width, 170), locale) },
			axisTick: { show: false }
		},
		series: [
			{
				type: 'bar',
				name: lead,
				data: rows.map((row) => ({ value: row.lead.measures ? (row.lead.progress ?? 0) : null, code: row.code })),
				itemStyle: { color: COLORS.accent },
				barMaxWidth: 12,
				barGap: '20%'
			},
			{
				type: 'bar',
				name: contrib,
				data: rows.map((row) => ({ value: row.contributes.measures ? (row.contributes.progress ?? 0) : null, code: row.code })),
				itemStyle: { color: COLORS.accentLight },
				barMaxWidth: 12
			}
		]
	};
}
