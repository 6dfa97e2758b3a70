/**
 * The reporting-discipline table on a hand-built dataset whose answers are worked out by hand:
 * what is expected (live, not cancelled, not completed before the period, started), each measure's
 * best state in the period, and on time / late against the end of the due day in Casablanca; the
 * same for the values of the expected measures' indicators (one per indicator × period of its frequency).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import * as discipline from '../../src/lib/server/discipline';
import { startOfDayUtc } from '../../src/lib/domain/calendar';
import { setDb } from '../../src/lib/server/db/client';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { load as institutionPage } from '../../src/routes/(app)/review/discipline/[code]/+page.server';

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

	// Indicators and their values: one value expected per indicator of an expected measure and period.
	const ind = (code: string, measure: string, extra: Partial<typeof s.indicators.$inferInsert> = {}) => ({
		code,
		measureId: id[measure]!,
		nameFr: code,
		kind: 'count' as const,
		frequency: 'semester' as const,
		...extra
	});
	for (const x of db
		.insert(s.indicators)
		.values([
			ind('X1', 'M1', { dimensions: '["region","sex"]' }),
			ind('X2', 'M1'),
			ind('X3', 'M2'),
			ind('X4', 'M3'), // its measure is cancelled: never expected
			ind('X5', 'M4', { archivedAt: '2026-01-01T00:00:00.000Z' }), // archived: never expected
			ind('X6', 'M4'),
			ind('X7', 'M6'),
			ind('X8', 'M1', { frequency: 'annual' }) // annual: not due in a semester period
		])
		.returning()
		.all())
		id[x.code] = x.id;
	const bounds: Record<string, [string, string]> = {
		'2026-S1': ['2026-01-01', '2026-06-30'],
		'2026-S2': ['2026-07-01', '2026-12-31'],
		'2026': ['2026-01-01', '2026-12-31']
	};
	const v = (
		indicator: string,
		period: string,
		state: 'draft' | 'submitted' | 'returned' | 'validated',
		submittedAt: string | null,
		extra: Partial<typeof s.indicatorValues.$inferInsert> = {}
	) => ({ indicatorId: id[indicator]!, period, periodStart: bounds[period]![0], periodEnd: bounds[period]![1], value: 5, state, submittedAt, ...extra });
	db.insert(s.indicatorValues)
		.values([
			// X1 in 2026-S2: the national total validated on time, a regional row submitted, a breakdown row drafted: one value, validated
			v('X1', '2026-S2', 'validated', '2027-01-10T10:00:00.000Z', { validatedAt: '2027-01-12T10:00:00.000Z' }),
			v('X1', '2026-S2', 'submitted', '2027-01-20T10:00:00.000Z', { regionId: id['MA-01']! }),
			v('X1', '2026-S2', 'draft', null, { sex: 'female' }),
			v('X2', '2026-S1', 'returned', '2026-07-10T10:00:00.000Z'),
			v('X3', '2026-S2', 'submitted', '2027-01-16T10:00:00.000Z'), // the day after the due day: late
			v('X3', '2026-S1', 'draft', null),
			v('X3', '2026', 'validated', '2027-01-02T10:00:00.000Z'), // an annual value: no reporting period of that code
			v('X4', '2026-S2', 'validated', '2027-01-02T10:00:00.000Z'),
			v('X5', '2026-S2', 'validated', '2027-01-02T10:00:00.000Z'),
			// validated without a submission time (a public record): sent when it was validated, on time
			v('X6', '2026-S2', 'validated', null, { validatedAt: '2027-01-12T10:00:00.000Z' }),
			// 22:30 UTC on the due day is 23:30 in Casablanca: on time
			v('X7', '2026-S1', 'submitted', '2026-07-31T22:30:00.000Z')
		])
		.run();
}, 30_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

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
		const values = (period: string, code: string) => rows.find((x) => x.period === period && x.code === code)!.values;
		// I1: M1's X1 (validated on time) and X2, M2's X3 (submitted the day after the due day)
		expect(values('2026-S2', 'I1')).toEqual({ ...zero, expected: 3, missing: 1, submitted: 1, validated: 1, onTime: 1, late: 1 });
		// I2: M4's X6 only (X5 archived; M6 ended in June; M7 has no indicator)
		expect(values('2026-S2', 'I2')).toEqual({ ...zero, expected: 1, validated: 1, onTime: 1 });
		expect(values('2026-S1', 'I1')).toEqual({ ...zero, expected: 3, missing: 1, returned: 1, drafted: 1 });
		expect(values('2026-S1', 'I2')).toEqual({ ...zero, expected: 2, missing: 1, submitted: 1, onTime: 1 });
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
		const values = (iso: string | null) => rows.find((x) => x.iso === iso)!.values;
		expect(values('MA-01')).toEqual({ ...zero, expected: 3, missing: 1, submitted: 1, validated: 1, onTime: 1, late: 1 });
		expect(values('MA-02')).toEqual({ ...zero, expected: 2, missing: 1, validated: 1, onTime: 1 });
		expect(values(null)).toEqual({ ...zero, expected: 1, validated: 1, onTime: 1 });
	});

	it("lists one institution's periods and its expected items with their state", () => {
		const periods = discipline.periodsOf(db, '2027-01-20');
		const own = discipline.byInstitution(db, periods, id.I1!);
		expect(own.map((r) => [r.period, r.code, r.expected, r.values.expected])).toEqual([
			['2026-S2', 'I1', 2, 3],
			['2026-S1', 'I1', 2, 3]
		]);
		expect(discipline.rate(own[0]!.values)).toBe(67);
		const items = discipline.itemsOf(db, periods[0]!, id.I1!).map((i) => [i.kind, i.measureCode, i.indicatorCode, i.state, i.onTime]);
		expect(items).toEqual([
			['update', 'M1', null, 'validated', false],
			['value', 'M1', 'X1', 'validated', true],
			['value', 'M1', 'X2', 'missing', null],
			['update', 'M2', null, 'submitted', true],
			['value', 'M2', 'X3', 'submitted', false]
		]);
		// I2 in the closed semester: M4, M6 and M7's updates (all missing), then M4's X6 (missing) and M6's X7 (on time)
		expect(discipline.itemsOf(db, periods[1]!, id.I2!).map((i) => [i.kind, i.measureCode, i.indicatorCode, i.state, i.onTime])).toEqual([
			['update', 'M4', null, 'missing', null],
			['value', 'M4', 'X6', 'missing', null],
			['update', 'M6', null, 'missing', null],
			['value', 'M6', 'X7', 'submitted', true],
			['update', 'M7', null, 'missing', null]
		]);
	});

	describe('the page of one institution', () => {
		const user = (role: SessionUser['role'], institutionId: number | null = null) =>
			({ id: 1, email: 'x@example.org', name: 'x', role, institutionId, locale: 'fr' }) as SessionUser;
		const open = async (who: SessionUser, code: string, query = '') => {
			setDb(db);
			const event = {
				locals: { user: who, locale: 'fr' },
				params: { code },
				url: new URL(`http://localhost/review/discipline/${code}${query}`),
				parent: async () => ({ today: '2027-01-20' })
			};
			try {
				return {
					status: 200,
					data: (await institutionPage(event as never)) as {
						period: discipline.PeriodInfo | null;
						rows: ReturnType<typeof discipline.byInstitution>;
						items: discipline.DisciplineItem[];
					}
				};
			} catch (e) {
				return { status: (e as { status: number }).status, data: null };
			}
		};

		it('shows its counts per period and the items of the chosen period', async () => {
			const { status, data } = await open(user('commission'), 'I2', '?period=2026-S1');
			expect(status).toBe(200);
			expect(data!.period?.code).toBe('2026-S1');
			expect(data!.rows.map((r) => [r.period, r.expected, r.values.expected, r.values.submitted])).toEqual([
				['2026-S2', 2, 1, 0],
				['2026-S1', 3, 2, 1]
			]);
			expect(data!.items).toHaveLength(5);
			// an unknown period falls back to the latest
			expect((await open(user('admin'), 'I2', '?period=1999-S1')).data!.items.map((i) => i.measureCode)).toEqual(['M4', 'M4', 'M7']);
		});

		it('answers 404 for an unknown institution, and refuses a partner and a focal point', async () => {
			expect((await open(user('commission'), 'NOPE')).status).toBe(404);
			expect((await open(user('partner'), 'I1')).status).toBe(403);
			expect((await open(user('focal_point', id.I1!), 'I1')).status).toBe(403);
		});
	});
});
