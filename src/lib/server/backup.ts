/**
 * Backups that restore. `backup` copies the live database with SQLite's online backup API (one step, from one
 * read snapshot: consistent while the app writes, WAL included), checks the copy (`integrity_check`,
 * `foreign_key_check`, the audit chain), then copies the evidence files the copy refers to. A backup `rasd.db` is
 * three things side by side:
 *
 *   rasd.db                 the database, a single self-contained file (journal_mode DELETE, no -wal/-shm)
 *   rasd.db.evidence/       the uploaded evidence files it refers to, under their stored names
 *   rasd.db.manifest.json   when, from where, sha256 and size of each file, row counts, the audit chain's head
 *
 * `restore` checks all of that again, refuses while anything has the target database open (the server), sets the
 * current database and evidence folder aside (`*.before-restore-<time>`) and puts the copy in their place.
 *
 * Relative imports only: the CLI scripts run under tsx, outside Vite's `$lib` alias.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from './db/schema';
import type { Db } from './db/client';
import { verifyChain, type ChainReport } from './audit';

export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

export interface Manifest {
	format: 'rasd-backup/1';
	createdAt: string;
	source: string;
	database: { file: string; bytes: number; sha256: string };
	evidence: { dir: string; files: { name: string; bytes: number; sha256: string }[]; missing: string[] };
	rows: Record<string, number>;
	audit: { events: number; lastId: number | null; head: string | null };
}

export const evidenceDirOf = (file: string) => `${file}.evidence`;
export const manifestOf = (file: string) => `${file}.manifest.json`;

function sha256File(path: string): string {
	return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const STORED_NAME = /^[0-9a-f]{36}$/;

/** integrity_check, foreign_key_check and the audit chain of a database file; throws BackupError with what is wrong. */
export function checkDatabase(path: string): { chain: ChainReport; rows: Record<string, number>; storedNames: string[] } {
	if (!existsSync(path)) throw new BackupError(`${path} does not exist`);
	let client: Database.Database;
	try {
		client = new Database(path, { readonly: true, fileMustExist: true });
	} catch (e) {
		throw new BackupError(`${path} cannot be opened as SQLite: ${(e as Error).message}`);
	}
	try {
		let integrity: string[];
		try {
			integrity = (client.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
		} catch (e) {
			throw new BackupError(`${path}: integrity_check failed: ${(e as Error).message}`);
		}
		if (integrity.join() !== 'ok') throw new BackupError(`${path}: integrity_check: ${integrity.slice(0, 5).join('; ')}`);
		const fk = client.pragma('foreign_key_check') as unknown[];
		if (fk.length) throw new BackupError(`${path}: foreign_key_check found ${fk.length} dangling reference(s)`);
		const tables = (
			client.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as {
				name: string;
			}[]
		).map((t) => t.name);
		if (!tables.includes('audit_events') || !tables.includes('evidence'))
			throw new BackupError(`${path} is not a Rasd database (no audit_events or evidence table)`);
		const rows: Record<string, number> = {};
		for (const t of tables) rows[t] = (client.prepare(`SELECT count(*) AS n FROM "${t.replaceAll('"', '""')}"`).get() as { n: number }).n;
		const chain = verifyChain(drizzle(client, { schema }) as unknown as Db);
		if (chain.breaks.length)
			throw new BackupError(
				`${path}: the audit chain is broken at event ${chain.breaks[0]!.id} (${chain.breaks[0]!.detail}); run npm run audit:verify -- ${path}`
			);
		const storedNames = (
			client.prepare(`SELECT stored_name AS s FROM evidence WHERE kind = 'file' AND stored_name IS NOT NULL ORDER BY stored_name`).all() as { s: string }[]
		).map((r) => r.s);
		return { chain, rows, storedNames };
	} finally {
		client.close();
	}
}

/**
 * Backs up the database at `sourcePath` (and its evidence files from `evidenceDir`) to `destFile`.
 * Refuses to overwrite an existing backup. Works while other connections and processes write.
 */
export async function backup(sourcePath: string, destFile: string, opts: { evidenceDir: string; now?: Date }): Promise<Manifest> {
	const dest = resolve(destFile);
	for (const p of [dest, evidenceDirOf(dest), manifestOf(dest)])
		if (existsSync(p)) throw new BackupError(`${p} already exists: choose a new name (a backup is never overwritten)`);
	if (!existsSync(sourcePath)) throw new BackupError(`${sourcePath} does not exist: nothing to back up`);
	mkdirSync(dirname(dest), { recursive: true });
	const tmp = `${dest}.partial-${process.pid}`;
	const tmpEvidence = `${evidenceDirOf(dest)}.partial-${process.pid}`;
	try {
		const source = new Database(sourcePath, { fileMustExist: true });
		try {
			source.pragma('busy_timeout = 5000');
			// One step for the whole file: it reads from one snapshot, so writes by other connections neither
			// restart it (as they would between small steps) nor tear it.
			await source.backup(tmp, { progress: () => 1_000_000_000 });
		} finally {
			source.close();
		}
		// A backup is one file: leave WAL mode in the copy (the app turns WAL back on when it opens it).
		const copy = new Database(tmp);
		copy.pragma('journal_mode = DELETE');
		copy.close();
		const checked = checkDatabase(tmp);

		mkdirSync(tmpEvidence);
		const files: Manifest['evidence']['files'] = [];
		const missing: string[] = [];
		for (const name of checked.storedNames) {
			const from = join(opts.evidenceDir, name);
			if (!STORED_NAME.test(name) || !existsSync(from)) {
				missing.push(name);
				continue;
			}
			copyFileSync(from, join(tmpEvidence, name));
			files.push({ name, bytes: statSync(from).size, sha256: sha256File(join(tmpEvidence, name)) });
		}
		const manifest: Manifest = {
			format: 'rasd-backup/1',
			createdAt: (opts.now ?? new Date()).toISOString(),
			source: sourcePath,
			database: { file: basename(dest), bytes: statSync(tmp).size, sha256: sha256File(tmp) },
			evidence: { dir: basename(evidenceDirOf(dest)), files, missing },
			rows: checked.rows,
			audit: { events: checked.chain.events, lastId: checked.chain.lastId, head: checked.chain.head }
		};
		renameSync(tmp, dest);
		renameSync(tmpEvidence, evidenceDirOf(dest));
		writeFileSync(manifestOf(dest), JSON.stringify(manifest, null, 2) + '\n');
		return manifest;
	} catch (e) {
		rmSync(tmp, { force: true });
		rmSync(tmpEvidence, { recursive: true, force: true });
		throw e;
	}
}

/** Checks a backup: the database, and against its manifest (when there is one) every file's size and hash. */
export function verifyBackup(file: string): { manifest: Manifest | null; chain: ChainReport; evidenceFiles: number } {
	const path = resolve(file);
	const checked = checkDatabase(path);
	let manifest: Manifest | null = null;
	if (existsSync(manifestOf(path))) {
		manifest = JSON.parse(readFileSync(manifestOf(path), 'utf8')) as Manifest;
		if (manifest.format !== 'rasd-backup/1') throw new BackupError(`${manifestOf(path)}: unknown format ${String(manifest.format)}`);
		if (sha256File(path) !== manifest.database.sha256)
			throw new BackupError(`${path} differs from its manifest (sha256): it was changed or damaged after the backup`);
		for (const f of manifest.evidence.files) {
			const p = join(evidenceDirOf(path), f.name);
			if (!existsSync(p)) throw new BackupError(`evidence file ${f.name} is missing from ${evidenceDirOf(path)}`);
			if (sha256File(p) !== f.sha256) throw new BackupError(`evidence file ${f.name} differs from the manifest (sha256)`);
		}
	}
	const dir = evidenceDirOf(path);
	const present = new Set(existsSync(dir) ? readdirSync(dir) : []);
	const lacking = checked.storedNames.filter((n) => !present.has(n) && !manifest?.evidence.missing.includes(n));
	if (lacking.length) throw new BackupError(`${lacking.length} evidence file(s) the database refers to are not in ${dir} (e.g. ${lacking[0]})`);
	return { manifest, chain: checked.chain, evidenceFiles: present.size };
}

/**
 * Whether some other connection (the server, a script) has the database open: leaving WAL mode needs the only
 * connection. When it is free, `free` holds it (journal_mode DELETE, exclusive lock) until `release`.
 */
function takeDatabase(path: string): { free: true; release: () => void } | { free: false; reason: string } {
	const client = new Database(path, { fileMustExist: true, timeout: 0 });
	try {
		const mode = client.pragma('journal_mode = DELETE', { simple: true });
		if (mode !== 'delete') throw new Error(`journal mode stayed ${String(mode)}`);
		client.pragma('locking_mode = EXCLUSIVE');
		client.exec('BEGIN EXCLUSIVE');
		return {
			free: true,
			release: () => {
				client.exec('ROLLBACK');
				client.close();
			}
		};
	} catch (e) {
		client.close();
		return { free: false, reason: (e as Error).message };
	}
}

export interface RestoreResult {
	target: string;
	/** where the database and evidence folder that were replaced now are (null when there were none) */
	previous: { database: string | null; evidence: string | null };
	events: number;
	evidenceFiles: number;
}

/**
 * Restores the backup `file` as the database `targetPath` and the folder `evidenceDir`, after checking it.
 * Refuses while anything holds the target open: stop the server first. Nothing is deleted: what was there is
 * renamed `*.before-restore-<time>`.
 */
export function restore(file: string, targetPath: string, opts: { evidenceDir: string; now?: Date }): RestoreResult {
	const source = resolve(file);
	const target = resolve(targetPath);
	if (source === target) throw new BackupError('the backup and the database to restore are the same file');
	const checked = verifyBackup(source);
	const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
	mkdirSync(dirname(target), { recursive: true });

	let previousDb: string | null = null;
	let previousEvidence: string | null = null;
	const staging = `${target}.restoring-${process.pid}`;
	copyFileSync(source, staging);
	const lock = existsSync(target) ? takeDatabase(target) : null;
	if (lock && !lock.free) {
		rmSync(staging, { force: true });
		throw new BackupError(`${target} is in use by another process (${lock.reason}): stop the server, then run the restore again. Nothing was changed.`);
	}
	try {
		if (existsSync(target)) {
			previousDb = `${target}.before-restore-${stamp}`;
			renameSync(target, previousDb);
		}
		for (const suffix of ['-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
		renameSync(staging, target);
	} finally {
		if (lock?.free) lock.release();
		rmSync(staging, { force: true });
	}
	const backupEvidence = evidenceDirOf(source);
	if (existsSync(opts.evidenceDir)) {
		previousEvidence = `${resolve(opts.evidenceDir)}.before-restore-${stamp}`;
		renameSync(opts.evidenceDir, previousEvidence);
	}
	mkdirSync(opts.evidenceDir, { recursive: true });
	if (existsSync(backupEvidence)) for (const name of readdirSync(backupEvidence)) copyFileSync(join(backupEvidence, name), join(opts.evidenceDir, name));
	return { target, previous: { database: previousDb, evidence: previousEvidence }, events: checked.chain.events, evidenceFiles: checked.evidenceFiles };
}
