/**
 * In-app notices: the commission's decisions reach the reporting institution as one digest; a period
 * opening, deadlines 30 and 7 days away and a period due in 7 days with nothing submitted come from
 * the daily check, once each, one notice per recipient; the bell counts what is unread.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { actions as measureActions } from '../../src/routes/(app)/measures/[code]/+page.server';
import { actions as reviewActions } from '../../src/routes/(app)/review/+page.server';
import { actions as periodActions } from '../../src/routes/(app)/review/periods/+page.server';
import { actions as noticeActions } from '../../src/routes/(app)/notifications/+page.server';
import * as notifications from '../../src/lib/server/notifications';
import { noticeText } from '../../src/lib/notice-text';
import { addDays, localDay } from '../../src/lib/domain/calendar';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
const users: Record<string, SessionUser> = {};
let dgsnMeasures: { id: number; code: string }[];
/** every active focal point of the DGSN: each gets the institution's notices */
let dgsnFocalPoints: number[];

function user(email: string): SessionUser {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}
const noticesOf = (userId: number, kind?: string) =>
	db
		.select()
		.from(s.notifications)
		.where(and(eq(s.notifications.userId, userId), kind ? eq(s.notifications.kind, kind) : undefined))
		.orderBy(s.notifications.id)
		.all();
const submit = (code: string, progress: number) =>
	run(
		measureActions.saveUpdate as never,
		actionEvent({
			user: users.dgsn!,
			params: { code },
			path: `/measures/${code}`,
			body: formData({ intent: 'submit', period: '2026-S1', status: 'in_progress', progress: String(progress), narrativeFr: 'Avancement du semestre' })
		})
	);
function decide(measureId: number, decision: 'validate' | 'return', comment?: string) {
	const u = db
		.select()
		.from(s.progressUpdates)
		.where(and(eq(s.progressUpdates.measureId, measureId), eq(s.progressUpdates.state, 'submitted')))
		.get()!;
	return run(
		reviewActions.decide as never,
		actionEvent({
			user: users.commission!,
			path: '/review',
			body: formData({ kind: 'update', id: String(u.id), version: String(u.version), decision, comment })
		})
	);
}

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	users.dgsn = user('dgsn@rasd.demo');
	users.social = user('social@rasd.demo');
	users.commission = user('commission@rasd.demo');
	const dgsn = users.dgsn.institutionId!;
	dgsnMeasures = db.all(sql`SELECT id, code FROM measures m WHERE lead_institution_id = ${dgsn} AND status = 'in_progress' AND progress < 80
		AND NOT EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id AND u.state IN ('draft','submitted','returned')) ORDER BY code LIMIT 3`);
	dgsnFocalPoints = db.all<{ id: number }>(sql`SELECT id FROM users WHERE active = 1 AND role = 'focal_point' AND institution_id = ${dgsn}`).map((r) => r.id);
	// The demonstration has none; start from a clean slate anyway.
	db.delete(s.notifications).run();
}, 30_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe("notices of the commission's decisions", () => {
	it('gathers a validation and a return into one unread digest per focal point of the reporting institution', async () => {
		expect(dgsnMeasures).toHaveLength(3);
		expect(dgsnFocalPoints.length).toBeGreaterThanOrEqual(1);
		const [a, b] = dgsnMeasures as [{ id: number; code: string }, { id: number; code: string }];
		expect((await submit(a.code, 40)).status).toBe(303);
		expect((await submit(b.code, 45)).status).toBe(303);
		expect((await decide(a.id, 'validate')).status).toBe(200);
		expect((await decide(b.id, 'return', 'Joindre le procès-verbal')).status).toBe(200);

		for (const id of dgsnFocalPoints) {
			const mine = noticesOf(id);
			expect(mine, `focal point ${id}`).toHaveLength(1);
			expect(JSON.parse(mine[0]!.payload)).toMatchObject({
				total: 2,
				items: [
					{ kind: 'update', decision: 'validate', measure: a.code, period: '2026-S1' },
					{ kind: 'update', decision: 'return', measure: b.code, comment: 'Joindre le procès-verbal' }
				]
			});
		}
		expect(notifications.unreadCount(db, users.dgsn!.id)).toBe(1);
		// Another institution hears nothing of it.
		expect(noticesOf(users.social!.id)).toHaveLength(0);

		const n = notifications.list(db, users.dgsn!.id)[0]!;
		expect(noticeText(n.kind, n.payload, 'fr')).toMatchObject({
			title: expect.stringMatching(/2 décisions/),
			items: [expect.stringContaining(`${a.code} · S1 2026 : validée`), expect.stringMatching(/renvoyée « Joindre le procès-verbal »$/)]
		});
		expect(noticeText(n.kind, n.payload, 'en').items[0]).toContain(`${a.code} · H1 2026: validated`);
		expect(noticeText(n.kind, n.payload, 'ar').title).toMatch(/قرار/);
	});

	it("marks read only one's own notices; the next decision starts a new digest", async () => {
		const mine = noticesOf(users.dgsn!.id)[0]!;
		const asSocial = await run(
			noticeActions.read as never,
			actionEvent({ user: users.social!, path: '/notifications', body: formData({ id: String(mine.id) }) })
		);
		expect(asSocial.status).toBe(200);
		expect(notifications.unreadCount(db, users.dgsn!.id)).toBe(1);
		await run(noticeActions.read as never, actionEvent({ user: users.dgsn!, path: '/notifications', body: formData({ id: String(mine.id) }) }));
		expect(notifications.unreadCount(db, users.dgsn!.id)).toBe(0);

		const c = dgsnMeasures[2]!;
		expect((await submit(c.code, 50)).status).toBe(303);
		expect((await decide(c.id, 'validate')).status).toBe(200);
		const review = noticesOf(users.dgsn!.id, 'review');
		expect(review).toHaveLength(2);
		expect(JSON.parse(review[1]!.payload)).toMatchObject({ total: 1, items: [{ decision: 'validate', measure: c.code }] });
		expect(notifications.unreadCount(db, users.dgsn!.id)).toBe(1);
		await run(noticeActions.readAll as never, actionEvent({ user: users.dgsn!, path: '/notifications' }));
		expect(notifications.unreadCount(db, users.dgsn!.id)).toBe(0);
	});
});

