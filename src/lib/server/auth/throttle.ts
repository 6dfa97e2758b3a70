/**
 * Throttling of failed sign-ins, persisted so a restart does not reset it. Nothing locks an account
 * for everyone: each failure only makes the *next* attempt wait, and the wait grows with the failures.
 *
 * - pair (account × address, or account × browser when the browser's device cookie is known to the
 *   account): a few free tries, then 5 s, 10 s, 20 s … up to 15 minutes. Someone guessing from one
 *   place is slowed there; the owner elsewhere, or on their own browser behind the same NAT, is not.
 * - account (any client): after 10 failures, a slow-down for clients the account never signed in
 *   from. A browser or an address it signed in from before gets through with the right password.
 * - address (any account): after 50 failures, the same slow-down for the accounts that never
 *   signed in from there, so one address spraying a password over many accounts is slowed.
 *
 * A counter is forgotten 24 hours after its last failure; a successful sign-in clears its pair only
 * (clearing the account's counter would hand a distributed guesser ten new free tries).
 */
import { eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginThrottle } from '../db/schema';

const SECOND = 1000;
export const MAX_DELAY_MS = 15 * 60 * SECOND;
export const FORGET_AFTER_MS = 24 * 60 * 60 * SECOND;

export type ThrottleScope = 'pair' | 'account' | 'address';

interface Rule {
	/** failures with no wait after them */
	free: number;
	/** the first wait; each further failure doubles it */
	baseMs: number;
	/** a client the account signed in from before is not held by it */
	bypassable: boolean;
}

export const RULES: Record<ThrottleScope, Rule> = {
	pair: { free: 3, baseMs: 5 * SECOND, bypassable: false },
	account: { free: 10, baseMs: 30 * SECOND, bypassable: true },
	address: { free: 50, baseMs: 5 * SECOND, bypassable: true }
};

export interface ThrottleKey {
	scope: ThrottleScope;
	key: string;
}

/** How long the next attempt must wait after the `failures`-th failure. */
export function delayAfter(scope: ThrottleScope, failures: number): number {
	const { free, baseMs } = RULES[scope];
	if (failures <= free) return 0;
	return Math.min(baseMs * 2 ** Math.min(failures - free - 1, 30), MAX_DELAY_MS);
}

/**
 * The counters one attempt touches. `device` is the hash of a device cookie the account knows: the pair
 * is then the account and that browser, which nobody else at the same address shares.
 */
export function throttleKeys(email: string, address: string, device?: string): ThrottleKey[] {
	const account = email.trim().toLowerCase();
	return [
		{ scope: 'pair', key: `pair:${account}|${device ? `device:${device}` : address}` },
		{ scope: 'account', key: `account:${account}` },
		{ scope: 'address', key: `address:${address}` }
	];
}

/**
 * Milliseconds until the next attempt may be made (0: now), and which counter holds it. A trusted client
 * (one the account signed in from before) is held only by its own pair.
 */
export function lockedFor(db: Db, keys: ThrottleKey[], trusted: boolean, now = Date.now()): { waitMs: number; scope: ThrottleScope | null } {
	const rows = db
		.select()
		.from(loginThrottle)
		.where(
			inArray(
				loginThrottle.key,
				keys.map((k) => k.key)
			)
		)
		.all();
	let waitMs = 0;
	let scope: ThrottleScope | null = null;
	for (const k of keys) {
		if (trusted && RULES[k.scope].bypassable) continue;
		const row = rows.find((r) => r.key === k.key);
		if (!row?.lockedUntil || now - row.lastFailureAt > FORGET_AFTER_MS) continue;
		if (row.lockedUntil - now > waitMs) {
			waitMs = row.lockedUntil - now;
			scope = k.scope;
		}
	}
	return { waitMs, scope };
}

export interface Lock {
	scope: ThrottleScope;
	failures: number;
	delayMs: number;
}

/** Counts a failure on every key; returns the waits it starts (each one a lock for the audit trail). */
export function recordFailure(db: Db, keys: ThrottleKey[], now = Date.now()): Lock[] {
	const locks: Lock[] = [];
	for (const { scope, key } of keys) {
		const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
		const fresh = !row || now - row.lastFailureAt > FORGET_AFTER_MS;
		const failures = fresh ? 1 : row.failures + 1;
		const delayMs = delayAfter(scope, failures);
		const values = { failures, windowStart: fresh ? now : row.windowStart, lockedUntil: delayMs ? now + delayMs : null, lastFailureAt: now };
		db.insert(loginThrottle)
			.values({ key, ...values })
			.onConflictDoUpdate({ target: loginThrottle.key, set: values })
			.run();
		if (delayMs) locks.push({ scope, failures, delayMs });
	}
	return locks;
}

/** After a successful sign-in: that account's pair only (see the module comment). */
export function clearFailures(db: Db, keys: ThrottleKey[]): void {
	const pair = keys.find((k) => k.scope === 'pair');
	if (pair) db.delete(loginThrottle).where(eq(loginThrottle.key, pair.key)).run();
}

/** Forgets counters whose last failure is older than FORGET_AFTER_MS; returns how many. */
export function deleteStaleThrottles(db: Db, now = Date.now()): number {
	return db
		.delete(loginThrottle)
		.where(lt(loginThrottle.lastFailureAt, now - FORGET_AFTER_MS))
		.run().changes;
}
