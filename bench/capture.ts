/**
 * The SQL drizzle really runs, captured from better-sqlite3's `prepare` with the parameters it was run
 * with, and EXPLAIN QUERY PLAN of it as an indented tree.
 */
import type { Db } from '../src/lib/server/db/client';

export interface Captured {
	sql: string;
	params: unknown[];
}

/**
 * Runs `fn` with `db.$client.prepare` wrapped, and returns every statement prepared (drizzle prepares each
 * query through it) with the parameters it was run with.
 */
export function captureQueries(db: Db, fn: () => void): Captured[] {
	const client = db.$client;
	const original = client.prepare;
	const captured: Captured[] = [];
	const wrap = (stmt: object, entry: Captured): object => {
		const proxy: object = new Proxy(stmt, {
			get(target, prop) {
				const value = Reflect.get(target, prop, target) as unknown;
				if (typeof value !== 'function') return value;
				if (prop === 'all' || prop === 'get' || prop === 'run' || prop === 'iterate') {
					return (...params: unknown[]) => {
						entry.params = params;
						return (value as (...a: unknown[]) => unknown).apply(target, params);
					};
				}
				// raw(), pluck(), expand(), safeIntegers() return the statement: keep returning the proxy
				return (...a: unknown[]) => {
					const out = (value as (...a: unknown[]) => unknown).apply(target, a);
					return out === target ? proxy : out;
				};
			}
		});
		return proxy;
	};
	Object.defineProperty(client, 'prepare', {
		configurable: true,
		writable: true,
		value: (source: string) => {
			const entry: Captured = { sql: source, params: [] };
			captured.push(entry);
			return wrap(original.call(client, source), entry);
		}
	});
	try {
		fn();
	} finally {
		delete (client as unknown as Record<string, unknown>).prepare;
	}
	return captured;
}

/** EXPLAIN QUERY PLAN as an indented tree. */
export function explain(db: Db, q: Captured): string {
	const rows = db.$client.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { id: number; parent: number; detail: string }[];
	const depth = new Map<number, number>([[0, 0]]);
	return rows
		.map((r) => {
			const d = (depth.get(r.parent) ?? 0) + 1;
			depth.set(r.id, d);
			return `${'   '.repeat(d)}${r.detail}`;
		})
		.join('\n');
}
