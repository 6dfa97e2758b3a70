/**
 * A first start signs in: the server runs as the README says (`npm start`, no ORIGIN, no HOST; see
 * global-setup.ts), and a browser signs in through every address of the machine. Failed sign-ins say
 * why; refusals are the app's own pages; the first page follows the browser's language.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { networkInterfaces } from 'node:os';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launch, baseURL, login, newPage, ready, DEFAULT_BROWSER_LOCALE } from './browser';

const COMMISSION = { email: 'commission@rasd.demo', password: 'Rasd-Commission-2026!' };
/** An account no other test switches to another language. */
const FOCAL_POINT = { email: 'pf.mj@rasd.demo', password: 'Rasd-Demo-2026!' };

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const port = () => new URL(baseURL()).port;

/** The machine's own (non-loopback) IPv4 address, when it has one. */
function ownAddress(): string | undefined {
	for (const list of Object.values(networkInterfaces())) {
		for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
	}
	return undefined;
}

describe('a first start signs in over plain http', () => {
	const hosts = ['localhost', '127.0.0.1', ...(ownAddress() ? [ownAddress()!] : [])];
	for (const host of hosts) {
		it(`signs in through http://${host}:PORT, with and without JavaScript`, async () => {
			for (const javaScriptEnabled of [true, false]) {
				const url = `http://${host}:${port()}`;
				const context = await browser.newContext({ baseURL: url, javaScriptEnabled, locale: DEFAULT_BROWSER_LOCALE });
				const page = await context.newPage();
				await page.goto('/login');
				if (javaScriptEnabled) await ready(page);
				await page.fill('#email', FOCAL_POINT.email);
				await page.fill('#password', FOCAL_POINT.password);
				await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
				expect(page.url()).toBe(`${url}/`);
				expect(await page.locator('h1').first().innerText()).toBe('Tableau de bord');
				// the session cookie is not marked Secure over http (the browser would drop it otherwise)
				const cookie = (await context.cookies()).find((c) => c.name === 'rasd_session');
				expect(cookie?.secure).toBe(false);
				await context.close();
			}
		});
	}
});

describe('a refused sign-in says why', () => {
	it('on the sign-in page, in the user language, when the app is reached at another address than its own (JavaScript on)', async () => {
		// A reverse proxy that passes on its own Host, not the browser's: the classic case where the
		// browser's Origin and the address the server believes it has differ (ORIGIN unset or wrong).
		const app = new URL(baseURL());
		const proxy = createServer((req, res) => {
			const upstream = httpRequest(
				{ host: app.hostname, port: app.port, path: req.url, method: req.method, headers: { ...req.headers, host: app.host } },
				(up) => {
					res.writeHead(up.statusCode ?? 502, up.headers);
					up.pipe(res);
				}
			);
			req.pipe(upstream);
		});
		await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
		const proxyURL = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
		const context = await browser.newContext({ baseURL: proxyURL, locale: 'ar-MA' });
		const page = await context.newPage();
		try {
			await page.goto('/login');
			await ready(page);
			await page.fill('#email', COMMISSION.email);
			await page.fill('#password', COMMISSION.password);
			await page.click('button[type=submit]');
			const alert = page.locator('[data-testid=login-error]');
			await alert.waitFor();
			const text = await alert.innerText();
			expect(text).toContain('تم رفض الطلب');
			expect(text).toContain(proxyURL);
			expect(text).toContain(baseURL());
			expect(new URL(page.url()).pathname).toBe('/login');
			expect((await context.cookies()).some((c) => c.name === 'rasd_session')).toBe(false);
		} finally {
			await context.close();
			proxy.closeAllConnections();
			await new Promise((r) => proxy.close(r));
		}
	});

	it('on the sign-in page, without JavaScript, when another site (origin null) posts the form', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, locale: DEFAULT_BROWSER_LOCALE });
		const page = await context.newPage();
		await page.setContent(
			`<form method="POST" action="${baseURL()}/login"><input name="email" value="${COMMISSION.email}"><input name="password" value="${COMMISSION.password}"><button>go</button></form>`
		);
		const [response] = await Promise.all([page.waitForEvent('response'), page.click('button')]);
		await page.waitForLoadState();
		expect(response.status()).toBe(403);
		expect(await page.locator('[data-testid=login-error]').innerText()).toContain('Demande refusée');
		expect((await context.cookies()).some((c) => c.name === 'rasd_session')).toBe(false);
		await context.close();
	});

	it('when the server does not answer', async () => {
		const { context, page } = await newPage(browser);
		await page.goto('/login');
		await ready(page);
		await page.route('**/login', (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()));
		await page.fill('#email', COMMISSION.email);
		await page.fill('#password', COMMISSION.password);
		await page.click('button[type=submit]');
		const alert = page.locator('[data-testid=login-error]');
		await alert.waitFor();
		expect(await alert.innerText()).toContain('le serveur ne répond pas');
		expect(await page.locator('button[type=submit]').isEnabled()).toBe(true);
		await context.close();
	});
});

