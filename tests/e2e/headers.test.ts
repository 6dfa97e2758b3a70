/**
 * Security headers on every kind of response the server gives: a page, its data, a static asset, a
 * refusal (403 for a foreign origin), a 404, the JSON API. Pages carry a Content-Security-Policy
 * with a nonce and no inline script allowed, and frame-ancestors 'none'. HSTS only over https: not
 * on the plain-http first start, and present when ORIGIN says the public address is https (the
 * production setting the README documents), on a server started for this check.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseURL } from './browser';

const COMMON = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'same-origin'
};

function expectCommon(res: Response, what: string) {
	for (const [name, value] of Object.entries(COMMON)) expect(res.headers.get(name), `${what}: ${name}`).toBe(value);
	expect(res.headers.get('permissions-policy'), `${what}: permissions-policy`).toContain('camera=()');
}

function expectCsp(res: Response, what: string) {
	const csp = res.headers.get('content-security-policy') ?? '';
	expect(csp, `${what}: a CSP`).not.toBe('');
	expect(csp).toContain("frame-ancestors 'none'");
	const script = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
	expect(script, 'scripts by nonce').toMatch(/'nonce-[^']+'/);
	expect(script).not.toContain("'unsafe-inline'");
}

describe('security headers', () => {
	it('are on pages, data, assets, refusals, missing pages and the API', async () => {
		const base = baseURL();
		const page = await fetch(`${base}/login`);
		expect(page.status).toBe(200);
		expectCommon(page, 'page');
		expectCsp(page, 'page');
		expect(page.headers.get('strict-transport-security'), 'no HSTS over plain http').toBeNull();

		const asset = /\/_app\/immutable\/[^"']+\.js/.exec(await page.text())?.[0];
		expect(asset, 'the page loads an asset').toBeTruthy();
		const js = await fetch(base + asset);
		expect(js.status).toBe(200);
		expectCommon(js, 'asset');

		const refused = await fetch(`${base}/login`, {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: 'email=a&password=b',
			redirect: 'manual'
		});
		expect(refused.status).toBe(403);
		expectCommon(refused, 'refusal');

		const missing = await fetch(`${base}/measures/NOPE-404`, { redirect: 'manual' });
		expectCommon(missing, 'missing page');

		const data = await fetch(`${base}/login/__data.json`);
		expectCommon(data, 'page data');

		const api = await fetch(`${base}/api/v1/reports`);
		expectCommon(api, 'API');
	});
});

describe('HSTS over https', () => {
	let child: ChildProcess | undefined;
	let dir: string | undefined;
	afterAll(() => {
		child?.kill('SIGTERM');
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('is sent when the public address is https', { timeout: 120_000 }, async () => {
		const port = await new Promise<number>((resolve) => {
			const s = createServer().listen(0, '127.0.0.1', () => {
				const p = (s.address() as { port: number }).port;
				s.close(() => resolve(p));
			});
		});
		dir = mkdtempSync(join(tmpdir(), 'rasd-hsts-'));
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(port),
			DATABASE_URL: join(dir, 'rasd.db'),
			ORIGIN: 'https://rasd.example.ma',
			RASD_WORKERS: '1',
			RASD_SEED: 'public'
		};
		for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];
		// the build the global setup made, served as in production behind an https proxy
		child = spawn(process.execPath, ['scripts/serve.mjs'], { env, stdio: 'ignore' });
		let res: Response | undefined;
		for (let i = 0; i < 240 && !res; i++) {
			try {
				res = await fetch(`http://127.0.0.1:${port}/login`);
			} catch {
				await new Promise((r) => setTimeout(r, 250));
			}
		}
		expect(res?.status).toBe(200);
		expect(res!.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
		expectCommon(res!, 'page over https');
	});
});
