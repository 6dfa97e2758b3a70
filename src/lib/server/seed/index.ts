/**
 * Seeding a database: the public record, then (optionally) the demonstration data, all in one transaction,
 * once. A database that carries `meta.seeded_at` is never seeded again, so restarting the app (or running
 * the CLI twice) changes nothing and keeps what users wrote.
 *
 * Relative imports only: the seed CLI runs under tsx, outside Vite's `$lib` alias.
 */
import { eq, sql } from 'drizzle-orm';
import { transaction, type Db } from '../db/client';
import * as s from '../db/schema';
import { hashPassword } from '../auth/password';
import { loadSeedFiles } from './load';
import { insertPublic } from './public';
import { DEMO_TODAY, insertDemo, publishDemoReports, type DemoHashes } from './demo';
import type { SeedFiles } from '../../schemas/seed';

export { loadSeedFiles, SeedFileError } from './load';
export { DEMO_TODAY, DEMO_SEED } from './demo';

/** Bumped when the seed files or the generator change in a way a reseed would show. */
export const SEED_VERSION = '2026.11.1';

export type SeedKind = 'demo' | 'public';

export interface SeedOptions {
	/** also generate the demonstration plan, values and accounts */
	demo: boolean;
	/** folder of the seed files, relative to the working directory (default `seed`) */
	dir?: string;
	log?: (line: string) => void;
	/** publish the demonstration reports (default true); off where the database predates the reports tables */
	demoReports?: boolean;
}

/** Rows per table, as they stand after seeding. */
export type SeedCounts = Record<string, number>;

export interface SeedResult {
	seeded: boolean;
	kind?: SeedKind;
	counts: SeedCounts;
}

/** Tables reported in the counts, in a readable order. */
const COUNTED: Record<string, string> = {
	regions: 'regions',
	institutions: 'institutions',
	plans: 'plans',
	axes: 'axes',
	objectives: 'objectives',
	measures: 'measures',
	indicators: 'indicators',
	indicatorValues: 'indicator_values',
	progressUpdates: 'progress_updates',
	regionStages: 'measure_region_stages',
	recommendations: 'recommendations',
	recommendationLinks: 'recommendation_measures',
	partnerProjects: 'partner_projects',
	reportingPeriods: 'reporting_periods',
	reports: 'reports',
	users: 'users'
};

export function countRows(db: Db): SeedCounts {
	const counts: SeedCounts = {};
	for (const [key, table] of Object.entries(COUNTED)) {
		counts[key] = db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM "${table}"`))!.n;
	}
	return counts;
}

export function seededAt(db: Db): string | null {
	return db.select({ value: s.meta.value }).from(s.meta).where(eq(s.meta.key, 'seeded_at')).get()?.value ?? null;
}

// argon2 is deliberately slow: hash each demo password once per process (tests seed many databases).
const hashCache = new Map<string, Promise<string>>();
function cachedHash(password: string): Promise<string> {
	let h = hashCache.get(password);
	if (!h) {
		h = hashPassword(password);
		hashCache.set(password, h);
	}
	return h;
}

async function demoHashes(files: SeedFiles): Promise<DemoHashes> {
	const passwords = [...new Set(files.demoAccounts.accounts.map((a) => a.password))];
	const hashed = await Promise.all(passwords.map(cachedHash));
	return {
		byPassword: new Map(passwords.map((p, i) => [p, hashed[i]!])),
		shared: await cachedHash(files.demoAccounts.generatedFocalPoints.password)
	};
}

/**
 * Seeds `db` unless it was seeded before. Every seed file is read and validated first, and the passwords
 * hashed, so a bad file writes nothing; then the public record and (with `demo`) the demonstration data are
 * inserted in one transaction, with `meta` rows `seeded_at`, `seed_version`, `seed_kind`.
 */
export async function seedDatabase(db: Db, options: SeedOptions): Promise<SeedResult> {
	const log = options.log ?? (() => {});
	const already = seededAt(db);
	if (already) {
		log(`already seeded at ${already}: nothing to do`);
		return { seeded: false, counts: countRows(db) };
	}
	const files = loadSeedFiles(options.dir ?? 'seed');
	const hashes = options.demo ? await demoHashes(files) : null;
	const kind: SeedKind = options.demo ? 'demo' : 'public';

	const seeded = transaction(db, (tx) => {
		// Another process may have seeded while we were hashing.
		if (seededAt(tx)) return false;
		insertPublic(tx, files, log);
		if (hashes) {
			insertDemo(tx, files, hashes, log);
			// A partner signing in on first start has reports to read: one per past semester.
			if (options.demoReports !== false) log(`demo reports: ${publishDemoReports(tx, files.demoCatalogue, DEMO_TODAY)}`);
		}
		const meta = [
			{ key: 'seeded_at', value: new Date().toISOString() },
			{ key: 'seed_version', value: SEED_VERSION },
			{ key: 'seed_kind', value: kind }
		];
		if (hashes) meta.push({ key: 'demo_today', value: DEMO_TODAY });
		for (const row of meta) tx.insert(s.meta).values(row).onConflictDoUpdate({ target: s.meta.key, set: { value: row.value } }).run();
		return true;
	});
	if (!seeded) log('seeded concurrently by another process: nothing to do');
	return { seeded, kind: seeded ? kind : undefined, counts: countRows(db) };
}

/**
 * Deletes every row of every table (children before parents, in one transaction), keeping the schema and
 * drizzle's migration journal, so the next `seedDatabase` starts from scratch.
 */
export function resetDatabase(db: Db): void {
	const tables = db
		// data_generation and data_generation_domains keep their rows (their triggers count the deletions).
		// pragma_table_list, not sqlite_master: it tells an FTS5 index (type 'virtual') and its shadow tables
		// ('shadow', read-only) from ordinary tables; the triggers on indicators empty indicator_search.
		.all<{ name: string }>(sql`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
			AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT IN ('data_generation', 'data_generation_domains')`)
		.map((t) => t.name);
	const parents = new Map<string, { table: string; from: string }[]>();
	for (const t of tables) {
		const fks = db.all<{ table: string; from: string }>(sql.raw(`SELECT "table", "from" FROM pragma_foreign_key_list('${t.replaceAll("'", "''")}')`));
		parents.set(t, fks);
	}
	// Delete a table once no remaining table references it (self-references are cut first).
	const order: string[] = [];
	const left = new Set(tables);
	while (left.size > 0) {
		const next = [...left].filter((t) => ![...left].some((other) => other !== t && parents.get(other)!.some((fk) => fk.table === t)));
		if (next.length === 0) throw new Error(`resetDatabase: foreign-key cycle between ${[...left].join(', ')}`);
		for (const t of next.sort()) {
			order.push(t);
			left.delete(t);
		}
	}
	transaction(db, (tx) => {
		// The audit trail refuses DELETE (migration 0005). A reset is the one documented way round it: its
		// triggers are dropped and re-created from their own stored SQL in the same transaction, so a failed
		// reset leaves them in place and no copy of their text can drift from the migration.
		const guards = tx.all<{ name: string; sql: string }>(sql`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'`);
		for (const g of guards) tx.run(sql.raw(`DROP TRIGGER "${g.name.replaceAll('"', '""')}"`));
		for (const t of order) {
			for (const fk of parents.get(t)!.filter((f) => f.table === t)) {
				tx.run(sql.raw(`UPDATE "${t}" SET "${fk.from}" = NULL`));
			}
			tx.run(sql.raw(`DELETE FROM "${t}"`));
		}
		for (const g of guards) tx.run(sql.raw(g.sql));
	});
}
