/**
 * An archived plan, as a reader meets it: the dashboards no longer offer it (the overview named by its
 * URL shows the live plan and says the named one is archived, with a link to it); the list of plans puts
 * it apart; its own page still answers, says it is archived and when, and shows its structure as it
 * stood when it was archived (not what had been archived on its own before). Restored, it is back.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { listRoutes, get } from '../helpers/routes';
import { setDb, type Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as planAdmin from '../../src/lib/server/plan-admin';
import type { SessionUser } from '../../src/lib/server/auth/session';

const PLAN = 'PN-2023-2030';
let db: Db;
let cleanup: () => void;
let reader: SessionUser;
let commissionId: number;
/** a measure of the plan archived on its own before the plan, and its axis */
let alone: { code: string; axis: string };

const routes = listRoutes();
const route = (id: string) => routes.find((r) => r.id === id)!;
/** The data of a page as the reader gets it: every server load's, layouts first. */
async function page(id: string, path: string, params: Record<string, string> = {}) {
	const out = await get(route(id), path, params, reader, 'page');
	if (out.kind !== 'ok') throw new Error(`${path}: ${out.status}`);
	return Object.assign({}, ...(JSON.parse(out.body) as Record<string, unknown>[])) as Record<string, any>;
}
const planPage = () => page('/(app)/plans/[code]', `/plans/${PLAN}`, { code: PLAN });
const overview = (query = '') => page('/(app)', `/${query}`);
const plansPage = () => page('/(app)/plans', '/plans');
const version = (table: string, code: string) => db.get<{ v: number }>(sql`SELECT version AS v FROM ${sql.raw(table)} WHERE code = ${code}`)!.v;
/** What the plan page shows of the structure: each axis with its objectives' and measures' counts. */
const structure = (data: Record<string, any>) => data.axes.map((a: any) => [a.axis.code, a.objectiveCount, a.measureCount]);

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	reader = db.get<SessionUser>(
		sql`SELECT id, email, name, role, institution_id AS institutionId, locale FROM users WHERE role = 'partner' AND active = 1 LIMIT 1`
	)!;
	commissionId = db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'commission' AND active = 1 LIMIT 1`)!.id;
	alone = db.get<{ code: string; axis: string }>(sql`
		SELECT m.code, a.code AS axis FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id
		WHERE p.code = ${PLAN} AND EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id) ORDER BY m.code LIMIT 1`)!;
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('an archived plan', () => {
	let live: unknown[];

	it('a live plan: no notice anywhere, offered by the overview and listed with the live plans', async () => {
		expect(planAdmin.remove(db, commissionId, 'measures', alone.code, version('measures', alone.code))).toMatchObject({ ok: true, value: { archived: true } });
		const data = await planPage();
		expect(data.plan.archivedAt).toBeNull();
		live = structure(data);
		expect(live.length).toBeGreaterThan(0);
		const o = await overview(`?plan=${PLAN}`);
		expect(o.filters.plan).toBe(PLAN);
		expect(o.archivedPlan).toBeNull();
		expect((await plansPage()).archived).toEqual([]);
	});

	it('is no longer offered by the overview: named by the URL, the live plan is shown with a notice linking to the archived one', async () => {
		expect(planAdmin.remove(db, commissionId, 'plans', PLAN, version('plans', PLAN))).toMatchObject({ ok: true, value: { archived: true } });
		const named = await overview(`?plan=${PLAN}`);
		expect(named.plans.map((p: { code: string }) => p.code)).not.toContain(PLAN);
		expect(named.filters.plan).not.toBe(PLAN);
		expect(named.filters.plan).not.toBeNull();
		expect(named.archivedPlan).toMatchObject({ code: PLAN });
		expect(named.archivedPlan.archivedAt).toMatch(/^\d{4}-\d\d-\d\d/);
		// the title in the reader's language only (the overview's data is projected), as the notice shows it
		expect(named.archivedPlan.titleFr).toBeTruthy();
		// not named: the live plan, no notice; a plan that does not exist is no archived plan either
		expect((await overview()).archivedPlan).toBeNull();
		expect((await overview('?plan=NOPE')).archivedPlan).toBeNull();
	});

	it('the list of plans puts it apart, with the day it was archived', async () => {
		const data = await plansPage();
		expect(data.plans.map((p: { plan: { code: string } }) => p.plan.code)).not.toContain(PLAN);
		expect(data.archived).toEqual([expect.objectContaining({ code: PLAN, archivedAt: expect.stringMatching(/^\d{4}-/) })]);
	});

	it('its page still answers, says it is archived, and shows its structure as it stood (without the measure archived before)', async () => {
		const data = await planPage();
		expect(data.plan.archivedAt).toMatch(/^\d{4}-\d\d-\d\d/);
		expect(structure(data)).toEqual(live);
	});

	it('restored, it is a live plan again: no notice, offered and listed', async () => {
		expect(planAdmin.restore(db, commissionId, 'plans', PLAN, version('plans', PLAN)).ok).toBe(true);
		expect((await planPage()).plan.archivedAt).toBeNull();
		expect(structure(await planPage())).toEqual(live);
		const o = await overview(`?plan=${PLAN}`);
		expect(o.filters.plan).toBe(PLAN);
		expect(o.archivedPlan).toBeNull();
		expect((await plansPage()).archived).toEqual([]);
	});
});
