/** Editing the plan's structure by hand: create at every level, edit with versions, move, link, delete or archive. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { listMeasures } from '../../src/lib/server/measures';
import * as dashboard from '../../src/lib/server/dashboard';
import { getAxis } from '../../src/lib/server/plan';
import { listRecommendations } from '../../src/lib/server/recommendations';
import * as institutions from '../../src/lib/server/institutions';
import * as planAdmin from '../../src/lib/server/plan-admin';
import { measureFiltersSchema } from '../../src/lib/schemas/measure';
import type { SessionUser } from '../../src/lib/server/auth/session';
import * as tree from '../../src/routes/(app)/admin/plan/+page.server';
import * as item from '../../src/routes/(app)/admin/plan/[level=level]/[code]/+page.server';
import * as measurePage from '../../src/routes/(app)/measures/[code]/+page.server';

let db: Db;
let cleanup: () => void;
let commission: SessionUser;
let focal: SessionUser;
let plan: { code: string; start: string; end: string };
let inst: string[];
let rec: string;

const user = (email: string): SessionUser => {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
};
const create = (fields: Record<string, string>, as = commission) =>
	run(tree.actions.create as never, actionEvent({ user: as, path: '/admin/plan', body: formData(fields) }));
const act = (name: keyof typeof item.actions, level: string, code: string, fields: Record<string, string>, as = commission) => {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of v.split('|')) fd.append(k, x);
	return run(item.actions[name] as never, actionEvent({ user: as, params: { level, code }, path: `/admin/plan/${level}/${code}`, body: fd }));
};
const version = (table: 'axes' | 'objectives' | 'measures' | 'indicators', code: string) =>
	db.get<{ v: number }>(sql`SELECT version AS v FROM ${sql.raw(table)} WHERE code = ${code}`)!.v;
const list = (q: Record<string, string>) =>
	listMeasures(db, measureFiltersSchema.parse(q), { today: '2026-07-20', locale: 'fr', pageSize: 10_000 }).rows.map((r) => r.code);
const audits = (action: string) => db.select().from(s.auditEvents).where(eq(s.auditEvents.action, action)).all();

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	commission = user('commission@rasd.demo');
	focal = user('dgsn@rasd.demo');
	plan = db.get<{ code: string; start: string; end: string }>(
		sql`SELECT p.code, p.start_date AS start, p.end_date AS "end" FROM plans p JOIN axes a ON a.plan_id = p.id ORDER BY p.sort_order LIMIT 1`
	)!;
	inst = db.all<{ code: string }>(sql`SELECT code FROM institutions WHERE active = 1 ORDER BY code LIMIT 3`).map((r) => r.code);
	rec = db.get<{ code: string }>(sql`SELECT code FROM recommendations ORDER BY code LIMIT 1`)!.code;
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('plan editor', () => {
	it('a focal point is refused every action', async () => {
		expect((await create({ level: 'axes', plan: plan.code, code: 'Z9', title_fr: 'x' }, focal)).status).toBe(403);
		expect((await act('remove', 'axes', 'Z9', { version: '1', confirm: 'yes' }, focal)).status).toBe(403);
	});

	it('the commission creates an axis, an objective, a measure with its owners and links, an indicator; each audited', async () => {
		expect((await create({ level: 'axes', plan: plan.code, code: 'Z9', title_fr: 'Axe Z', title_ar: 'محور', pillar: 'governance', order: '9' })).location).toBe(
			'/admin/plan/axes/Z9?saved=1'
		);
		expect((await create({ level: 'objectives', axis: 'Z9', code: 'Z9.1', title_fr: 'Objectif Z' })).status).toBe(303);
		const bad = await create({
			level: 'measures',
			objective: 'Z9.1',
			code: 'Z9.1.1',
			title_fr: 'Mesure Z',
			lead: 'NOPE',
			start: plan.start,
			deadline: `${Number(plan.end.slice(0, 4)) + 5}-01-01`
		});
		expect(bad.status).toBe(400);
		// said in the user's language, naming what is wrong (not a bare key whose {code} the form could not fill)
		expect(bad.data.create.errors).toEqual({ lead: "Code d'institution inconnu : NOPE.", deadline: expect.stringContaining(plan.end) });
		expect(bad.data.create.values.title_fr).toBe('Mesure Z');
		const fd = formData({
			level: 'measures',
			objective: 'Z9.1',
			code: 'Z9.1.1',
			title_fr: 'Mesure Z',
			lead: inst[0]!,
			start: plan.start,
			deadline: plan.end,
			weight: '1'
		});
		fd.append('contributors', inst[1]!);
		fd.append('contributors', inst[2]!);
		fd.append('regions', 'MA-03');
		expect((await run(tree.actions.create as never, actionEvent({ user: commission, path: '/admin/plan', body: fd }))).status).toBe(303);
		const id = db.get<{ id: number }>(sql`SELECT id FROM measures WHERE code = 'Z9.1.1'`)!.id;
		expect(db.all(sql`SELECT 1 FROM measure_institutions WHERE measure_id = ${id}`)).toHaveLength(2);
		expect(
			(
				await create({
					level: 'indicators',
					measure: 'Z9.1.1',
					code: 'IND-Z1',
					name_fr: 'Sessions',
					kind: 'count',
					frequency: 'annual',
					target: '10',
					sensitive: 'yes'
				})
			).status
		).toBe(303);
		expect(db.get<{ sensitive: number }>(sql`SELECT sensitive FROM indicators WHERE code = 'IND-Z1'`)!.sensitive).toBe(1);
		expect(audits('create').filter((e) => ['axis', 'objective', 'measure', 'indicator'].includes(e.entity))).toHaveLength(4);
		// the same code twice is refused
		expect((await create({ level: 'axes', plan: plan.code, code: 'Z9', title_fr: 'encore' })).data.create.errors.code).toBe('err_code_taken');
	});

	it('edits carry the version: a stale form gets a conflict and writes nothing', async () => {
		const v = version('measures', 'Z9.1.1');
		const fields = { objective: 'Z9.1', title_fr: 'Mesure Z révisée', lead: inst[0]!, start: plan.start, deadline: plan.end, weight: '2' };
		expect((await act('save', 'measures', 'Z9.1.1', { ...fields, version: String(v) })).status).toBe(303);
		expect((await act('save', 'measures', 'Z9.1.1', { ...fields, title_fr: 'autre', version: String(v) })).status).toBe(409);
		expect(db.get<{ t: string; w: number }>(sql`SELECT title_fr AS t, weight AS w FROM measures WHERE code = 'Z9.1.1'`)).toEqual({
			t: 'Mesure Z révisée',
			w: 2
		});
	});

	it('links and unlinks a recommendation', async () => {
		await act('link', 'measures', 'Z9.1.1', { recommendation: rec, linked: '1' });
		const linked = () => db.all(sql`SELECT 1 FROM recommendation_measures rm JOIN measures m ON m.id = rm.measure_id WHERE m.code = 'Z9.1.1'`).length;
		expect(linked()).toBe(1);
		// saving the measure keeps its links
		await act('save', 'measures', 'Z9.1.1', {
			objective: 'Z9.1',
			title_fr: 'Mesure Z révisée',
			lead: inst[0]!,
			start: plan.start,
			deadline: plan.end,
			recommendations: rec,
			version: String(version('measures', 'Z9.1.1'))
		});
		expect(linked()).toBe(1);
		await act('link', 'measures', 'Z9.1.1', { recommendation: rec, linked: '0' });
		expect(linked()).toBe(0);
		expect(audits('unlink')).toHaveLength(1);
	});

	it('moves a measure: new code under the other objective, the former code redirects and is still found by search', async () => {
		const seeded = db.get<{ code: string; objective: string }>(
			sql`SELECT m.code, o.code AS objective FROM measures m JOIN objectives o ON o.id = m.objective_id WHERE m.archived_at IS NULL ORDER BY m.code LIMIT 1`
		)!;
		const res = await act('move', 'measures', seeded.code, { objective: 'Z9.1', newCode: 'Z9.1.2', version: String(version('measures', seeded.code)) });
		expect(res.location).toBe('/measures/Z9.1.2'.replace('/measures/', '/admin/plan/measures/') + '?saved=1');
		expect(db.get<{ o: string }>(sql`SELECT o.code AS o FROM measures m JOIN objectives o ON o.id = m.objective_id WHERE m.code = 'Z9.1.2'`)!.o).toBe('Z9.1');
		const old = await run(
			measurePage.load as never,
			{ params: { code: seeded.code }, locals: { user: commission, locale: 'fr' }, url: new URL(`http://localhost/measures/${seeded.code}`) } as never
		);
		expect(old).toMatchObject({ status: 301, location: '/measures/Z9.1.2' });
		expect(list({ q: seeded.code })).toContain('Z9.1.2');
		// its former code is taken: no other measure can move onto it
		expect(
			(await act('move', 'measures', 'Z9.1.1', { objective: 'Z9.1', newCode: seeded.code, version: String(version('measures', 'Z9.1.1')) })).data.move.errors
				.newCode
		).toBe('err_code_taken');
	});

	it('removing asks for confirmation; with no reported data it deletes, with data it archives out of the lists and dashboards', async () => {
		expect((await act('remove', 'measures', 'Z9.1.1', { version: String(version('measures', 'Z9.1.1')) })).data.remove.errors.confirm).toBe(
			'err_confirm_required'
		);
		expect((await act('remove', 'measures', 'Z9.1.1', { version: String(version('measures', 'Z9.1.1')), confirm: 'yes' })).location).toBe(
			'/admin/plan?deleted=1'
		);
		expect(db.get(sql`SELECT 1 FROM measures WHERE code = 'Z9.1.1'`)).toBeUndefined();
		expect(db.get(sql`SELECT 1 FROM indicators WHERE code = 'IND-Z1'`)).toBeUndefined();

		const withData = db.get<{ code: string; updates: number }>(
			sql`SELECT m.code, count(*) AS updates FROM measures m JOIN progress_updates u ON u.measure_id = m.id WHERE m.archived_at IS NULL GROUP BY m.id ORDER BY count(*) DESC LIMIT 1`
		)!;
		const page = (await item.load({
			params: { level: 'measures', code: withData.code },
			locals: { user: commission },
			url: new URL('http://localhost/')
		} as never)) as { usage: { updates: number; values: number; reported: number } };
		expect(page.usage.updates).toBe(withData.updates);
		const before = dashboard.kpis(db, { kind: 'all' }, { today: '2026-07-20' }).measures;
		expect(list({}).includes(withData.code)).toBe(true);
		const res = await act('remove', 'measures', withData.code, { version: String(version('measures', withData.code)), confirm: 'yes' });
		expect(res.location).toBe(`/admin/plan/measures/${withData.code}?archived=1`);
		expect(
			db.get<{ n: number }>(sql`SELECT count(*) AS n FROM progress_updates u JOIN measures m ON m.id = u.measure_id WHERE m.code = ${withData.code}`)!.n
		).toBe(withData.updates);
		expect(list({}).includes(withData.code)).toBe(false);
		const axisCode = db.get<{ a: string }>(
			sql`SELECT a.code AS a FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id WHERE m.code = ${withData.code}`
		)!.a;
		expect(getAxis(db, axisCode)!.measures.map((m) => m.code)).not.toContain(withData.code);
		expect(dashboard.kpis(db, { kind: 'all' }, { today: '2026-07-20' }).measures).toBe(before - 1);
		expect(audits('archive').at(-1)!.before).toContain(`"updates":${withData.updates}`);
		// and back
		await act('restore', 'measures', withData.code, { version: String(version('measures', withData.code)) });
		expect(list({}).includes(withData.code)).toBe(true);
	});
	it('an archived roll-out measure leaves the roll-out, the indicator search, the recommendation and institution counts; restored, it is back', async () => {
		const m = db.get<{
			code: string;
			ind: string;
			inst: string;
		}>(sql`SELECT m.code, i.code AS ind, l.code AS inst FROM measures m JOIN indicators i ON i.measure_id = m.id JOIN institutions l ON l.id = m.lead_institution_id
			WHERE m.regional_rollout = 1 AND m.archived_at IS NULL AND EXISTS (SELECT 1 FROM recommendation_measures r WHERE r.measure_id = m.id) ORDER BY m.code LIMIT 1`)!;
		const seen = () => ({
			rollout: dashboard
				.rolloutSummary(db, { kind: 'all' }, { today: '2026-07-20' })
				.map((r) => r.code)
				.includes(m.code),
			search: dashboard
				.searchIndicators(db, m.ind)
				.rows.map((r) => r.code)
				.includes(m.ind),
			recs: listRecommendations(db).reduce((n, r) => n + r.measureCount, 0),
			leads: institutions.list(db).find((i) => i.code === m.inst)!.leads
		});
		const before = seen();
		expect(before.rollout && before.search).toBe(true);
		const foundBefore = dashboard.searchIndicators(db, m.ind);
		expect(foundBefore.total).toBe(foundBefore.rows.length);
		await act('remove', 'measures', m.code, { version: String(version('measures', m.code)), confirm: 'yes' });
		const after = seen();
		expect(after.rollout).toBe(false);
		expect(after.search).toBe(false);
		// through the text index too, the count says what the list shows, not the archived matches
		const found = dashboard.searchIndicators(db, m.ind);
		expect(m.ind.length).toBeGreaterThanOrEqual(3);
		expect(found.total).toBe(found.rows.length);
		expect(after.recs).toBeLessThan(before.recs);
		expect(after.leads).toBe(before.leads - 1);
		await act('restore', 'measures', m.code, { version: String(version('measures', m.code)) });
		expect(seen()).toEqual(before);
	});

	it("refuses a change of an indicator's kind or frequency once it has values, saying how many, in the user's language", async () => {
		const ind = db.get<{ code: string; n: number }>(sql`SELECT i.code, count(*) AS n FROM indicators i JOIN indicator_values v ON v.indicator_id = i.id
			WHERE i.archived_at IS NULL GROUP BY i.id ORDER BY count(*) DESC, i.code LIMIT 1`)!;
		const shown = planAdmin.get(db, 'indicators', ind.code)!.values;
		const otherKind = shown.kind === 'percent' ? 'count' : 'percent';
		const otherFrequency = shown.frequency === 'annual' ? 'semester' : 'annual';
		const saveAs = (fields: Record<string, string>, locale: 'fr' | 'ar') => {
			const event = actionEvent({
				user: commission,
				params: { level: 'indicators', code: ind.code },
				path: `/admin/plan/indicators/${ind.code}`,
				body: formData({ ...shown, ...fields, version: String(version('indicators', ind.code)) })
			});
			event.locals.locale = locale as 'fr';
			return run(item.actions.save as never, event);
		};
		const fr = await saveAs({ kind: otherKind }, 'fr');
		expect(fr.status).toBe(400);
		expect(fr.data.save.errors.kind).toContain(`${ind.n} valeur`);
		expect(fr.data.save.errors.frequency).toBeUndefined();
		const ar = await saveAs({ frequency: otherFrequency }, 'ar');
		expect(ar.status).toBe(400);
		expect(ar.data.save.errors.frequency).toContain('الدورية');
		expect(ar.data.save.errors.frequency).toContain(String(ind.n));
		expect(db.get<{ kind: string; frequency: string }>(sql`SELECT kind, frequency FROM indicators WHERE code = ${ind.code}`)).toEqual({
			kind: shown.kind,
			frequency: shown.frequency
		});
		// the rest of the indicator still saves, and an indicator with no values may change both
		expect((await saveAs({ name_fr: `${shown.name_fr} (revu)` }, 'fr')).status).toBe(303);
		expect(
			(await create({ level: 'indicators', measure: shown.measure!, code: 'IND-Z2', name_fr: 'Sans valeurs', kind: 'count', frequency: 'annual' })).status
		).toBe(303);
		const fresh = planAdmin.get(db, 'indicators', 'IND-Z2')!;
		expect(
			(await act('save', 'indicators', 'IND-Z2', { ...fresh.values, kind: 'percent', frequency: 'semester', version: String(fresh.version) })).status
		).toBe(303);
		expect(db.get<{ kind: string; frequency: string }>(sql`SELECT kind, frequency FROM indicators WHERE code = 'IND-Z2'`)).toEqual({
			kind: 'percent',
			frequency: 'semester'
		});
	});
});
