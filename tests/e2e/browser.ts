/** Debian's Chromium driven by playwright-core: never a downloaded browser. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { inject } from 'vitest';

export const ARTIFACTS = 'tests/.artifacts';

export async function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-dev-shm-usage'
		]
	});
}

export function baseURL(): string {
	return inject('baseURL');
}

/** The browser language of a test unless it says otherwise: the first page follows it (Accept-Language). */
export const DEFAULT_BROWSER_LOCALE = 'fr-FR';

export async function newPage(
	browser: Browser,
	opts: { width?: number; height?: number; javaScriptEnabled?: boolean; locale?: string } = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({
		baseURL: baseURL(),
		locale: opts.locale ?? DEFAULT_BROWSER_LOCALE,
		viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
		javaScriptEnabled: opts.javaScriptEnabled ?? true
	});
	const page = await context.newPage();
	return { context, page };
}

/** Waits until SvelteKit has hydrated the page, so a click is handled by the app and not lost mid-way. */
export async function ready(page: Page): Promise<void> {
	await page.waitForSelector('html[data-ready]', { state: 'attached' });
}

export async function login(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/login');
	await ready(page);
	await page.fill('#email', email);
	await page.fill('#password', password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
	mkdirSync(ARTIFACTS, { recursive: true });
	await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage });
}
