/**
 * Trend lines: an indicator's values over periods, the progress trend.
 *
 * Right to left: ECharts has no RTL mode, so Arabic charts are mirrored by the builders — category axes run
 * from the right (`inverse`), value axes sit on the right, legends are anchored right — and tooltips are HTML
 * with `dir="rtl"`. Numbers and dates go through `$lib/domain/format` (Western digits in every language).
 * Relative imports: the builders run under plain node in tests.
 */
import { formatQuantity, type UnitRow } from '../domain/units';
import type { MarkLineComponentOption } from 'echarts/components';
import type { LineSeriesOption } from 'echarts/charts';
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';
import { formatNumber, formatPercent } from '../domain/format';
import { formatPeriod, periodRange } from '../domain/period';
import { type ChartOption, rtl, pct } from './option';
import { COLORS, niceCeil } from './palette';
import { tooltipHtml, baseTooltip } from './tooltip';

// ─── Trend lines ────────────────────────────────────────────────────────────────────────────────

export interface TrendValue {
	period: string;
	value: number | null;
}

export interface TrendOptions {
	/** the series' name (legend and tooltip) */
	name?: string;
	/** values are percentages (axis 0-100 %) */
	percent?: boolean;
	/** the indicator's unit columns (domain/units.ts), shown in the reader's language and plural */
	unit?: UnitRow | null;
	baselineLabel?: string;
	targetLabel?: string;
	/** the chart's width in px (see COMPACT_WIDTH) */
	width?: number;
}

/**
 * The slots of a time axis: every period between the first and the last value (of one kind), so
 * the axis is spaced by time and a period without a value is an empty slot (a gap in the line,
 * not 2018 → 2020 drawn as consecutive years). Values of mixed kinds keep their own slots.
 */
export function timeSeriesSlots<T extends { period: string; value: number | null }>(
	values: readonly T[]
): (T | { period: string; value: null; missing: true })[] {
	if (values.length < 2) return [...values];
	const range = periodRange(values[0]!.period, values[values.length - 1]!.period);
	if (!range) return [...values];
	const byPeriod = new Map(values.map((v) => [v.period, v]));
	// every value must fall on a slot; otherwise (mixed kinds, unsorted) keep the values as they are
	if (values.some((v) => !range.includes(v.period))) return [...values];
	return range.map((p) => byPeriod.get(p) ?? { period: p, value: null, missing: true as const });
}

/**
 * A line of values over periods (oldest first; the x axis runs right to left in Arabic) with the
 * baseline and the target as horizontal marks when given.
 */
