/**
 * SDG 16.2.2 (victims detected per 100,000 population): the explorer gives the rate beside the
 * count, nationally from the 2024 census (the 12 regions sum to 36,828,330) and per region from its
 * own population, with the census releases as sources; a masked count has no rate.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase } from '../helpers/db';
import { setDb, type Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { indicatorExplorerFor, axisScorecardFor, regionScorecardFor } from '../../src/lib/server/read-models';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
const user = (email: string) =>
	db.$client.prepare('SELECT id, email, name, role, institution_id AS institutionId, locale FROM users WHERE email = ?').get(email) as SessionUser;

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
}, 30_000);
afterAll(() => cleanup());

describe('rate per 100,000 (SDG 16.2.2)', () => {
	it('divides the national count by the 2024 census population, citing the census', () => {
		expect.assertions(5);
		const x = indicatorExplorerFor(db, user('oim@rasd.demo'), 'NAT-VICT', {})!;
		expect(x.census!.national).toBe(36_828_330);
		const p2022 = x.series.find((p) => p.period === '2022')!;
		expect(p2022.value).toBe(166);
		// 166 / 36,828,330 × 100,000 = 0.4507…
		expect(p2022.rate).toBeCloseTo(0.4507, 4);
		expect(x.series.find((p) => p.period === '2024')!.rate).toBeCloseTo((229 / 36_828_330) * 100_000, 8);
		expect(x.census!.sources.some((s) => /2024/.test(s.title) || s.date?.startsWith('2024'))).toBe(true);
	});

	it('divides a region by its own population, and gives a masked count no rate', () => {
		expect.assertions(4);
		const code = (
			db.$client.prepare(`SELECT code FROM indicators WHERE sdg_target = '16.2.2' AND dimensions LIKE '%"region"%' ORDER BY code LIMIT 1`).get() as {
				code: string;
			}
		).code;
		const region = db.$client.prepare(`SELECT id, population FROM regions WHERE iso = 'MA-06'`).get() as { id: number; population: number };
		const ind = db.$client.prepare('SELECT id FROM indicators WHERE code = ?').get(code) as { id: number };
		// A validated regional value of 300 for Casablanca-Settat and one of 2 for Béni Mellal-Khénifra in a period of their own.
		const ins = db.$client.prepare(
			`INSERT INTO indicator_values (indicator_id, period, period_start, period_end, region_id, value, state, is_current) VALUES (?, '2030-S1', '2030-01-01', '2030-06-30', ?, ?, 'validated', 1)`
		);
		ins.run(ind.id, region.id, 300);
		ins.run(ind.id, (db.$client.prepare(`SELECT id FROM regions WHERE iso = 'MA-05'`).get() as { id: number }).id, 2);
		const staff = indicatorExplorerFor(db, user('commission@rasd.demo'), code, { regionPeriod: '2030-S1' })!;
		const casa = staff.byRegion.find((r) => r.iso === 'MA-06')!;
		expect(casa.rate).toBeCloseTo((300 / region.population) * 100_000, 8);
		expect(staff.byRegion.find((r) => r.iso === 'MA-05')!.rate).toBeGreaterThan(0);
		const partner = indicatorExplorerFor(db, user('oim@rasd.demo'), code, { regionPeriod: '2030-S1' })!;
		const bm = partner.byRegion.find((r) => r.iso === 'MA-05')!;
		expect(bm).toMatchObject({ value: null, masked: true, rate: null });
		expect(partner.byRegion.find((r) => r.iso === 'MA-06')!.masked).toBe(true);
	});

	it('gives the scorecards the rate beside the count: national on an axis, of the region on a region', () => {
		// A validated national value of 400 and a Casablanca-Settat one of 250 for an SDG 16.2.2 indicator of axis A2, in a period of their own.
		const ind = db.$client.prepare(`SELECT id, code FROM indicators WHERE code = 'A2.1.1-I2'`).get() as { id: number; code: string };
		const casa = db.$client.prepare(`SELECT id, population FROM regions WHERE iso = 'MA-06'`).get() as { id: number; population: number };
		const ins = db.$client.prepare(
			`INSERT INTO indicator_values (indicator_id, period, period_start, period_end, region_id, value, state, is_current) VALUES (?, '2031-S1', '2031-01-01', '2031-06-30', ?, ?, 'validated', 1)`
		);
		ins.run(ind.id, null, 400);
		ins.run(ind.id, casa.id, 250);
		const opts = { today: '2031-07-15' };
		const axis = axisScorecardFor(db, user('commission@rasd.demo'), 'A2', opts)!;
		const row = axis.indicators.rows.find((r) => r.code === ind.code)!;
		expect(row).toMatchObject({ sdgTarget: '16.2.2', value: 400, period: '2031-S1' });
		expect(row.rate).toBeCloseTo((400 / 36_828_330) * 100_000, 8);
		expect(axis.indicators.population).toBe(36_828_330);
		// an indicator that maps to no SDG 16.2.2 gets no rate
		expect(axis.indicators.rows.filter((r) => r.sdgTarget !== '16.2.2').every((r) => r.rate === null)).toBe(true);
		const region = regionScorecardFor(db, user('commission@rasd.demo'), 'MA-06', opts)!;
		expect(region.indicators.population).toBe(casa.population);
		const regional = region.indicators.rows.find((r) => r.sdgTarget === '16.2.2' && r.value != null)!;
		expect(regional.rate).toBeCloseTo((regional.value! / casa.population) * 100_000, 8);
		// Read by a partner, a masked count carries no rate.
		const partner = axisScorecardFor(db, user('oim@rasd.demo'), 'A2', opts)!;
		expect(partner.indicators.rows.filter((r) => r.masked).every((r) => r.rate === null)).toBe(true);
	});
});
