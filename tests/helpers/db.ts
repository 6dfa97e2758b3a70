/**
 * A fresh database per suite, with the real committed migrations applied.
 * A failing migration fails the test (it is not logged and swallowed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, migrateDatabase, type Db } from '../../src/lib/server/db/client';

export function createTestDatabase(opts: { file?: boolean } = {}): { db: Db; path: string; cleanup: () => void } {
	if (!opts.file) {
		const db = openDatabase(':memory:');
		migrateDatabase(db);
		return { db, path: ':memory:', cleanup: () => db.$client.close() };
	}
	const dir = mkdtempSync(join(tmpdir(), 'rasd-test-'));
	const path = join(dir, 'test.db');
	const db = openDatabase(path);
	migrateDatabase(db);
	return {
		db,
		path,
		cleanup: () => {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