describe('the daily check', () => {
	it('tells every focal point once that a period opened, whether opened now or planned ahead', async () => {
		const today = localDay();
		const focalPoints = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM users WHERE active = 1 AND role = 'focal_point'`)!.n;
		expect(
			(
				await run(
					periodActions.open as never,
					actionEvent({ user: users.commission!, path: '/review/periods', body: formData({ code: '2027-S1', opensOn: today, dueOn: addDays(today, 20) }) })
				)
			).status
		).toBe(200);
		expect(db.select().from(s.notifications).where(eq(s.notifications.kind, 'period_opened')).all()).toHaveLength(focalPoints);
		expect(notifications.runScheduled(db, today).periodOpened).toBe(0);
		// Planned ahead: told on the day it opens, by the check.
		expect(
			(
				await run(
					periodActions.open as never,
					actionEvent({
						user: users.commission!,
						path: '/review/periods',
						body: formData({ code: '2027-S2', opensOn: addDays(today, 2), dueOn: addDays(today, 40) })
					})
				)
			).status
		).toBe(200);
		expect(notifications.runScheduled(db, addDays(today, 1)).periodOpened).toBe(0);
		expect(notifications.runScheduled(db, addDays(today, 2)).periodOpened).toBe(focalPoints);
		expect(notifications.runScheduled(db, addDays(today, 2)).periodOpened).toBe(0);
		const n = notifications.list(db, users.social!.id).find((x) => x.kind === 'period_opened' && x.payload.period === '2027-S2')!;
		expect(noticeText(n.kind, n.payload, 'ar').title).toContain('فُتحت فترة الأسدس الثاني 2027');
	});

	it('sends one digest per focal point of the measures 30 and 7 days from their deadline, once, catching up missed days', () => {
		// Far after the plan's dates, so that no demonstration deadline falls in the windows.
		const day = '2032-03-01';
		const [a, b, c] = dgsnMeasures as [{ id: number; code: string }, { id: number; code: string }, { id: number; code: string }];
		db.update(s.measures)
			.set({ deadline: addDays(day, 30), status: 'in_progress' })
			.where(eq(s.measures.id, a.id))
			.run();
		db.update(s.measures)
			.set({ deadline: addDays(day, 7), status: 'in_progress' })
			.where(eq(s.measures.id, b.id))
			.run();
		db.update(s.measures)
			.set({ deadline: addDays(day, 10), status: 'in_progress' })
			.where(eq(s.measures.id, c.id))
			.run();
		db.delete(s.notifications).run();

		// One notice per recipient (the DGSN's focal points and those of the measures' contributors), however many measures.
		const written = notifications.runScheduled(db, day).deadlines;
		expect(written).toBeGreaterThanOrEqual(dgsnFocalPoints.length);
		expect(db.get<{ n: number }>(sql`SELECT count(DISTINCT user_id) AS n FROM notifications WHERE kind = 'deadlines'`)!.n).toBe(written);
		const first = noticesOf(users.dgsn!.id, 'deadlines');
		expect(first).toHaveLength(1);
		expect(JSON.parse(first[0]!.payload)).toMatchObject({
			total: 2,
			items: [
				{ code: b.code, deadline: addDays(day, 7) },
				{ code: a.code, deadline: addDays(day, 30) }
			]
		});
		expect(noticeText('deadlines', JSON.parse(first[0]!.payload), 'fr').items).toEqual([
			expect.stringContaining(`${b.code} : échéance le`),
			expect.stringContaining(`${a.code} : échéance le`)
		]);
		expect(noticeText('deadlines', JSON.parse(first[0]!.payload), 'fr').items[0]).toContain('(J-7)');
		// The same day again: nothing new.
		expect(notifications.runScheduled(db, day).deadlines).toBe(0);
		// The server was down for two days: c (deadline day+10) passed its 7-day mark on day+3 and is caught up.
		expect(notifications.runScheduled(db, addDays(day, 4)).deadlines).toBeGreaterThanOrEqual(dgsnFocalPoints.length);
		const later = noticesOf(users.dgsn!.id, 'deadlines');
		expect(later).toHaveLength(2);
		expect(JSON.parse(later[1]!.payload)).toMatchObject({ total: 1, items: [{ code: c.code }] });
		expect(noticesOf(users.social!.id, 'deadlines').every((n) => !n.payload.includes(a.code))).toBe(true);
	});

	it('reminds an institution that has submitted nothing for a period due in 7 days, and not one that has', () => {
		const day = '2032-06-20';
		const period = db
			.insert(s.reportingPeriods)
			.values({ code: '2032-S1', opensOn: '2032-06-01', dueOn: addDays(day, 7) })
			.returning()
			.get();
		// The ministry of family and solidarity has submitted for the period; the DGSN has not.
		const socialMeasure = db.get<{ id: number }>(
			sql`SELECT id FROM measures WHERE lead_institution_id = ${users.social!.institutionId} ORDER BY code LIMIT 1`
		)!;
		db.insert(s.progressUpdates)
			.values({
				measureId: socialMeasure.id,
				period: '2032-S1',
				status: 'in_progress',
				progress: 10,
				state: 'submitted',
				authorId: users.social!.id,
				institutionId: users.social!.institutionId,
				submittedAt: `${day}T09:00:00.000Z`
			})
			.run();
		db.update(s.measures).set({ status: 'in_progress' }).where(eq(s.measures.id, dgsnMeasures[0]!.id)).run();

		const r = notifications.runScheduled(db, day);
		expect(r.periodDue).toBeGreaterThanOrEqual(dgsnFocalPoints.length);
		const dgsn = noticesOf(users.dgsn!.id, 'period_due');
		expect(dgsn).toHaveLength(1);
		const payload = JSON.parse(dgsn[0]!.payload);
		const carried = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM measures m WHERE m.status NOT IN ('completed','cancelled')
			AND (m.lead_institution_id = ${users.dgsn!.institutionId} OR m.id IN (SELECT measure_id FROM measure_institutions WHERE institution_id = ${users.dgsn!.institutionId}))`)!.n;
		expect(payload).toEqual({ period: '2032-S1', dueOn: period.dueOn, measures: carried });
		expect(noticeText('period_due', payload, 'en').title).toBe('Period H1 2032: due on 27 June 2032, your institution has submitted nothing yet');
		expect(noticesOf(users.social!.id, 'period_due')).toHaveLength(0);
		expect(notifications.runScheduled(db, day).periodDue).toBe(0);
	});
});
