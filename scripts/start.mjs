// `npm start`: builds the app when the build is missing or older than the sources, then serves it
// through scripts/serve.mjs (PORT, default 3000; HOST; ORIGIN and the proxy headers, see the README).
// The database is created, migrated and seeded by the server's `init` hook on first start.
//
// RASD_WORKERS (default: the number of cores) serve processes share the port through node:cluster;
// one Node process is one core, and a page render is CPU work. SQLite in WAL mode lets the workers
// read at once (writes queue on the database lock, busy_timeout 5 s), and the read cache stays right
// across them because its invalidation is a counter in the database (read-cache.ts). With more than
// one worker, this process is the primary: it loads the app once without serving — its `init` hook
// migrates and, on first start, seeds, before any worker forks, and it runs the background jobs
// (src/lib/server/background.ts: never in a worker) — then forks the workers and replaces one
// that dies. RASD_WORKERS=1 serves from this very process, as before.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import cluster from 'node:cluster';

const BUILD_ENTRY = 'build/handler.js';

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = st.mtimeMs;
	for (const entry of readdirSync(path)) {
		if (entry === 'paraglide' || entry === 'node_modules') continue;
		newest = Math.max(newest, newestMtime(join(path, entry)));
	}
	return newest;
}

const inputs = ['src', 'messages', 'static', 'project.inlang/settings.json', 'paraglide.config.js', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
const sourcesChanged = Math.max(...inputs.map(newestMtime));
if (!existsSync(BUILD_ENTRY) || statSync(BUILD_ENTRY).mtimeMs < sourcesChanged) {
	console.log('[rasd] building the application…');
	const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (r.status !== 0) {
		console.error('[rasd] the build failed; see the messages above.');
		process.exit(r.status ?? 1);
	}
}

process.env.PORT ??= '3000';
// Spreadsheet imports may be 20 MB (evidence files 10 MB, checked by their own code): a body a little
// larger still reaches the import form, which then says the file is too large; adapter-node refuses
// anything beyond this with a bare 413 (its default is 512 KB).
process.env.BODY_SIZE_LIMIT ??= '24M';

const rawWorkers = process.env.RASD_WORKERS?.trim();
const workers = rawWorkers ? Number(rawWorkers) : availableParallelism();
if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
	console.error(
		`[rasd] RASD_WORKERS="${rawWorkers}": expected a whole number of processes from 1 to 256 (default: the number of cores, ${availableParallelism()}).`
	);
	process.exit(1);
}

if (workers === 1) {
	await import('./serve.mjs');
} else {
	// Migrations, first seed and background jobs, here, once (the `init` hook runs on import).
	await import(new URL('../build/handler.js', import.meta.url).href);
	cluster.setupPrimary({ exec: fileURLToPath(new URL('./serve.mjs', import.meta.url)) });
	console.log(`[rasd] database ready; starting ${workers} workers`);

	let stopping = false;
	/** Deaths in the last minute: a worker that dies on start is not re-forked forever. */
	let deaths = [];
	for (let i = 0; i < workers; i++) cluster.fork();
	cluster.on('exit', (worker, code, signal) => {
		if (stopping) {
			if (Object.keys(cluster.workers ?? {}).length === 0) leave(0);
			return;
		}
		const now = Date.now();
		deaths = [...deaths.filter((t) => now - t < 60_000), now];
		console.error(`[rasd] worker ${worker.id} exited (${signal ?? `code ${code}`})`);
		if (deaths.length > workers * 3) {
			console.error('[rasd] workers keep dying; stopping. See the messages above.');
			stop(1);
			return;
		}
		cluster.fork();
	});

	/** @param {number} code */
	function leave(code) {
		// @ts-expect-error SvelteKit's own event, for code that cleans up on shutdown
		process.emit('sveltekit:shutdown', 'SIGTERM');
		process.exit(code);
	}
	/** Each worker finishes the requests under way (serve.mjs), then this process leaves. */
	function stop(code = 0) {
		if (stopping) return;
		stopping = true;
		const alive = Object.values(cluster.workers ?? {});
		if (alive.length === 0) leave(code);
		for (const w of alive) w?.process.kill('SIGTERM');
		setTimeout(() => leave(code), 12_000).unref();
	}
	process.once('SIGTERM', () => stop());
	process.once('SIGINT', () => stop());
}
