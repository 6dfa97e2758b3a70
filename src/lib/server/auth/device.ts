/**
 * Known clients: a long-lived random device cookie a browser gets at its first successful sign-in,
 * and the addresses an account signed in from. Only the cookie's SHA-256 is stored. Either one lets a
 * correct password through the per-account slow-down (throttle.ts), the way OWASP's "device cookies"
 * keep an attacker from locking the owner out.
 */
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/client';
import { knownClients } from '../db/schema';

export const DEVICE_COOKIE = 'rasd_device';
const DAY = 24 * 60 * 60 * 1000;
/** A browser or address unused this long is no longer known. */
export const KNOWN_CLIENT_TTL_MS = 180 * DAY;

export function knownTo(db: Db, userId: number, address: string, device: string | undefined, now = Date.now()): { device: boolean; address: boolean } {
	const rows = db
		.select({ kind: knownClients.kind })
		.from(knownClients)
		.where(
			and(
				eq(knownClients.userId, userId),
				sql`${knownClients.lastSuccessAt} > ${now - KNOWN_CLIENT_TTL_MS}`,
				or(
					and(eq(knownClients.kind, 'address'), eq(knownClients.value, address)),
					device ? and(eq(knownClients.kind, 'device'), eq(knownClients.value, device)) : undefined
				)
			)
		)
		.all();
	return { device: rows.some((r) => r.kind === 'device'), address: rows.some((r) => r.kind === 'address') };
}

/** Remembers the browser and the address of a successful sign-in. */
export function rememberClient(db: Db, userId: number, address: string, device: string, now = Date.now()): void {
	for (const [kind, value] of [
		['device', device],
		['address', address]
	] as const) {
		db.insert(knownClients)
			.values({ userId, kind, value, lastSuccessAt: now })
			.onConflictDoUpdate({ target: [knownClients.userId, knownClients.kind, knownClients.value], set: { lastSuccessAt: now } })
			.run();
	}
}

export function deleteStaleClients(db: Db, now = Date.now()): number {
	return db
		.delete(knownClients)
		.where(lt(knownClients.lastSuccessAt, now - KNOWN_CLIENT_TTL_MS))
		.run().changes;
}

/** Kept across sign-outs: it names the browser, not a session, and grants nothing by itself. */
export function setDeviceCookie(cookies: Cookies, token: string, secure: boolean, now = Date.now()): void {
	cookies.set(DEVICE_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: new Date(now + 365 * DAY) });
}
