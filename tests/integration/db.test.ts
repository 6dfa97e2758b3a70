import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, resolveDatabasePath, DatabaseConfigError } from '../../src/lib/server/db/client';
import { createTestDatabase } from '../helpers/db';
import * as s from '../../src/lib/server/db/schema';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('database client', () => {
	it('opens a file in WAL mode with foreign keys on and applies the migrations', () => {
		const t = createTestDatabase({ file: true });
		cleanup = t.cleanup;
		expect(t.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(t.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(t.db.$client.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
		const tables = t.db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`).map((r) => r.name);
		for (const name of [
			'plans',
			'axes',
			'objectives',
			'measures',
			'indicators',
			'indicator_values',
			'recommendations',
			'progress_updates',
			'evidence',
			'partner_projects',
			'reports',
			'users',
			'sessions',
			'audit_events',
			'measure_region_stages',
			'reporting_periods',
			'notifications',
			'outbox'
		]) {
			expect(tables).toContain(name);
		}
	});

	it('refuses a non-SQLite URL, a directory and a file that is not a database, with the reason', () => {
		expect(() => resolveDatabasePath('postgres://localhost/rasd')).toThrow(DatabaseConfigError);
		expect(() => resolveDatabasePath('postgres://localhost/rasd')).toThrow(/SQLite/);
		const dir = mkdtempSync(join(tmpdir(), 'rasd-bad-'));
		mkdirSync(join(dir, 'sub'));
		expect(() => openDatabase(join(dir, 'sub'))).toThrow(/directory/);
		writeFileSync(join(dir, 'junk.db'), 'this is not a database, just text that is long enough to be read as a header'.repeat(20));
		expect(() => openDatabase(join(dir, 'junk.db'))).toThrow(/cannot be opened as a SQLite database/);
		expect(resolveDatabasePath('file:data/x.db')).toMatch(/data\/x\.db$/);
	});

	it('enforces the CHECK constraints and foreign keys of the model', () => {
		const t = createTestDatabase();
		cleanup = t.cleanup;
		const { db } = t;
		expect(() => db.insert(s.regions).values({ iso: 'XX-1', nameFr: 'x' }).run()).toThrow(/CHECK/);
		db.insert(s.institutions).values({ code: 'DGSN', nameFr: 'DGSN', kind: 'security' }).run();
		db.insert(s.plans).values({ code: 'P', kind: 'national_plan', titleFr: 'P', startDate: '2023-01-01', endDate: '2030-12-31' }).run();
		db.insert(s.axes).values({ planId: 1, code: 'A1', titleFr: 'A' }).run();
		db.insert(s.objectives).values({ axisId: 1, code: 'A1.1', titleFr: 'O' }).run();
		const measure = { objectiveId: 1, code: 'A1.1.1', titleFr: 'M', leadInstitutionId: 1, startDate: '2023-01-01', deadline: '2025-12-31' };
		expect(() =>
			db
				.insert(s.measures)
				.values({ ...measure, progress: 101 })
				.run()
		).toThrow(/CHECK/);
		expect(() =>
			db
				.insert(s.measures)
				.values({ ...measure, status: 'completed', progress: 80 })
				.run()
		).toThrow(/CHECK/);
		expect(() =>
			db
				.insert(s.measures)
				.values({ ...measure, leadInstitutionId: 99 })
				.run()
		).toThrow(/FOREIGN KEY/);
		db.insert(s.measures).values(measure).run();
		expect(() => db.insert(s.measures).values(measure).run()).toThrow(/UNIQUE/);
		expect(() => db.insert(s.users).values({ email: 'fp@x.ma', name: 'x', role: 'focal_point', passwordHash: 'h' }).run()).toThrow(/CHECK/);
	});
});
