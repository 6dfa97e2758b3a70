/**
 * Breakdown bars (an indicator by sex, age, exploitation, nationality).
 *
 * Right to left: ECharts has no RTL mode, so Arabic charts are mirrored by the builders — category axes run
 * from the right (`inverse`), value axes sit on the right, legends are anchored right — and tooltips are HTML
 * with `dir="rtl"`. Numbers and dates go through `$lib/domain/format` (Western digits in every language).
 * Relative imports: the builders run under plain node in tests.
 */
import type { Locale } from '../domain/enums';
import { formatNumber } from '../domain/format';
import { MASKED_LABEL } from '../domain/confidentiality';
import { truncatedAxisLabel } from './labels';
import { type ChartOption, rtl, labelWidth, shorten } from './option';
import { COLORS } from './palette';
import { tooltipHtml, baseTooltip } from './tooltip';

// ─── Breakdowns ─────────────────────────────────────────────────────────────────────────────────

/** One bar of a breakdown: a category's label (in the reader's language) and its count, null when masked or not given. */
export interface BreakdownBar {
	label: string;
	value: number | null;
	masked: boolean;
	/** what a masked bar says: "< 5" (the default) for a small count, "masqué" for a complement */
	maskedText?: string;
}

/**
 * Horizontal bars of a breakdown (victims by sex, by form of exploitation…). A masked category
 * keeps its place with no bar and the table's text ("< 5", or "masqué" for a complement) as its
 * label, so the chart hides what the table hides and says no more.
 */
export function breakdownOption(bars: readonly BreakdownBar[], locale: Locale, opts: { name?: string; width?: number } = {}): ChartOption {
	const r = rtl(locale);
	const shown = (b: BreakdownBar | undefined) => (!b ? '' : b.masked ? (b.maskedText ?? MASKED_LABEL) : b.value == null ? '—' : formatNumber(b.value, locale));
	return {
		animationDuration: 300,
		grid: { top: 8, bottom: 24, left: 8, right: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			...baseTooltip(locale),
			formatter: (p: unknown) => {
				const b = bars[(p as { dataIndex: number }).dataIndex];
				return b ? tooltipHtml(locale, b.label, [[opts.name ?? '', shown(b)]]) : '';
			}
		},
		xAxis: {
			type: 'value',
			min: 0,
			inverse: r,
			axisLabel: { formatter: (v: number) => formatNumber(v, locale), color: COLORS.muted },
			splitLine: { lineStyle: { color: COLORS.grid } }
		},
		yAxis: {
			type: 'category',
			inverse: true,
			position: r ? 'right' : 'left',
			data: bars.map((b) => shorten(b.label, 30)),
			axisLabel: { color: COLORS.text, ...truncatedAxisLabel(labelWidth(opts.width, 150), locale) },
			axisTick: { show: false }
		},
		series: [
			{
				type: 'bar',
				name: opts.name ?? '',
				data: bars.map((b) => (b.masked || b.value == null ? { value: 0 } : { value: b.value })),
				itemStyle: { color: COLORS.accent, borderRadius: r ? [3, 0, 0, 3] : [0, 3, 3, 0] },
				barMaxWidth: 20,
				label: { show: true, position: r ? 'left' : 'right', color: COLORS.text, formatter: (p: { dataIndex: number }) => shown(bars[p.dataIndex]) }
			}
		]
	};
}
