/**
 * npm run backup and npm run restore: a copy taken while another process writes is consistent (integrity_check,
 * the audit chain, and every writer transaction either wholly in it or not at all), carries the evidence files,
 * and restores; a restore refuses while the database is open.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { createTestDatabase } from '../helpers/db';
import { openDatabase, migrateDatabase, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import * as audit from '../../src/lib/server/audit';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { backup, restore, verifyBackup, BackupError } from '../../src/lib/server/backup';

let db: Db;
let path: string;
let cleanup: () => void;
let work: string;
let writer: ChildProcess | null = null;

/** Starts the writer process and resolves once it has committed its first transactions. */
function startWriter(file: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/writer.ts', file], { stdio: ['pipe', 'pipe', 'inherit'] });
	return new Promise((ok, ko) => {
		const lines = createInterface({ input: child.stdout! });
		lines.on('line', (l) => l === 'ready' && ok(child));
		child.on('exit', (code) => ko(new Error(`writer exited ${code}`)));
	});
}
function stopWriter(child: ChildProcess): Promise<number> {
	return new Promise((ok) => {
		let last = 0;
		createInterface({ input: child.stdout! }).on('line', (l) => {
			const m = /^stopped (\d+)$/.exec(l);
			if (m) last = Number(m[1]);
		});
		child.on('exit', () => ok(last));
		child.stdin!.end();
	});
}
function counts(file: string) {
	const c = new Database(file, { readonly: true });
	try {
		return {
			writerEvents: (c.prepare(`SELECT count(*) AS n FROM audit_events WHERE action = 'writer'`).get() as { n: number }).n,
			counter: Number((c.prepare(`SELECT value FROM meta WHERE key = 'writer_count'`).get() as { value: string } | undefined)?.value ?? 0)
		};
	} finally {
		c.close();
	}
}
function cli(script: string, args: string[], env: Record<string, string>) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
	return { code: r.status, out: r.stdout + r.stderr };
}

beforeEach(() => {
	({ db, path, cleanup } = createTestDatabase({ file: true }));
	work = mkdtempSync(join(tmpdir(), 'rasd-backup-'));
});
afterEach(async () => {
	if (writer && writer.exitCode === null) await stopWriter(writer);
	writer = null;
	cleanup();
	rmSync(work, { recursive: true, force: true });
});

describe('backup while another process writes', () => {
	it('gives a consistent copy that passes its checks and restores, with each write wholly in or out', async () => {
		audit.record(db, { userId: null, action: 'before', entity: 'meta', entityId: 0 });
		writer = await startWriter(path);
		const copies: string[] = [];
		for (let i = 0; i < 3; i++) {
			const file = join(work, `copy-${i}.db`);
			await backup(path, file, { evidenceDir: join(work, 'no-evidence') });
			copies.push(file);
		}
		const total = await stopWriter(writer);
		for (const file of copies) {
			const v = verifyBackup(file);
			expect(v.chain.breaks).toEqual([]);
			const c = counts(file);
			expect(c.writerEvents).toBeGreaterThanOrEqual(50);
			// every writer transaction is all in the copy or not at all
			expect(c.writerEvents).toBe(c.counter);
			expect(c.counter).toBeLessThanOrEqual(total);
			// a single self-contained file
			expect(existsSync(`${file}-wal`)).toBe(false);
		}
		// the copies were taken at different moments of the writing
		expect(new Set(copies.map((f) => counts(f).counter)).size).toBeGreaterThan(1);

		const target = join(work, 'restored', 'rasd.db');
		const r = restore(copies[1]!, target, { evidenceDir: join(work, 'restored', 'evidence') });
		expect(r.previous.database).toBeNull();
		const back = openDatabase(target);
		migrateDatabase(back);
		expect(audit.verifyChain(back).breaks).toEqual([]);
		expect(audit.count(back)).toBe(counts(copies[1]!).writerEvents + 1);
		// the app writes on top of a restored trail and the chain still holds
		audit.record(back, { userId: null, action: 'after_restore', entity: 'meta', entityId: 1 });
		expect(audit.verifyChain(back).breaks).toEqual([]);
		back.$client.close();
	});
});

