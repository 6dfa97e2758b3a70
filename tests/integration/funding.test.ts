/**
 * The funding view on the demonstration data plus one project recorded by hand with known figures: the measure
 * it supports leaves the gaps, its axis counts one more supported measure, and its donor's budget shows exactly
 * the amount typed, converted to MAD at the admin's rate for the year (and again after the rate changes).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { setDb, type Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as funding from '../../src/lib/server/funding';
import * as projects from '../../src/lib/server/partner-projects';
import { partnerProjectSchema } from '../../src/lib/schemas/partner-project';

let db: Db;
let cleanup: () => void;
let admin: { id: number; role: 'admin'; institutionId: null };

beforeAll(async () => {
	const made = createTestDatabase();
	db = made.db;
	cleanup = made.cleanup;
	await seedDatabase(db, { demo: true });
	setDb(db);
	admin = { id: db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1`)!.id, role: 'admin', institutionId: null };
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

const axisOf = (code: string) =>
	db.get<{ axis: string }>(
		sql`SELECT a.code AS axis FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id WHERE m.code = ${code}`
	)!.axis;

describe('funding view', () => {
	it('counts supported measures per group consistently with the gaps list', () => {
		const f = funding.funding(db, 2026);
		const measures = f.dimensions.axis.reduce((s, g) => s + g.measures, 0);
		const supported = f.dimensions.axis.reduce((s, g) => s + g.supported, 0);
		expect(supported).toBeGreaterThan(0);
		expect(measures - supported).toBe(f.unsupportedPage.total);
		expect(f.unsupported.length).toBe(Math.min(funding.UNSUPPORTED_PER_PAGE, f.unsupportedPage.total));
		// the demonstration rates are shown for the year
		expect(f.rates.map((r) => r.currency)).toEqual(['CHF', 'EUR', 'USD']);
	});

	it('pages the gaps in plan order, every unsupported measure on exactly one page, a page out of range clamped', () => {
		const all = funding.unsupported(db).map((u) => u.code);
		expect(all.length).toBeGreaterThan(6);
		const first = funding.funding(db, 2026, 1, 5);
		expect(first.unsupportedPage).toEqual({ page: 1, pages: Math.ceil(all.length / 5), total: all.length });
		const paged: string[] = [];
		for (let p = 1; p <= first.unsupportedPage.pages; p++) paged.push(...funding.funding(db, 2026, p, 5).unsupported.map((u) => u.code));
		expect(paged).toEqual(all);
		const beyond = funding.funding(db, 2026, 999, 5);
		expect(beyond.unsupportedPage.page).toBe(first.unsupportedPage.pages);
		expect(funding.funding(db, 2026, -3, 5).unsupportedPage.page).toBe(1);
	});

	it('a project of known budget moves its measure out of the gaps and adds exactly its amount in MAD', () => {
		const before = funding.funding(db, 2026);
		const gap = before.unsupported[0]!;
		const axis = axisOf(gap.code);
		const axisBefore = before.dimensions.axis.find((g) => g.key === axis)!;
		const input = partnerProjectSchema.parse({
			code: 'PP-KNOWN',
			partner: 'OIM',
			donor: 'DDC',
			titleFr: 'Projet de test',
			status: 'ongoing',
			budget: '1000,00',
			currency: 'EUR',
			measures: gap.code,
			regions: []
		});
		expect(projects.save(db, admin, input).ok).toBe(true);

		const after = funding.funding(db, 2026);
		expect(funding.unsupported(db).map((u) => u.code)).not.toContain(gap.code);
		const axisAfter = after.dimensions.axis.find((g) => g.key === axis)!;
		expect(axisAfter.supported).toBe(axisBefore.supported + 1);
		const ddcEur = (g: funding.FundingGroup) => g.donors.find((d) => d.donorCode === 'DDC' && d.currency === 'EUR');
		expect((ddcEur(axisAfter)?.budgetMinor ?? 0) - (ddcEur(axisBefore)?.budgetMinor ?? 0)).toBe(100_000);
		// 1 000,00 EUR at the 2026 demonstration rate 10.70 = 10 700,00 MAD
		expect(axisAfter.madMinor - axisBefore.madMinor).toBe(1_070_000);

		// the admin sets another rate: the same budget, converted at it
		expect(funding.setRate(db, admin.id, { year: 2026, currency: 'EUR', madPerUnitMicro: 11_000_000 }).ok).toBe(true);
		const reRated = funding.byDimension(db, 'axis', 2026).find((g) => g.key === axis)!;
		expect(ddcEur(reRated)!.madMinor).toBe(Math.round((ddcEur(reRated)!.budgetMinor! * 11) / 1));
		// a year without rates converts nothing and says so (madMinor null)
		const noRates = funding.byDimension(db, 'axis', 2031).find((g) => g.key === axis)!;
		expect(ddcEur(noRates)!.madMinor).toBeNull();
	});

	it("per region, a budget goes to the project's own regions, and a project with no region is national, not spread", () => {
		// a measure placed in some regions, and a region it is not placed in
		const m = db.get<{ code: string; regions: string }>(sql`SELECT m.code, group_concat(r.iso) AS regions FROM measures m
			JOIN measure_regions mr ON mr.measure_id = m.id JOIN regions r ON r.id = mr.region_id WHERE m.archived_at IS NULL GROUP BY m.id ORDER BY m.code LIMIT 1`)!;
		const measureRegions = m.regions.split(',');
		const other = db.get<{ iso: string }>(sql`SELECT iso FROM regions WHERE iso NOT IN ${measureRegions} ORDER BY iso LIMIT 1`)!.iso;
		const mad = (groups: funding.FundingGroup[], key: string) => groups.find((g) => g.key === key)?.madMinor ?? 0;
		const before = funding.byDimension(db, 'region', 2026);

		const regional = partnerProjectSchema.parse({
			code: 'PP-REGION',
			partner: 'OIM',
			titleFr: 'Projet régional',
			status: 'ongoing',
			budget: '500,00',
			currency: 'MAD',
			measures: m.code,
			regions: [other]
		});
		expect(projects.save(db, admin, regional).ok).toBe(true);
		const mid = funding.byDimension(db, 'region', 2026);
		expect(mad(mid, other) - mad(before, other)).toBe(50_000);
		for (const r of measureRegions) expect(mad(mid, r)).toBe(mad(before, r));

		const national = partnerProjectSchema.parse({
			code: 'PP-NATION',
			partner: 'OIM',
			titleFr: 'Projet national',
			status: 'ongoing',
			budget: '300,00',
			currency: 'MAD',
			measures: m.code,
			regions: []
		});
		expect(projects.save(db, admin, national).ok).toBe(true);
		const after = funding.byDimension(db, 'region', 2026);
		expect(mad(after, funding.NATIONAL) - mad(mid, funding.NATIONAL)).toBe(30_000);
		// no region got any of it
		for (const g of after.filter((g) => g.key !== funding.NATIONAL)) expect(g.madMinor).toBe(mad(mid, g.key));
	});
});
