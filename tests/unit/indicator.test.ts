import { describe, expect, it } from 'vitest';
import { achievement, achievementClamped, checkPlausible, plausibleRange } from '../../src/lib/domain/indicator';

describe('achievement', () => {
	it('is 0 at the baseline, 1 at the target (up)', () => {
		const i = { baseline: 10, target: 110, direction: 'up' as const };
		expect(achievement({ ...i, value: 10 })).toBe(0);
		expect(achievement({ ...i, value: 60 })).toBe(0.5);
		expect(achievement({ ...i, value: 110 })).toBe(1);
		expect(achievement({ ...i, value: 160 })).toBe(1.5);
		expect(achievement({ ...i, value: 0 })).toBe(-0.1);
	});

	it('works when lower is better (down)', () => {
		const i = { baseline: 100, target: 50, direction: 'down' as const };
		expect(achievement({ ...i, value: 100 })).toBe(0);
		expect(achievement({ ...i, value: 75 })).toBe(0.5);
		expect(achievement({ ...i, value: 50 })).toBe(1);
		expect(achievement({ ...i, value: 40 })).toBeCloseTo(1.2);
		expect(achievement({ ...i, value: 120 })).toBeCloseTo(-0.4);
	});

	it('is null when data is missing or target equals baseline', () => {
		expect(achievement({ baseline: null, target: 10, direction: 'up', value: 5 })).toBeNull();
		expect(achievement({ baseline: 0, target: undefined, direction: 'up', value: 5 })).toBeNull();
		expect(achievement({ baseline: 0, target: 10, direction: 'up', value: null })).toBeNull();
		expect(achievement({ baseline: 5, target: 5, direction: 'up', value: 5 })).toBeNull();
		expect(achievement({ baseline: 0, target: 10, direction: 'up', value: NaN })).toBeNull();
	});

	it('is null when the target contradicts the direction', () => {
		expect(achievement({ baseline: 100, target: 50, direction: 'up', value: 75 })).toBeNull();
		expect(achievement({ baseline: 50, target: 100, direction: 'down', value: 75 })).toBeNull();
	});

	it('handles a zero baseline', () => {
		expect(achievement({ baseline: 0, target: 1, direction: 'up', value: 1 })).toBe(1);
	});
});

describe('achievementClamped', () => {
	it('clamps to 0..1 and keeps null', () => {
		const i = { baseline: 100, target: 50, direction: 'down' as const };
		expect(achievementClamped({ ...i, value: 40 })).toBe(1);
		expect(achievementClamped({ ...i, value: 120 })).toBe(0);
		expect(achievementClamped({ ...i, value: 75 })).toBe(0.5);
		expect(achievementClamped({ ...i, value: null })).toBeNull();
	});
});

describe('plausibleRange', () => {
	it('has defaults per kind', () => {
		expect(plausibleRange('percent')).toEqual({ min: 0, max: 100 });
		expect(plausibleRange('count')).toEqual({ min: 0, max: 100_000_000 });
		expect(plausibleRange('amount')).toEqual({ min: 0, max: 1e13 });
		expect(plausibleRange('boolean')).toEqual({ min: 0, max: 1 });
	});

	it('lets explicit bounds override, side by side', () => {
		expect(plausibleRange('percent', -50, null)).toEqual({ min: -50, max: 100 });
		expect(plausibleRange('count', undefined, 500)).toEqual({ min: 0, max: 500 });
		expect(plausibleRange('percent', 10, 90)).toEqual({ min: 10, max: 90 });
	});
});

describe('checkPlausible', () => {
	it('accepts values in range', () => {
		expect(checkPlausible('percent', 0)).toEqual({ ok: true });
		expect(checkPlausible('percent', 100)).toEqual({ ok: true });
		expect(checkPlausible('percent', 42.5)).toEqual({ ok: true });
		expect(checkPlausible('count', 123456)).toEqual({ ok: true });
		expect(checkPlausible('amount', 12.34)).toEqual({ ok: true });
		expect(checkPlausible('boolean', 1)).toEqual({ ok: true });
	});

	it('reports the bound that is crossed', () => {
		expect(checkPlausible('percent', 101)).toEqual({ ok: false, reason: 'above_max', min: 0, max: 100 });
		expect(checkPlausible('count', -1)).toEqual({ ok: false, reason: 'below_min', min: 0, max: 100_000_000 });
		expect(checkPlausible('amount', -0.01)).toMatchObject({ ok: false, reason: 'below_min' });
		expect(checkPlausible('boolean', 2)).toMatchObject({ ok: false, reason: 'above_max' });
		expect(checkPlausible('count', 600, null, 500)).toEqual({ ok: false, reason: 'above_max', min: 0, max: 500 });
		expect(checkPlausible('percent', -10, -20)).toEqual({ ok: true });
	});

	it('requires integers for counts and booleans only', () => {
		expect(checkPlausible('count', 2.5)).toEqual({ ok: false, reason: 'not_integer', min: 0, max: 100_000_000 });
		expect(checkPlausible('boolean', 0.5)).toMatchObject({ ok: false, reason: 'not_integer' });
		expect(checkPlausible('percent', 2.5)).toEqual({ ok: true });
	});

	it('rejects non-finite numbers', () => {
		expect(checkPlausible('count', Infinity)).toMatchObject({ ok: false, reason: 'not_finite' });
		expect(checkPlausible('percent', NaN)).toMatchObject({ ok: false, reason: 'not_finite' });
	});
});
