/** The user aggregate: sign-in, the user's own settings, and the accounts an administrator manages. */
import { and, asc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { institutions, passwordTokens, sessions, users, type User } from './db/schema';
import { hashPassword, verifyPassword } from './auth/password';
import { createSession, generateToken, hashToken, invalidateOtherSessions, invalidateUserSessions, isToken } from './auth/session';
import { knownTo, rememberClient } from './auth/device';
import { conflict, invalid, notFound, nowIso, wrongState, type WriteResult } from './write-result';
import type { InviteInput, UpdateUserInput } from '../schemas/user';
import { clearFailures, lockedFor, recordFailure, throttleKeys } from './auth/throttle';
import * as audit from './audit';
import type { Locale } from '../domain/enums';

let dummyHash: Promise<string> | undefined;

export type SignInResult =
	| { ok: true; token: string; expiresAt: number; absoluteExpiresAt: number; deviceToken: string; user: { id: number; locale: Locale; role: string } }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

/** What the sign-in request carries besides the credentials. */
export interface SignInClient {
	address: string;
	userAgent?: string | null;
	/** the browser's device cookie, if it has one */
	deviceToken?: string;
	/** the browser's current session cookie: it ends, a sign-in always opens a new session */
	sessionToken?: string;
}

/**
 * Checks the credentials and opens a new session. One generic failure for an unknown account, a wrong
 * password or a disabled account, and the same work in each case so timing does not tell them apart.
 * Each failure and each wait it starts goes to the audit trail; throttled attempts are refused
 * before any password is checked.
 */
export async function signIn(db: Db, email: string, password: string, clientOrAddress: SignInClient | string, now = Date.now()): Promise<SignInResult> {
	const client: SignInClient = typeof clientOrAddress === 'string' ? { address: clientOrAddress } : clientOrAddress;
	const normalized = email.trim().toLowerCase();
	const user = db.select().from(users).where(eq(users.email, normalized)).get();
	const device = isToken(client.deviceToken) ? hashToken(client.deviceToken) : undefined;
	const known = user ? knownTo(db, user.id, client.address, device, now) : { device: false, address: false };
	const keys = throttleKeys(normalized, client.address, known.device ? device : undefined);
	const { waitMs } = lockedFor(db, keys, known.device || known.address, now);
	if (waitMs > 0) return { ok: false, reason: 'throttled', retryAfterMs: waitMs };

	dummyHash ??= hashPassword('not-a-real-password');
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
	if (!user || !valid || !user.active) {
		const reason = !user ? 'unknown_account' : !valid ? 'wrong_password' : 'inactive';
		transaction(db, (tx) => {
			const locks = recordFailure(tx, keys, now);
			// The typed address is kept (cut short) even for an unknown account: a sweep over many names shows.
			const entityId = user ? user.id : normalized.slice(0, 120);
			audit.record(tx, {
				userId: null,
				action: 'sign_in_failed',
				entity: 'user',
				entityId,
				after: { email: normalized.slice(0, 120), address: client.address, reason, knownClient: known.device || known.address }
			});
			for (const lock of locks) {
				audit.record(tx, {
					userId: null,
					action: 'sign_in_lock',
					entity: 'user',
					entityId,
					after: { scope: lock.scope, failures: lock.failures, delaySeconds: Math.round(lock.delayMs / 1000), address: client.address }
				});
			}
		});
		return { ok: false, reason: 'invalid' };
	}
	const deviceToken = isToken(client.deviceToken) ? client.deviceToken : generateToken();
	const session = transaction(db, (tx) => {
		clearFailures(tx, keys);
		rememberClient(tx, user.id, client.address, hashToken(deviceToken), now);
		// Rotation: the browser's previous session (whoever it was for) and any older one this browser held for this account end.
		let ended =
			client.sessionToken && isToken(client.sessionToken)
				? tx
						.delete(sessions)
						.where(eq(sessions.id, hashToken(client.sessionToken)))
						.run().changes
				: 0;
		ended += tx
			.delete(sessions)
			.where(and(eq(sessions.userId, user.id), eq(sessions.device, hashToken(deviceToken))))
			.run().changes;
		const s = createSession(tx, user.id, now, { address: client.address, userAgent: client.userAgent ?? undefined, device: hashToken(deviceToken) });
		tx.update(users)
			.set({ lastLoginAt: new Date(now).toISOString() })
			.where(eq(users.id, user.id))
			.run();
		audit.record(tx, {
			userId: user.id,
			action: 'sign_in',
			entity: 'user',
			entityId: user.id,
			after: { address: client.address, knownClient: known.device || known.address, sessionsEnded: ended }
		});
		return s;
	});
	return { ok: true, ...session, deviceToken, user: { id: user.id, locale: user.locale, role: user.role } };
}

/** The language a user chose, kept on the account so it follows them to another browser. */
export function setLocale(db: Db, userId: number, locale: Locale, via: 'switcher' | 'profile' = 'switcher'): void {
	// Audited when the account's setting changes; a signed-out visitor's choice is only a cookie, so
	// an anonymous client cannot fill the trail.
	transaction(db, (tx) => {
		const before = tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get();
		if (!before || before.locale === locale) return;
		tx.update(users).set({ locale }).where(eq(users.id, userId)).run();
		audit.record(tx, { userId, action: 'set_locale', entity: 'user', entityId: userId, before, after: { locale, via } });
	});
}

/** The user's own choice on /profile: notices by e-mail too, or in the app only. Audited when it changes. */
export function setEmailNotices(db: Db, userId: number, on: boolean): void {
	transaction(db, (tx) => {
		const before = tx.select({ emailNotices: users.emailNotices }).from(users).where(eq(users.id, userId)).get();
		if (!before || before.emailNotices === on) return;
		tx.update(users).set({ emailNotices: on }).where(eq(users.id, userId)).run();
		audit.record(tx, { userId, action: 'set_email_notices', entity: 'user', entityId: userId, before, after: { emailNotices: on } });
	});
}

export function emailNoticesOf(db: Db, userId: number): boolean {
	return db.select({ on: users.emailNotices }).from(users).where(eq(users.id, userId)).get()?.on ?? false;
}

/** What an administrator sees of an account: never the password hash. */
const publicColumns = {
	id: users.id,
	email: users.email,
	name: users.name,
	role: users.role,
	institutionId: users.institutionId,
	institutionCode: institutions.code,
	locale: users.locale,
	active: users.active,
	isDemo: users.isDemo,
	lastLoginAt: users.lastLoginAt,
	version: users.version,
	createdAt: users.createdAt,
	/** no password yet: the invitation link has not been used */
	pending: sql<boolean>`${users.passwordHash} = '!'`.mapWith(Boolean)
};
export type AccountRow = Awaited<ReturnType<typeof list>>[number];

/** Accounts, searched by name, e-mail or institution code; active first, then by name. */
export function list(db: Db, f: { q?: string; role?: User['role']; status?: 'active' | 'inactive' } = {}) {
	const q = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : undefined;
	return db
		.select(publicColumns)
		.from(users)
		.leftJoin(institutions, eq(institutions.id, users.institutionId))
		.where(
			and(
				q
					? or(sql`${users.name} LIKE ${q} ESCAPE '\\'`, sql`${users.email} LIKE ${q} ESCAPE '\\'`, sql`${institutions.code} LIKE ${q} ESCAPE '\\'`)
					: undefined,
				f.role ? eq(users.role, f.role) : undefined,
				f.status ? eq(users.active, f.status === 'active') : undefined
			)
		)
		.orderBy(sql`${users.active} DESC`, asc(users.name))
		.all();
}

export function get(db: Db, id: number) {
	return db.select(publicColumns).from(users).leftJoin(institutions, eq(institutions.id, users.institutionId)).where(eq(users.id, id)).get();
}

/** A password hash no password matches: the account exists but cannot sign in until a link is used. */
const NO_PASSWORD = '!';
export const PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;

function activeAdminsOtherThan(db: Db, id: number): number {
	return db
		.select({ n: sql<number>`count(*)` })
		.from(users)
		.where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, id)))
		.get()!.n;
}

