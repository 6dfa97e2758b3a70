/**
 * Roll-ups of measure progress for axes, objectives, institutions, regions and recommendations.
 * Cancelled measures are left out everywhere: they will never progress, and counting them would
 * drag every roll-up down for a decision that was taken on purpose.
 */
import { MEASURE_STATUSES, type MeasureStatus } from './enums';

/** One measure as a roll-up sees it. */
export interface ProgressItem {
	/** 0..100 */
	progress: number;
	/** Relative weight within the group; only positive weights count. */
	weight: number;
	status: MeasureStatus;
}

/**
 * The weighted mean of progress (0..100) over non-cancelled measures with a positive weight;
 * null when none counts (an empty group has no progress, not 0 %).
 * Completed measures count with their stored progress, so the figure matches what was reported.
 * SQL: `sum(progress * weight) / nullif(sum(weight), 0) … WHERE status <> 'cancelled' AND weight > 0`.
 */
export function weightedProgress(items: readonly ProgressItem[]): number | null {
	let sum = 0;
	let weights = 0;
	for (const item of items) {
		if (item.status === 'cancelled' || !(item.weight > 0) || !Number.isFinite(item.progress)) continue;
		sum += item.progress * item.weight;
		weights += item.weight;
	}
	return weights > 0 ? sum / weights : null;
}

/** How many measures have each status; every status is present, 0 when absent. */
export function statusCounts(items: readonly { status: MeasureStatus }[]): Record<MeasureStatus, number> {
	const counts = Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;
	for (const item of items) counts[item.status] += 1;
	return counts;
}

/**
 * The share of non-cancelled measures that are completed, as a percentage 0..100 (ready for
 * `formatPercent`); null when every measure is cancelled or there are none.
 */
export function completionRate(items: readonly { status: MeasureStatus }[]): number | null {
	const counts = statusCounts(items);
	const considered = items.length - counts.cancelled;
	return considered > 0 ? (100 * counts.completed) / considered : null;
}
