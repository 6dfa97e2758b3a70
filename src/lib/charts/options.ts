/**
 * ECharts option builders: pure functions from dashboard rows and a locale to an option object, so
 * pages stay declarative and every chart is unit-tested in node. The one `<Chart>` component draws
 * them (init, resize, dispose, theme).
 *
 * Right to left: ECharts has no RTL mode, so Arabic charts are mirrored here — category axes run
 * from the right (`inverse`), value axes sit on the right, legends are anchored right — and
 * tooltips are HTML with `dir="rtl"`. Numbers and dates go through `$lib/domain/format` (Western
 * digits in every language). Relative imports: the builders run under plain node in tests.
 */
import { institutionLabel, type InstitutionNames } from '../domain/institution-label';
import { formatQuantity, type UnitRow } from '../domain/units';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, MapSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import { m } from '../paraglide/messages';
import type { Locale, MeasureStatus, RolloutStage } from '../domain/enums';
import { MEASURE_STATUSES, ROLLOUT_STAGES } from '../domain/enums';
import { formatDate, formatNumber, formatPercent } from '../domain/format';
import { formatPeriod, periodRange } from '../domain/period';
import { MASKED_LABEL } from '../domain/confidentiality';
import { localized } from '../domain/localize';
import { shortenLabel, truncatedAxisLabel } from './labels';

export type ChartOption = ComposeOption<
	BarSeriesOption | LineSeriesOption | PieSeriesOption | MapSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkLineComponentOption
>;

/** The name the regions' GeoJSON is registered under (see `components/charts/echarts.ts`). */
export const MAP_NAME = 'morocco';

// ─── Palette ────────────────────────────────────────────────────────────────────────────────────

export const COLORS = {
	accent: '#0f6b58',
	// every colour a chart draws meaning with keeps 3:1 against the white chart (WCAG 1.4.11): tests/unit/palette-contrast.test.ts
	accentLight: '#4a9a84',
	text: '#1d2522',
	muted: '#5b6661',
	grid: '#e6ebe8',
	noData: '#eef0ee',
	border: '#ffffff',
	target: '#b3261e',
	baseline: '#5b6661'
} as const;

/** Same hues as the status badges of the tables. */
export const STATUS_COLORS: Record<MeasureStatus, string> = {
	planned: '#7a8580',
	in_progress: '#2f6db3',
	completed: '#1b8a5a',
	suspended: '#a67c00',
	cancelled: '#b3261e'
};

export const STAGE_COLORS: Record<RolloutStage, string> = {
	// "not started" is the absence of a stage: drawn as the empty ground, named in the legend and the table
	not_started: '#e2e5e3',
	preparation: '#a67c00',
	pilot: '#3b86c4',
	operational: '#1b8a5a'
};

/** A class of a choropleth: values in [from, to) (the last one includes `to`) drawn in `color`. */
export interface Bin {
	from: number;
	to: number;
	color: string;
}

export const SEQUENTIAL = ['#e1f0ea', '#a9d6c5', '#6cb79c', '#2f8f70', '#0f6b58'] as const;

/** The series colours of a chart that names none: accent first. */
export const CHART_PALETTE = [COLORS.accent, COLORS.accentLight, '#2f6db3', '#a67c00', '#b3261e'] as const;

/** Five classes of 20 points for a progress percentage. */
export const PROGRESS_BINS: readonly Bin[] = SEQUENTIAL.map((color, i) => ({ from: i * 20, to: (i + 1) * 20, color }));

/** A round step (1, 2 or 5 × 10^k) at least `raw`. */
function niceStep(raw: number): number {
	if (!(raw > 0)) return 1;
	const pow = 10 ** Math.floor(Math.log10(raw));
	const n = raw / pow;
	return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * pow;
}

/** The smallest round number (1, 2 or 5 × 10^k steps) at or above `v`. */
export function niceCeil(v: number): number {
	if (!(v > 0)) return v;
	const step = niceStep(v / 5);
	return Math.ceil(v / step) * step;
}

/**
 * Up to five equal classes with round bounds covering the values (for an indicator's map); a
 * single class when all values are equal; none when there is no value.
 */
export function valueBins(values: readonly (number | null | undefined)[]): Bin[] {
	const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
	if (nums.length === 0) return [];
	const min = Math.min(...nums);
	const max = Math.max(...nums);
	if (min === max) return [{ from: min, to: max, color: SEQUENTIAL[2] }];
	const step = niceStep((max - min) / SEQUENTIAL.length);
	const start = Math.floor(min / step) * step;
	const bins: Bin[] = [];
	for (let i = 0; i < SEQUENTIAL.length && start + i * step <= max; i++) {
		bins.push({ from: start + i * step, to: start + (i + 1) * step, color: '' });
	}
	// Spread the palette over the classes actually used, darkest for the highest.
	const offset = SEQUENTIAL.length - bins.length;
	return bins.map((b, i) => ({ ...b, color: SEQUENTIAL[Math.min(SEQUENTIAL.length - 1, i + Math.ceil(offset / 2))]! }));
}

