/**
 * The status mix of measures (a ring).
 *
 * Right to left: ECharts has no RTL mode, so Arabic charts are mirrored by the builders — category axes run
 * from the right (`inverse`), value axes sit on the right, legends are anchored right — and tooltips are HTML
 * with `dir="rtl"`. Numbers and dates go through `$lib/domain/format` (Western digits in every language).
 * Relative imports: the builders run under plain node in tests.
 */
import { m } from '../paraglide/messages';
import { STATUS } from '../labels/core';
import { type Locale, type MeasureStatus, MEASURE_STATUSES } from '../domain/enums';
import { formatNumber } from '../domain/format';
import { type ChartOption, rtl, compact, pct } from './option';
import { STATUS_COLORS } from './palette';
import { tooltipHtml, baseTooltip, legendAt } from './tooltip';

// ─── Status mix ─────────────────────────────────────────────────────────────────────────────────

/** A donut of measures by status, every status in the legend (in the status order). */
export function statusMixOption(byStatus: Readonly<Record<MeasureStatus, number>>, locale: Locale, width?: number): ChartOption {
	const r = rtl(locale);
	const narrow = compact(width);
	const total = MEASURE_STATUSES.reduce((s, st) => s + (byStatus[st] ?? 0), 0);
	const name = (st: MeasureStatus) => STATUS[st]({}, { locale });
	return {
		animationDuration: 300,
		color: MEASURE_STATUSES.map((st) => STATUS_COLORS[st]),
		tooltip: {
			...baseTooltip(locale),
			formatter: (p: unknown) => {
				const { dataIndex } = p as { dataIndex: number };
				const st = MEASURE_STATUSES[dataIndex]!;
				const n = byStatus[st] ?? 0;
				return tooltipHtml(locale, name(st), [[m.col_count({}, { locale }), `${formatNumber(n, locale)} (${pct(total ? (100 * n) / total : null, locale)})`]]);
			}
		},
		legend: legendAt(locale, {
			orient: narrow ? 'horizontal' : 'vertical',
			top: narrow ? 0 : 'middle',
			data: MEASURE_STATUSES.map(name),
			formatter: (label: string) => {
				const st = MEASURE_STATUSES.find((s) => name(s) === label);
				return st ? `${label}  ${formatNumber(byStatus[st] ?? 0, locale)}` : label;
			}
		}),
		series: [
			{
				type: 'pie',
				name: m.overview_status_mix({}, { locale }),
				radius: narrow ? ['38%', '62%'] : ['45%', '72%'],
				center: narrow ? ['50%', '60%'] : [r ? '35%' : '65%', '50%'],
				avoidLabelOverlap: true,
				label: { show: false },
				itemStyle: { borderColor: '#fff', borderWidth: 2 },
				data: MEASURE_STATUSES.map((st) => ({ name: name(st), value: byStatus[st] ?? 0 }))
			}
		]
	};
}
