import { describe, expect, it } from 'vitest';
import { completionRate, statusCounts, weightedProgress } from '../../src/lib/domain/progress';

describe('weightedProgress', () => {
	it('is the weighted mean', () => {
		expect(
			weightedProgress([
				{ progress: 100, weight: 3, status: 'completed' },
				{ progress: 0, weight: 1, status: 'planned' }
			])
		).toBe(75);
	});

	it('excludes cancelled measures', () => {
		expect(
			weightedProgress([
				{ progress: 40, weight: 1, status: 'in_progress' },
				{ progress: 0, weight: 10, status: 'cancelled' }
			])
		).toBe(40);
	});

	it('counts suspended measures', () => {
		expect(
			weightedProgress([
				{ progress: 40, weight: 1, status: 'in_progress' },
				{ progress: 20, weight: 1, status: 'suspended' }
			])
		).toBe(30);
	});

	it('ignores non-positive weights', () => {
		expect(
			weightedProgress([
				{ progress: 40, weight: 1, status: 'in_progress' },
				{ progress: 100, weight: 0, status: 'completed' },
				{ progress: 100, weight: -2, status: 'completed' }
			])
		).toBe(40);
	});

	it('is null when nothing counts', () => {
		expect(weightedProgress([])).toBeNull();
		expect(weightedProgress([{ progress: 50, weight: 1, status: 'cancelled' }])).toBeNull();
		expect(weightedProgress([{ progress: 50, weight: 0, status: 'planned' }])).toBeNull();
	});
});

describe('statusCounts', () => {
	it('counts every status, zero when absent', () => {
		expect(statusCounts([{ status: 'planned' }, { status: 'planned' }, { status: 'cancelled' }])).toEqual({
			planned: 2,
			in_progress: 0,
			completed: 0,
			suspended: 0,
			cancelled: 1
		});
		expect(Object.values(statusCounts([])).every((n) => n === 0)).toBe(true);
	});
});

describe('completionRate', () => {
	it('is completed over non-cancelled, as a percentage', () => {
		expect(completionRate([{ status: 'completed' }, { status: 'in_progress' }, { status: 'cancelled' }, { status: 'planned' }, { status: 'completed' }])).toBe(
			50
		);
	});

	it('is null with nothing but cancelled measures, or none', () => {
		expect(completionRate([])).toBeNull();
		expect(completionRate([{ status: 'cancelled' }])).toBeNull();
	});
});