/** The color of `value` in `bins`; `COLORS.noData` when missing or outside every class. */
export function colorFor(value: number | null | undefined, bins: readonly Bin[]): string {
	if (value == null || !Number.isFinite(value)) return COLORS.noData;
	for (let i = 0; i < bins.length; i++) {
		const b = bins[i]!;
		const last = i === bins.length - 1;
		if (value >= b.from && (value < b.to || (last && value <= b.to))) return b.color;
	}
	return COLORS.noData;
}

// ─── Helpers ────────────────────────────────────────────────────────────────────────────────────

const rtl = (locale: Locale) => locale === 'ar';

/** Text for an HTML tooltip (ECharts inserts it as HTML). */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A tooltip body: a bold title and label/value lines, in the reading direction of the locale. */
export function tooltipHtml(locale: Locale, title: string, lines: readonly [string, string][]): string {
	const dir = rtl(locale) ? 'rtl' : 'ltr';
	const body = lines.map(([k, v]) => `<div>${escapeHtml(k)} : <b><bdi>${escapeHtml(v)}</bdi></b></div>`).join('');
	return `<div dir="${dir}" style="text-align:start;max-width:22rem;white-space:normal"><div style="font-weight:600;margin-bottom:2px">${escapeHtml(title)}</div>${body}</div>`;
}

/** A chart narrower than this (px) gets compact labels and fewer ticks. */
export const COMPACT_WIDTH = 480;
const compact = (width?: number) => !!width && width < COMPACT_WIDTH;
/** Room for category labels: a share of a narrow chart, 180 px otherwise. */
const labelWidth = (width?: number, wide = 180) => (compact(width) ? Math.max(90, Math.round(width! * 0.38)) : wide);

const pct = (v: number | null | undefined, locale: Locale) => (v == null ? '—' : formatPercent(v, locale));

/** Shortens a label for an axis (the full text is in the tooltip and the table): see `./labels`. */
export const shorten = shortenLabel;

function baseTooltip(locale: Locale, trigger: 'item' | 'axis' = 'item'): TooltipComponentOption {
	return {
		trigger,
		confine: true,
		backgroundColor: '#ffffff',
		borderColor: '#a9b3ae',
		textStyle: { color: COLORS.text, fontSize: 13 },
		extraCssText: `direction:${rtl(locale) ? 'rtl' : 'ltr'};box-shadow:0 2px 6px rgb(0 0 0 / 0.12)`
	};
}

