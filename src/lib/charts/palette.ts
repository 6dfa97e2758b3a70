/**
 * The charts' palette: brand colours, status and roll-out stage colours, the sequential bins of the maps.
 */
import type { MeasureStatus, RolloutStage } from '../domain/enums';

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
