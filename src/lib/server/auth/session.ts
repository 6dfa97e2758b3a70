/**
 * Sessions: a random token in an httpOnly cookie; only its SHA-256 is stored, so the sessions table
 * cannot be replayed as cookies. Expiry slides forward on use; a login always creates a new session.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, ne } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/client';
import { sessions, users, type User } from '../db/schema';

export const SESSION_COOKIE = 'rasd_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 14 * DAY;
/** Renew when less than this remains, so an active user is never logged out mid-work. */
export const SESSION_RENEW_BEFORE_MS = 7 * DAY;

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'institutionId' | 'locale'>;

export function generateToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function createSession(db: Db, userId: number, now = Date.now()): { token: string; expiresAt: number } {
	const token = generateToken();
	const expiresAt = now + SESSION_TTL_MS;
	db.insert(sessions).values({ id: hashToken(token), userId, expiresAt }).run();
	return { token, expiresAt };
}

/**
 * The user of a cookie token, or null for an unknown, malformed, expired or disabled one.
 * Expired sessions are deleted on sight; sessions near expiry are extended.
 */
export function validateSession(
	db: Db,
	token: string,
	now = Date.now()
): { user: SessionUser; expiresAt: number; renewed: boolean } | null {
	// Our tokens are 43 base64url characters; anything else is tampered with and needs no query.
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const id = hashToken(token);
	const row = db
		.select({
			expiresAt: sessions.expiresAt,
			id: users.id,
			email: users.email,
			name: users.name,
			role: users.role,
			institutionId: users.institutionId,
			locale: users.locale,
			active: users.active
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, id))
		.get();
	if (!row) return null;
	if (row.expiresAt <= now || !row.active) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	let expiresAt = row.expiresAt;
	let renewed = false;
	if (expiresAt - now < SESSION_RENEW_BEFORE_MS) {
		expiresAt = now + SESSION_TTL_MS;
		db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
		renewed = true;
	}
	const { expiresAt: _e, active: _a, ...user } = row;
	return { user, expiresAt, renewed };
}

export function invalidateSession(db: Db, token: string): void {
	db.delete(sessions).where(eq(sessions.id, hashToken(token))).run();
}

export function invalidateUserSessions(db: Db, userId: number): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Every session of the user but the one of `keepToken` (a password change keeps the browser that made it). */
export function invalidateOtherSessions(db: Db, userId: number, keepToken: string | undefined): number {
	if (!keepToken) return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
	return db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, hashToken(keepToken)))).run().changes;
}

export function deleteExpiredSessions(db: Db, now = Date.now()): number {
	return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: number, secure: boolean): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
