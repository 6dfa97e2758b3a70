/** A user's own sessions on /profile (see, end one, end all others) and the audit of language changes. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import { createSession, hashToken, validateSession, SESSION_COOKIE, type SessionUser } from '../../src/lib/server/auth/session';
import { actions as profileActions, load as profileLoad } from '../../src/routes/(app)/profile/+page.server';
import { actions as localeActions } from '../../src/routes/locale/+page.server';
import { actions as loginActions } from '../../src/routes/login/+page.server';

let db: Db;
let cleanup: () => void;
let me: SessionUser;
let other: SessionUser;

async function addUser(email: string): Promise<SessionUser> {
	const u = db
		.insert(s.users)
		.values({ email, name: email, role: 'commission', passwordHash: await hashPassword('x'), locale: 'fr' })
		.returning()
		.get();
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}
const events = (action: string) => db.select().from(s.auditEvents).where(eq(s.auditEvents.action, action)).all();

/** A request from the browser holding `token`. */
function from(token: string, body = new FormData(), user = me) {
	const e = actionEvent({ user, body, path: '/profile' });
	e.cookies.set(SESSION_COOKIE, token);
	return e;
}

beforeEach(async () => {
	({ db, cleanup } = createTestDatabase());
	setDb(db);
	me = await addUser('me@cnclt.ma');
	other = await addUser('other@cnclt.ma');
});
afterEach(() => cleanup());

describe('sessions on /profile', () => {
	it("lists the user's own open sessions with where and when, this browser marked", async () => {
		const t = Date.now();
		const here = createSession(db, me.id, t - 120_000, {
			address: '10.0.0.1',
			userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
		});
		createSession(db, me.id, t, {
			address: '10.0.0.2',
			userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'
		});
		createSession(db, me.id, t - 60_000, { address: '10.0.0.5' });
		createSession(db, other.id, t, { address: '10.0.0.3' });
		// ended by idle time: not listed
		createSession(db, me.id, t - 13 * 3600_000, { address: '10.0.0.4' });
		const data = (await profileLoad(from(here.token) as never)) as { sessions: { address: string; current: boolean; lastSeenAt: number; createdAt: string }[] };
		// this browser first, then the most recently used
		expect(data.sessions.map((x) => [x.address, x.current])).toEqual([
			['10.0.0.1', true],
			['10.0.0.2', false],
			['10.0.0.5', false]
		]);
		expect(data.sessions[1]!.lastSeenAt).toBe(t);
	});

	it("ends one other session, never another account's nor this one", async () => {
		const here = createSession(db, me.id);
		const phone = createSession(db, me.id);
		const theirs = createSession(db, other.id);
		const end = (id: string) => run(profileActions.endSession as never, from(here.token, formData({ session: id })));
		expect((await end(hashToken(theirs.token))).data!.sessions).toEqual({ done: true, ended: 0 });
		expect(validateSession(db, theirs.token)).not.toBeNull();
		const self = await end(hashToken(here.token));
		expect(self.status).toBe(400);
		expect(self.data!.sessions.errors.session).toBe('err_session_current');
		expect((await end('not-a-session')).data!.sessions.errors.session).toBe('err_session_unknown');
		expect((await end(hashToken(phone.token))).data!.sessions).toEqual({ done: true, ended: 1 });
		expect(validateSession(db, phone.token)).toBeNull();
		expect(validateSession(db, here.token)).not.toBeNull();
		expect(events('end_session')).toHaveLength(1);
	});

	it('ends all other sessions after the confirmation box, keeping this browser', async () => {
		const here = createSession(db, me.id);
		const a = createSession(db, me.id);
		const b = createSession(db, me.id);
		const theirs = createSession(db, other.id);
		const unconfirmed = await run(profileActions.endOthers as never, from(here.token));
		expect(unconfirmed.status).toBe(400);
		expect(unconfirmed.data!.sessions.errors.confirm).toBe('err_confirm_required');
		expect(validateSession(db, a.token)).not.toBeNull();
		const ok = await run(profileActions.endOthers as never, from(here.token, formData({ confirm: 'yes' })));
		expect(ok.data!.sessions).toEqual({ done: true, ended: 2 });
		expect([a, b].map((x) => validateSession(db, x.token))).toEqual([null, null]);
		expect(validateSession(db, here.token)).not.toBeNull();
		expect(validateSession(db, theirs.token)).not.toBeNull();
		expect(JSON.parse(events('end_other_sessions')[0]!.after!)).toEqual({ sessionsEnded: 2 });
	});

	it('refuses a signed-out visitor', async () => {
		const r = await run(profileActions.endOthers as never, actionEvent({ user: null, body: formData({ confirm: 'yes' }) }));
		expect(r.status).toBe(401);
	});
});

describe('language changes', () => {
	it("audits a signed-in change of language (POST /locale and the profile), not a visitor's cookie", async () => {
		const switchTo = (locale: string, user: SessionUser | null) =>
			run(localeActions.default as never, actionEvent({ user, path: '/locale', body: formData({ locale, redirectTo: '/' }) }));
		expect((await switchTo('ar', null)).status).toBe(303);
		expect(events('set_locale')).toHaveLength(0);
		expect((await switchTo('ar', me)).status).toBe(303);
		// the same language again changes nothing
		await switchTo('ar', me);
		const [e] = events('set_locale');
		expect(events('set_locale')).toHaveLength(1);
		expect(e).toMatchObject({ userId: me.id, entity: 'user', entityId: String(me.id) });
		expect(JSON.parse(e!.before!)).toEqual({ locale: 'fr' });
		expect(JSON.parse(e!.after!)).toEqual({ locale: 'ar', via: 'switcher' });
		await run(profileActions.locale as never, actionEvent({ user: me, path: '/profile', body: formData({ locale: 'en' }) }));
		expect(JSON.parse(events('set_locale')[1]!.after!)).toEqual({ locale: 'en', via: 'profile' });
		expect(db.select({ locale: s.users.locale }).from(s.users).where(eq(s.users.id, me.id)).get()!.locale).toBe('en');
	});
});

describe('the sign-in page', () => {
	const attempt = (password: string, cookies?: Record<string, string>) => {
		const e = actionEvent({ user: null, path: '/login', body: formData({ email: 'me@cnclt.ma', password, redirectTo: '/' }) });
		for (const [k, v] of Object.entries(cookies ?? {})) e.cookies.set(k, v);
		return run(loginActions.default as never, e).then((r) => ({ ...r, cookies: e.cookies }));
	};

	it('says how many seconds to wait, and gives a browser its device cookie at sign-in', async () => {
		for (let i = 0; i < 4; i++) expect((await attempt('wrong')).data!.login.errors._form).toBe('err_login_invalid');
		const held = await attempt('x');
		expect(held.status).toBe(429);
		expect(held.data!.login).toMatchObject({ errors: { _form: 'err_login_wait_seconds' } });
		expect(held.data!.login.seconds).toBeGreaterThanOrEqual(4);
		expect(held.data!.login.seconds).toBeLessThanOrEqual(5);
		// once the wait is over (here: forgotten), the right password signs in
		db.delete(s.loginThrottle).run();
		const ok = await attempt('x');
		expect(ok.status).toBe(303);
		expect(ok.cookies.get('rasd_device')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(ok.cookies.get(SESSION_COOKIE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});
});
