/**
 * Progress bars (axes, objectives).
 *
 * Right to left: ECharts has no RTL mode, so Arabic charts are mirrored by the builders — category axes run
 * from the right (`inverse`), value axes sit on the right, legends are anchored right — and tooltips are HTML
 * with `dir="rtl"`. Numbers and dates go through `$lib/domain/format` (Western digits in every language).
 * Relative imports: the builders run under plain node in tests.
 */
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';
import { formatNumber, formatPercent } from '../domain/format';
import { localized } from '../domain/localize';
import { truncatedAxisLabel } from './labels';
import { type ChartOption, rtl, compact, labelWidth, pct, shorten } from './option';
import { COLORS } from './palette';
import { tooltipHtml, baseTooltip } from './tooltip';

// ─── Progress bars (axes, objectives) ───────────────────────────────────────────────────────────

/** One horizontal bar: a group's weighted progress. */
export interface ProgressBarRow {
	/** what a click opens (axis code, objective code…) */
	code: string;
	/** the label, already in the reader's language */
	label: string;
	/** 0..100, null when no measure counts */
	progress: number | null;
	measures: number;
}

/**
 * Horizontal bars of weighted progress (0-100 %), one per group, in the given order from the top.
 * In Arabic the bars grow from the right and the labels sit on the right.
 */
export function progressBarsOption(rows: readonly ProgressBarRow[], locale: Locale, opts: { seriesName?: string; width?: number } = {}): ChartOption {
	const r = rtl(locale);
	const seriesName = opts.seriesName ?? m.plan_progress({}, { locale });
	return {
		animationDuration: 300,
		grid: { top: 8, bottom: 24, left: 8, right: 16, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			...baseTooltip(locale),
			formatter: (p: unknown) => {
				const row = rows[(p as { dataIndex: number }).dataIndex];
				if (!row) return '';
				return tooltipHtml(locale, row.label, [
					[seriesName, pct(row.progress, locale)],
					[m.plan_measures_count({}, { locale }), formatNumber(row.measures, locale)]
				]);
			}
		},
		xAxis: {
			type: 'value',
			min: 0,
			max: 100,
			interval: compact(opts.width) ? 50 : 20,
			inverse: r,
			axisLabel: { formatter: (v: number) => formatPercent(v, locale), color: COLORS.muted },
			splitLine: { lineStyle: { color: COLORS.grid } }
		},
		yAxis: {
			type: 'category',
			inverse: true,
			position: r ? 'right' : 'left',
			data: rows.map((row) => shorten(row.label)),
			axisLabel: { color: COLORS.text, ...truncatedAxisLabel(labelWidth(opts.width), locale) },
			axisTick: { show: false }
		},
		series: [
			{
				type: 'bar',
				name: seriesName,
				data: rows.map((row) => ({ value: row.progress ?? 0, code: row.code })),
				itemStyle: { color: COLORS.accent, borderRadius: r ? [3, 0, 0, 3] : [0, 3, 3, 0] },
				barMaxWidth: 22,
				label: {
					show: true,
					position: r ? 'left' : 'right',
					color: COLORS.text,
					formatter: (p: { dataIndex: number }) => pct(rows[p.dataIndex]?.progress, locale)
				}
			}
		]
	};
}

/** Progress by axis: `progressBarsOption` over axes labelled "A1 · Prévention". */
export function progressByAxisOption(
	rows: readonly { code: string; titleFr: string; titleAr: string | null; titleEn: string | null; progress: number | null; measures: number }[],
	locale: Locale,
	width?: number
): ChartOption {
	return progressBarsOption(
		rows.map((row) => ({ code: row.code, label: `${row.code} · ${localized(row, 'title', locale).text}`, progress: row.progress, measures: row.measures })),
		locale,
		{ width }
	);
}
