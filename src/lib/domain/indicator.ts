/**
 * Indicator arithmetic: how far a value has gone from baseline to target, and whether a reported
 * value is plausible for its kind before it is saved.
 */
import type { Direction, IndicatorKind } from './enums';

export interface AchievementInput {
	baseline: number | null | undefined;
	target: number | null | undefined;
	direction: Direction;
	value: number | null | undefined;
}

const isNum = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * The share of the way from baseline to target: 0 at the baseline, 1 at the target, above 1
 * beyond it, negative when moving the wrong way. `direction: 'down'` means lower is better
 * (target below baseline). Null when baseline, target or value is missing, when target equals
 * baseline (no way to measure a share of nothing), or when the target contradicts the direction
 * (an 'up' indicator with a target below its baseline): a figure computed from inconsistent data
 * would mislead.
 */
export function achievement({ baseline, target, direction, value }: AchievementInput): number | null {
	if (!isNum(baseline) || !isNum(target) || !isNum(value) || target === baseline) return null;
	if (direction === 'up' ? target < baseline : target > baseline) return null;
	// `+ 0` turns -0 (value at baseline, direction down) into 0, which Intl would print as "-0".
	return (value - baseline) / (target - baseline) + 0;
}

/** {@link achievement} clamped to 0..1, for progress bars; null stays null. */
export function achievementClamped(input: AchievementInput): number | null {
	const a = achievement(input);
	return a === null ? null : Math.min(1, Math.max(0, a));
}

/** Bounds of a plausible value. */
export interface PlausibleRange {
	min: number;
	max: number;
}

/**
 * Counts and amounts had no upper bound, so a typed 1e308 was validated and shown on dashboards. A count (of
 * victims, of people trained, of cases) above a hundred million — about three times Morocco's population — or an
 * amount above ten thousand billion (dirhams) is a typo; an indicator that needs more sets `plausible_max`.
 */
export const MAX_PLAUSIBLE_COUNT = 100_000_000;
export const MAX_PLAUSIBLE_AMOUNT = 1e13;

const DEFAULT_RANGE: Record<IndicatorKind, PlausibleRange> = {
	percent: { min: 0, max: 100 },
	count: { min: 0, max: MAX_PLAUSIBLE_COUNT },
	amount: { min: 0, max: MAX_PLAUSIBLE_AMOUNT },
	boolean: { min: 0, max: 1 }
};

/** Kinds whose values are whole numbers (a count of victims; yes/no stored as 1/0). */
const INTEGER_KINDS: readonly IndicatorKind[] = ['count', 'boolean'];

/**
 * The plausible range for an indicator kind: percent 0..100, count and amount ≥ 0, boolean 0..1.
 * An explicit `min` or `max` (a finite number) replaces the default bound on its side, e.g. a
 * growth rate in percent that may be negative.
 */
export function plausibleRange(kind: IndicatorKind, min?: number | null, max?: number | null): PlausibleRange {
	const d = DEFAULT_RANGE[kind];
	return { min: isNum(min) ? min : d.min, max: isNum(max) ? max : d.max };
}

export type PlausibleResult = { ok: true } | { ok: false; reason: 'below_min' | 'above_max' | 'not_integer' | 'not_finite'; min: number; max: number };

/**
 * Checks a reported value against {@link plausibleRange}. Order: not a finite number
 * (`not_finite`: NaN or ±Infinity would otherwise slip past the comparisons), then `below_min`,
 * `above_max`, then `not_integer` for counts and booleans.
 */
export function checkPlausible(kind: IndicatorKind, value: number, min?: number | null, max?: number | null): PlausibleResult {
	const range = plausibleRange(kind, min, max);
	if (!Number.isFinite(value)) return { ok: false, reason: 'not_finite', ...range };
	if (value < range.min) return { ok: false, reason: 'below_min', ...range };
	if (value > range.max) return { ok: false, reason: 'above_max', ...range };
	if (INTEGER_KINDS.includes(kind) && !Number.isInteger(value)) return { ok: false, reason: 'not_integer', ...range };
	return { ok: true };
}
