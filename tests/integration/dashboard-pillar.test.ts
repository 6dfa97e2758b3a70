/**
 * The pillar filter (`?pillar=`): the overview's blocks and a region's scorecard count only the
 * measures of that pillar; an unknown pillar is dropped and the page shows every measure.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase, DEMO_TODAY } from '../../src/lib/server/seed/index';
import * as dashboard from '../../src/lib/server/dashboard';
import { load as overviewLoad } from '../../src/routes/(app)/+page.server';
import { load as recommendationsLoad } from '../../src/routes/(app)/recommendations/+page.server';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
let partner: SessionUser;

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	const u = db.select().from(s.users).where(eq(s.users.email, 'oim@rasd.demo')).get()!;
	partner = { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

const overview = (query: string) =>
	run(overviewLoad as never, { ...actionEvent({ user: partner, path: `/${query}` }), parent: async () => ({ today: DEMO_TODAY }) } as never);

describe('pillar filter', () => {
	it('the overview with ?pillar=protection counts only the protection measures of the plan, in every block', async () => {
		const plan = db.get<{ id: number }>(sql`SELECT id FROM plans WHERE code = 'PN-2023-2030'`)!;
		const count = (pillar: string | null) =>
			db.get<{ n: number }>(
				sql`SELECT count(*) AS n FROM measures m WHERE ${dashboard.inScope({ kind: 'plan', planId: plan.id })} AND m.archived_at IS NULL ${pillar ? sql`AND m.pillar = ${pillar}` : sql``}`
			)!.n;
		const expected = count('protection');
		expect(expected).toBeGreaterThan(0);
		expect(expected).toBeLessThan(count(null));
		const page = await overview('?pillar=protection');
		expect(page.data!.filters.pillar).toBe('protection');
		const o = page.data!.overview as dashboard.Overview;
		expect(o.kpis.measures).toBe(expected);
		expect(o.byPillar.map((p) => p.pillar)).toEqual(['protection']);
		expect(o.byAxis.reduce((a, x) => a + x.measures, 0)).toBe(expected);
		const all = (await overview('')).data!.overview as dashboard.Overview;
		expect(all.kpis.measures).toBe(count(null));
		expect(all.byPillar.length).toBeGreaterThan(1);
	});

	it('an unknown pillar is dropped: every measure is shown', async () => {
		const page = await overview('?pillar=nothing');
		expect(page.data!.filters.pillar).toBeNull();
		expect((page.data!.overview as dashboard.Overview).byPillar.length).toBeGreaterThan(1);
	});

	it("a region's scorecard narrowed to a pillar counts that pillar's measures only", () => {
		const iso = db.get<{ iso: string }>(
			sql`SELECT r.iso FROM regions r JOIN measure_regions mr ON mr.region_id = r.id GROUP BY r.id ORDER BY count(*) DESC LIMIT 1`
		)!.iso;
		const f = dashboard.resolveFilters(db, { pillar: 'prevention' }, DEMO_TODAY);
		const narrowed = dashboard.regionScorecard(db, iso, f.opts)!;
		const n = db.get<{
			n: number;
		}>(sql`SELECT count(*) AS n FROM measures m JOIN measure_regions mr ON mr.measure_id = m.id JOIN regions r ON r.id = mr.region_id
			WHERE r.iso = ${iso} AND m.archived_at IS NULL AND m.pillar = 'prevention'`)!.n;
		expect(narrowed.kpis.measures).toBe(n);
		// its indicator table lists only the indicators of those measures
		const k = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM indicators i JOIN measures m ON m.id = i.measure_id
			JOIN measure_regions mr ON mr.measure_id = m.id JOIN regions r ON r.id = mr.region_id
			WHERE r.iso = ${iso} AND m.archived_at IS NULL AND m.pillar = 'prevention'`)!.n;
		expect(narrowed.indicators.total).toBe(k);
		expect(dashboard.regionScorecard(db, iso, { today: DEMO_TODAY })!.indicators.total).toBeGreaterThan(k);
		expect(dashboard.regionScorecard(db, iso, { today: DEMO_TODAY })!.kpis.measures).toBeGreaterThan(n);
	});

	it('narrows the roll-out and the recommendations to the pillar, each recommendation counted over all its measures', () => {
		const f = (pillar: string) => dashboard.resolveFilters(db, { pillar }, DEMO_TODAY).opts;
		const plan = 'PN-2023-2030';
		const all = dashboard.overview(db, plan, { today: DEMO_TODAY })!;
		const rolloutPillars = new Map(
			db.all<{ code: string; pillar: string | null }>(sql`SELECT code, pillar FROM measures WHERE regional_rollout = 1`).map((r) => [r.code, r.pillar])
		);
		expect(all.rollout.length).toBeGreaterThan(0);
		const pillarOfFirst = rolloutPillars.get(all.rollout[0]!.code)!;
		expect(dashboard.overview(db, plan, f(pillarOfFirst))!.rollout.map((r) => r.code)).toEqual(
			all.rollout.filter((r) => rolloutPillars.get(r.code) === pillarOfFirst).map((r) => r.code)
		);
		const other = ['prevention', 'protection', 'prosecution', 'partnership', 'governance'].find((p) => ![...rolloutPillars.values()].includes(p))!;
		const none = dashboard.overview(db, plan, f(other))!;
		expect(none.rollout).toEqual([]);
		expect(none.rolloutStages).toEqual([]);
		// recommendations of the pillar only, with the same measure counts as unfiltered
		const byPillar = dashboard.overview(db, plan, f('protection'))!.recommendations;
		expect(byPillar.length).toBeGreaterThan(0);
		expect(byPillar.every((r) => r.pillar === 'protection')).toBe(true);
		for (const r of byPillar) expect(r.measures).toBe(all.recommendations.find((x) => x.code === r.code)!.measures);
		expect(byPillar.length).toBe(all.recommendations.filter((r) => r.pillar === 'protection').length);
	});

	it('/recommendations?pillar= lists the recommendations of that pillar; an unknown one lists them all', async () => {
		const list = async (q: string) =>
			(await run(recommendationsLoad as never, actionEvent({ user: partner, path: `/recommendations${q}` }) as never)).data as {
				pillar: string | null;
				recommendations: { recommendation: { pillar: string | null } }[];
			};
		const every = await list('');
		const prot = await list('?pillar=protection');
		expect(prot.pillar).toBe('protection');
		expect(prot.recommendations.length).toBe(every.recommendations.filter((r) => r.recommendation.pillar === 'protection').length);
		expect(prot.recommendations.length).toBeGreaterThan(0);
		expect(prot.recommendations.length).toBeLessThan(every.recommendations.length);
		const bad = await list('?pillar=nothing');
		expect([bad.pillar, bad.recommendations.length]).toEqual([null, every.recommendations.length]);
	});
});
