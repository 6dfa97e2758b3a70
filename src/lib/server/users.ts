/** The user aggregate: sign-in and the user's own settings. */
import { eq } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { users } from './db/schema';
import { hashPassword, verifyPassword } from './auth/password';
import { createSession } from './auth/session';
import { clearFailures, lockedFor, recordFailure, throttleKeys } from './auth/throttle';
import * as audit from './audit';
import type { Locale } from '../domain/enums';

let dummyHash: Promise<string> | undefined;

export type SignInResult =
	| { ok: true; token: string; expiresAt: number; user: { id: number; locale: Locale; role: string } }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * Checks the credentials and opens a new session. One generic failure for an unknown account, a wrong
 * password or a disabled account, and the same work in each case so timing does not tell them apart.
 */
export async function signIn(db: Db, email: string, password: string, address: string): Promise<SignInResult> {
	const normalized = email.trim().toLowerCase();
	const keys = throttleKeys(normalized, address);
	const wait = lockedFor(db, keys);
	if (wait > 0) return { ok: false, reason: 'throttled', retryAfterMs: wait };

	const user = db.select().from(users).where(eq(users.email, normalized)).get();
	dummyHash ??= hashPassword('not-a-real-password');
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
	if (!user || !valid || !user.active) {
		recordFailure(db, keys);
		return { ok: false, reason: 'invalid' };
	}
	clearFailures(db, keys);
	const session = transaction(db, (tx) => {
		const s = createSession(tx, user.id);
		tx.update(users).set({ lastLoginAt: new Date().toISOString() }).where(eq(users.id, user.id)).run();
		audit.record(tx, { userId: user.id, action: 'sign_in', entity: 'user', entityId: user.id });
		return s;
	});
	return { ok: true, ...session, user: { id: user.id, locale: user.locale, role: user.role } };
}

/** The language a user chose, kept on the account so it follows them to another browser. */
export function setLocale(db: Db, userId: number, locale: Locale): void {
	db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}
