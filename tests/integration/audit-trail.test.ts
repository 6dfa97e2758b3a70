import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import * as audit from '../../src/lib/server/audit';
import { resetDatabase, seedDatabase } from '../../src/lib/server/seed/index';

let db: Db;
let path: string;
let cleanup: () => void;

function write(n: number) {
	for (let i = 1; i <= n; i++) audit.record(db, { userId: null, action: 'save_draft', entity: 'progress_update', entityId: i, after: { progress: i * 10 } });
}
function raw(statement: string) {
	return () => db.$client.prepare(statement).run();
}
/** What someone with the database file (not the app) could do: drop the guards. */
function dropGuards() {
	for (const t of ['audit_events_no_update', 'audit_events_no_delete', 'audit_events_chain']) db.$client.exec(`DROP TRIGGER ${t}`);
}
function verifyCli(file: string) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', file], { encoding: 'utf8' });
	return { code: r.status, out: r.stdout + r.stderr };
}

beforeEach(() => {
	({ db, path, cleanup } = createTestDatabase({ file: true }));
});
afterEach(() => cleanup());

describe('audit trail', () => {
	it('refuses UPDATE and DELETE of an event, and an event written around audit.record', () => {
		write(3);
		expect(raw(`UPDATE audit_events SET action = 'validate' WHERE id = 2`)).toThrow(/append-only: UPDATE refused/);
		expect(raw(`DELETE FROM audit_events WHERE id = 3`)).toThrow(/append-only: DELETE refused/);
		expect(raw(`DELETE FROM audit_events`)).toThrow(/append-only/);
		expect(raw(`INSERT INTO audit_events (id, action, entity, entity_id) VALUES (4, 'validate', 'measure', '1')`)).toThrow(/hash chain/);
		// a hash that does not follow the head is refused too (a fork)
		expect(raw(`INSERT INTO audit_events (id, action, entity, entity_id, prev_hash, hash) VALUES (4, 'x', 'y', '1', 'abc', 'def')`)).toThrow(/hash chain/);
		expect(audit.count(db)).toBe(3);
		expect(audit.verifyChain(db).breaks).toEqual([]);
	});

	it('chains each event to the one before, outside a transaction too', () => {
		write(4);
		const rows = db.$client.prepare('SELECT id, prev_hash AS prevHash, hash FROM audit_events ORDER BY id').all() as {
			id: number;
			prevHash: string | null;
			hash: string;
		}[];
		expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
		expect(rows[0]!.prevHash).toBeNull();
		for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
		const r = audit.verifyChain(db);
		expect(r).toMatchObject({ events: 4, breaks: [], lastId: 4, head: rows[3]!.hash });
	});

	it('says which event was edited, and where one was removed', () => {
		write(6);
		dropGuards();
		db.$client.exec(`UPDATE audit_events SET after = '{"progress":100}' WHERE id = 3`);
		db.$client.exec(`DELETE FROM audit_events WHERE id = 5`);
		const r = audit.verifyChain(db);
		expect(r.breaks.map((b) => [b.id, b.problem])).toEqual([
			[3, 'edited'],
			[6, 'gap'],
			[6, 'gap']
		]);
		expect(r.breaks[1]!.detail).toMatch(/does not follow event 4/);
	});

	it('npm run audit:verify exits 0 on an intact chain and 1 with the broken event', () => {
		write(3);
		const ok = verifyCli(path);
		expect(ok.out).toMatch(/3 events, chain intact/);
		expect(ok.code).toBe(0);
		dropGuards();
		db.$client.exec(`UPDATE audit_events SET user_id = NULL, entity_id = '99' WHERE id = 2`);
		const broken = verifyCli(path);
		expect(broken.code).toBe(1);
		expect(broken.out).toMatch(/BROKEN at event 2/);
		expect(broken.out).toMatch(/\[edited\] event 2/);
	});

	it('resetDatabase empties the trail and puts the guards back; the seed writes again', async () => {
		await seedDatabase(db, { demo: false });
		write(2);
		resetDatabase(db);
		expect(audit.count(db)).toBe(0);
		const triggers = db.$client.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events' ORDER BY name`).all();
		expect(triggers.map((t) => (t as { name: string }).name)).toEqual(['audit_events_chain', 'audit_events_no_delete', 'audit_events_no_update']);
		await seedDatabase(db, { demo: false });
		write(1);
		expect(raw(`DELETE FROM audit_events`)).toThrow(/append-only/);
		expect(audit.verifyChain(db)).toMatchObject({ events: 1, breaks: [] });
	});
});
