import { describe, expect, it } from 'vitest';
import {
	AT_RISK_LAG_POINTS,
	AT_RISK_NO_UPDATE_DAYS,
	STALE_AFTER_DAYS,
	daysBetween,
	deriveFlags,
	expectedProgress,
	isAtRisk,
	isOverdue,
	isStale,
	type MeasureFlagInput
} from '../../src/lib/domain/status';

const base: MeasureFlagInput = {
	status: 'in_progress',
	progress: 50,
	startDate: '2024-01-01',
	deadline: '2025-12-31',
	lastValidatedAt: '2025-01-01T09:30:00.000Z'
};
const m = (over: Partial<MeasureFlagInput>): MeasureFlagInput => ({ ...base, ...over });

describe('constants', () => {
	it('have the documented values', () => {
		expect([AT_RISK_LAG_POINTS, AT_RISK_NO_UPDATE_DAYS, STALE_AFTER_DAYS]).toEqual([15, 120, 180]);
	});
});

describe('daysBetween', () => {
	it('counts days, positive when b is later', () => {
		expect(daysBetween('2025-01-01', '2025-01-31')).toBe(30);
		expect(daysBetween('2025-01-31', '2025-01-01')).toBe(-30);
		expect(daysBetween('2025-01-01', '2025-01-01')).toBe(0);
	});

	it('knows leap years', () => {
		expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
		expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
		expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
	});

	it('uses the date part of an ISO instant', () => {
		expect(daysBetween('2025-01-01T23:59:59Z', '2025-01-02')).toBe(1);
	});

	it('gives NaN for an invalid date, like julianday() gives NULL', () => {
		expect(daysBetween('2023-02-29', '2023-03-01')).toBeNaN();
		expect(daysBetween('x', '2023-03-01')).toBeNaN();
	});
});

describe('expectedProgress', () => {
	it('is linear from start to deadline', () => {
		expect(expectedProgress('2025-01-01', '2025-01-11', '2025-01-06')).toBe(50);
		expect(expectedProgress('2025-01-01', '2025-01-11', '2025-01-01')).toBe(0);
		expect(expectedProgress('2025-01-01', '2025-01-11', '2025-01-11')).toBe(100);
	});

	it('is clamped to 0..100', () => {
		expect(expectedProgress('2025-01-01', '2025-01-11', '2024-12-01')).toBe(0);
		expect(expectedProgress('2025-01-01', '2025-01-11', '2026-01-01')).toBe(100);
	});

	it('steps at the deadline when start equals deadline', () => {
		expect(expectedProgress('2025-01-01', '2025-01-01', '2024-12-31')).toBe(0);
		expect(expectedProgress('2025-01-01', '2025-01-01', '2025-01-01')).toBe(100);
	});
});

describe('isOverdue', () => {
	it('is true once the deadline has passed', () => {
		expect(isOverdue(m({ deadline: '2025-06-30' }), '2025-06-30')).toBe(false);
		expect(isOverdue(m({ deadline: '2025-06-30' }), '2025-07-01')).toBe(true);
	});

	it('ignores completed and cancelled measures, not suspended ones', () => {
		const late = { deadline: '2025-06-30' };
		expect(isOverdue(m({ ...late, status: 'completed' }), '2025-07-01')).toBe(false);
		expect(isOverdue(m({ ...late, status: 'cancelled' }), '2025-07-01')).toBe(false);
		expect(isOverdue(m({ ...late, status: 'suspended' }), '2025-07-01')).toBe(true);
		expect(isOverdue(m({ ...late, status: 'planned' }), '2025-07-01')).toBe(true);
	});
});

