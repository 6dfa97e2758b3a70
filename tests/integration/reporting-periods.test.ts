/**
 * Reporting periods: the commission opens one with a due date and closes it (confirmed); a closed
 * period refuses drafts and submissions, with the message shown next to the period field; a focal
 * point's home says what is due and how many days are left.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { actions as periodActions } from '../../src/routes/(app)/review/periods/+page.server';
import { actions as measureActions } from '../../src/routes/(app)/measures/[code]/+page.server';
import { load as myWorkLoad } from '../../src/routes/(app)/my-work/+page.server';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { addDays, localDay } from '../../src/lib/domain/calendar';
import { m } from '../../src/lib/paraglide/messages';

let db: Db;
let cleanup: () => void;
const users: Record<string, SessionUser> = {};
let measure: { id: number; code: string };
let indicator: { id: number; code: string };

function user(email: string): SessionUser {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}
const act = (name: 'open' | 'close', u: SessionUser, values: Record<string, string>) =>
	run(periodActions[name] as never, actionEvent({ user: u, path: '/review/periods', body: formData(values) }));
const saveUpdate = (u: SessionUser, code: string, values: Record<string, string>) =>
	run(measureActions.saveUpdate as never, actionEvent({ user: u, params: { code }, path: `/measures/${code}`, body: formData(values) }));
const saveValue = (u: SessionUser, code: string, values: Record<string, string>) =>
	run(measureActions.saveValue as never, actionEvent({ user: u, params: { code }, path: `/measures/${code}`, body: formData(values) }));
// Codes the demonstration seed does not plan (it plans 2023-S1 … 2026-S2).
const P = '2027-S1';
const NEXT = '2027-S2';
const period = (code: string) => db.select().from(s.reportingPeriods).where(eq(s.reportingPeriods.code, code)).get();

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	users.dgsn = user('dgsn@rasd.demo');
	users.commission = user('commission@rasd.demo');
	const dgsn = users.dgsn.institutionId!;
	measure = db.get(sql`SELECT id, code FROM measures m WHERE lead_institution_id = ${dgsn} AND status = 'in_progress' AND progress < 90
		AND NOT EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id AND u.state IN ('draft','submitted','returned')) ORDER BY code LIMIT 1`)!;
	indicator = db.get(sql`SELECT i.id, m.code FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE i.kind = 'count' AND i.frequency = 'semester'
		AND i.dimensions NOT LIKE '%sex%' AND m.lead_institution_id = ${dgsn} ORDER BY i.id LIMIT 1`)!;
}, 30_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('reporting periods', () => {
	it('only the commission opens a period; a due date before the opening and a second opening are refused', async () => {
		expect(measure && indicator).toBeTruthy();
		const today = localDay();
		await expect(act('open', users.dgsn!, { code: P, opensOn: addDays(today, -5), dueOn: addDays(today, 20) })).resolves.toMatchObject({ status: 403 });
		const backwards = await act('open', users.commission!, { code: P, opensOn: addDays(today, -5), dueOn: addDays(today, -6) });
		expect(backwards).toMatchObject({ status: 400, data: { open: { errors: { dueOn: 'err_period_due_before_open' } } } });
		expect(period(P)).toBeUndefined();
		expect(await act('open', users.commission!, { code: P, opensOn: addDays(today, -5), dueOn: addDays(today, 20) })).toMatchObject({
			status: 200,
			data: { open: { done: P } }
		});
		const again = await act('open', users.commission!, { code: P, opensOn: addDays(today, -5), dueOn: addDays(today, 40) });
		expect(again.data!.open.errors).toEqual({ code: 'err_period_already_open' });
		expect(period(P)!.dueOn).toBe(addDays(today, 20));
		const events = db
			.select()
			.from(s.auditEvents)
			.where(and(eq(s.auditEvents.entity, 'reporting_period'), eq(s.auditEvents.action, 'open')))
			.all();
		expect(events).toHaveLength(1);
	});

	it('a period planned ahead is opened now by opening it again', async () => {
		const today = localDay();
		expect((await act('open', users.commission!, { code: NEXT, opensOn: addDays(today, 30), dueOn: addDays(today, 60) })).status).toBe(200);
		expect(await act('open', users.commission!, { code: NEXT, opensOn: today, dueOn: addDays(today, 12) })).toMatchObject({
			status: 200,
			data: { open: { done: NEXT } }
		});
		expect(period(NEXT)).toMatchObject({ opensOn: today, dueOn: addDays(today, 12), closedAt: null, version: 2 });
	});

	it('closing needs the confirmation box, then refuses drafts and submissions for that period with a localized message', async () => {
		const p = period(P)!;
		const unconfirmed = await act('close', users.commission!, { id: String(p.id), version: String(p.version) });
		expect(unconfirmed).toMatchObject({ status: 400, data: { close: { errors: { confirm: 'err_confirm_required' } } } });
		expect(period(P)!.closedAt).toBeNull();

		// A draft written before the close can no longer be saved or submitted once it is closed.
		expect(
			(await saveUpdate(users.dgsn!, measure.code, { intent: 'draft', period: P, status: 'in_progress', progress: '60', narrativeFr: 'avant la clôture' }))
				.status
		).toBe(303);
		expect((await act('close', users.commission!, { id: String(p.id), version: String(p.version), confirm: 'yes' })).status).toBe(200);
		expect(period(P)!.closedAt).not.toBeNull();

		const draft = db
			.select()
			.from(s.progressUpdates)
			.where(and(eq(s.progressUpdates.measureId, measure.id), eq(s.progressUpdates.state, 'draft')))
			.get()!;
		const refused = await saveUpdate(users.dgsn!, measure.code, {
			intent: 'submit',
			updateId: String(draft.id),
			version: String(draft.version),
			period: P,
			status: 'in_progress',
			progress: '60',
			narrativeFr: 'après'
		});
		expect(refused).toMatchObject({ status: 400, data: { update: { errors: { period: 'err_period_closed' } } } });
		expect(db.select().from(s.progressUpdates).where(eq(s.progressUpdates.id, draft.id)).get()).toMatchObject({ state: 'draft', version: draft.version });
		// The same draft moved to a period still open is accepted.
		expect(
			(
				await saveUpdate(users.dgsn!, measure.code, {
					intent: 'draft',
					updateId: String(draft.id),
					version: String(draft.version),
					period: NEXT,
					status: 'in_progress',
					progress: '60'
				})
			).status
		).toBe(303);

		const value = await saveValue(users.dgsn!, indicator.code, { indicatorId: String(indicator.id), period: P, value: '4', intent: 'draft' });
		expect(value).toMatchObject({ status: 400, data: { value: { errors: { period: 'err_period_closed' } } } });
		// What the focal point reads, in each language.
		expect(m.err_period_closed({}, { locale: 'fr' })).toMatch(/close/);
		expect(m.err_period_closed({}, { locale: 'ar' })).toMatch(/مغلقة/);
		expect(m.err_period_closed({}, { locale: 'en' })).toMatch(/closed/);

		const closedTwice = await act('close', users.commission!, { id: String(p.id), version: String(p.version + 1), confirm: 'yes' });
		expect(closedTwice.data!.close.errors).toEqual({ _form: 'err_state_closed' });
		expect((await act('open', users.commission!, { code: P, opensOn: addDays(localDay(), -5), dueOn: addDays(localDay(), 20) })).data!.open.errors).toEqual({
			code: 'err_period_already_closed'
		});
	});

	it("shows on a focal point's home the open period, its due date and the days left counted in Casablanca", async () => {
		const today = localDay();
		const data = (await myWorkLoad({ locals: { user: users.dgsn }, parent: async () => ({ today }) } as never)) as {
			open: unknown;
			period: string;
			items: { code: string }[] | null;
		};
		expect(data.open).toMatchObject({ code: NEXT, dueOn: addDays(today, 12), daysLeft: 12 });
		expect(data.period).toBe(NEXT);
		expect(data.items!.find((i) => i.code === measure.code)).toMatchObject({ openState: 'draft' });
	});
});
