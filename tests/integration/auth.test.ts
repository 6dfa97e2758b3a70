import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import {
	createSession,
	validateSession,
	hashToken,
	invalidateSession,
	listUserSessions,
	SESSION_ABSOLUTE_MS,
	SESSION_IDLE_MS
} from '../../src/lib/server/auth/session';
import { signIn } from '../../src/lib/server/users';
import { delayAfter, FORGET_AFTER_MS, lockedFor, MAX_DELAY_MS, throttleKeys } from '../../src/lib/server/auth/throttle';
import { purgeExpired } from '../../src/lib/server/auth/purge';
import { verifyChain } from '../../src/lib/server/audit';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

let db: Db;
let cleanup: () => void;
let userId: number;

beforeEach(async () => {
	({ db, cleanup } = createTestDatabase());
	db.insert(s.institutions).values({ code: 'DGSN', nameFr: 'DGSN', kind: 'security' }).run();
	userId = db
		.insert(s.users)
		.values({
			email: 'pf@dgsn.ma',
			name: 'Point focal',
			role: 'focal_point',
			institutionId: 1,
			passwordHash: await hashPassword('correct horse'),
			locale: 'ar'
		})
		.returning({ id: s.users.id })
		.get().id;
});
afterEach(() => cleanup());

describe('sessions', () => {
	it('stores only the SHA-256 of the token and finds the user from the cookie token', () => {
		const { token } = createSession(db, userId);
		const stored = db.select().from(s.sessions).all();
		expect(stored).toHaveLength(1);
		expect(stored[0]!.id).toBe(hashToken(token));
		expect(stored[0]!.id).not.toContain(token);
		expect(validateSession(db, token)?.user.email).toBe('pf@dgsn.ma');
	});

	it('rejects a tampered, unknown or malformed token', () => {
		const { token } = createSession(db, userId);
		const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
		expect(validateSession(db, flipped)).toBeNull();
		expect(validateSession(db, 'x')).toBeNull();
		expect(validateSession(db, "' OR 1=1 --")).toBeNull();
	});

	it('ends a session left unused for the idle lifetime, and keeps one in use', () => {
		const t0 = 1_700_000_000_000;
		const { token } = createSession(db, userId, t0);
		// used every 11 hours: each use moves the idle deadline, so it outlives the first 12 hours
		expect(validateSession(db, token, t0 + 11 * HOUR)).not.toBeNull();
		expect(validateSession(db, token, t0 + 22 * HOUR)).not.toBeNull();
		// then left alone one minute longer than the idle lifetime: refused and removed
		expect(validateSession(db, token, t0 + 22 * HOUR + SESSION_IDLE_MS + MINUTE)).toBeNull();
		expect(db.select().from(s.sessions).all()).toHaveLength(0);
	});

	it('ends a session 30 days after sign-in however much it is used', () => {
		const t0 = 1_700_000_000_000;
		const { token } = createSession(db, userId, t0);
		let t = t0;
		for (; t < t0 + SESSION_ABSOLUTE_MS - 6 * HOUR; t += 6 * HOUR) expect(validateSession(db, token, t)).not.toBeNull();
		expect(validateSession(db, token, t0 + SESSION_ABSOLUTE_MS - MINUTE)).not.toBeNull();
		// used a minute ago, yet past the absolute deadline
		expect(validateSession(db, token, t0 + SESSION_ABSOLUTE_MS + 1)).toBeNull();
		expect(SESSION_ABSOLUTE_MS).toBe(30 * 24 * HOUR);
	});

	it('purges expired sessions and forgotten sign-in counters, keeping live ones', async () => {
		const t0 = Date.now();
		const idle = createSession(db, userId, t0 - SESSION_IDLE_MS - MINUTE);
		const old = createSession(db, userId, t0 - SESSION_ABSOLUTE_MS - MINUTE);
		// an old session kept alive until a minute ago: its idle deadline is fine, its absolute one is not
		db.update(s.sessions)
			.set({ expiresAt: t0 + HOUR })
			.where(eq(s.sessions.id, hashToken(old.token)))
			.run();
		const live = createSession(db, userId, t0);
		await signIn(db, 'pf@dgsn.ma', 'wrong', '10.0.0.9', t0 - FORGET_AFTER_MS - MINUTE);
		await signIn(db, 'pf@dgsn.ma', 'wrong', '10.0.0.8', t0);
		const purged = purgeExpired(db, t0);
		expect(purged.sessions).toBe(2);
		expect(db.select({ id: s.sessions.id }).from(s.sessions).all()).toEqual([{ id: hashToken(live.token) }]);
		expect(validateSession(db, idle.token, t0)).toBeNull();
		// the 10.0.0.9 pair is forgotten; the account's and 10.0.0.8's counters were touched just now
		const keys = db
			.select({ key: s.loginThrottle.key })
			.from(s.loginThrottle)
			.all()
			.map((r) => r.key);
		expect(keys).not.toContain('pair:pf@dgsn.ma|10.0.0.9');
		expect(keys).toContain('pair:pf@dgsn.ma|10.0.0.8');
	});

	it('refuses the session of a disabled account', () => {
		const { token } = createSession(db, userId);
		db.update(s.users).set({ active: false }).where(eq(s.users.id, userId)).run();
		expect(validateSession(db, token)).toBeNull();
	});

	it('forgets a session on sign-out', () => {
		const { token } = createSession(db, userId);
		invalidateSession(db, token);
		expect(validateSession(db, token)).toBeNull();
	});
});

