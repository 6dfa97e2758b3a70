/**
 * The one database client: opens the SQLite file named by DATABASE_URL, sets the pragmas and applies the
 * committed drizzle-kit migrations. Everything else asks `getDb()`.
 *
 * Imports are relative (not `$lib`) so the seed CLI, run by tsx outside Vite, can use this module too.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_URL = 'data/rasd.db';

export class DatabaseConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DatabaseConfigError';
	}
}

/**
 * Turns DATABASE_URL into a file path (or `:memory:`). Accepts a plain path, `file:path` or
 * `sqlite:path`; anything else (a postgres:// URL, an empty value) is a configuration error.
 */
export function resolveDatabasePath(url: string | undefined): string {
	const raw = (url ?? '').trim() || DEFAULT_DATABASE_URL;
	if (raw === ':memory:') return raw;
	let path = raw;
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw);
	if (scheme) {
		const name = scheme[1]!.toLowerCase();
		if (name !== 'file' && name !== 'sqlite') {
			throw new DatabaseConfigError(
				`DATABASE_URL="${raw}": Rasd uses an embedded SQLite file; give a file path such as data/rasd.db (scheme "${name}:" is not supported).`
			);
		}
		path = raw.slice(scheme[0].length).replace(/^\/\/(?=\/)/, '');
		if (path === ':memory:') return path;
	}
	if (!path) throw new DatabaseConfigError(`DATABASE_URL="${raw}" names no file.`);
	const abs = resolve(path);
	if (existsSync(abs) && statSync(abs).isDirectory()) {
		throw new DatabaseConfigError(`DATABASE_URL="${raw}" is a directory, not a database file.`);
	}
	return abs;
}

/** Opens (creating it and its folder if needed) and configures a database. */
export function openDatabase(url: string | undefined): Db {
	const path = resolveDatabasePath(url);
	let client: Database.Database;
	try {
		if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
		client = new Database(path);
		client.pragma('journal_mode = WAL');
		client.pragma('foreign_keys = ON');
		client.pragma('busy_timeout = 5000');
		client.pragma('synchronous = NORMAL');
		// Reading a page touches the schema: a file that is not SQLite fails here, not later.
		client.prepare('SELECT count(*) FROM sqlite_master').get();
	} catch (e) {
		throw new DatabaseConfigError(`DATABASE_URL="${url ?? DEFAULT_DATABASE_URL}" (${path}) cannot be opened as a SQLite database: ${(e as Error).message}`);
	}
	return drizzle(client, { schema }) as Db;
}

/** Folder of the committed migrations; the server runs from the project root. */
export function migrationsFolder(): string {
	return resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

/** Applies pending migrations in one go; drizzle records what it applied in `__drizzle_migrations`. */
export function migrateDatabase(db: Db, folder = migrationsFolder()): void {
	if (!existsSync(resolve(folder, 'meta', '_journal.json'))) {
		throw new DatabaseConfigError(`No drizzle migrations found in ${folder}.`);
	}
	migrate(db, { migrationsFolder: folder });
}

let current: Db | undefined;

/** The application's database, opened and migrated on first use. */
export function getDb(): Db {
	if (!current) {
		const db = openDatabase(process.env.DATABASE_URL);
		migrateDatabase(db);
		current = db;
	}
	return current;
}

/** Lets tests and the CLI point the app at another database. */
export function setDb(db: Db | undefined): void {
	current = db;
}

/** Runs `fn` in one write transaction (BEGIN IMMEDIATE, so concurrent writers queue instead of failing). */
export function transaction<T>(db: Db, fn: (tx: Db) => T): T {
	return db.$client.transaction(() => fn(db)).immediate();
}
