/**
 * Load: the real server (`npm start`'s scripts/start.mjs, with RASD_WORKERS workers) on a copy of the
 * bench database, `autocannon` with N connections on one page for a fixed time while W commission
 * members validate back to back (each validation moves the read cache's generation), on the loopback:
 *
 *   npx tsx bench/load.ts [--db bench/out/national.db] [--workers 1,2] [--paths /,/measures]
 *                         [--connections 200] [--duration 30] [--writers 5] [--timeout 10]
 *
 * For every worker count: a fresh copy of --db (bench/out/load.db, so each run validates the same
 * queue), the accounts (bench@rasd.bench reads, bench-writer-1…W@rasd.bench validate; all commission),
 * extra submitted reports (one per measure without an open one) so the writers never run dry, the
 * server started and signed into, then one timed run per path. Printed per run: requests, non-2xx,
 * errors, timeouts, latency p50 / p99 / max, throughput, the validations done (and failed) with their
 * p50 / p99, the server's CPU time per request (primary + workers, from /proc: what a quiet machine
 * could serve), the load average before and after (the machine may be shared: say so with the figures).
 * Readers send `Accept-Encoding: br, gzip` as browsers do (`--compressed no` to leave it out).
 *
 * Bounded: every run stops after --duration seconds, the server is stopped after each worker count,
 * and it listens on 127.0.0.1 only. Writes only to bench/out/load.db. Relative imports (tsx).
 */
import { copyFileSync, existsSync, rmSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir, availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { z } from 'zod';
import { hashPassword } from '../src/lib/server/auth/password';
import { parseArgs, usageError } from './cli';
import { percentile } from './stats';

const USAGE = `usage: npx tsx bench/load.ts [--db bench/out/national.db] [--workers 1,2] [--paths /,/measures]
                               [--connections 200] [--duration 30] [--writers 5] [--timeout 10] [--compressed yes]`;

const list = <T extends z.ZodType>(item: T) =>
	z.string().transform((v, ctx) => {
		const parts = v
			.split(',')
			.map((x) => x.trim())
			.filter(Boolean);
		const out = parts.map((p) => item.safeParse(p));
		if (!parts.length || out.some((o) => !o.success)) {
			ctx.addIssue({ code: 'custom', message: 'expected a comma-separated list' });
			return z.NEVER;
		}
		return out.map((o) => o.data as z.infer<T>);
	});

const args = parseArgs(
	process.argv.slice(2),
	{
		db: z.string().trim().min(1).default('bench/out/national.db'),
		workers: list(z.coerce.number().int().min(1).max(64)).default([1, 2]),
		paths: list(z.string().regex(/^\/[^\s]*$/, 'a path such as /measures')).default(['/', '/measures']),
		connections: z.coerce.number().int().min(1).max(2000).default(200),
		duration: z.coerce.number().int().min(1).max(300).default(30),
		writers: z.coerce.number().int().min(0).max(50).default(5),
		timeout: z.coerce.number().int().min(1).max(60).default(10),
		compressed: z.enum(['yes', 'no']).default('yes')
	},
	USAGE
);

const source = resolve(args.db);
if (!existsSync(source)) usageError(`${args.db} does not exist: build it first with npx tsx bench/generate.ts`, USAGE);
{
	const probe = new Database(source, { readonly: true, fileMustExist: true });
	const generator = probe.prepare(`SELECT value FROM meta WHERE key = 'bench_generator'`).pluck().get();
	probe.close();
	if (!generator) usageError(`${args.db} is not a bench database (no meta.bench_generator)`, USAGE);
}
const copy = resolve('bench/out/load.db');
const READER = { email: 'bench@rasd.bench', password: 'Rasd-Bench-2026!' };
const writerAccount = (i: number) => ({ email: `bench-writer-${i}@rasd.bench`, password: `Rasd-Bench-Writer-${i}!` });

const load = () =>
	loadavg()
		.map((x) => x.toFixed(2))
		.join(' ');

/** A fresh copy of the bench database with the accounts and a queue deep enough for the writers. */
async function prepareCopy(): Promise<{ queued: number }> {
	const src = new Database(source);
	src.pragma('wal_checkpoint(TRUNCATE)');
	src.close();
	for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
	copyFileSync(source, copy);
	const db = new Database(copy);
	db.pragma('journal_mode = WAL');
	db.pragma('busy_timeout = 5000');
	const insertUser = db.prepare(`INSERT INTO users (email, name, role, password_hash, locale, is_demo, active) VALUES (?, ?, 'commission', ?, 'fr', 1, 1)
		ON CONFLICT (email) DO UPDATE SET role = 'commission', password_hash = excluded.password_hash, active = 1, institution_id = NULL`);
	insertUser.run(READER.email, 'Bench Commission', await hashPassword(READER.password));
	for (let i = 1; i <= args.writers; i++) insertUser.run(writerAccount(i).email, `Bench Writer ${i}`, await hashPassword(writerAccount(i).password));
	// One submitted report per measure that has none open (as a reporting deadline brings in).
	db.exec(`INSERT INTO progress_updates (measure_id, period, status, progress, state, version, institution_id, submitted_at)
		SELECT m.id, '2026-S1', 'in_progress', min(100, m.progress + 5), 'submitted', 1, m.lead_institution_id, strftime('%Y-%m-%dT%H:%M:%fZ','now')
		FROM measures m WHERE NOT EXISTS (SELECT 1 FROM progress_updates u WHERE u.measure_id = m.id AND u.state IN ('draft','submitted','returned'))`);
	const queued = db.prepare(`SELECT count(*) FROM progress_updates WHERE state = 'submitted'`).pluck().get() as number;
	db.close();
	return { queued };
}

function freePort(): Promise<number> {
	return new Promise((ok, ko) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const a = srv.address();
			srv.close(() => (typeof a === 'object' && a ? ok(a.port) : ko(new Error('no port'))));
		});
	});
}

