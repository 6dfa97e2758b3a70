/**
 * Sessions: a random token in an httpOnly cookie; only its SHA-256 is stored, so the sessions table
 * cannot be replayed as cookies. A session ends at the first of two deadlines: 30 days after sign-in
 * (absolute, nothing extends it) or 12 hours without a request (idle). A sign-in always creates a new
 * session and ends the one the same browser held.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/client';
import { sessions, users, type User } from '../db/schema';

export const SESSION_COOKIE = 'rasd_session';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** No use extends a session past this, counted from sign-in. */
export const SESSION_ABSOLUTE_MS = 30 * DAY;
/** A session unused this long ends: a browser left signed in overnight on a shared desk does not stay open. */
export const SESSION_IDLE_MS = 12 * HOUR;
/** `last_seen_at` is written at most this often, so reading pages does not write on every request. */
export const SESSION_TOUCH_EVERY_MS = 5 * MINUTE;

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'institutionId' | 'locale'>;

/** Where a session was opened, shown on the user's list of sessions. */
export interface SessionClient {
	address?: string;
	userAgent?: string;
	/** SHA-256 of the browser's device cookie */
	device?: string;
}

export function generateToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Our tokens are 43 base64url characters; anything else is tampered with and needs no query. */
export function isToken(token: string | undefined): token is string {
	return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function createSession(
	db: Db,
	userId: number,
	now = Date.now(),
	client: SessionClient = {}
): { token: string; expiresAt: number; absoluteExpiresAt: number } {
	const token = generateToken();
	const absoluteExpiresAt = now + SESSION_ABSOLUTE_MS;
	const expiresAt = Math.min(now + SESSION_IDLE_MS, absoluteExpiresAt);
	db.insert(sessions)
		.values({
			id: hashToken(token),
			userId,
			expiresAt,
			absoluteExpiresAt,
			lastSeenAt: now,
			address: client.address?.slice(0, 64) ?? null,
			userAgent: client.userAgent?.slice(0, 300) ?? null,
			device: client.device ?? null
		})
		.run();
	return { token, expiresAt, absoluteExpiresAt };
}

/**
 * The user of a cookie token, or null for an unknown, malformed, expired or disabled one.
 * Expired sessions are deleted on sight; a used session's idle deadline moves forward.
 */
export function validateSession(
	db: Db,
	token: string,
	now = Date.now()
): { user: SessionUser; id: string; expiresAt: number; absoluteExpiresAt: number; touched: boolean } | null {
	if (!isToken(token)) return null;
	const id = hashToken(token);
	const row = db
		.select({
			expiresAt: sessions.expiresAt,
			absoluteExpiresAt: sessions.absoluteExpiresAt,
			lastSeenAt: sessions.lastSeenAt,
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
	if (row.expiresAt <= now || row.absoluteExpiresAt <= now || !row.active) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	let expiresAt = row.expiresAt;
	let touched = false;
	if (now - row.lastSeenAt >= SESSION_TOUCH_EVERY_MS) {
		expiresAt = Math.min(now + SESSION_IDLE_MS, row.absoluteExpiresAt);
		db.update(sessions).set({ expiresAt, lastSeenAt: now }).where(eq(sessions.id, id)).run();
		touched = true;
	}
	const { expiresAt: _e, absoluteExpiresAt, lastSeenAt: _l, active: _a, ...user } = row;
	return { user, id, expiresAt, absoluteExpiresAt, touched };
}

export function invalidateSession(db: Db, token: string): void {
	db.delete(sessions)
		.where(eq(sessions.id, hashToken(token)))
		.run();
}

export function invalidateUserSessions(db: Db, userId: number): number {
	return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

/** Every session of the user but the one of `keepToken` (a password change keeps the browser that made it). */
export function invalidateOtherSessions(db: Db, userId: number, keepToken: string | undefined): number {
	if (!keepToken) return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
	return db
		.delete(sessions)
		.where(and(eq(sessions.userId, userId), ne(sessions.id, hashToken(keepToken))))
		.run().changes;
}

/** One session of the user, by its id (the token's hash, as listed): never another user's. */
export function endUserSession(db: Db, userId: number, sessionId: string): number {
	return db
		.delete(sessions)
		.where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
		.run().changes;
}

export interface SessionRow {
	id: string;
	createdAt: string;
	lastSeenAt: number;
	expiresAt: number;
	absoluteExpiresAt: number;
	address: string | null;
	userAgent: string | null;
	current: boolean;
}

/** The user's open sessions: the one of `currentToken` first and marked, then the most recently used. */
export function listUserSessions(db: Db, userId: number, currentToken: string | undefined, now = Date.now()): SessionRow[] {
	const current = isToken(currentToken) ? hashToken(currentToken) : null;
	return db
		.select({
			id: sessions.id,
			createdAt: sessions.createdAt,
			lastSeenAt: sessions.lastSeenAt,
			expiresAt: sessions.expiresAt,
			absoluteExpiresAt: sessions.absoluteExpiresAt,
			address: sessions.address,
			userAgent: sessions.userAgent
		})
		.from(sessions)
		.where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now)))
		.orderBy(sql`${sessions.id} = ${current ?? ''} DESC`, desc(sessions.lastSeenAt))
		.all()
		.map((s) => ({ ...s, current: s.id === current }));
}

/** Deletes every session past its idle or absolute deadline; returns how many. */
export function deleteExpiredSessions(db: Db, now = Date.now()): number {
	return db
		.delete(sessions)
		.where(or(lt(sessions.expiresAt, now + 1), lt(sessions.absoluteExpiresAt, now + 1)))
		.run().changes;
}

/** The cookie lives as long as the session may (its absolute deadline); the server enforces the idle one. */
export function setSessionCookie(cookies: Cookies, token: string, absoluteExpiresAt: number, secure: boolean): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: new Date(absoluteExpiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