/** Legend at the reading start: left in French and English, right in Arabic. */
function legendAt(locale: Locale, extra: LegendComponentOption = {}): LegendComponentOption {
	return {
		top: 0,
		...(rtl(locale) ? { right: 0, align: 'right' } : { left: 0, align: 'left' }),
		itemGap: 14,
		textStyle: { color: COLORS.text },
		...extra
	};
}

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
export function progressBarsOption(
	rows: readonly ProgressBarRow[],
	locale: Locale,
	opts: { seriesName?: string; width?: number } = {}
): ChartOption {
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
				label: { show: true, position: r ? 'left' : 'right', color: COLORS.text, formatter: (p: { dataIndex: number }) => pct(rows[p.dataIndex]?.progress, locale) }
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

// ─── Status mix ─────────────────────────────────────────────────────────────────────────────────

/** A donut of measures by status, every status in the legend (in the status order). */
export function statusMixOption(byStatus: Readonly<Record<MeasureStatus, number>>, locale: Locale, width?: number): ChartOption {
	const r = rtl(locale);
	const narrow = compact(width);
	const total = MEASURE_STATUSES.reduce((s, st) => s + (byStatus[st] ?? 0), 0);
	const name = (st: MeasureStatus) => m[`status_${st}`]({}, { locale });
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

/** A height in px that gives each category of a horizontal bar chart room to breathe. */
export function barsHeight(count: number, perRow = 28, chrome = 70): number {
	return Math.max(180, count * perRow + chrome);
}

// ─── The map ────────────────────────────────────────────────────────────────────────────────────

/** One region on the map. */
export interface RegionCell {
	iso: string;
	nameFr: string;
	nameAr: string | null;
	nameEn: string | null;
	/** the number colored (progress %, indicator value); null when there is none */
	value: number | null;
	/** the value as shown ("56 %", "< 5", "Pilote") */
	display: string;
	/** fill, from `colorFor` or the stage palette */
	color: string;
	/** extra tooltip lines */
	details?: readonly [string, string][];
}

/**
 * A map of the 12 regions (registered as MAP_NAME), each filled with its cell's color; data are
 * matched to the GeoJSON features by ISO code (`nameProperty: 'iso'`), names come from the rows in
 * the reader's language. The map is not mirrored in Arabic: geography has one orientation.
 */
export function regionMapOption(cells: readonly RegionCell[], locale: Locale, valueLabel: string): ChartOption {
	const byIso = new Map(cells.map((c) => [c.iso, c]));
	return {
		animationDuration: 300,
		tooltip: {
			...baseTooltip(locale),
			formatter: (p: unknown) => {
				const cell = byIso.get((p as { name: string }).name);
				if (!cell) return '';
				return tooltipHtml(locale, localized(cell, 'name', locale).text, [[valueLabel, cell.display], ...(cell.details ?? [])]);
			}
		},
		series: [
			{
				type: 'map',
				map: MAP_NAME,
				nameProperty: 'iso',
				roam: false,
				// Morocco spans ~21°-36° N: a cos(latitude) aspect keeps the shapes true.
				aspectScale: 0.88,
				layoutCenter: ['50%', '50%'],
				layoutSize: '96%',
				selectedMode: false,
				label: { show: false },
				itemStyle: { borderColor: COLORS.border, borderWidth: 1, areaColor: COLORS.noData },
				emphasis: {
					label: { show: false },
					itemStyle: { areaColor: undefined, borderColor: COLORS.text, borderWidth: 2, shadowBlur: 4, shadowColor: 'rgba(0,0,0,0.25)' }
				},
				data: cells.map((c) => ({ name: c.iso, value: c.value ?? undefined, itemStyle: { areaColor: c.color } }))
			}
		]
	};
}

/** Map cells for progress per region. */
export function progressRegionCells(
	rows: readonly { iso: string; nameFr: string; nameAr: string | null; nameEn: string | null; progress: number | null; measures: number; overdue: number }[],
	locale: Locale
): RegionCell[] {
	return rows.map((row) => ({
		iso: row.iso,
		nameFr: row.nameFr,
		nameAr: row.nameAr,
		nameEn: row.nameEn,
		value: row.measures ? row.progress : null,
		display: row.measures ? pct(row.progress, locale) : m.dash_no_data({}, { locale }),
		color: row.measures ? colorFor(row.progress, PROGRESS_BINS) : COLORS.noData,
		details: [
			[m.plan_measures_count({}, { locale }), formatNumber(row.measures, locale)],
			[m.kpi_overdue({}, { locale }), formatNumber(row.overdue, locale)]
		]
	}));
}

/** Map cells for the roll-out stage per region. */
export function stageRegionCells(
	rows: readonly { iso: string; nameFr: string; nameAr: string | null; nameEn: string | null; stage: RolloutStage; since: string | null }[],
	locale: Locale
): RegionCell[] {
	return rows.map((row) => ({
		iso: row.iso,
		nameFr: row.nameFr,
		nameAr: row.nameAr,
		nameEn: row.nameEn,
		value: ROLLOUT_STAGES.indexOf(row.stage),
		display: m[`stage_${row.stage}`]({}, { locale }),
		color: STAGE_COLORS[row.stage],
		details: row.since ? [[m.col_since({}, { locale }), formatDate(row.since, locale)]] : []
	}));
}

/** Map cells for an indicator's value per region (masked cells show "< 5" and no color). */
export function valueRegionCells(
	rows: readonly { iso: string; nameFr: string; nameAr: string | null; nameEn: string | null; value: number | null; masked: boolean; state?: string }[],
	bins: readonly Bin[],
	locale: Locale
): RegionCell[] {
	return rows.map((row) => ({
		iso: row.iso,
		nameFr: row.nameFr,
		nameAr: row.nameAr,
		nameEn: row.nameEn,
		value: row.value,
		display: row.masked ? MASKED_LABEL : row.value == null ? m.dash_no_data({}, { locale }) : formatNumber(row.value, locale),
		color: row.masked ? COLORS.noData : colorFor(row.value, bins),
		details: row.state === 'submitted' ? [[m.col_status({}, { locale }), m.dash_ind_submitted_mark({}, { locale })]] : []
	}));
}

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
export function timeSeriesSlots<T extends { period: string; value: number | null }>(values: readonly T[]): (T | { period: string; value: null; missing: true })[] {
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
export function trendOption(values: readonly TrendValue[], baseline: number | null, target: number | null, locale: Locale, opts: TrendOptions = {}): ChartOption {
	const r = rtl(locale);
	const slots = timeSeriesSlots(values);
	const fmt = (v: number | null | undefined) =>
		v == null ? '—' : opts.percent || opts.unit?.unit === '%' ? formatPercent(v, locale) : opts.unit ? formatQuantity(v, opts.unit, locale) : formatNumber(v, locale);
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
				return tooltipHtml(locale, formatDate(pt[0], locale), [[name, m.dash_kpi_of({ n: formatNumber(pt[1], locale), total: formatNumber(total, locale) }, { locale })]]);
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