function institutionError(db: Db, institutionId: number | undefined): string | null {
	if (institutionId === undefined) return null;
	const inst = db.select({ active: institutions.active }).from(institutions).where(eq(institutions.id, institutionId)).get();
	return inst?.active ? null : 'err_institution_unknown';
}

/** Replaces any unused link of the user by a new one; the plain token leaves this function once, to be shown. */
function issuePasswordLink(tx: Db, userId: number, purpose: 'invite' | 'reset', createdBy: number, now: number): { token: string; expiresAt: number } {
	tx.delete(passwordTokens)
		.where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)))
		.run();
	const token = generateToken();
	const expiresAt = now + PASSWORD_LINK_TTL_MS;
	tx.insert(passwordTokens)
		.values({ id: hashToken(token), userId, purpose, expiresAt, createdBy })
		.run();
	return { token, expiresAt };
}

/** Creates the account without a password and returns the one-time link (72 hours) that sets it. */
export function invite(db: Db, actorId: number, input: InviteInput, now = Date.now()): WriteResult<{ id: number; token: string; expiresAt: number }> {
	return transaction(db, (tx) => {
		const errors: Record<string, string> = {};
		if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) errors.email = 'err_email_taken';
		const inst = institutionError(tx, input.institutionId);
		if (inst) errors.institutionId = inst;
		if (Object.keys(errors).length) return invalid(errors);
		const row = tx
			.insert(users)
			.values({
				email: input.email,
				name: input.name,
				role: input.role,
				institutionId: input.institutionId ?? null,
				locale: input.locale,
				passwordHash: NO_PASSWORD
			})
			.returning({ id: users.id })
			.get();
		const link = issuePasswordLink(tx, row.id, 'invite', actorId, now);
		audit.record(tx, { userId: actorId, action: 'invite', entity: 'user', entityId: row.id, after: { ...input } });
		return { ok: true, value: { id: row.id, ...link } };
	});
}

