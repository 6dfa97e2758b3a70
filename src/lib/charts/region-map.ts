/**
 * The regions' map: cells per region (progress, roll-out stage, indicator value) and its option.
 *
 * Right to left: ECharts has no RTL mode, so Arabic charts are mirrored by the builders — category axes run
 * from the right (`inverse`), value axes sit on the right, legends are anchored right — and tooltips are HTML
 * with `dir="rtl"`. Numbers and dates go through `$lib/domain/format` (Western digits in every language).
 * Relative imports: the builders run under plain node in tests.
 */
import { m } from '../paraglide/messages';
import { STAGE } from '../labels/core';
import { type Locale, type RolloutStage, ROLLOUT_STAGES } from '../domain/enums';
import { formatDate, formatNumber } from '../domain/format';
import { MASKED_LABEL } from '../domain/confidentiality';
import { localized } from '../domain/localize';
import { type ChartOption, pct } from './option';
import { COLORS, STAGE_COLORS, type Bin, PROGRESS_BINS, colorFor } from './palette';
import { tooltipHtml, baseTooltip } from './tooltip';

/** The name the regions' GeoJSON is registered under (see `components/charts/echarts.ts`). */
export const MAP_NAME = 'morocco';

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
		display: STAGE[row.stage]({}, { locale }),
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
