/**
 * Durability: the production server is killed (SIGKILL, no shutdown) in the middle of a batch of validations,
 * then started again on the same database. Each validation is all or nothing: every update that left the queue
 * is validated, applied to its measure and audited exactly once; the others are still submitted, untouched; the
 * audit chain and the database are whole, and the server works on.
 *
 * Then the same in the middle of a spreadsheet import (one transaction of thousands of rows): killed while
 * its transaction holds the write lock, nothing of it is there after the restart — no value, no import
 * run, no audit event — and applying the same checked file again lands all of it, with one audit event.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const dir = mkdtempSync(join(tmpdir(), 'rasd-kill-'));
const dbPath = join(dir, 'kill.db');
let server: ChildProcess | null = null;
let port = 0;
const base = () => `http://127.0.0.1:${port}`;

function freePort(): Promise<number> {
	return new Promise((ok, ko) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const a = srv.address();
			srv.close(() => (typeof a === 'object' && a ? ok(a.port) : ko(new Error('no port'))));
		});
	});
}

async function start(): Promise<ChildProcess> {
	// BODY_SIZE_LIMIT as npm start sets it: the import's file is larger than adapter-node's default.
	const env: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: base(),
		DATABASE_URL: dbPath,
		EVIDENCE_DIR: join(dir, 'evidence'),
		RASD_SEED: 'demo',
		BODY_SIZE_LIMIT: '24M'
	};
	for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];
	const child = spawn(process.execPath, ['build/index.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	for (let i = 0; i < 480; i++) {
		if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}`);
		try {
			if ((await fetch(`${base()}/healthz`)).ok) return child;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('server did not start');
}

async function signIn(email: string, password: string): Promise<string> {
	const res = await fetch(`${base()}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base(), 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password, redirectTo: '/' })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rasd_session='));
	if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
	return cookie.split(';')[0]!;
}

function validate(cookie: string, item: { id: number; version: number }) {
	return fetch(`${base()}/review?/decide`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base(), cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
		body: new URLSearchParams({ kind: 'update', id: String(item.id), version: String(item.version), decision: 'validate' })
	});
}

/** What the database says, read by a separate connection (WAL: the server's writes are visible once committed). */
function snapshot() {
	const c = new Database(dbPath, { readonly: true });
	try {
		const one = (q: string) => (c.prepare(q).get() as { n: number }).n;
		return {
			submitted: c.prepare(`SELECT id, version, measure_id AS measureId FROM progress_updates WHERE state = 'submitted' ORDER BY id`).all() as {
				id: number;
				version: number;
				measureId: number;
			}[],
			validated: one(`SELECT count(*) AS n FROM progress_updates WHERE state = 'validated'`),
			validateEvents: one(`SELECT count(*) AS n FROM audit_events WHERE action = 'validate' AND entity = 'progress_update'`),
			applyEvents: one(`SELECT count(*) AS n FROM audit_events WHERE action = 'apply_update'`),
			events: one(`SELECT count(*) AS n FROM audit_events`),
			integrity: (c.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join(),
			/** validated updates whose measure does not show them although they are its latest validated one */
			notApplied: one(`SELECT count(*) AS n FROM progress_updates u JOIN measures m ON m.id = u.measure_id
				WHERE u.state = 'validated' AND u.id = (SELECT max(id) FROM progress_updates WHERE measure_id = u.measure_id AND state = 'validated')
				AND (m.progress <> u.progress OR m.status <> u.status)`),
			/** validate events of updates that are not validated (an event without its write) */
			orphanEvents: one(`SELECT count(*) AS n FROM audit_events e JOIN progress_updates u ON e.entity = 'progress_update' AND e.entity_id = CAST(u.id AS TEXT)
				WHERE e.action = 'validate' AND u.state <> 'validated'`)
		};
	} finally {
		c.close();
	}
}

afterAll(async () => {
	if (server && server.exitCode === null) {
		server.kill('SIGKILL');
		await new Promise((r) => server!.once('exit', r));
	}
	rmSync(dir, { recursive: true, force: true });
});

describe('SIGKILL in the middle of a validation batch', () => {
	it('leaves every validation whole or absent, the audit count matching, and the server works on after a restart', async () => {
		port = await freePort();
		server = await start();
		const cookie = await signIn('commission@rasd.demo', 'Rasd-Commission-2026!');
		// A batch worth killing in the middle of: a submitted update for each measure without an open one (the demo
		// seed has only a few). Test setup written beside the running server, which WAL allows.
		const setup = new Database(dbPath);
		setup.pragma('busy_timeout = 5000');
		setup.exec(`INSERT INTO progress_updates (measure_id, period, status, progress, state, version, institution_id, submitted_at)
			SELECT m.id, '2026-S1', 'in_progress', min(100, m.progress + 5), 'submitted', 1, m.lead_institution_id, strftime('%Y-%m-%dT%H:%M:%fZ','now')
			FROM measures m WHERE NOT EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id AND u.state IN ('draft','submitted','returned'))
			ORDER BY m.id LIMIT 150`);
		setup.close();
		const before = snapshot();
		expect(before.submitted.length).toBeGreaterThanOrEqual(50);
		expect(before.orphanEvents).toBe(0);

		// The whole queue at once; the server is killed as soon as the first validation has answered.
		let answered = 0;
		const exited = new Promise((r) => server!.once('exit', r));
		const firstAnswer = new Promise<void>((ok) => {
			for (const item of before.submitted)
				validate(cookie, item).then(
					(res) => {
						if (res.status < 500) answered++;
						ok();
					},
					() => ok() // cut off by the kill
				);
		});
		await firstAnswer;
		server.kill('SIGKILL');
		await exited;

		const after = snapshot();
		expect(after.integrity).toBe('ok');
		const done = after.validated - before.validated;
		console.log(
			`durability: SIGKILL after ${done} of ${before.submitted.length} validations committed (${answered} answered), ${after.events - before.events} audit events`
		);
		expect(done).toBeGreaterThanOrEqual(answered > 0 ? 1 : 0);
		// each validation is all or nothing: the queue lost exactly the validated ones, each audited twice
		expect(before.submitted.length - after.submitted.length).toBe(done);
		expect(after.validateEvents - before.validateEvents).toBe(done);
		expect(after.applyEvents - before.applyEvents).toBe(done);
		expect(after.events - before.events).toBe(2 * done);
		expect(after.notApplied).toBe(0);
		expect(after.orphanEvents).toBe(0);
		// the kill came before the end of the batch (otherwise this test proves nothing)
		expect(after.submitted.length).toBeGreaterThan(0);

		server = await start();
		const again = await signIn('commission@rasd.demo', 'Rasd-Commission-2026!');
		const res = await validate(again, after.submitted[0]!);
		expect(res.status).toBeLessThan(400);
		const last = snapshot();
		expect(last.validated).toBe(after.validated + 1);
		expect(last.events).toBe(after.events + 3); // a sign-in, a validation and its application
		// the audit chain survived the kill
		const { spawnSync } = await import('node:child_process');
		const verify = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', dbPath], { encoding: 'utf8' });
		expect(verify.stdout + verify.stderr).toMatch(/chain intact/);
	}, 240_000);
});

/** A valid value for every indicator, period of its frequency inside the plan, and region it is broken down by. */
function importFile(): { csv: string; rows: number } {
	const c = new Database(dbPath, { readonly: true });
	try {
		const inds = c
			.prepare(`SELECT i.code, i.frequency, i.dimensions, max(coalesce(i.plausible_min, 0), 1) AS value FROM indicators i ORDER BY i.code`)
			.all() as { code: string; frequency: string; dimensions: string; value: number }[];
		const regions = (c.prepare(`SELECT iso FROM regions ORDER BY iso`).all() as { iso: string }[]).map((r) => r.iso);
		const years = [2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030];
		const periods: Record<string, string[]> = {
			annual: years.map(String),
			semester: years.flatMap((y) => [`${y}-S1`, `${y}-S2`]),
			quarter: years.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`)),
			tip_year: years.map((y) => `TIP${y}`)
		};
		// a closed period takes no import, as it takes no entry
		const closed = new Set((c.prepare(`SELECT code FROM reporting_periods WHERE closed_at IS NOT NULL`).all() as { code: string }[]).map((r) => r.code));
		const lines = ['indicator;period;region;value;source;note'];
		for (const ind of inds) {
			const where = JSON.parse(ind.dimensions).includes('region') ? ['', ...regions] : [''];
			for (const period of (periods[ind.frequency] ?? []).filter((p) => !closed.has(p)))
				for (const region of where) lines.push(`${ind.code};${period};${region};${ind.value};Import durability test;`);
		}
		return { csv: lines.join('\n') + '\n', rows: lines.length - 1 };
	} finally {
		c.close();
	}
}

function importSnapshot() {
	const c = new Database(dbPath, { readonly: true });
	try {
		const one = (q: string) => (c.prepare(q).get() as { n: number }).n;
		return {
			values: one(`SELECT count(*) AS n FROM indicator_values`),
			fromImport: one(`SELECT count(*) AS n FROM indicator_values WHERE source = 'Import durability test'`),
			runs: one(`SELECT count(*) AS n FROM import_runs`),
			importEvents: one(`SELECT count(*) AS n FROM audit_events WHERE action = 'import'`),
			events: one(`SELECT count(*) AS n FROM audit_events`),
			integrity: (c.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join()
		};
	} finally {
		c.close();
	}
}

/** True while another connection (the server's import transaction) holds the write lock. */
function writerBusy(probe: Database.Database): boolean {
	try {
		probe.exec('BEGIN IMMEDIATE');
		probe.exec('ROLLBACK');
		return false;
	} catch (e) {
		if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
		throw e;
	}
}

describe('SIGKILL in the middle of an import', () => {
	it('leaves nothing of the import, the audit count matching, and the same file applies whole after a restart', async () => {
		if (server && server.exitCode === null) {
			const gone = new Promise((r) => server!.once('exit', r));
			server.kill('SIGKILL');
			await gone;
		}
		port = port || (await freePort());
		server = await start();
		const cookie = await signIn('admin@rasd.demo', 'Rasd-Admin-2026!');
		const { csv, rows } = importFile();
		expect(rows).toBeGreaterThan(3000);

		// The dry run, as a form without JavaScript posts it: the page it renders carries the apply form.
		const upload = new FormData();
		upload.set('kind', 'values');
		upload.set('file', new Blob([csv], { type: 'text/csv' }), 'durability.csv');
		const checked = await fetch(`${base()}/admin/import?/check`, { method: 'POST', headers: { origin: base(), cookie, accept: 'text/html' }, body: upload });
		const html = await checked.text();
		expect(checked.status, html.slice(0, 500)).toBe(200);
		const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
		const apply = new URLSearchParams({
			kind: 'values',
			hash: hidden('hash') ?? '',
			fileName: hidden('fileName') ?? '',
			create: hidden('create') ?? '',
			update: hidden('update') ?? '',
			unchanged: hidden('unchanged') ?? ''
		});
		expect(Number(apply.get('create')) + Number(apply.get('update'))).toBe(rows);
		const post = () =>
			fetch(`${base()}/admin/import?/apply`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: base(), cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
				body: apply
			});

		const before = importSnapshot();
		// Killed the moment the server's import transaction holds the write lock (its dry run writes nothing).
		const probe = new Database(dbPath);
		probe.pragma('busy_timeout = 0');
		let answered = false;
		const exited = new Promise((r) => server!.once('exit', r));
		void post().then(
			() => (answered = true),
			() => {} // cut off by the kill
		);
		const t0 = Date.now();
		while (!answered && !writerBusy(probe) && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 2));
		const killedAfterMs = Date.now() - t0;
		server.kill('SIGKILL');
		await exited;
		probe.close();
		// the kill came inside the transaction (otherwise this test proves nothing)
		expect(answered).toBe(false);

		const after = importSnapshot();
		console.log(
			`durability: import of ${rows} rows killed ${killedAfterMs} ms after the apply was sent, inside its transaction; ${after.values - before.values} values and ${after.events - before.events} audit events left of it`
		);
		expect(after.integrity).toBe('ok');
		expect(after).toEqual(before);

		server = await start();
		const again = await signIn('admin@rasd.demo', 'Rasd-Admin-2026!');
		const res = await fetch(`${base()}/admin/import?/apply`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: base(), cookie: again, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: apply
		});
		expect(res.status).toBe(303);
		const last = importSnapshot();
		expect(last.runs).toBe(before.runs + 1);
		expect(last.fromImport - before.fromImport).toBe(rows);
		expect(last.values - before.values).toBe(Number(apply.get('create')));
		expect(last.importEvents).toBe(before.importEvents + 1);
		expect(last.events).toBe(before.events + 2); // the sign-in and the import
		const { spawnSync } = await import('node:child_process');
		const verify = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', dbPath], { encoding: 'utf8' });
		expect(verify.stdout + verify.stderr).toMatch(/chain intact/);
	}, 240_000);
});
