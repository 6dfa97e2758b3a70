/**
 * Pillars (3P+P): the measures list filtered by pillar and grouped by it (SQL), the overview's
 * progress by pillar adding up to its key figures, each measure showing its pillar.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase } from '../helpers/db';
import { setDb, type Db } from '../../src/lib/server/db/client';
import { seedDatabase, DEMO_TODAY } from '../../src/lib/server/seed/index';
import * as measures from '../../src/lib/server/measures';
import * as dashboard from '../../src/lib/server/dashboard';
import { parseMeasureFilters } from '../../src/lib/schemas/measure';

let db: Db;
let cleanup: () => void;
beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
}, 30_000);
afterAll(() => cleanup());

const list = (q: string) => measures.listMeasures(db, parseMeasureFilters(new URLSearchParams(q)).filters, { today: DEMO_TODAY, locale: 'fr', pageSize: 500 });

describe('pillars', () => {
	it('filters the measures list by pillar', () => {
		expect.assertions(3);
		const all = list('');
		const protection = list('pillar=protection');
		expect(protection.total).toBe(all.rows.filter((r) => r.pillar === 'protection').length);
		expect(protection.total).toBeGreaterThan(0);
		expect(protection.rows.every((r) => r.pillar === 'protection')).toBe(true);
	});

	it('groups the list by pillar in the 3P+P order, and drops an unknown pillar with its error', () => {
		expect.assertions(2);
		const order = [...new Set(list('sort=pillar').rows.map((r) => r.pillar))];
		expect(order).toEqual(['prevention', 'protection', 'prosecution', 'partnership']);
		expect(parseMeasureFilters(new URLSearchParams('pillar=tourism')).errors).toEqual({ pillar: 'err_pillar_unknown' });
	});

	it("gives the overview's progress by pillar, adding up to its measures", () => {
		expect.assertions(3);
		const o = dashboard.overview(db, 'PN-2023-2030', { today: DEMO_TODAY })!;
		expect(o.byPillar.map((p) => p.pillar)).toEqual(['prevention', 'protection', 'prosecution', 'partnership']);
		expect(o.byPillar.reduce((a, p) => a + p.measures, 0)).toBe(o.kpis.measures);
		const prot = o.byPillar.find((p) => p.pillar === 'protection')!;
		expect(prot.measures).toBe(
			db.$client
				.prepare(
					`SELECT count(*) AS n FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id WHERE p.code = 'PN-2023-2030' AND m.pillar = 'protection'`
				)
				.pluck()
				.get()
		);
	});
});
