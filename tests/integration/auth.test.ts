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
	SESSION_TTL_MS,
	SESSION_RENEW_BEFORE_MS
} from '../../src/lib/server/auth/session';
import { signIn } from '../../src/lib/server/users';
import { MAX_FAILURES_PER_ACCOUNT, THROTTLE_LOCK_MS } from '../../src/lib/server/auth/throttle';

let db: Db;
let cleanup: () => void;
let userId: number;

beforeEach(async () => {
	({ db, cleanup } = createTestDatabase());
	db.insert(s.institutions).values({ code: 'DGSN', nameFr: 'DGSN', kind: 'security' }).run();
	userId = db
		.insert(s.users)
		.values({ email: 'pf@dgsn.ma', name: 'Point focal', role: 'focal_point', institutionId: 1, passwordHash: await hashPassword('correct horse'), locale: 'ar' })
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

	it('deletes an expired session and slides one that is close to expiry', () => {
		const t0 = 1_700_000_000_000;
		const { token } = createSession(db, userId, t0);
		// well before the renewal window: unchanged
		expect(validateSession(db, token, t0 + 1000)?.renewed).toBe(false);
		// inside the renewal window: extended by a full TTL from now
		const later = t0 + SESSION_TTL_MS - SESSION_RENEW_BEFORE_MS + 1000;
		const renewed = validateSession(db, token, later);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.expiresAt).toBe(later + SESSION_TTL_MS);
		// past expiry: refused and removed
		expect(validateSession(db, token, later + SESSION_TTL_MS + 1)).toBeNull();
		expect(db.select().from(s.sessions).all()).toHaveLength(0);
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
	it('opens a new session with each sign-in and returns the stored language', async () => {
		const a = await signIn(db, ' PF@dgsn.ma ', 'correct horse', '10.0.0.1');
		const b = await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.0.1');
		expect(a.ok && b.ok).toBe(true);
		if (!a.ok || !b.ok) return;
		expect(a.token).not.toBe(b.token);
		expect(a.user.locale).toBe('ar');
		expect(db.select().from(s.auditEvents).where(eq(s.auditEvents.action, 'sign_in')).all()).toHaveLength(2);
	});

	it('gives the same answer for an unknown account and a wrong password', async () => {
		const unknown = await signIn(db, 'nobody@x.ma', 'correct horse', '10.0.0.2');
		const wrong = await signIn(db, 'pf@dgsn.ma', 'wrong', '10.0.0.2');
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
	});

	it('locks an account after repeated failures, even with the right password, then lets it in again', async () => {
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
			expect((await signIn(db, 'pf@dgsn.ma', `bad-${i}`, `10.0.1.${i}`)).ok).toBe(false);
		}
		const locked = await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.2.1');
		expect(locked).toMatchObject({ ok: false, reason: 'throttled' });
		if (!locked.ok && locked.reason === 'throttled') expect(locked.retryAfterMs).toBeGreaterThan(THROTTLE_LOCK_MS - 5000);
		// the lock expires
		db.update(s.loginThrottle).set({ lockedUntil: Date.now() - 1 }).run();
		expect((await signIn(db, 'pf@dgsn.ma', 'correct horse', '10.0.2.1')).ok).toBe(true);
	});
});
