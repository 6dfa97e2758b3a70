/**
 * Dates inside the plan: a progress update, an indicator value or a roll-out stage whose period (or
 * date) falls outside the time span of the measure's plan is refused on that field, and nothing is
 * written; inside it, it goes through.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { actions } from '../../src/routes/(app)/measures/[code]/+page.server';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
let admin: SessionUser;
let plan: { start: string; end: string };
let measure: string;
let rollout: string;
let indicator: { id: number; measure: string };
beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	admin = db.get<SessionUser>(sql`SELECT id, email, name, role, institution_id AS institutionId, locale FROM users WHERE role = 'admin' LIMIT 1`)!;
	plan = db.get(sql`SELECT start_date AS start, end_date AS "end" FROM plans WHERE code = 'PN-2023-2030'`)!;
	measure = db.get<{ code: string }>(sql`SELECT m.code FROM measures m WHERE m.status = 'in_progress'
		AND NOT EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id AND u.state IN ('draft','submitted','returned')) ORDER BY m.code LIMIT 1`)!.code;
	rollout = db.get<{ code: string }>(sql`SELECT code FROM measures WHERE regional_rollout = 1 LIMIT 1`)!.code;
	indicator = db.get(
		sql`SELECT i.id, m.code AS measure FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE i.kind = 'count' AND i.frequency = 'annual' AND i.sensitive = 0 ORDER BY i.id LIMIT 1`
	)!;
}, 30_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

const act = (name: keyof typeof actions, code: string, values: Record<string, string>) =>
	run(actions[name] as never, actionEvent({ user: admin, params: { code }, path: `/measures/${code}`, body: formData(values) }));
const count = (table: string) => db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`))!.n;

describe('dates inside the plan', () => {
	it('refuses a progress update for a semester after the plan ends, and takes one inside it', async () => {
		const after = `${Number(plan.end.slice(0, 4)) + 1}-S1`;
		const before = count('progress_updates');
		const r = await act('saveUpdate', measure, { intent: 'draft', period: after, status: 'in_progress', progress: '60', narrativeFr: 'x' });
		expect(r.status).toBe(400);
		expect(r.data!.update.errors).toEqual({ period: 'err_outside_plan' });
		expect(count('progress_updates')).toBe(before);
		expect((await act('saveUpdate', measure, { intent: 'draft', period: '2026-S1', status: 'in_progress', progress: '60', narrativeFr: 'x' })).status).toBe(
			303
		);
	});

	it('refuses an indicator value for a year before the plan starts', async () => {
		const year = String(Number(plan.start.slice(0, 4)) - 1);
		const before = count('indicator_values');
		const r = await act('saveValue', indicator.measure, { intent: 'draft', indicatorId: String(indicator.id), period: year, value: '12', source: 'x' });
		expect(r.status).toBe(400);
		expect(r.data!.value.errors).toMatchObject({ period: 'err_outside_plan' });
		expect(count('indicator_values')).toBe(before);
	});

	it('refuses a roll-out stage dated after the plan', async () => {
		const before = count('measure_region_stages');
		const r = await act('saveStage', rollout, { intent: 'draft', region: 'MA-01', stage: 'pilot', since: `${Number(plan.end.slice(0, 4)) + 1}-03-01` });
		expect(r.status).toBe(400);
		expect(r.data!.stage.errors).toEqual({ since: 'err_outside_plan' });
		expect(count('measure_region_stages')).toBe(before);
	});
});
