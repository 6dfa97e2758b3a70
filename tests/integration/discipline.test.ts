/**
 * The reporting-discipline table on a hand-built dataset whose answers are worked out by hand:
 * what is expected (live, not cancelled, not completed before the period, started), each measure's
 * best state in the period, and on time / late against the end of the due day in Casablanca.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import * as discipline from '../../src/lib/server/discipline';
import { startOfDayUtc } from '../../src/lib/domain/calendar';

let db: Db;
let cleanup: () => void;
const id: Record<string, number> = {};

beforeAll(() => {
	({ db, cleanup } = createTestDatabase());
	for (const r of db
		.insert(s.regions)
		.values([
			{ iso: 'MA-01', nameFr: 'Tanger-Tétouan-Al Hoceïma', sortOrder: 1 },
			{ iso: 'MA-02', nameFr: "L'Oriental", sortOrder: 2 }
		])
		.returning()
		.all())
		id[r.iso] = r.id;
	for (const i of db
		.insert(s.institutions)
		.values([
			{ code: 'I1', nameFr: 'Justice', kind: 'ministry' },
			{ code: 'I2', nameFr: 'Sûreté', kind: 'security' }
		])
		.returning()
		.all())
		id[i.code] = i.id;
	const plan = db
		.insert(s.plans)
		.values({ code: 'P1', kind: 'national_plan', titleFr: 'Plan', startDate: '2024-01-01', endDate: '2030-12-31', sortOrder: 1 })
		.returning()
		.get();
	const axis = db.insert(s.axes).values({ planId: plan.id, code: 'A1', titleFr: 'Axe', sortOrder: 1 }).returning().get();
	const objective = db.insert(s.objectives).values({ axisId: axis.id, code: 'A1.1', titleFr: 'Objectif' }).returning().get();
	const m = (code: string, lead: string, status: 'in_progress' | 'cancelled' | 'completed', extra: Partial<typeof s.measures.$inferInsert> = {}) => ({
		code,
		objectiveId: objective.id,
		leadInstitutionId: id[lead]!,
		titleFr: code,
		status,
		progress: status === 'completed' ? 100 : 30,
		startDate: '2025-01-01',
		deadline: '2027-12-31',
		...extra
	});
	for (const x of db
		.insert(s.measures)
		.values([
			m('M1', 'I1', 'in_progress'),
			m('M2', 'I1', 'in_progress'),
			m('M3', 'I1', 'cancelled'), // never expected
			m('M4', 'I2', 'in_progress'), // national: no region
			m('M5', 'I2', 'in_progress', { startDate: '2027-01-01' }), // starts after 2026
			m('M6', 'I2', 'completed', { deadline: '2026-06-30', lastValidatedAt: '2026-03-01T10:00:00.000Z' }), // expected in 2026-S1 only
			m('M7', 'I2', 'in_progress')
		])
		.returning()
		.all())
		id[x.code] = x.id;
	db.insert(s.measureRegions)
		.values([
			{ measureId: id.M1!, regionId: id['MA-01']! },
			{ measureId: id.M1!, regionId: id['MA-02']! },
			{ measureId: id.M2!, regionId: id['MA-01']! },
			{ measureId: id.M7!, regionId: id['MA-02']! }
		])
		.run();
	db.insert(s.reportingPeriods)
		.values([
			{ code: '2026-S1', opensOn: '2026-06-15', dueOn: '2026-07-31', closedAt: '2026-09-01T10:00:00.000Z' },
			{ code: '2026-S2', opensOn: '2026-12-15', dueOn: '2027-01-15' },
			{ code: '2027-S1', opensOn: '2027-06-15', dueOn: '2027-07-31' } // not open yet on the day below
		])
		.run();
	const u = (measure: string, period: string, state: 'draft' | 'submitted' | 'returned' | 'validated', submittedAt: string | null) => ({
		measureId: id[measure]!,
		period,
		status: 'in_progress' as const,
		progress: 40,
		state,
		submittedAt,
		institutionId: null
	});
	db.insert(s.progressUpdates)
		.values([
			// 23:30 UTC on the due day is 00:30 the next day in Casablanca (UTC+1): late.
			u('M1', '2026-S2', 'validated', '2027-01-15T23:30:00.000Z'),
			u('M2', '2026-S2', 'submitted', '2027-01-10T10:00:00.000Z'),
			// a validated report and a later correction still submitted: the period counts as validated
			u('M2', '2026-S1', 'validated', '2026-07-20T10:00:00.000Z'),
			u('M2', '2026-S1', 'submitted', '2026-08-20T10:00:00.000Z'),
			u('M4', '2026-S2', 'returned', '2027-01-05T10:00:00.000Z'),
			u('M7', '2026-S2', 'draft', null)
		])
		.run();
}, 30_000);
afterAll(() => cleanup());

const zero = { expected: 0, missing: 0, drafted: 0, returned: 0, submitted: 0, validated: 0, onTime: 0, late: 0 };

describe('reporting discipline', () => {
	it('lists the periods opened by the day, latest first', () => {
		expect(discipline.periodsOf(db, '2027-01-20').map((p) => [p.code, p.open])).toEqual([
			['2026-S2', true],
			['2026-S1', false]
		]);
		expect(startOfDayUtc('2027-01-16')).toBe('2027-01-15T23:00:00.000Z');
	});

	it('counts per lead institution what was expected, missing, drafted, returned, submitted, validated, on time and late', () => {
		const rows = discipline.byInstitution(db, discipline.periodsOf(db, '2027-01-20'));
		const pick = (period: string, code: string) => {
			const r = rows.find((x) => x.period === period && x.code === code)!;
			return {
				expected: r.expected,
				missing: r.missing,
				drafted: r.drafted,
				returned: r.returned,
				submitted: r.submitted,
				validated: r.validated,
				onTime: r.onTime,
				late: r.late
			};
		};
		expect(pick('2026-S2', 'I1')).toEqual({ ...zero, expected: 2, submitted: 1, validated: 1, onTime: 1, late: 1 });
		expect(pick('2026-S2', 'I2')).toEqual({ ...zero, expected: 2, returned: 1, drafted: 1 });
		expect(pick('2026-S1', 'I1')).toEqual({ ...zero, expected: 2, missing: 1, validated: 1, onTime: 1 });
		// M6, completed in March 2026, was still due a report for the semester it was completed in.
		expect(pick('2026-S1', 'I2')).toEqual({ ...zero, expected: 3, missing: 3 });
		expect(rows).toHaveLength(4);
		expect(discipline.rate(rows.find((x) => x.period === '2026-S2' && x.code === 'I1')!)).toBe(100);
		expect(discipline.rate(rows.find((x) => x.period === '2026-S2' && x.code === 'I2')!)).toBe(0);
	});

	it('counts per region the measure concerns, national measures apart', () => {
		const rows = discipline.byRegion(db, discipline.periodsOf(db, '2027-01-20')).filter((r) => r.period === '2026-S2');
		const pick = (iso: string | null) => {
			const r = rows.find((x) => x.iso === iso)!;
			return {
				expected: r.expected,
				missing: r.missing,
				drafted: r.drafted,
				returned: r.returned,
				submitted: r.submitted,
				validated: r.validated,
				onTime: r.onTime,
				late: r.late
			};
		};
		expect(rows.map((r) => r.iso)).toEqual(['MA-01', 'MA-02', null]);
		expect(pick('MA-01')).toEqual({ ...zero, expected: 2, submitted: 1, validated: 1, onTime: 1, late: 1 });
		expect(pick('MA-02')).toEqual({ ...zero, expected: 2, validated: 1, drafted: 1, late: 1 });
		expect(pick(null)).toEqual({ ...zero, expected: 1, returned: 1 });
	});
});