describe('CSRF: a state-changing request from a foreign, missing or null origin is refused', () => {
	const targets = [
		{ path: '/login', body: new URLSearchParams({ email: COMMISSION.email, password: COMMISSION.password }) },
		{ path: '/locale', body: new URLSearchParams({ locale: 'ar', redirectTo: '/' }) },
		{ path: '/logout', body: new URLSearchParams() },
		{ path: '/measures/A1.1.1?/saveUpdate', body: new URLSearchParams({ status: 'done' }) },
		{ path: '/api/measures/A1.1.1/updates', body: JSON.stringify({ status: 'done' }), json: true }
	];
	for (const { path, body, json } of targets) {
		it(`POST ${path}`, async () => {
			for (const origin of ['http://evil.example', 'null', undefined]) {
				const headers: Record<string, string> = json
					? { 'content-type': 'application/json' }
					: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
				if (origin) headers.origin = origin;
				const res = await fetch(baseURL() + path, { method: 'POST', headers, body, redirect: 'manual' });
				expect(res.status, `${path} from ${origin}`).toBe(403);
				expect(res.headers.get('set-cookie') ?? '').not.toContain('rasd_session=');
				if (json) expect(await res.json()).toMatchObject({ error: 'origin' });
			}
		});
	}

	it('lets the same sign-in through from the site itself', async () => {
		const res = await fetch(baseURL() + '/login', {
			method: 'POST',
			headers: { origin: baseURL(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams({ email: COMMISSION.email, password: COMMISSION.password }),
			redirect: 'manual'
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('set-cookie')).toContain('rasd_session=');
	});

	it('ignores a client X-Forwarded-Proto when no proxy is configured', async () => {
		const res = await fetch(baseURL() + '/login', {
			method: 'POST',
			headers: {
				origin: baseURL().replace('http:', 'https:'),
				'x-forwarded-proto': 'https',
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html'
			},
			body: new URLSearchParams({ email: COMMISSION.email, password: COMMISSION.password }),
			redirect: 'manual'
		});
		expect(res.status).toBe(403);
		expect(res.headers.get('strict-transport-security')).toBeNull();
	});
});

describe('the first page follows the browser language', () => {
	for (const [locale, lang, title] of [
		['ar-MA', 'ar', 'تسجيل الدخول'],
		['en-GB', 'en', 'Sign in'],
		['de-DE', 'fr', 'Connexion']
	] as const) {
		it(`${locale} → ${lang}`, async () => {
			const context = await browser.newContext({ baseURL: baseURL(), locale });
			const page = await context.newPage();
			await page.goto('/');
			expect(new URL(page.url()).pathname).toBe('/login');
			expect(await page.locator('html').getAttribute('lang')).toBe(lang);
			expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
			await ready(page);
			expect(await page.locator('h1').innerText()).toBe(title);
			await context.close();
		});
	}
});

describe('a refused page', () => {
	it('is the app error page in the user language, with a way back', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'oim@rasd.demo', 'Rasd-Oim-2026!');
		const response = await page.goto('/review');
		expect(response?.status()).toBe(403);
		expect(new URL(page.url()).pathname).toBe('/review');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.locator('[data-testid=error-message]').innerText()).toBe('You do not have access to this page or action.');
		// the navigation of the app is there, and the way back leads home
		expect(await page.locator('nav[aria-label] a').count()).toBeGreaterThanOrEqual(5);
		await ready(page);
		await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('[data-testid=error-home]')]);
		expect(await page.locator('h1').first().innerText()).toBe('Dashboard');
		await context.close();
	});

	it('is a JSON error for the page data and the API', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'oim@rasd.demo', 'Rasd-Oim-2026!');
		const data = await page.request.get('/review/__data.json');
		expect(data.status()).toBe(403);
		expect(await data.json()).toMatchObject({ error: { message: 'err_forbidden' } });
		const api = await page.request.post('/api/measures/A1.1.1/updates', { data: {}, headers: { origin: baseURL() } });
		expect(api.status()).toBe(403);
		expect(api.headers()['content-type']).toContain('application/json');
		await context.close();
	});
});
