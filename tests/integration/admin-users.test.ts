/** Accounts administration: invitations, role and institution, deactivation, resets, a user's own password. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { createSession, validateSession, SESSION_COOKIE, type SessionUser } from '../../src/lib/server/auth/session';
import * as usersRepo from '../../src/lib/server/users';
import { actions as listActions, load as listLoad } from '../../src/routes/(app)/admin/users/+page.server';
import { actions as userActions } from '../../src/routes/(app)/admin/users/[id=id]/+page.server';
import { actions as setPasswordActions, load as setPasswordLoad } from '../../src/routes/set-password/[token]/+page.server';
import { actions as profileActions } from '../../src/routes/(app)/profile/+page.server';

let db: Db;
let cleanup: () => void;
let admin: SessionUser;
let commission: SessionUser;

function user(email: string): SessionUser {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}
const row = (id: number) => db.select().from(s.users).where(eq(s.users.id, id)).get()!;
const tokenOf = (link: string) => link.split('/set-password/')[1]!;
const sessionCount = (userId: number) =>
	db
		.select({ n: sql<number>`count(*)` })
		.from(s.sessions)
		.where(eq(s.sessions.userId, userId))
		.get()!.n;
const audits = (action: string, entityId: number) =>
	db
		.select()
		.from(s.auditEvents)
		.where(and(eq(s.auditEvents.action, action), eq(s.auditEvents.entityId, String(entityId))))
		.all();
const dgsnId = () => db.select().from(s.institutions).where(eq(s.institutions.code, 'DGSN')).get()?.id ?? user('dgsn@rasd.demo').institutionId!;

async function inviteOne(values: Record<string, string>) {
	return run(listActions.invite as never, actionEvent({ user: admin, body: formData({ locale: 'fr', ...values }) }));
}
async function setPassword(token: string, password: string) {
	return run(setPasswordActions.default as never, actionEvent({ user: null, params: { token }, body: formData({ password, confirm: password }) }));
}

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	admin = user('admin@rasd.demo');
	commission = user('commission@rasd.demo');
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('invitations', () => {
	it('creates an account without a password and a one-time link that sets it and lets the person sign in', async () => {
		const res = await inviteOne({
			name: 'Salma Idrissi',
			email: ' Salma.Idrissi@Example.ma ',
			role: 'focal_point',
			institutionId: String(dgsnId()),
			locale: 'ar'
		});
		expect(res.status).toBe(200);
		const link: string = res.data!.invite.link;
		expect(link).toMatch(/^http:\/\/localhost\/set-password\/[A-Za-z0-9_-]{43}$/);
		const created = db.select().from(s.users).where(eq(s.users.email, 'salma.idrissi@example.ma')).get()!;
		expect(created.locale).toBe('ar');
		// only the hash of the token is stored
		expect(
			db
				.select()
				.from(s.passwordTokens)
				.all()
				.some((t) => t.id === tokenOf(link))
		).toBe(false);
		expect((await usersRepo.signIn(db, 'salma.idrissi@example.ma', '!', '10.0.0.1')).ok).toBe(false);
		expect(audits('invite', created.id)).toHaveLength(1);

		const page = setPasswordLoad({ params: { token: tokenOf(link) } } as never) as { link: { email: string } | null };
		expect(page.link?.email).toBe('salma.idrissi@example.ma');
		const short = await run(
			setPasswordActions.default as never,
			actionEvent({ user: null, params: { token: tokenOf(link) }, body: formData({ password: 'short', confirm: 'short' }) })
		);
		expect(short.data!.setPassword.errors.password).toBe('err_password_too_short');
		expect((await setPassword(tokenOf(link), 'une phrase assez longue')).data!.setPassword.done).toBe(true);
		expect((await usersRepo.signIn(db, 'salma.idrissi@example.ma', 'une phrase assez longue', '10.0.0.1')).ok).toBe(true);
		// once used, the link is dead
		const again = await setPassword(tokenOf(link), 'une autre phrase longue');
		expect(again.status).toBe(410);
		expect((setPasswordLoad({ params: { token: tokenOf(link) } } as never) as { link: unknown }).link).toBeNull();
	});

	it('is valid for 72 hours, not a minute more', async () => {
		const res = await inviteOne({ name: 'Late', email: 'late@example.ma', role: 'commission', locale: 'fr' });
		const token = tokenOf(res.data!.invite.link);
		const now = Date.now();
		expect(usersRepo.passwordLink(db, token, now + 71 * 3600_000)).not.toBeNull();
		expect(usersRepo.passwordLink(db, token, now + 72 * 3600_000 + 60_000)).toBeNull();
		expect((await usersRepo.setPasswordWithLink(db, token, 'une phrase assez longue', now + 73 * 3600_000)).ok).toBe(false);
	});

	it('refuses a taken e-mail, a focal point without institution and a deactivated institution, with field errors', async () => {
		const taken = await inviteOne({ name: 'X', email: 'DGSN@rasd.demo', role: 'commission' });
		expect(taken.status).toBe(400);
		expect(taken.data!.invite.errors.email).toBe('err_email_taken');
		const noInst = await inviteOne({ name: 'X', email: 'x@example.ma', role: 'focal_point' });
		expect(noInst.data!.invite.errors.institutionId).toBe('err_institution_required');
		const inactive = db.insert(s.institutions).values({ code: 'OLD', nameFr: 'Ancienne', kind: 'ministry', active: false }).returning().get();
		const off = await inviteOne({ name: 'X', email: 'x@example.ma', role: 'partner', institutionId: String(inactive.id) });
		expect(off.data!.invite.errors.institutionId).toBe('err_institution_unknown');
		expect(db.select().from(s.users).where(eq(s.users.email, 'x@example.ma')).get()).toBeUndefined();
	});

	it('is refused to the commission', async () => {
		const res = await run(
			listActions.invite as never,
			actionEvent({ user: commission, body: formData({ name: 'X', email: 'y@example.ma', role: 'admin', locale: 'fr' }) })
		);
		expect(res.status).toBe(403);
	});
});

describe('the list', () => {
	it('searches by name, e-mail or institution code and filters by role', async () => {
		const load = (q: string) =>
			listLoad({ locals: { user: admin }, url: new URL(`http://localhost/admin/users?${q}`) } as never) as { users: { email: string; role: string }[] };
		expect(load('q=dgsn').users.map((u) => u.email)).toContain('dgsn@rasd.demo');
		expect(load('q=oim%40').users.map((u) => u.email)).toEqual(['oim@rasd.demo']);
		expect(load('role=partner').users.every((u) => u.role === 'partner')).toBe(true);
		// a LIKE wildcard typed by the admin is taken literally
		expect(load('q=%25').users).toHaveLength(0);
		expect(JSON.stringify(load(''))).not.toContain('argon2');
	});
});

describe('changing an account', () => {
	it('changes role and institution, audited, and refuses a stale version', async () => {
		const target = user('pf.mj@rasd.demo');
		const before = row(target.id);
		const res = await run(
			userActions.update as never,
			actionEvent({
				user: admin,
				params: { id: String(target.id) },
				body: formData({ version: String(before.version), name: before.name, role: 'commission', institutionId: '' })
			})
		);
		expect(res.status).toBe(200);
		expect(row(target.id)).toMatchObject({ role: 'commission', institutionId: null, version: before.version + 1 });
		expect(audits('update', target.id)).toHaveLength(1);
		const stale = await run(
			userActions.update as never,
			actionEvent({
				user: admin,
				params: { id: String(target.id) },
				body: formData({ version: String(before.version), name: before.name, role: 'admin', institutionId: '' })
			})
		);
		expect(stale.status).toBe(409);
		expect(row(target.id).role).toBe('commission');
	});

	it('keeps the last active administrator: no demotion, no deactivation', async () => {
		const admins = db
			.select()
			.from(s.users)
			.where(and(eq(s.users.role, 'admin'), eq(s.users.active, true)))
			.all();
		expect(admins.map((a) => a.id)).toEqual([admin.id]);
		const demote = await run(
			userActions.update as never,
			actionEvent({
				user: admin,
				params: { id: String(admin.id) },
				body: formData({ version: String(row(admin.id).version), name: admin.name, role: 'commission', institutionId: '' })
			})
		);
		expect(demote.status).toBe(409);
		expect(demote.data!.update.errors._form).toBe('err_last_admin');
		const off = await run(
			userActions.deactivate as never,
			actionEvent({ user: admin, params: { id: String(admin.id) }, body: formData({ version: String(row(admin.id).version), confirm: 'yes' }) })
		);
		expect(off.data!.deactivate.errors._form).toBe('err_last_admin');
		expect(row(admin.id)).toMatchObject({ role: 'admin', active: true });
	});

	it('deactivation ends every session at once and keeps the history', async () => {
		const dgsn = user('dgsn@rasd.demo');
		const a = createSession(db, dgsn.id);
		const b = createSession(db, dgsn.id);
		expect(validateSession(db, a.token)).not.toBeNull();
		const authored = db
			.select({ n: sql<number>`count(*)` })
			.from(s.progressUpdates)
			.where(eq(s.progressUpdates.authorId, dgsn.id))
			.get()!.n;
		const body = () => formData({ version: String(row(dgsn.id).version) });
		const unconfirmed = await run(userActions.deactivate as never, actionEvent({ user: admin, params: { id: String(dgsn.id) }, body: body() }));
		expect(unconfirmed.status).toBe(400);
		expect(unconfirmed.data!.deactivate.errors.confirm).toBe('err_confirm_required');
		expect(row(dgsn.id).active).toBe(true);

		const res = await run(
			userActions.deactivate as never,
			actionEvent({ user: admin, params: { id: String(dgsn.id) }, body: formData({ version: String(row(dgsn.id).version), confirm: 'yes' }) })
		);
		expect(res.status).toBe(200);
		expect(res.data!.deactivate.sessionsEnded).toBe(2);
		expect(validateSession(db, a.token)).toBeNull();
		expect(validateSession(db, b.token)).toBeNull();
		expect((await usersRepo.signIn(db, 'dgsn@rasd.demo', 'Rasd-Dgsn-2026!', '10.0.0.2')).ok).toBe(false);
		// what the account wrote stays, with its author
		expect(
			db
				.select({ n: sql<number>`count(*)` })
				.from(s.progressUpdates)
				.where(eq(s.progressUpdates.authorId, dgsn.id))
				.get()!.n
		).toBe(authored);
		expect(audits('deactivate', dgsn.id)).toHaveLength(1);

		const back = await run(
			userActions.reactivate as never,
			actionEvent({ user: admin, params: { id: String(dgsn.id) }, body: formData({ version: String(row(dgsn.id).version) }) })
		);
		expect(back.status).toBe(200);
		expect((await usersRepo.signIn(db, 'dgsn@rasd.demo', 'Rasd-Dgsn-2026!', '10.0.0.2')).ok).toBe(true);
	});

	it('a reset voids the old password and every session, and gives a new link', async () => {
		const oim = user('oim@rasd.demo');
		const a = createSession(db, oim.id);
		const res = await run(
			userActions.reset as never,
			actionEvent({ user: admin, params: { id: String(oim.id) }, body: formData({ version: String(row(oim.id).version), confirm: 'yes' }) })
		);
		expect(res.status).toBe(200);
		expect(validateSession(db, a.token)).toBeNull();
		expect((await usersRepo.signIn(db, 'oim@rasd.demo', 'Rasd-Oim-2026!', '10.0.0.3')).ok).toBe(false);
		expect((await setPassword(tokenOf(res.data!.reset.link), 'nouvelle phrase secrète')).data!.setPassword.done).toBe(true);
		expect((await usersRepo.signIn(db, 'oim@rasd.demo', 'nouvelle phrase secrète', '10.0.0.3')).ok).toBe(true);
		expect(audits('reset_password', oim.id)).toHaveLength(1);
	});
});

describe("a user's own account", () => {
	it('changing the password ends the other sessions and keeps this one', async () => {
		const me = user('social@rasd.demo');
		const here = createSession(db, me.id);
		const elsewhere = createSession(db, me.id);
		const event = (body: FormData) => {
			const e = actionEvent({ user: me, body });
			e.cookies.set(SESSION_COOKIE, here.token);
			return e;
		};
		const wrong = await run(
			profileActions.password as never,
			event(formData({ current: 'nope', password: 'une phrase assez longue', confirm: 'une phrase assez longue' }))
		);
		expect(wrong.data!.password.errors.current).toBe('err_password_wrong');
		const mismatch = await run(
			profileActions.password as never,
			event(formData({ current: 'Rasd-Social-2026!', password: 'une phrase assez longue', confirm: 'une autre' }))
		);
		expect(mismatch.data!.password.errors.confirm).toBe('err_password_mismatch');
		expect(validateSession(db, elsewhere.token)).not.toBeNull();

		const ok = await run(
			profileActions.password as never,
			event(formData({ current: 'Rasd-Social-2026!', password: 'une phrase assez longue', confirm: 'une phrase assez longue' }))
		);
		expect(ok.data!.password).toMatchObject({ done: true, sessionsEnded: 1 });
		expect(validateSession(db, here.token)).not.toBeNull();
		expect(validateSession(db, elsewhere.token)).toBeNull();
		expect(sessionCount(me.id)).toBe(1);
		expect((await usersRepo.signIn(db, 'social@rasd.demo', 'une phrase assez longue', '10.0.0.4')).ok).toBe(true);
	});

	it('changing the language keeps it on the account; signed out, nothing changes', async () => {
		const me = user('commission@rasd.demo');
		const res = await run(profileActions.locale as never, actionEvent({ user: me, body: formData({ locale: 'en' }) }));
		expect(res).toMatchObject({ status: 303, location: '/profile?saved=locale' });
		expect(row(me.id).locale).toBe('en');
		expect((await run(profileActions.locale as never, actionEvent({ user: null, body: formData({ locale: 'ar' }) }))).status).toBe(401);
		expect((await run(profileActions.password as never, actionEvent({ user: null, body: formData({ current: 'x', password: 'y' }) }))).status).toBe(401);
		expect(row(me.id).locale).toBe('en');
	});
});
