/**
 * The roll-out timeline of a measure across regions.
 *
 * Right to left: ECharts has no RTL mode, so Arabic charts are mirrored by the builders — category axes run
 * from the right (`inverse`), value axes sit on the right, legends are anchored right — and tooltips are HTML
 * with `dir="rtl"`. Numbers and dates go through `$lib/domain/format` (Western digits in every language).
 * Relative imports: the builders run under plain node in tests.
 */
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';
import { formatDate, formatNumber } from '../domain/format';
import { type ChartOption, rtl, compact } from './option';
import { COLORS, STAGE_COLORS } from './palette';
import { tooltipHtml, baseTooltip } from './tooltip';

// ─── Roll-out timeline ──────────────────────────────────────────────────────────────────────────

/**
 * A step line of the number of regions where a measure is operational, from the first one to
 * `until` (the reference day), out of `total`.
 */
export function rolloutTimelineOption(
	steps: readonly { date: string; operational: number }[],
	total: number,
	until: string,
	locale: Locale,
	width?: number
): ChartOption {
	const r = rtl(locale);
	const name = m.dash_rollout_regions({}, { locale });
	const points: [string, number][] = steps.map((s) => [s.date, s.operational]);
	const last = points[points.length - 1];
	if (last && last[0] < until) points.push([until, last[1]]);
	return {
		animationDuration: 300,
		grid: { top: 16, bottom: 28, left: 12, right: 12, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			...baseTooltip(locale, 'axis'),
			formatter: (p: unknown) => {
				const list = p as { dataIndex: number }[];
				const pt = points[list[0]?.dataIndex ?? -1];
				if (!pt) return '';
				return tooltipHtml(locale, formatDate(pt[0], locale), [
					[name, m.dash_kpi_of({ n: formatNumber(pt[1], locale), total: formatNumber(total, locale) }, { locale })]
				]);
			}
		},
		xAxis: {
			type: 'category',
			inverse: r,
			boundaryGap: false,
			data: points.map((p) => formatDate(p[0], locale, 'short')),
			axisLabel: { color: COLORS.muted, hideOverlap: true, fontSize: compact(width) ? 10 : 12 }
		},
		yAxis: {
			type: 'value',
			min: 0,
			max: total,
			interval: total > 6 ? Math.ceil(total / 4) : 1,
			position: r ? 'right' : 'left',
			axisLabel: { color: COLORS.muted },
			splitLine: { lineStyle: { color: COLORS.grid } }
		},
		series: [
			{
				type: 'line',
				name,
				step: 'end',
				data: points.map((p) => p[1]),
				symbolSize: 6,
				lineStyle: { color: STAGE_COLORS.operational, width: 2.5 },
				itemStyle: { color: STAGE_COLORS.operational },
				areaStyle: { color: 'rgba(27,138,90,0.1)' }
			}
		]
	};
}
