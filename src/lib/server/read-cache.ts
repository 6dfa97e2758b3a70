/**
 * Memoizes read models between writes.
 *
 * The dashboards are read far more often than the plan changes (a validation here and there, read
 * by the whole commission every morning), and at national scale one overview costs tens of
 * milliseconds of SQL. A result is kept until the data it was computed from changes, which the
 * database itself counts: `data_generation.value` (migration 0003) is bumped by triggers on every
 * table the dashboards read, in the same transaction as the change, whoever writes — this server,
 * the seed CLI, an import, another process, a hand-run SQL statement. Nothing has to remember to
 * invalidate; a rolled-back write rolls the count back with it. Sign-ins, sessions, audit rows and
 * drafts do not move it (no dashboard shows them), so they do not empty the cache.
 *
 * On a database without that row (not migrated), the generation falls back to `PRAGMA data_version`
 * (commits by other connections) plus `total_changes()` (this connection's writes): any write at all.
 *
 * Values are deep-frozen: one result is shared by every request that asks the same question, so
 * nobody may edit it in place. Results taken inside an open transaction are not kept (they could
 * include uncommitted rows). `RASD_READ_CACHE=off` bypasses it (benchmarks of the cold path).
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import type Database from 'better-sqlite3';
import type { Db } from './db/client';

/** Entries kept per database (least recently used dropped first). */
export const READ_CACHE_ENTRIES = 256;

interface Store {
	generation: string;
	entries: Map<string, unknown>;
	hits: number;
	misses: number;
	generationOf: () => string;
}

const stores = new WeakMap<Database.Database, Store>();

function generationReader(client: Database.Database): () => string {
	const version = client.prepare('PRAGMA data_version').pluck();
	const changes = client.prepare('SELECT total_changes()').pluck();
	const anyWrite = () => `w${version.get() as number}:${changes.get() as number}`;
	let counter: Database.Statement;
	try {
		counter = client.prepare('SELECT value FROM data_generation WHERE id = 1').pluck();
	} catch {
		return anyWrite;
	}
	return () => {
		const value = counter.get() as number | undefined;
		return value === undefined ? anyWrite() : `g${value}`;
	};
}

function storeOf(client: Database.Database): Store {
	let store = stores.get(client);
	if (!store) {
		store = { generation: '', entries: new Map(), hits: 0, misses: 0, generationOf: generationReader(client) };
		stores.set(client, store);
	}
	return store;
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
	}
	return value;
}

export function readCacheEnabled(): boolean {
	return process.env.RASD_READ_CACHE !== 'off';
}

/**
 * The value of `compute()` for `key` (a stable description of the question: read model and
 * arguments), computed at most once per database generation.
 */
export function cached<T>(db: Db, key: string, compute: () => T): T {
	const client = db.$client;
	if (!readCacheEnabled() || client.inTransaction) return compute();
	const store = storeOf(client);
	const generation = store.generationOf();
	if (generation !== store.generation) {
		store.entries.clear();
		store.generation = generation;
	}
	if (store.entries.has(key)) {
		const value = store.entries.get(key) as T;
		// Map order is insertion order: re-inserting marks it most recently used.
		store.entries.delete(key);
		store.entries.set(key, value);
		store.hits++;
		return value;
	}
	store.misses++;
	const computed = compute();
	// Single flight. A synchronous read model (all of them today: better-sqlite3 blocks) is one
	// computation per miss by construction: no other request runs until it has returned and been
	// kept. An asynchronous one is kept as its promise at once, so the requests that ask while it
	// runs wait for that one computation; a failure is dropped, so the next request tries again.
	// Across `npm start`'s workers each process computes once per generation (caches are per process).
	const value = (
		computed instanceof Promise
			? computed.then(deepFreeze, (e: unknown) => {
					if (store.entries.get(key) === value) store.entries.delete(key);
					throw e;
				})
			: deepFreeze(computed)
	) as T;
	store.entries.set(key, value);
	if (store.entries.size > READ_CACHE_ENTRIES) store.entries.delete(store.entries.keys().next().value!);
	return value;
}

/** `fn` memoized by its arguments after `db` (which must be JSON-serialisable). */
export function memoize<A extends unknown[], T>(name: string, fn: (db: Db, ...args: A) => T): (db: Db, ...args: A) => T {
	return (db, ...args) => cached(db, `${name}${JSON.stringify(args)}`, () => fn(db, ...args));
}

/** Hits, misses and entries of a database's cache (tests, diagnostics). */
export function readCacheStats(db: Db): { hits: number; misses: number; entries: number } {
	const store = stores.get(db.$client);
	return { hits: store?.hits ?? 0, misses: store?.misses ?? 0, entries: store?.entries.size ?? 0 };
}