async function startServer(workers: number, port: number): Promise<{ child: ChildProcess; log: () => string }> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATABASE_URL: copy,
		RASD_SEED: 'none',
		RASD_WORKERS: String(workers),
		EVIDENCE_DIR: mkdtempSync(join(tmpdir(), 'rasd-load-'))
	};
	for (const k of ['ORIGIN', 'RASD_READ_CACHE', 'PROTOCOL_HEADER', 'NODE_ENV']) delete env[k];
	// BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) goes to the server's node, and so to its
	// workers (cluster forks with the primary's execArgv): how the CPU of a loaded server is profiled.
	const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(process.execPath, [...nodeArgs, 'scripts/start.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
	const deadline = Date.now() + 300_000;
	while ((log.match(/serving on/g) ?? []).length < workers) {
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	return { child, log: () => log };
}

async function stopServer(child: ChildProcess) {
	if (child.exitCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
	if (child.exitCode === null) child.kill('SIGKILL');
}

async function signIn(base: string, account: { email: string; password: string }): Promise<string> {
	const res = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: account.email, password: account.password, redirectTo: '/' })
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rasd_session='));
	if (!cookie) throw new Error(`sign-in of ${account.email} failed: ${res.status}`);
	return cookie.split(';')[0]!;
}

/** A commission member validating the submitted reports of its share of the queue, one after another. */
async function writer(base: string, cookie: string, index: number, count: number, until: number, stats: { ok: number; failed: number; ms: number[] }) {
	const db = new Database(copy, { readonly: true });
	const next = db.prepare(`SELECT id, version FROM progress_updates WHERE state = 'submitted' AND id % ? = ? ORDER BY id LIMIT 1 OFFSET ?`);
	let skip = 0;
	try {
		while (performance.now() < until) {
			const item = next.get(count, index, skip) as { id: number; version: number } | undefined;
			if (!item) break;
			const t = performance.now();
			const res = await fetch(`${base}/review?/decide`, {
				method: 'POST',
				headers: { origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' },
				body: new URLSearchParams({ kind: 'update', id: String(item.id), version: String(item.version), decision: 'validate' }),
				signal: AbortSignal.timeout(args.timeout * 1000)
			}).catch(() => null);
			const body = res ? await res.text() : '';
			stats.ms.push(performance.now() - t);
			if (res?.status === 200 && body.includes('"type":"success"')) stats.ok++;
			else {
				stats.failed++;
				skip++; // do not retry the same item forever
			}
		}
	} finally {
		db.close();
	}
}

/**
 * CPU time (ms, user + system) used so far by the server: the process and its children (the workers),
 * from /proc. Unlike latency it hardly depends on what else the machine runs, so "CPU ms per request"
 * says what a quiet machine could serve: about cores × 1000 / (CPU ms per request) requests a second.
 */
function serverCpuMs(pid: number): number {
	const ticks = (p: number) => {
		try {
			const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return Number(fields[11]) + Number(fields[12]); // utime, stime
		} catch {
			return 0;
		}
	};
	const children = (p: number): number[] => {
		try {
			return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
		} catch {
			return [];
		}
	};
	const all = [pid, ...children(pid)];
	return (all.reduce((sum, p) => sum + ticks(p), 0) * 1000) / 100; // USER_HZ = 100 on Linux
}

const f = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

console.log(
	`load bench: ${args.connections} connections × ${args.duration} s per path, ${args.writers} writers validating back to back, workers ${args.workers.join(', ')}, ${availableParallelism()} cores`
);
console.log(`database: copy of ${args.db} → bench/out/load.db for each worker count; Accept-Encoding: ${args.compressed === 'yes' ? 'br, gzip' : '(none)'}`);

for (const workers of args.workers) {
	const { queued } = await prepareCopy();
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = await startServer(workers, port);
	try {
		const reader = await signIn(base, READER);
		const writerCookies = [];
		for (let i = 1; i <= args.writers; i++) writerCookies.push(await signIn(base, writerAccount(i)));
		console.log(`\nworkers=${workers} (queue: ${queued} submitted reports)`);
		for (const path of args.paths) {
			const headers: Record<string, string> = { cookie: reader };
			if (args.compressed === 'yes') headers['accept-encoding'] = 'br, gzip';
			// warm: one request per worker, so the timed run starts from the served state, as in production
			for (let i = 0; i < workers * 2; i++) await fetch(`${base}${path}`, { headers }).then((r) => r.arrayBuffer());
			const before = load();
			const cpuBefore = serverCpuMs(server.child.pid!);
			const until = performance.now() + args.duration * 1000;
			const wstats = { ok: 0, failed: 0, ms: [] as number[] };
			const writing = writerCookies.map((c, i) => writer(base, c, i, writerCookies.length, until, wstats));
			const result = await autocannon({ url: `${base}${path}`, connections: args.connections, duration: args.duration, timeout: args.timeout, headers });
			await Promise.all(writing);
			const cpu = serverCpuMs(server.child.pid!) - cpuBefore;
			const served = result.requests.total + wstats.ms.length;
			const sorted = [...wstats.ms].sort((a, b) => a - b);
			const l = result.latency;
			console.log(
				`  ${path.padEnd(10)} requests=${result.requests.total}  2xx=${result['2xx']}  non2xx=${result.non2xx}  errors=${result.errors}  timeouts=${result.timeouts}  ` +
					`latency p50=${f(l.p50)} p99=${f(l.p99)} max=${f(l.max)} ms  throughput=${result.requests.average.toFixed(0)} req/s  ` +
					`validations=${wstats.ok} failed=${wstats.failed} p50=${sorted.length ? f(percentile(sorted, 50)) : '-'} p99=${sorted.length ? f(percentile(sorted, 99)) : '-'} ms  ` +
					`server CPU ${(cpu / 1000).toFixed(1)} s = ${served ? (cpu / served).toFixed(1) : '-'} ms per request  load ${before} → ${load()}`
			);
		}
	} finally {
		await stopServer(server.child);
	}
}
for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
