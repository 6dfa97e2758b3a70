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
	watch(page);
	return { context, page };
}

/** What went wrong while a page loaded, said when it does not hydrate (a CI run once waited 30 s for it). */
const trouble = new WeakMap<Page, string[]>();

function watch(page: Page): void {
	const seen: string[] = [];
	trouble.set(page, seen);
	const note = (s: string) => seen.length < 20 && seen.push(s);
	page.on('console', (msg) => msg.type() === 'error' && note(`console: ${msg.text()}`));
	page.on('pageerror', (e) => note(`page error: ${e.message}`));
	page.on('requestfailed', (r) => note(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
	page.on('response', (r) => r.status() >= 400 && note(`${r.status()}: ${r.url()}`));
}

/** Waits until SvelteKit has hydrated the page, so a click is handled by the app and not lost mid-way. */
export async function ready(page: Page): Promise<void> {
	// Hydration is a second or two, but the 2 shared cores of CI can stall a few tens of seconds while
	// the other test projects run beside the browser tests.
	const started = Date.now();
	try {
		await page.waitForSelector('html[data-ready]', { state: 'attached', timeout: 90_000 });
	} catch (e) {
		const seen = trouble.get(page) ?? [];
		throw new Error(`${page.url()} did not hydrate in ${Date.now() - started} ms; ${seen.length ? seen.join('; ') : 'no script error or failed request'}`, {
			cause: e
		});
	}
}

export async function login(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/login');
	await ready(page);
	await page.fill('#email', email);
	await page.fill('#password', password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

/**
 * Brings each chart of the page into view in turn, as a reader scrolling down would (a chart is built
 * only near the viewport), and waits until every one is drawn or shows its empty or error state.
 * Returns how many were drawn, and leaves the page scrolled back to its top.
 */
export async function drawCharts(page: Page, timeout = 20_000): Promise<number> {
	const charts = page.locator('[data-chart-state]');
	const n = await charts.count();
	for (let i = 0; i < n; i++) {
		const chart = charts.nth(i);
		if (!(await chart.isVisible())) continue;
		await chart.scrollIntoViewIfNeeded();
		await page.waitForFunction((el) => el.getAttribute('data-chart-state') !== 'loading', await chart.elementHandle(), { timeout });
	}
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll('[data-chart-state]')]
				.filter((c) => c.checkVisibility())
				.every((c) => ['ready', 'empty', 'error'].includes(c.getAttribute('data-chart-state') ?? '')),
		undefined,
		{ timeout }
	);
	return page.locator('[data-chart-state=ready] svg').count();
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
	mkdirSync(ARTIFACTS, { recursive: true });
	// a full-page picture shows every chart drawn, not the placeholders of those never scrolled to
	if (fullPage) await drawCharts(page, 10_000).catch(() => undefined);
	await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage });
}