type Guarded<T> = WriteResult<T> | { ok: false; kind: 'last_admin' };

/** Name, role and institution. The last active administrator keeps the admin role. */
export function update(db: Db, actorId: number, input: UpdateUserInput): Guarded<{ id: number }> {
	return transaction(db, (tx) => {
		const before = get(tx, input.id);
		if (!before) return notFound();
		if (before.version !== input.version) return conflict(before);
		if (before.role === 'admin' && input.role !== 'admin' && before.active && activeAdminsOtherThan(tx, before.id) === 0)
			return { ok: false, kind: 'last_admin' } as const;
		const inst = input.institutionId !== before.institutionId ? institutionError(tx, input.institutionId) : null;
		if (inst) return invalid({ institutionId: inst });
		tx.update(users)
			.set({ name: input.name, role: input.role, institutionId: input.institutionId ?? null, version: before.version + 1, updatedAt: nowIso() })
			.where(eq(users.id, before.id))
			.run();
		audit.record(tx, { userId: actorId, action: 'update', entity: 'user', entityId: before.id, before, after: get(tx, before.id) });
		return { ok: true, value: { id: before.id } };
	});
}

/**
 * Deactivation ends every session at once and voids unused links; the account and everything it
 * wrote stay (reports keep their author). The last active administrator cannot be deactivated.
 */
export function deactivate(db: Db, actorId: number, ref: { id: number; version: number }): Guarded<{ sessionsEnded: number }> {
	return transaction(db, (tx) => {
		const before = get(tx, ref.id);
		if (!before) return notFound();
		if (before.version !== ref.version) return conflict(before);
		if (!before.active) return wrongState('inactive');
		if (before.role === 'admin' && activeAdminsOtherThan(tx, before.id) === 0) return { ok: false, kind: 'last_admin' } as const;
		tx.update(users)
			.set({ active: false, version: before.version + 1, updatedAt: nowIso() })
			.where(eq(users.id, before.id))
			.run();
		const sessionsEnded = invalidateOtherSessions(tx, before.id, undefined);
		tx.delete(passwordTokens)
			.where(and(eq(passwordTokens.userId, before.id), isNull(passwordTokens.usedAt)))
			.run();
		audit.record(tx, { userId: actorId, action: 'deactivate', entity: 'user', entityId: before.id, before, after: { active: false, sessionsEnded } });
		return { ok: true, value: { sessionsEnded } };
	});
}

