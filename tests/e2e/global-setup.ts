/**
 * Browser tests run against the real production build: build once, start `node build` on a free port
 * with a fresh seeded database, and hand the URL to the tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
	}
}

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
		throw new Error('Browser tests need Debian\'s Chromium at /usr/bin/chromium (apt-get install -y chromium).');
	}
	// A plain production build, as `npm start` makes it (VITEST would switch the paraglide plugin off).
	const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
	for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];
	const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit',
		env
	});
	if (build.status !== 0) throw new Error('vite build failed');

	const dir = mkdtempSync(join(tmpdir(), 'rasd-e2e-'));
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, ['build/index.js'], {
		env: {
			...env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATABASE_URL: join(dir, 'e2e.db'),
			EVIDENCE_DIR: join(dir, 'evidence'),
			RASD_SEED: 'demo',
			BODY_SIZE_LIMIT: '11M'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	server.stdout?.on('data', (d) => (log += d));
	server.stderr?.on('data', (d) => (log += d));
	try {
		await waitFor(`${baseURL}/healthz`, server, 120_000);
	} catch (e) {
		server.kill();
		throw new Error(`${(e as Error).message}\n--- server log ---\n${log}`);
	}
	project.provide('baseURL', baseURL);

	return async () => {
		server.kill();
		await new Promise((r) => server.once('exit', r));
		rmSync(dir, { recursive: true, force: true });
	};
}
