/**
 * ECharts option builders (`$lib/charts/*`): pure functions from dashboard rows and a locale to an option object, so
 * pages stay declarative and every chart is unit-tested in node. The one `<Chart>` component draws them (init, resize,
 * dispose, theme). This module: the option type and what every builder shares (direction, compact widths, heights).
 *
 * Right to left: ECharts has no RTL mode, so Arabic charts are mirrored by the builders — category axes run
 * from the right (`inverse`), value axes sit on the right, legends are anchored right — and tooltips are HTML
 * with `dir="rtl"`. Numbers and dates go through `$lib/domain/format` (Western digits in every language).
 * Relative imports: the builders run under plain node in tests.
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, MapSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { Locale } from '../domain/enums';
import { formatPercent } from '../domain/format';
import { shortenLabel } from './labels';

export type ChartOption = ComposeOption<
	| BarSeriesOption
	| LineSeriesOption
	| PieSeriesOption
	| MapSeriesOption
	| GridComponentOption
	| TooltipComponentOption
	| LegendComponentOption
	| MarkLineComponentOption
>;

export const rtl = (locale: Locale) => locale === 'ar';

/** A chart narrower than this (px) gets compact labels and fewer ticks. */
export const COMPACT_WIDTH = 480;
export const compact = (width?: number) => !!width && width < COMPACT_WIDTH;
/** Room for category labels: a share of a narrow chart, 180 px otherwise. */
export const labelWidth = (width?: number, wide = 180) => (compact(width) ? Math.max(90, Math.round(width! * 0.38)) : wide);

export const pct = (v: number | null | undefined, locale: Locale) => (v == null ? '—' : formatPercent(v, locale));

/** Shortens a label for an axis (the full text is in the tooltip and the table): see `./labels`. */
export const shorten = shortenLabel;

/** A height in px that gives each category of a horizontal bar chart room to breathe. */
export function barsHeight(count: number, perRow = 28, chrome = 70): number {
	return Math.max(180, count * perRow + chrome);
}