export function reactivate(db: Db, actorId: number, ref: { id: number; version: number }): WriteResult<{ id: number }> {
	return transaction(db, (tx) => {
		const before = get(tx, ref.id);
		if (!before) return notFound();
		if (before.version !== ref.version) return conflict(before);
		if (before.active) return wrongState('active');
		tx.update(users)
			.set({ active: true, version: before.version + 1, updatedAt: nowIso() })
			.where(eq(users.id, before.id))
			.run();
		audit.record(tx, { userId: actorId, action: 'reactivate', entity: 'user', entityId: before.id, before, after: { active: true } });
		return { ok: true, value: { id: before.id } };
	});
}

/**
 * An administrator's reset: the old password stops working, every session ends, and a new one-time
 * link (72 hours) is returned for the administrator to pass on.
 */
export function resetPassword(
	db: Db,
	actorId: number,
	ref: { id: number; version: number },
	now = Date.now()
): WriteResult<{ token: string; expiresAt: number; sessionsEnded: number }> {
	return transaction(db, (tx) => {
		const before = get(tx, ref.id);
		if (!before) return notFound();
		if (before.version !== ref.version) return conflict(before);
		if (!before.active) return wrongState('inactive');
		tx.update(users)
			.set({ passwordHash: NO_PASSWORD, version: before.version + 1, updatedAt: nowIso() })
			.where(eq(users.id, before.id))
			.run();
		const sessionsEnded = invalidateOtherSessions(tx, before.id, undefined);
		const link = issuePasswordLink(tx, before.id, 'reset', actorId, now);
		audit.record(tx, { userId: actorId, action: 'reset_password', entity: 'user', entityId: before.id, after: { sessionsEnded } });
		return { ok: true, value: { ...link, sessionsEnded } };
	});
}

/** The account a set-password link opens, or null when the link is unknown, used, expired or the account inactive. */
export function passwordLink(db: Db, token: string, now = Date.now()) {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const row = db
		.select({
			userId: users.id,
			name: users.name,
			email: users.email,
			locale: users.locale,
			active: users.active,
			purpose: passwordTokens.purpose,
			expiresAt: passwordTokens.expiresAt,
			usedAt: passwordTokens.usedAt
		})
		.from(passwordTokens)
		.innerJoin(users, eq(users.id, passwordTokens.userId))
		.where(eq(passwordTokens.id, hashToken(token)))
		.get();
	if (!row || row.usedAt || row.expiresAt <= now || !row.active) return null;
	return row;
}

/** Uses a link once: sets the password and ends any session the account still had. */
export async function setPasswordWithLink(db: Db, token: string, password: string, now = Date.now()): Promise<{ ok: true; email: string } | { ok: false }> {
	if (!passwordLink(db, token, now)) return { ok: false };
	const hash = await hashPassword(password);
	return transaction(db, (tx) => {
		// Checked again inside the transaction: two tabs using the same link, only one wins.
		const link = passwordLink(tx, token, now);
		if (!link) return { ok: false } as const;
		tx.update(passwordTokens)
			.set({ usedAt: nowIso() })
			.where(eq(passwordTokens.id, hashToken(token)))
			.run();
		tx.update(users)
			.set({ passwordHash: hash, version: sql`${users.version} + 1`, updatedAt: nowIso() })
			.where(eq(users.id, link.userId))
			.run();
		invalidateUserSessions(tx, link.userId);
		audit.record(tx, { userId: link.userId, action: link.purpose === 'invite' ? 'accept_invite' : 'set_password', entity: 'user', entityId: link.userId });
		return { ok: true, email: link.email } as const;
	});
}

/** A user's own change: the current password is required, and every other session ends. */
export async function changePassword(
	db: Db,
	userId: number,
	current: string,
	next: string,
	keepToken: string | undefined
): Promise<{ ok: true; sessionsEnded: number } | { ok: false; errors: Record<string, string> }> {
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user || !(await verifyPassword(user.passwordHash, current))) return { ok: false, errors: { current: 'err_password_wrong' } };
	const hash = await hashPassword(next);
	return transaction(db, (tx) => {
		tx.update(users)
			.set({ passwordHash: hash, version: sql`${users.version} + 1`, updatedAt: nowIso() })
			.where(eq(users.id, userId))
			.run();
		const sessionsEnded = invalidateOtherSessions(tx, userId, keepToken);
		audit.record(tx, { userId, action: 'change_password', entity: 'user', entityId: userId, after: { sessionsEnded } });
		return { ok: true, sessionsEnded } as const;
	});
}
