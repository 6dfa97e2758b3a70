/**
 * The plan editor's tree at national scale: beyond FULL_TREE_MEASURES measures it lists each
 * objective's count and only the opened objective's measures (`?o=`), the new-item form's lists come
 * only with that form and only those its level shows (an indicator's measure typed past
 * MEASURE_SELECT_MAX), and a measure moved up or down comes back with its objective open.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as planAdmin from '../../src/lib/server/plan-admin';
import type { SessionUser } from '../../src/lib/server/auth/session';
import * as page from '../../src/routes/(app)/admin/plan/+page.server';

let db: Db;
let cleanup: () => void;
let commission: SessionUser;

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	const u = db.select().from(s.users).where(eq(s.users.email, 'commission@rasd.demo')).get()!;
	commission = { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
});
afterAll(() => {
	setDb(undefined);
	cleanup();
});

const objectivesOf = (t: ReturnType<typeof planAdmin.tree>) => t.flatMap((p) => p.axes.flatMap((a) => a.objectives));
type TreeData = { tree: ReturnType<typeof planAdmin.tree>; choices: unknown };
const load = async (query: string) => (await page.load(actionEvent({ user: commission, path: `/admin/plan${query}` }) as never)) as TreeData;

describe('the plan tree', () => {
	it('lists every measure of a small plan, and of a large one only the opened objective’s, with every count', () => {
		const whole = objectivesOf(planAdmin.tree(db));
		const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM measures`)!.n;
		expect(total).toBeLessThanOrEqual(planAdmin.FULL_TREE_MEASURES);
		expect(whole.every((o) => o.listed && o.measures.length === o.measureCount)).toBe(true);

		// the same plan as if it were past the threshold: the axes with their counts, closed
		const wholeAxes = planAdmin.tree(db).flatMap((p) => p.axes);
		const closed = planAdmin.tree(db, null, 10).flatMap((p) => p.axes);
		expect(closed.every((a) => !a.listed && a.objectives.length === 0)).toBe(true);
		expect(closed.map((a) => a.objectiveCount)).toEqual(wholeAxes.map((a) => a.objectives.length));

		// an axis opened: its objectives with their counts, no measure
		const axis = wholeAxes[0]!;
		const openedAxis = planAdmin.tree(db, axis.code, 10).flatMap((p) => p.axes);
		expect(openedAxis.filter((a) => a.listed).map((a) => a.code)).toEqual([axis.code]);
		const itsObjectives = openedAxis.find((a) => a.code === axis.code)!.objectives;
		expect(itsObjectives.map((o) => [o.code, o.measureCount])).toEqual(axis.objectives.map((o) => [o.code, o.measureCount]));
		expect(itsObjectives.every((o) => !o.listed && o.measures.length === 0)).toBe(true);

		// an objective opened: its axis open, its measures in order, nothing else listed
		const busiest = [...whole].sort((a, b) => b.measureCount - a.measureCount)[0]!;
		const opened = objectivesOf(planAdmin.tree(db, busiest.code, 10));
		expect(opened.filter((o) => o.listed).map((o) => o.code)).toEqual([busiest.code]);
		expect(opened.find((o) => o.code === busiest.code)!.measures.map((x) => x.code)).toEqual(busiest.measures.map((x) => x.code));
		expect(opened.reduce((n, o) => n + o.measures.length, 0)).toBe(busiest.measureCount);
		expect(whole.reduce((n, o) => n + o.measureCount, 0)).toBe(total);
	});

	it('sends the new-item form’s lists only with that form', async () => {
		expect((await load('')).choices).toBeNull();
		const withForm = (await load('?new=indicators')) as { choices: { measures: unknown[] } };
		expect(withForm.choices.measures.length).toBeGreaterThan(0);
	});

	it('sends only the lists the level’s form shows, and past MEASURE_SELECT_MAX no measure list at all', async () => {
		const measures = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM measures WHERE archived_at IS NULL`)!.n;
		const sizes = (c: ReturnType<typeof planAdmin.choices>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v === null ? null : v.length > 0]));
		const none = { plans: false, axes: false, objectives: false, measures: false, regions: false, institutions: false, recommendations: false };
		expect(sizes(planAdmin.choices(db, 'plans'))).toEqual({ ...none, plans: true });
		expect(sizes(planAdmin.choices(db, 'axes'))).toEqual({ ...none, plans: true });
		expect(sizes(planAdmin.choices(db, 'objectives'))).toEqual({ ...none, axes: true });
		expect(sizes(planAdmin.choices(db, 'measures'))).toEqual({ ...none, objectives: true, regions: true, institutions: true, recommendations: true });
		expect(planAdmin.choices(db, 'indicators').measures).toHaveLength(measures);
		expect(planAdmin.choices(db, 'indicators', measures - 1).measures).toBeNull();
		// the new-indicator form, opened from a measure, has its code
		const x = db.get<{ code: string }>(sql`SELECT code FROM measures WHERE archived_at IS NULL LIMIT 1`)!.code;
		const withParent = (await page.load(actionEvent({ user: commission, path: `/admin/plan?new=indicators&parent=${x}` }) as never)) as { parent: string };
		expect(withParent.parent).toBe(x);
	});

	it('refuses a new indicator under an unknown measure code, saying so in the user’s language', async () => {
		const fields = { level: 'indicators', measure: 'Z8.8.8', code: 'IND-ZZ', name_fr: 'x', kind: 'count', frequency: 'annual' };
		const as = async (locale: 'fr' | 'ar') => {
			const e = actionEvent({ user: commission, path: '/admin/plan?new=indicators', body: formData(fields) });
			return run(page.actions.create as never, { ...e, locals: { ...e.locals, locale } } as never);
		};
		const fr = await as('fr');
		expect(fr.status).toBe(400);
		expect(fr.data.create.errors.measure).toBe("Aucune mesure n'a le code Z8.8.8 : saisissez le code exact d'une mesure existante (ex. A1.1.1).");
		expect((await as('ar')).data.create.errors.measure).toContain('لا يوجد تدبير بالرمز Z8.8.8');
		expect(db.get(sql`SELECT 1 FROM indicators WHERE code = 'IND-ZZ'`)).toBeUndefined();
	});

	it('brings a moved measure back with its objective open', async () => {
		const x = db.get<{ code: string; objective: string; version: number }>(sql`
			SELECT m.code, o.code AS objective, m.version FROM measures m JOIN objectives o ON o.id = m.objective_id
			WHERE (SELECT count(*) FROM measures y WHERE y.objective_id = m.objective_id) > 1 ORDER BY m.sort_order DESC, m.code LIMIT 1`)!;
		const r = await run(
			page.actions.reorder as never,
			actionEvent({ user: commission, path: '/admin/plan', body: formData({ level: 'measures', code: x.code, direction: 'up', version: String(x.version) }) })
		);
		expect(r.status).toBe(303);
		expect(r.location).toContain(`o=${encodeURIComponent(x.objective)}`);
		expect(r.location).toContain(`#measures-${encodeURIComponent(x.code)}`);
	});
});