describe('isAtRisk', () => {
	// start 2024-01-01, deadline 2025-12-31 (730 days): on 2025-01-01 (366 days) expected ≈ 50.14
	const today = '2025-01-01';

	it('is false when on track and recently updated', () => {
		expect(isAtRisk(m({ progress: 50 }), today)).toBe(false);
	});

	it('flags a lag of more than 15 points, not exactly 15', () => {
		const expected = expectedProgress(base.startDate, base.deadline, today);
		expect(isAtRisk(m({ progress: expected - 15 }), today)).toBe(false);
		expect(isAtRisk(m({ progress: expected - 15.5 }), today)).toBe(true);
		expect(isAtRisk(m({ progress: 30 }), today)).toBe(true);
	});

	it('flags more than 120 days without a validated update', () => {
		expect(isAtRisk(m({ lastValidatedAt: '2024-09-03' }), today)).toBe(false); // 120 days
		expect(isAtRisk(m({ lastValidatedAt: '2024-09-02T12:00:00Z' }), today)).toBe(true); // 121 days
	});

	it('counts silence from the start when never updated', () => {
		expect(isAtRisk(m({ lastValidatedAt: null, startDate: '2024-11-01', progress: 10 }), today)).toBe(false);
		expect(isAtRisk(m({ lastValidatedAt: null, startDate: '2024-06-01', progress: 100 }), today)).toBe(true);
	});

	it('does not flag a measure that has not started yet', () => {
		expect(isAtRisk(m({ status: 'planned', startDate: '2025-06-01', progress: 0, lastValidatedAt: null }), today)).toBe(false);
	});

	it('applies only to planned and in-progress measures that are not overdue', () => {
		const lagging = { progress: 0 };
		expect(isAtRisk(m({ ...lagging, status: 'planned' }), today)).toBe(true);
		expect(isAtRisk(m({ ...lagging, status: 'suspended' }), today)).toBe(false);
		expect(isAtRisk(m({ ...lagging, status: 'completed' }), today)).toBe(false);
		expect(isAtRisk(m({ ...lagging, status: 'cancelled' }), today)).toBe(false);
		expect(isAtRisk(m({ ...lagging, deadline: '2024-12-31' }), today)).toBe(false);
	});

	it('still applies on the deadline day itself', () => {
		expect(isAtRisk(m({ progress: 80, deadline: today }), today)).toBe(true);
	});
});

describe('isStale', () => {
	const today = '2025-07-01';

	it('flags more than 180 days without a validated update', () => {
		expect(isStale(m({ lastValidatedAt: '2025-01-02' }), today)).toBe(false); // 180 days
		expect(isStale(m({ lastValidatedAt: '2025-01-01' }), today)).toBe(true); // 181 days
	});

	it('counts from the start when never updated', () => {
		expect(isStale(m({ lastValidatedAt: null, startDate: '2025-03-01' }), today)).toBe(false);
		expect(isStale(m({ lastValidatedAt: null, startDate: '2024-01-01' }), today)).toBe(true);
	});

	it('applies to planned, in-progress and suspended measures only', () => {
		const old = { lastValidatedAt: '2024-01-01' };
		expect(isStale(m({ ...old, status: 'planned' }), today)).toBe(true);
		expect(isStale(m({ ...old, status: 'suspended' }), today)).toBe(true);
		expect(isStale(m({ ...old, status: 'completed' }), today)).toBe(false);
		expect(isStale(m({ ...old, status: 'cancelled' }), today)).toBe(false);
	});
});

describe('deriveFlags', () => {
	it('combines the three flags', () => {
		expect(deriveFlags(m({}), '2025-01-01')).toEqual({ overdue: false, atRisk: false, stale: false });
		expect(deriveFlags(m({ deadline: '2025-03-31', lastValidatedAt: '2024-06-01' }), '2025-04-01')).toEqual({
			overdue: true,
			atRisk: false,
			stale: true
		});
		expect(deriveFlags(m({ progress: 10 }), '2025-01-01')).toEqual({ overdue: false, atRisk: true, stale: false });
	});

	it('raises nothing on invalid dates (SQL NULL semantics)', () => {
		expect(deriveFlags(m({ deadline: 'bad', startDate: 'bad', lastValidatedAt: null }), '2025-01-01')).toEqual({
			overdue: false,
			atRisk: false,
			stale: false
		});
	});
});
