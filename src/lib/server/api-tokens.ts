/**
 * Open-data API tokens: a user creates them from the profile, sees each once, and revokes them.
 * Only the SHA-256 of a token is stored (with its first characters, to tell tokens apart). A token
 * speaks for its owner while the owner's account is active and the token is not revoked.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { transaction, type Db } from './db/client';
import * as s from './db/schema';
import { record } from './audit';
import { hashToken } from './auth/session';
import type { SessionUser } from './auth/session';

const PREFIX = 'rasd_';
/** rasd_ + 43 base64url characters (32 random bytes) */
const TOKEN_RE = /^rasd_[A-Za-z0-9_-]{43}$/;
/** how long a token's "last used" is left as it is, so reading the API is not a write per request */
const LAST_USED_GRAIN_MS = 60_000;

export interface ApiTokenRow {
	id: number;
	name: string;
	prefix: string;
	createdAt: string;
	lastUsedAt: string | null;
	revokedAt: string | null;
}

/** The user's tokens, newest first, revoked ones included (marked). */
export function list(db: Db, userId: number): ApiTokenRow[] {
	return db
		.select({
			id: s.apiTokens.id,
			name: s.apiTokens.name,
			prefix: s.apiTokens.prefix,
			createdAt: s.apiTokens.createdAt,
			lastUsedAt: s.apiTokens.lastUsedAt,
			revokedAt: s.apiTokens.revokedAt
		})
		.from(s.apiTokens)
		.where(eq(s.apiTokens.userId, userId))
		.orderBy(desc(s.apiTokens.id))
		.all();
}

/** Creates a token for `userId`; the token itself is returned once and never stored. */
export function create(db: Db, userId: number, name: string): { id: number; token: string } {
	const token = PREFIX + randomBytes(32).toString('base64url');
	return transaction(db, (tx) => {
		const row = tx
			.insert(s.apiTokens)
			.values({ userId, name, tokenHash: hashToken(token), prefix: token.slice(0, PREFIX.length + 6) })
			.returning({ id: s.apiTokens.id })
			.get();
		record(tx, { userId, action: 'api_token.create', entity: 'api_token', entityId: row.id, after: { name } });
		return { id: row.id, token };
	});
}

/** Revokes one of the user's own tokens; false when it is not theirs or already revoked. */
export function revoke(db: Db, userId: number, id: number): boolean {
	return transaction(db, (tx) => {
		const done =
			tx
				.update(s.apiTokens)
				.set({ revokedAt: new Date().toISOString() })
				.where(and(eq(s.apiTokens.id, id), eq(s.apiTokens.userId, userId), isNull(s.apiTokens.revokedAt)))
				.run().changes > 0;
		if (done) record(tx, { userId, action: 'api_token.revoke', entity: 'api_token', entityId: id });
		return done;
	});
}

/** The active account a token speaks for, or null (unknown, revoked, or the account deactivated). */
export function authenticate(db: Db, token: string, now = Date.now()): SessionUser | null {
	if (!TOKEN_RE.test(token)) return null;
	const row = db
		.select({
			tokenId: s.apiTokens.id,
			lastUsedAt: s.apiTokens.lastUsedAt,
			revokedAt: s.apiTokens.revokedAt,
			id: s.users.id,
			email: s.users.email,
			name: s.users.name,
			role: s.users.role,
			institutionId: s.users.institutionId,
			locale: s.users.locale,
			active: s.users.active
		})
		.from(s.apiTokens)
		.innerJoin(s.users, eq(s.users.id, s.apiTokens.userId))
		.where(eq(s.apiTokens.tokenHash, hashToken(token)))
		.get();
	if (!row || row.revokedAt || !row.active) return null;
	if (!row.lastUsedAt || now - Date.parse(row.lastUsedAt) > LAST_USED_GRAIN_MS)
		db.run(sql`UPDATE api_tokens SET last_used_at = ${new Date(now).toISOString()} WHERE id = ${row.tokenId}`);
	return { id: row.id, email: row.email, name: row.name, role: row.role, institutionId: row.institutionId, locale: row.locale };
}
