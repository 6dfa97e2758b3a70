/**
 * The axis page at scale: every objective with its measure count, and its first measures, about
 * AXIS_PAGE_MEASURES in all (the measures list has them all).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { getAxis, measuresPerObjective } from '../../src/lib/server/plan';

// the fixture's axis has 3 objectives
const PER_OBJECTIVE = measuresPerObjective(3);
let db: Db;
let cleanup: () => void;

beforeAll(() => {
	({ db, cleanup } = createTestDatabase());
	const [inst] = db.insert(s.institutions).values({ code: 'I1', nameFr: 'Institution', kind: 'ministry' }).returning().all();
	const [plan] = db
		.insert(s.plans)
		.values({ code: 'P1', kind: 'national_plan', titleFr: 'Plan', startDate: '2024-01-01', endDate: '2030-12-31' })
		.returning()
		.all();
	const [axis] = db.insert(s.axes).values({ planId: plan!.id, code: 'A1', titleFr: 'Axe' }).returning().all();
	const objectives = db
		.insert(s.objectives)
		.values([
			{ axisId: axis!.id, code: 'A1.1', titleFr: 'Objectif chargé', sortOrder: 1 },
			{ axisId: axis!.id, code: 'A1.2', titleFr: 'Objectif court', sortOrder: 2 },
			{ axisId: axis!.id, code: 'A1.3', titleFr: 'Objectif vide', sortOrder: 3 }
		])
		.returning()
		.all();
	const measure = (objectiveId: number, code: string) => ({
		code,
		objectiveId,
		leadInstitutionId: inst!.id,
		titleFr: `Mesure ${code}`,
		startDate: '2024-01-01',
		deadline: '2027-12-31'
	});
	// inserted in reverse order: the page lists them by code, not by insertion
	const many = Array.from({ length: PER_OBJECTIVE + 3 }, (_, i) => measure(objectives[0]!.id, `A1.1.${String(i + 1).padStart(2, '0')}`)).reverse();
	db.insert(s.measures)
		.values([...many, measure(objectives[1]!.id, 'A1.2.2'), measure(objectives[1]!.id, 'A1.2.1')])
		.run();
});
afterAll(() => cleanup());

describe('axis page', () => {
	it('spreads about 100 measures over the objectives, 3 to 25 each', () => {
		expect([1, 4, 5, 10, 25, 50].map(measuresPerObjective)).toEqual([25, 25, 20, 10, 4, 3]);
	});

	it('lists every objective with its measure count and its first measures by code', () => {
		const found = getAxis(db, 'A1')!;
		expect(found.objectives.map((o) => [o.code, o.measureCount])).toEqual([
			['A1.1', PER_OBJECTIVE + 3],
			['A1.2', 2],
			['A1.3', 0]
		]);
		const codes = found.measures.map((m) => m.code);
		expect(codes.filter((c) => c.startsWith('A1.1.'))).toEqual(Array.from({ length: PER_OBJECTIVE }, (_, i) => `A1.1.${String(i + 1).padStart(2, '0')}`));
		expect(codes.filter((c) => c.startsWith('A1.2.'))).toEqual(['A1.2.1', 'A1.2.2']);
		// the axis totals still count every measure
		expect(found.rollup?.measureCount).toBe(PER_OBJECTIVE + 5);
	});

	it('is null for an unknown axis', () => {
		expect(getAxis(db, 'A9')).toBeNull();
	});
});
