/**
 * Tiny timing helpers for the bench scripts: run a function a number of times, report percentiles.
 */
import { performance } from 'node:perf_hooks';

/** The p-th percentile (0-100) of `samples`, nearest-rank on a sorted copy; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) return Number.NaN;
	if (p < 0 || p > 100) throw new RangeError(`percentile: p=${p} is outside 0-100`);
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface MeasureOptions {
	/** untimed runs first (JIT, page cache, statement cache) */
	warmup?: number;
	/** timed runs */
	runs?: number;
	/** don't print (the caller prints the result itself) */
	quiet?: boolean;
}

export interface Timing {
	name: string;
	runs: number;
	p50: number;
	p95: number;
	max: number;
	mean: number;
	samples: number[];
}

const ms = (v: number) => v.toFixed(2).padStart(7);

/** One line: `name  p50=… ms  p95=… ms  max=… ms  (n runs)`. */
export function formatTiming(t: Timing, width = 0): string {
	return `${t.name.padEnd(width)}  p50=${ms(t.p50)} ms  p95=${ms(t.p95)} ms  max=${ms(t.max)} ms  (${t.runs} runs)`;
}

/** Times `fn` (synchronous) `runs` times after `warmup` untimed runs, prints one line and returns the figures. */
export function measure(name: string, fn: () => unknown, { warmup = 5, runs = 100, quiet = false }: MeasureOptions = {}): Timing {
	if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`measure: runs must be a positive integer, got ${runs}`);
	for (let i = 0; i < warmup; i++) fn();
	const samples: number[] = new Array(runs);
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		fn();
		samples[i] = performance.now() - t0;
	}
	const t: Timing = {
		name,
		runs,
		p50: percentile(samples, 50),
		p95: percentile(samples, 95),
		max: Math.max(...samples),
		mean: samples.reduce((a, b) => a + b, 0) / runs,
		samples
	};
	if (!quiet) console.log(formatTiming(t));
	return t;
}
