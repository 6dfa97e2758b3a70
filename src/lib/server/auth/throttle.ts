/**
 * Throttling of failed sign-ins, per account and per client address, persisted so a restart does not
 * reset it. After MAX failures within the window the key is locked for LOCK_MS.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginThrottle } from '../db/schema';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_LOCK_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export function throttleKeys(email: string, address: string): { key: string; max: number }[] {
	return [
		{ key: `email:${email.trim().toLowerCase()}`, max: MAX_FAILURES_PER_ACCOUNT },
		{ key: `ip:${address}`, max: MAX_FAILURES_PER_ADDRESS }
	];
}

/** Milliseconds until the first locked key unlocks, or 0 when sign-in may be tried. */
export function lockedFor(db: Db, keys: { key: string }[], now = Date.now()): number {
	let wait = 0;
	for (const { key } of keys) {
		const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
		if (row?.lockedUntil && row.lockedUntil > now) wait = Math.max(wait, row.lockedUntil - now);
	}
	return wait;
}

export function recordFailure(db: Db, keys: { key: string; max: number }[], now = Date.now()): void {
	for (const { key, max } of keys) {
		const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
		const fresh = !row || now - row.windowStart > THROTTLE_WINDOW_MS;
		const failures = fresh ? 1 : row.failures + 1;
		const lockedUntil = failures >= max ? now + THROTTLE_LOCK_MS : null;
		db.insert(loginThrottle)
			.values({ key, failures, windowStart: fresh ? now : row.windowStart, lockedUntil })
			.onConflictDoUpdate({
				target: loginThrottle.key,
				set: { failures, windowStart: fresh ? now : row!.windowStart, lockedUntil }
			})
			.run();
	}
}

export function clearFailures(db: Db, keys: { key: string }[]): void {
	// Only the account's counter: a success must not unlock an address that is guessing other accounts.
	const account = keys.find((k) => k.key.startsWith('email:'));
	if (account) db.delete(loginThrottle).where(eq(loginThrottle.key, account.key)).run();
}