describe('sign-in', () => {
	it('opens a new session with each sign-in, ends the one the browser held, and returns the stored language', async () => {
		const a = await signIn(db, ' PF@dgsn.ma ', 'correct horse', '10.0.0.1');
		expect(a.ok).toBe(true);
		if (!a.ok) return;
		expect(a.user.locale).toBe('ar');
		// the same browser signs in again: it sends its session and device cookies
		const b = await signIn(db, 'pf@dgsn.ma', 'correct horse', { address: '10.0.0.1', sessionToken: a.token, deviceToken: a.deviceToken });
		// another browser, with neither cookie
		const c = await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.0.7');
		expect(b.ok && c.ok).toBe(true);
		if (!b.ok || !c.ok) return;
		expect(b.token).not.toBe(a.token);
		expect(b.deviceToken).toBe(a.deviceToken);
		expect(validateSession(db, a.token)).toBeNull();
		expect(validateSession(db, b.token)).not.toBeNull();
		expect(validateSession(db, c.token)).not.toBeNull();
		// the browser lost its session cookie but kept its device cookie: its older session still ends
		const d = await signIn(db, 'pf@dgsn.ma', 'correct horse', { address: '10.0.0.1', deviceToken: a.deviceToken });
		expect(d.ok).toBe(true);
		expect(validateSession(db, b.token)).toBeNull();
		expect(validateSession(db, c.token)).not.toBeNull();
		expect(db.select().from(s.auditEvents).where(eq(s.auditEvents.action, 'sign_in')).all()).toHaveLength(4);
	});

	it('keeps where a session was opened for the list of sessions', async () => {
		const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
		const r = await signIn(db, 'pf@dgsn.ma', 'correct horse', { address: '10.0.0.1', userAgent: ua });
		expect(r.ok).toBe(true);
		const [row] = listUserSessions(db, userId, r.ok ? r.token : undefined);
		expect(row).toMatchObject({ address: '10.0.0.1', userAgent: ua, current: true });
	});

	it('gives the same answer for an unknown account and a wrong password', async () => {
		const unknown = await signIn(db, 'nobody@x.ma', 'correct horse', '10.0.0.2');
		const wrong = await signIn(db, 'pf@dgsn.ma', 'wrong', '10.0.0.2');
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
	});

	it('makes each further failure from one place wait longer, and only there', async () => {
		const t0 = Date.now();
		const waits: number[] = [];
		let t = t0;
		for (let i = 0; i < 7; i++) {
			const r = await signIn(db, 'pf@dgsn.ma', `bad-${i}`, '10.9.9.9', t);
			expect(r).toEqual({ ok: false, reason: 'invalid' });
			// what the next attempt from there would be told (asked without making one)
			const { waitMs: wait } = lockedFor(db, throttleKeys('pf@dgsn.ma', '10.9.9.9'), false, t);
			waits.push(wait);
			t += wait + 1;
		}
		// three free tries, then 5 s, 10 s, 20 s, 40 s
		expect(waits).toEqual([0, 0, 0, 5000, 10000, 20000, 40000]);
		expect(await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.9.9.9', t - 2)).toMatchObject({ ok: false, reason: 'throttled', retryAfterMs: 1 });
		expect(delayAfter('pair', 40)).toBe(MAX_DELAY_MS);
		// the owner, from their own address, signs in at once with the right password
		expect((await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.0.5', t0 + 1)).ok).toBe(true);
	});

	it("does not lock the user out with another address's failures", async () => {
		// five failures used to lock the account for everyone for 15 minutes
		let t = Date.now();
		for (let i = 1; i <= 10; i++) {
			expect(await signIn(db, 'pf@dgsn.ma', `bad-${i}`, '10.9.9.9', t)).toEqual({ ok: false, reason: 'invalid' });
			if (i < 10) t += delayAfter('pair', i);
		}
		expect(await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.9.9.9', t)).toMatchObject({ ok: false, reason: 'throttled' });
		expect((await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.2.1', t)).ok).toBe(true);
	});

	it('lets the right password through an account slow-down from a browser or address the account knows', async () => {
		const first = await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.0.1');
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		const t = Date.now();
		// a guesser spread over many addresses: no pair is slowed, the account is
		for (let i = 0; i < 12; i++) await signIn(db, 'pf@dgsn.ma', `bad-${i}`, `10.7.0.${i}`, t);
		const stranger = await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.3.3', t);
		expect(stranger).toMatchObject({ ok: false, reason: 'throttled' });
		// the address it signed in from, and its own browser from a new address, get through
		expect((await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.0.1', t)).ok).toBe(true);
		expect((await signIn(db, 'pf@dgsn.ma', 'correct horse', { address: '10.0.4.4', deviceToken: first.deviceToken }, t)).ok).toBe(true);
		// a known place does not help a wrong password
		expect((await signIn(db, 'pf@dgsn.ma', 'bad-again', '10.0.0.1', t)).ok).toBe(false);
	});

	it("keeps the owner's browser out of a guesser's wait behind the same address", async () => {
		const first = await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.0.1');
		if (!first.ok) throw new Error('sign-in failed');
		let t = Date.now();
		// someone else behind the ministry's one address (10.0.0.1) guesses the same account
		for (let i = 0; i < 6; i++) {
			await signIn(db, 'pf@dgsn.ma', `bad-${i}`, '10.0.0.1', t);
			t += 1;
		}
		expect(await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.0.1', t)).toMatchObject({ ok: false, reason: 'throttled' });
		expect((await signIn(db, 'pf@dgsn.ma', 'correct horse', { address: '10.0.0.1', deviceToken: first.deviceToken }, t)).ok).toBe(true);
	});

	it('slows one address spraying over many accounts, except for accounts that signed in from there', async () => {
		expect((await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.5.5.5')).ok).toBe(true);
		db.insert(s.users)
			.values({ email: 'new@dgsn.ma', name: 'Nouveau', role: 'focal_point', institutionId: 1, passwordHash: await hashPassword('another horse') })
			.run();
		const t = Date.now();
		for (let i = 0; i < 51; i++) await signIn(db, `guess-${i}@dgsn.ma`, 'Password1', '10.5.5.5', t);
		// an account that never signed in from there waits; the one that did gets in
		expect(await signIn(db, 'new@dgsn.ma', 'another horse', '10.5.5.5', t)).toMatchObject({ ok: false, reason: 'throttled' });
		expect((await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.5.5.5', t)).ok).toBe(true);
		// and from anywhere else the new account is not held
		expect((await signIn(db, 'new@dgsn.ma', 'another horse', '10.6.6.6', t)).ok).toBe(true);
	});

	it('writes each failed sign-in and each lock to the audit trail', async () => {
		const t = Date.now();
		for (let i = 0; i < 4; i++) await signIn(db, 'pf@dgsn.ma', `bad-${i}`, '10.9.9.9', t + i * 60_000);
		await signIn(db, 'nobody@x.ma', 'x', '10.9.9.9', t);
		const events = (action: string) => db.select().from(s.auditEvents).where(eq(s.auditEvents.action, action)).all();
		const failed = events('sign_in_failed');
		expect(failed).toHaveLength(5);
		expect(failed[0]).toMatchObject({ entity: 'user', entityId: String(userId), userId: null });
		expect(JSON.parse(failed[0]!.after!)).toMatchObject({ address: '10.9.9.9', reason: 'wrong_password' });
		expect(JSON.parse(failed[4]!.after!)).toMatchObject({ email: 'nobody@x.ma', reason: 'unknown_account' });
		const locks = events('sign_in_lock');
		expect(locks).toHaveLength(1);
		expect(JSON.parse(locks[0]!.after!)).toEqual({ scope: 'pair', failures: 4, delaySeconds: 5, address: '10.9.9.9' });
		expect(verifyChain(db).breaks).toEqual([]);
	});
});
