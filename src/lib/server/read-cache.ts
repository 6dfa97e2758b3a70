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
 * The count is kept per domain of data too (`data_generation_domains`, migration 0025: plan,
 * progress, values, roll-out), and each read model names the domains it reads: a write clears only
 * the models whose data it changed. A validated indicator value leaves the overview cached; a
 * validated progress update leaves the indicator explorer and search cached.
 * tests/integration/read-cache.test.ts checks each model's declared domains against the tables its
 * SQL really reads.
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

/** The domains of data a read model may read (the rows of `data_generation_domains`). */
export const DOMAINS = ['plan', 'progress', 'values', 'rollout'] as const;
export type Domain = (typeof DOMAINS)[number];

interface Entry {
	value: unknown;
	/** the counts of the entry's domains when it was computed */
	stamp: string;
}

interface Store {
	entries: Map<string, Entry>;
	hits: number;
	misses: number;
	/** the current count of each domain */
	countsOf: () => Record<Domain, string>;
}

const stores = new WeakMap<Database.Database, Store>();

function countsReader(client: Database.Database): () => Record<Domain, string> {
	const version = client.prepare('PRAGMA data_version').pluck();
	const changes = client.prepare('SELECT total_changes()').pluck();
	const same = (v: string) => Object.fromEntries(DOMAINS.map((d) => [d, v])) as Record<Domain, string>;
	// Not migrated: any write at all moves every domain.
	const anyWrite = () => same(`w${version.get() as number}:${changes.get() as number}`);
	let counts: Database.Statement;
	try {
		counts = client.prepare('SELECT domain, value FROM data_generation_domains').raw();
	} catch {
		return anyWrite;
	}
	return () => {
		const rows = counts.all() as [Domain, number][];
		if (rows.length < DOMAINS.length) return anyWrite();
		return Object.fromEntries(rows.map(([d, v]) => [d, `g${v}`])) as Record<Domain, string>;
	};
}

function storeOf(client: Database.Database): Store {
	let store = stores.get(client);
	if (!store) {
		store = { entries: new Map(), hits: 0, misses: 0, countsOf: countsReader(client) };
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
 * arguments), computed at most once while none of `domains` changes.
 */
export function cached<T>(db: Db, key: string, domains: readonly Domain[], compute: () => T): T {
	const client = db.$client;
	if (!readCacheEnabled() || client.inTransaction) return compute();
	const store = storeOf(client);
	const counts = store.countsOf();
	// Taken before computing: a write another process commits meanwhile makes the next read compute again.
	const stamp = domains.map((d) => counts[d]).join(':');
	const entry = store.entries.get(key);
	if (entry) {
		// Map order is insertion order: re-inserting marks it most recently used (or drops a stale one).
		store.entries.delete(key);
		if (entry.stamp === stamp) {
			store.entries.set(key, entry);
			store.hits++;
			return entry.value as T;
		}
	}
	store.misses++;
	const computed = compute();
	// Single flight. A synchronous read model (all of them today: better-sqlite3 blocks) is one
	// computation per miss by construction: no other request runs until it has returned and been
	// kept. An asynchronous one is kept as its promise at once, so the requests that ask while it
	// runs wait for that one computation; a failure is dropped, so the next request tries again.
	// Across `npm start`'s workers each process computes once per change (caches are per process).
	const kept: Entry = { stamp, value: undefined };
	kept.value =
		computed instanceof Promise
			? computed.then(deepFreeze, (e: unknown) => {
					if (store.entries.get(key) === kept) store.entries.delete(key);
					throw e;
				})
			: deepFreeze(computed);
	store.entries.set(key, kept);
	if (store.entries.size > READ_CACHE_ENTRIES) store.entries.delete(store.entries.keys().next().value!);
	return kept.value as T;
}

/** Every memoized model by name: the domains it declares and its uncached function (the read-cache test checks them). */
export const models = new Map<string, { domains: readonly Domain[]; fn: (db: Db, ...args: unknown[]) => unknown }>();

/** `fn` memoized by its arguments after `db` (which must be JSON-serialisable), until one of `domains` changes. */
export function memoize<A extends unknown[], T>(name: string, domains: readonly Domain[], fn: (db: Db, ...args: A) => T): (db: Db, ...args: A) => T {
	models.set(name, { domains, fn: fn as unknown as (db: Db, ...args: unknown[]) => unknown });
	return (db, ...args) => cached(db, `${name}${JSON.stringify(args)}`, domains, () => fn(db, ...args));
}

/** Hits, misses and entries of a database's cache (tests, diagnostics). */
export function readCacheStats(db: Db): { hits: number; misses: number; entries: number } {
	const store = stores.get(db.$client);
	return { hits: store?.hits ?? 0, misses: store?.misses ?? 0, entries: store?.entries.size ?? 0 };
}