describe('restore', () => {
	it('refuses while the database is open elsewhere and changes nothing, then restores once it is closed', async () => {
		audit.record(db, { userId: null, action: 'one', entity: 'meta', entityId: 1 });
		const file = join(work, 'b.db');
		await backup(path, file, { evidenceDir: join(work, 'none') });
		audit.record(db, { userId: null, action: 'two', entity: 'meta', entityId: 2 });
		const evidenceDir = join(work, 'evidence');
		// `db` is open, as the server's connection would be
		expect(() => restore(file, path, { evidenceDir })).toThrow(/in use by another process.*stop the server.*Nothing was changed/);
		expect(audit.count(db)).toBe(2);
		expect(readdirSync(work).filter((f) => f.includes('restoring'))).toEqual([]);
		db.$client.close();
		const r = restore(file, path, { evidenceDir });
		expect(r.previous.database).toMatch(/before-restore-/);
		const again = openDatabase(path);
		expect(audit.count(again)).toBe(1);
		// the replaced database is kept, whole
		const kept = new Database(r.previous.database!, { readonly: true });
		expect((kept.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n).toBe(2);
		kept.close();
		again.$client.close();
		db = openDatabase(path); // for cleanup
	});

	it('carries the evidence files and refuses a damaged backup', async () => {
		const evidenceDir = join(work, 'evidence');
		mkdirSync(evidenceDir);
		const stored = 'ab'.repeat(18);
		writeFileSync(join(evidenceDir, stored), '%PDF-1.4 the evidence');
		await seedDatabase(db, { demo: true });
		const update = db.select({ id: s.progressUpdates.id }).from(s.progressUpdates).limit(1).get()!;
		db.insert(s.evidence)
			.values({ progressUpdateId: update.id, kind: 'file', fileName: 'r.pdf', storedName: stored, mimeType: 'application/pdf', sizeBytes: 21 })
			.run();
		const file = join(work, 'e.db');
		const m = await backup(path, file, { evidenceDir });
		expect(m.evidence.files.map((f) => f.name)).toEqual([stored]);
		expect(readFileSync(join(`${file}.evidence`, stored), 'utf8')).toBe('%PDF-1.4 the evidence');
		await expect(backup(path, file, { evidenceDir })).rejects.toThrow(/already exists/);

		const target = join(work, 'new', 'rasd.db');
		const newEvidence = join(work, 'new', 'evidence');
		restore(file, target, { evidenceDir: newEvidence });
		expect(readFileSync(join(newEvidence, stored), 'utf8')).toBe('%PDF-1.4 the evidence');

		writeFileSync(join(`${file}.evidence`, stored), 'tampered');
		expect(() => verifyBackup(file)).toThrow(/differs from the manifest/);
		rmSync(`${file}.evidence`, { recursive: true });
		expect(() => restore(file, join(work, 'x.db'), { evidenceDir: join(work, 'x') })).toThrow(BackupError);
		expect(existsSync(join(work, 'x.db'))).toBe(false);
	});

	it('npm run backup and npm run restore say what they did, and restore refuses a running server clearly', () => {
		audit.record(db, { userId: null, action: 'one', entity: 'meta', entityId: 1 });
		const env = { DATABASE_URL: path, EVIDENCE_DIR: join(work, 'evidence') };
		const file = join(work, 'cli.db');
		const b = cli('backup', [file], env);
		expect(b.out).toMatch(/integrity ok, audit chain intact: 1 events/);
		expect(b.code).toBe(0);
		expect(cli('restore', [file, '--check'], env)).toMatchObject({ code: 0 });
		const refused = cli('restore', [file], env);
		expect(refused.code).toBe(1);
		expect(refused.out).toMatch(/stop the server/);
		expect(cli('backup', [], env).code).toBe(2);
	}, 90_000);
});
