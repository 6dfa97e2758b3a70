/**
 * Browser tests run against the real production build, started exactly as the README says: build once,
 * then `npm start` (node scripts/start.mjs) with nothing of the app's configuration set but a
 * temporary DATABASE_URL and a free PORT — no ORIGIN, no HOST, the defaults for everything else. The
 * tests get the URL as `baseURL`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		/** the server's SQLite file, for tests that compare what a page shows with what is stored */
		databasePath: string;
	}
}

/** The app's and adapter-node's settings (README, Configuration). */
const APP_SETTINGS = [
	'ORIGIN',
	'HOST',
	'PORT',
	'DATABASE_URL',
	'EVIDENCE_DIR',
	'RASD_SEED',
	'RASD_READ_CACHE',
	'RASD_WORKERS',
	'BODY_SIZE_LIMIT',
	'PROTOCOL_HEADER',
	'HOST_HEADER',
	'PORT_HEADER',
	'ADDRESS_HEADER',
	'XFF_DEPTH',
	'SOCKET_PATH',
	'MIGRATIONS_DIR',
	'RASD_PDF',
	'RASD_CHROMIUM',
	'RASD_PDF_ORIGIN'
];

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
		try {
			const res = await fetch(url);
			if (res.ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the server did not answer ${url} within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
	if (!existsSync('/usr/bin/chromium')) {
		throw new Error("Browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium).");
	}
	// `npm start` builds the app itself when the build is missing or older than the sources; VITEST
	// (which would switch the paraglide plugin off) and NODE_ENV=test are not passed on.
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];

	const dir = mkdtempSync(join(tmpdir(), 'rasd-e2e-'));
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	// Whatever the shell that runs the tests has set of the app's settings is not passed on.
	for (const k of [...APP_SETTINGS, 'NODE_ENV']) delete env[k];
	const server = spawn(process.execPath, ['scripts/start.mjs'], {
		env: { ...env, PORT: String(port), DATABASE_URL: join(dir, 'e2e.db') },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	server.stdout?.on('data', (d) => (log += d));
	server.stderr?.on('data', (d) => (log += d));
	try {
		// up to a build (about a minute and a half on two shared cores) and the first seed
		await waitFor(`${baseURL}/healthz`, server, 360_000);
	} catch (e) {
		server.kill();
		throw new Error(`${(e as Error).message}\n--- server log ---\n${log}`, { cause: e });
	}
	project.provide('baseURL', baseURL);
	project.provide('databasePath', join(dir, 'e2e.db'));

	return async () => {
		server.kill();
		await new Promise((r) => server.once('exit', r));
		rmSync(dir, { recursive: true, force: true });
	};
}