export function trendOption(
	values: readonly TrendValue[],
	baseline: number | null,
	target: number | null,
	locale: Locale,
	opts: TrendOptions = {}
): ChartOption {
	const r = rtl(locale);
	const slots = timeSeriesSlots(values);
	const fmt = (v: number | null | undefined) =>
		v == null
			? '—'
			: opts.percent || opts.unit?.unit === '%'
				? formatPercent(v, locale)
				: opts.unit
					? formatQuantity(v, opts.unit, locale)
					: formatNumber(v, locale);
	const name = opts.name ?? m.dash_value_label({}, { locale });
	const marks: NonNullable<MarkLineComponentOption['data']> = [];
	if (baseline != null) {
		marks.push({
			yAxis: baseline,
			name: opts.baselineLabel ?? m.indicator_baseline({}, { locale }),
			lineStyle: { color: COLORS.baseline, type: 'dotted', width: 1.5 },
			label: { formatter: `${opts.baselineLabel ?? m.indicator_baseline({}, { locale })} ${fmt(baseline)}`, position: 'insideEndTop', color: COLORS.muted }
		});
	}
	if (target != null) {
		marks.push({
			yAxis: target,
			name: opts.targetLabel ?? m.indicator_target({}, { locale }),
			lineStyle: { color: COLORS.target, type: 'dashed', width: 1.5 },
			label: { formatter: `${opts.targetLabel ?? m.indicator_target({}, { locale })} ${fmt(target)}`, position: 'insideEndTop', color: COLORS.target }
		});
	}
	const nums = values.map((v) => v.value).filter((v): v is number => v != null);
	const extent = [...nums, ...(baseline != null ? [baseline] : []), ...(target != null ? [target] : [])];
	return {
		animationDuration: 300,
		grid: { top: 24, bottom: 28, left: 12, right: 12, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			...baseTooltip(locale, 'axis'),
			formatter: (p: unknown) => {
				const list = p as { dataIndex: number }[];
				const v = slots[list[0]?.dataIndex ?? -1];
				if (!v) return '';
				return tooltipHtml(locale, formatPeriod(v.period, locale), [[name, fmt(v.value)]]);
			}
		},
		xAxis: {
			type: 'category',
			inverse: r,
			boundaryGap: false,
			data: slots.map((v) => formatPeriod(v.period, locale)),
			axisLabel: { color: COLORS.muted, hideOverlap: true },
			axisLine: { lineStyle: { color: COLORS.grid } }
		},
		yAxis: {
			type: 'value',
			position: r ? 'right' : 'left',
			// The marks must stay in view even when the values are far from them.
			...(opts.percent
				? { min: 0, max: 100 }
				: {
						min: extent.length && Math.min(...extent) >= 0 ? 0 : undefined,
						max: marks.length ? (v: { max: number }) => niceCeil(Math.max(v.max, ...extent)) : undefined
					}),
			axisLabel: { color: COLORS.muted, formatter: (v: number) => (opts.percent ? formatPercent(v, locale) : formatNumber(v, locale)) },
			splitLine: { lineStyle: { color: COLORS.grid } }
		},
		series: [
			{
				type: 'line',
				name,
				data: slots.map((v) => v.value),
				// a period without a value is a gap, not a straight line across it
				connectNulls: false,
				symbolSize: 7,
				lineStyle: { color: COLORS.accent, width: 2.5 },
				itemStyle: { color: COLORS.accent },
				areaStyle: opts.percent ? { color: 'rgba(15,107,88,0.08)' } : undefined,
				markLine: marks.length ? { silent: true, symbol: 'none', data: marks } : undefined
			}
		]
	};
}

/** The progress trend of a scorecard: `trendOption` in percent with 100 % as the target line. */
export function progressTrendOption(points: readonly { period: string; progress: number | null }[], locale: Locale, width?: number): ChartOption {
	return trendOption(
		points.map((p) => ({ period: p.period, value: p.progress })),
		null,
		null,
		locale,
		{ percent: true, name: m.kpi_progress({}, { locale }), width }
	);
}

/**
 * A reporting-discipline trend: the updates' and the values' rates (percent) per period, oldest
 * first, as `trendOption`'s line for the updates and a dashed second line for the values.
 */
export function disciplineTrendOption(
	points: readonly { period: string; updates: number | null; values: number | null }[],
	locale: Locale,
	width?: number
): ChartOption {
	const names = [m.discipline_updates({}, { locale }), m.discipline_values({}, { locale })];
	const first = points.map((p) => ({ period: p.period, value: p.updates }));
	const base = trendOption(first, null, null, locale, { percent: true, name: names[0], width });
	const slots = timeSeriesSlots(first);
	const values = new Map(points.map((p) => [p.period, p.values]));
	const line = (base.series as LineSeriesOption[])[0]!;
	const second = slots.map((s) => values.get(s.period) ?? null);
	return {
		...base,
		legend: { data: names, [rtl(locale) ? 'right' : 'left']: 0, top: 0 },
		grid: { ...base.grid, top: 36 },
		tooltip: {
			...baseTooltip(locale, 'axis'),
			formatter: (p: unknown) => {
				const i = (p as { dataIndex: number }[])[0]?.dataIndex ?? -1;
				const s = slots[i];
				return s
					? tooltipHtml(locale, formatPeriod(s.period, locale), [
							[names[0]!, pct(s.value, locale)],
							[names[1]!, pct(second[i], locale)]
						])
					: '';
			}
		},
		series: [
			line,
			{
				...line,
				name: names[1],
				data: second,
				areaStyle: undefined,
				lineStyle: { color: COLORS.accentLight, width: 2, type: 'dashed' },
				itemStyle: { color: COLORS.accentLight }
			}
		]
	};
}
