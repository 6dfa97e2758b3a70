import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, migrateDatabase } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';

describe('migration to forced criminality (hold, rebuild, restore)', () => {
	it('keeps the evidence of indicator values and the read-cache triggers through the table rebuild', async () => {
		// The migrations before these in a folder of their own: the database as it stood before.
		const dir = mkdtempSync(join(tmpdir(), 'rasd-mig-'));
		cpSync('drizzle', dir, { recursive: true });
		const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8'));
		writeFileSync(
			join(dir, 'meta/_journal.json'),
			JSON.stringify({
				...journal,
				entries: journal.entries.slice(
					0,
					journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_hold_value_evidence'))
				)
			})
		);
		const db = openDatabase(':memory:');
		try {
			migrateDatabase(db, dir);
			// Today's seed writes columns and tables that later migrations add: it seeds a database of
			// today, and the rows are copied into the old one, each table with the columns it had then.
			const full = openDatabase(':memory:');
			migrateDatabase(full);
			await seedDatabase(full, { demo: true, demoReports: false });
			writeFileSync(join(dir, 'seeded.db'), full.$client.serialize());
			full.$client.close();
			db.$client.pragma('foreign_keys = OFF');
			db.run(sql.raw(`ATTACH DATABASE '${join(dir, 'seeded.db')}' AS src`));
			// plain tables only: full-text indexes and their shadow tables fill themselves through triggers
			const tables = db.all<{
				name: string;
			}>(sql`SELECT t.name FROM main.sqlite_master t WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND t.name NOT LIKE '__drizzle%'
				AND t.sql NOT LIKE 'CREATE VIRTUAL%' AND NOT EXISTS (SELECT 1 FROM main.sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL%' AND t.name LIKE v.name || '!_%' ESCAPE '!')`);
			for (const { name } of tables) {
				const cols = (t: string) => db.all<{ name: string }>(sql.raw(`SELECT name FROM pragma_table_info('${name}', '${t}')`)).map((c) => c.name);
				const theirs = new Set(cols('src'));
				const common = cols('main')
					.filter((c) => theirs.has(c))
					.map((c) => `"${c}"`)
					.join(', ');
				if (common) db.run(sql.raw(`INSERT OR REPLACE INTO main."${name}" (${common}) SELECT ${common} FROM src."${name}"`));
			}
			db.run(sql`DETACH DATABASE src`);
			db.$client.pragma('foreign_keys = ON');
			const v = db.get<{ id: number }>(sql`SELECT id FROM indicator_values ORDER BY id LIMIT 1`)!;
			db.run(sql`INSERT INTO evidence (indicator_value_id, kind, url, label) VALUES (${v.id}, 'link', 'https://example.org/rapport', 'rapport')`);
			expect(() => db.run(sql`UPDATE indicator_values SET exploitation = 'forced_criminality' WHERE id = ${v.id}`)).toThrow();

			migrateDatabase(db);
			expect(db.all(sql`SELECT indicator_value_id AS id, url FROM evidence`)).toEqual([{ id: v.id, url: 'https://example.org/rapport' }]);
			db.run(sql`UPDATE indicator_values SET exploitation = 'forced_criminality' WHERE id = ${v.id}`);
			const before = db.get<{ value: number }>(sql`SELECT value FROM data_generation WHERE id = 1`)!.value;
			db.run(sql`UPDATE indicator_values SET note = 'x' WHERE id = ${v.id}`);
			expect(db.get<{ value: number }>(sql`SELECT value FROM data_generation WHERE id = 1`)!.value).toBe(before + 1);
			expect(db.all(sql`SELECT name FROM sqlite_master WHERE name = '_evidence_of_values_hold'`)).toEqual([]);
			expect(db.all(sql`PRAGMA foreign_key_check`)).toEqual([]);
		} finally {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});
