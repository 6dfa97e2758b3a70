/**
 * `npm start` with RASD_WORKERS=2: the primary migrates and seeds once, two workers serve the port,
 * and the read cache stays right across them — a validation written through one worker shows at once
 * on the overview read through the other, although that worker had the overview cached from before.
 * Each request opens its own connection (the cluster hands connections to the workers in turn) and
 * the answering worker is known from its `X-Rasd-Worker` header.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const dir = mkdtempSync(join(tmpdir(), 'rasd-workers-'));
const dbPath = join(dir, 'workers.db');
let server: ChildProcess | null = null;
let port = 0;
let log = '';
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

interface Answer {
	status: number;
	worker: string | undefined;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** One request on a connection of its own (`agent: false`), so the cluster picks the next worker. */
function request(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
	return new Promise((ok, ko) => {
		const req = http.request(`${base()}${path}`, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () =>
				ok({
					status: res.statusCode ?? 0,
					worker: res.headers['x-rasd-worker'] as string | undefined,
					headers: res.headers,
					body: Buffer.concat(chunks).toString('utf8')
				})
			);
		});
		req.on('error', ko);
		req.end(opts.body);
	});
}

/** GETs `path` until the given worker answers it (or any worker but `not`). */
async function through(path: string, cookie: string, want: { worker?: string; not?: string }): Promise<Answer> {
	for (let i = 0; i < 20; i++) {
		const a = await request(path, { headers: { cookie } });
		if ((want.worker && a.worker === want.worker) || (want.not && a.worker && a.worker !== want.not)) return a;
	}
	throw new Error(`no answer from the wanted worker (${JSON.stringify(want)}) in 20 requests`);
}

/** The overview's "completion" key figure, as the page shows it. */
function completion(html: string): string {
	const m = /data-testid="kpi-completion"[\s\S]*?<bdi class="value[^"]*">([^<]+)<\/bdi>/.exec(html);
	if (!m) throw new Error('no completion figure on the overview');
	return m[1]!;
}

afterAll(async () => {
	if (server && server.exitCode === null) {
		server.kill('SIGTERM');
		await new Promise((r) => server!.once('exit', r));
	}
	rmSync(dir, { recursive: true, force: true });
});

describe('npm start with two workers', () => {
	it('prepares the database once, serves from both workers, and a write through one shows through the other', async () => {
		port = await freePort();
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: dbPath,
			EVIDENCE_DIR: join(dir, 'evidence'),
			RASD_SEED: 'demo',
			RASD_WORKERS: '2'
		};
		for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];
		for (const k of ['ORIGIN', 'NODE_ENV', 'RASD_READ_CACHE', 'PROTOCOL_HEADER']) delete env[k];
		server = spawn(process.execPath, ['scripts/start.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		server.stdout?.on('data', (d) => (log += d));
		server.stderr?.on('data', (d) => (log += d));
		let up = false;
		for (let i = 0; i < 1200 && !up; i++) {
			if (server.exitCode !== null) throw new Error(`server exited ${server.exitCode}\n${log}`);
			up = (log.match(/serving on .*\(worker \d+/g) ?? []).length === 2;
			if (!up) await new Promise((r) => setTimeout(r, 250));
		}
		expect(up, log).toBe(true);
		// seeded once, by the primary, before the workers started
		expect(log.match(/database seeded/g)).toHaveLength(1);
		expect(log.indexOf('database seeded')).toBeLessThan(log.indexOf('serving on'));

		const signIn = await request('/login', {
			method: 'POST',
			headers: { origin: base(), 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'commission@rasd.demo', password: 'Rasd-Commission-2026!', redirectTo: '/' }).toString()
		});
		const cookie = (signIn.headers['set-cookie'] ?? []).find((c) => c.startsWith('rasd_session='))?.split(';')[0];
		expect(cookie, `sign-in answered ${signIn.status}`).toBeTruthy();

		// served compressed by the server itself
		const compressed = await request('/', { headers: { cookie: cookie!, 'accept-encoding': 'br, gzip' } });
		expect(compressed.headers['content-encoding']).toBe('br');

		// A focal point's report that completes an open measure, waiting for the commission (written
		// beside the running server, which WAL allows).
		const setup = new Database(dbPath);
		setup.pragma('busy_timeout = 5000');
		const measure = setup
			.prepare(
				`SELECT m.id, m.lead_institution_id AS inst FROM measures m JOIN plans p ON p.id = (SELECT a.plan_id FROM objectives o JOIN axes a ON a.id = o.axis_id WHERE o.id = m.objective_id)
				WHERE p.code = 'PN-2023-2030' AND m.status = 'in_progress'
				AND NOT EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id AND u.state IN ('draft','submitted','returned')) ORDER BY m.id LIMIT 1`
			)
			.get() as { id: number; inst: number };
		const update = setup
			.prepare(
				`INSERT INTO progress_updates (measure_id, period, status, progress, state, version, institution_id, submitted_at)
				VALUES (?, '2026-S1', 'completed', 100, 'submitted', 1, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now')) RETURNING id, version`
			)
			.get(measure.id, measure.inst) as { id: number; version: number };
		setup.close();

		// Both workers have the overview cached before the validation.
		const before1 = await through('/', cookie!, { worker: '1' });
		const before2 = await through('/', cookie!, { worker: '2' });
		expect(before1.status).toBe(200);
		expect(completion(before2.body)).toBe(completion(before1.body));

		const decided = await request('/review?/decide', {
			method: 'POST',
			headers: { origin: base(), cookie: cookie!, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
			body: new URLSearchParams({ kind: 'update', id: String(update.id), version: String(update.version), decision: 'validate' }).toString()
		});
		expect(decided.status).toBe(200);
		expect(decided.body).toContain('"type":"success"');
		const writer = decided.worker!;
		expect(['1', '2']).toContain(writer);

		const reader = await through('/', cookie!, { not: writer });
		const same = await through('/', cookie!, { worker: writer });
		expect(completion(reader.body)).not.toBe(completion(before1.body));
		expect(completion(reader.body)).toBe(completion(same.body));
	}, 300_000);
});
