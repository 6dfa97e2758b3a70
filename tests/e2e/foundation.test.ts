import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newPage, login, ready, screenshot } from './browser';

const ACCOUNTS = [
	{ role: 'admin', email: 'admin@rasd.demo', password: 'Rasd-Admin-2026!', lang: 'fr', heading: 'Tableau de bord' },
	{ role: 'commission', email: 'commission@rasd.demo', password: 'Rasd-Commission-2026!', lang: 'fr', heading: 'Tableau de bord' },
	{ role: 'focal_point (DGSN)', email: 'dgsn@rasd.demo', password: 'Rasd-Dgsn-2026!', lang: 'fr', heading: 'Tableau de bord' },
	{ role: 'focal_point (FAM)', email: 'social@rasd.demo', password: 'Rasd-Social-2026!', lang: 'ar', heading: 'لوحة القيادة' },
	{ role: 'partner (OIM)', email: 'oim@rasd.demo', password: 'Rasd-Oim-2026!', lang: 'en', heading: 'Dashboard' }
] as const;

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe('signing in and out', () => {
	for (const account of ACCOUNTS) {
		it(`${account.role} signs in, lands on the dashboard in their language, and signs out`, async () => {
			const { context, page } = await newPage(browser);
			await login(page, account.email, account.password);
			expect(new URL(page.url()).pathname).toBe('/');
			expect(await page.locator('html').getAttribute('lang')).toBe(account.lang);
			expect(await page.locator('h1').first().innerText()).toBe(account.heading);
			expect(await page.locator('nav[aria-label] a').count()).toBeGreaterThanOrEqual(5);
			await page.click('[data-testid=logout]');
			await page.waitForURL('**/login');
			// the session is gone: a protected page sends us back to the login page
			await page.goto('/plans');
			expect(new URL(page.url()).pathname).toBe('/login');
			await context.close();
		});
	}

	it('shows one generic error for a wrong password and keeps the e-mail typed', async () => {
		const { context, page } = await newPage(browser);
		await page.goto('/login');
		await ready(page);
		await page.fill('#email', 'dgsn@rasd.demo');
		await page.fill('#password', 'not the password');
		await page.click('button[type=submit]');
		const alert = page.locator('[data-testid=login-error]');
		await alert.waitFor();
		expect(await alert.innerText()).toBe('Adresse e-mail ou mot de passe incorrect.');
		expect(await page.inputValue('#email')).toBe('dgsn@rasd.demo');
		expect(await page.inputValue('#password')).toBe('');
		await context.close();
	});

	it('treats a tampered session cookie as signed out and says so on the login page', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
		const cookie = (await context.cookies()).find((c) => c.name === 'rasd_session')!;
		await context.addCookies([{ ...cookie, value: cookie.value.slice(0, -2) + 'xx' }]);
		await page.goto('/plans');
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(await page.locator('[data-testid=session-ended]').innerText()).toContain('reconnectez-vous');
		// the bad cookie was dropped: no message on the next visit
		await page.goto('/plans');
		expect(await page.locator('[data-testid=session-ended]').count()).toBe(0);
		await context.close();
	});

	it('signs in without JavaScript and returns to the page first asked for', async () => {
		const { context, page } = await newPage(browser, { javaScriptEnabled: false });
		await page.goto('/recommendations');
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.fill('#email', 'commission@rasd.demo');
		await page.fill('#password', 'Rasd-Commission-2026!');
		await Promise.all([page.waitForURL('**/recommendations'), page.click('button[type=submit]')]);
		expect(await page.locator('[data-testid=recommendation-row]').count()).toBe(10);
		await context.close();
	});
});

describe('plan browser', () => {
	it('goes from the plans to an axis to a measure, with owners, indicators and demonstration badges', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'dgsn@rasd.demo', 'Rasd-Dgsn-2026!');
		await page.click('nav a[href="/plans"]');
		await page.waitForURL('**/plans');
		expect(await page.locator('[data-testid=plan-card]').count()).toBeGreaterThanOrEqual(3);
		await page.click('a[href="/plans/PN-2023-2030"]');
		await page.waitForURL('**/plans/PN-2023-2030');
		const axes = page.locator('[data-testid=axis-card]');
		expect(await axes.count()).toBe(4);
		// the axes are reconstructed, and the page says so
		expect(await page.locator('.alert.info').first().innerText()).toContain('reconstitués');
		await axes.first().locator('h3 a').click();
		await page.waitForURL(/\/axes\//);
		const rows = page.locator('[data-testid=measure-row]');
		expect(await rows.count()).toBeGreaterThan(3);
		const code = (await rows.first().locator('a.code').innerText()).trim();
		await rows.first().locator('a.code').click();
		await page.waitForURL(`**/measures/${code}`);
		expect(await page.locator('h1').innerText()).toContain(code);
		expect((await page.locator('[data-testid=lead]').innerText()).length).toBeGreaterThan(2);
		expect(await page.locator('[data-testid=indicator]').count()).toBeGreaterThan(0);
		expect(await page.locator('.demo').count()).toBeGreaterThan(0);
		// each indicator with values has its chart (line, baseline and target marks) drawn
		await page.locator('[data-testid=indicator-chart]').first().scrollIntoViewIfNeeded();
		await page.waitForSelector('[data-testid=indicator-chart][data-chart-state=ready] svg');
		expect(await page.locator('[data-testid=indicator-chart][data-chart-state=ready] svg').count()).toBeGreaterThan(0);
		await context.close();
	});

	it('shows the ten priority recommendations, with the indicative themes marked', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'oim@rasd.demo', 'Rasd-Oim-2026!');
		await page.goto('/recommendations');
		expect(await page.locator('[data-testid=recommendation-row]').count()).toBe(10);
		await page.goto('/recommendations');
		await page.locator('[data-testid=recommendation-row] a').nth(5).click();
		await page.waitForURL(/\/recommendations\/.+/);
		expect(await page.locator('[data-testid=indicative-theme]').count()).toBe(1);
		await context.close();
	});

	it('lists the 12 regions and the institutions with their sources', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
		await page.goto('/regions');
		expect(await page.locator('[data-testid=region-row]').count()).toBe(12);
		expect(await page.locator('tfoot').innerText()).toContain('36.828.330');
		await page.goto('/institutions');
		expect(await page.locator('[data-testid=institution-row]').count()).toBeGreaterThanOrEqual(31);
		await page.locator('details.sources summary').first().click();
		expect(await page.locator('details.sources[open] a').count()).toBeGreaterThan(0);
		await context.close();
	});

	it('answers an unknown measure with a 404 page in the user language', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
		const res = await page.goto('/measures/NOPE-404');
		expect(res?.status()).toBe(404);
		expect(await page.locator('[data-testid=error-message]').innerText()).toContain("n'existe pas");
		await context.close();
	});
});

describe('languages', () => {
	it('switches to Arabic (right to left) and English, and remembers the choice', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'dgsn@rasd.demo', 'Rasd-Dgsn-2026!');
		await page.goto('/plans');
		await Promise.all([page.waitForURL('**/plans'), page.click('[data-testid=lang-ar]')]);
		await page.waitForFunction(() => document.documentElement.dir === 'rtl');
		expect(await page.locator('html').getAttribute('lang')).toBe('ar');
		expect(await page.locator('nav a[href="/plans"]').innerText()).toBe('الخطط');
		// the header's start is on the right in RTL
		const logo = await page.locator('.logo').boundingBox();
		expect(logo!.x).toBeGreaterThan(1000);
		// remembered: a fresh navigation stays in Arabic
		await page.goto('/regions');
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
		// and it is the account's setting: a new browser context signs in and gets Arabic
		const other = await newPage(browser);
		await login(other.page, 'dgsn@rasd.demo', 'Rasd-Dgsn-2026!');
		expect(await other.page.locator('html').getAttribute('dir')).toBe('rtl');
		await other.context.close();
		await Promise.all([page.waitForURL('**/regions'), page.click('[data-testid=lang-en]')]);
		await page.waitForFunction(() => document.documentElement.lang === 'en');
		expect(await page.locator('h1').innerText()).toBe('The 12 regions');
		expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
		await Promise.all([page.waitForURL('**/regions'), page.click('[data-testid=lang-fr]')]);
		await page.waitForFunction(() => document.documentElement.lang === 'fr');
		await context.close();
	});
});

describe('screenshots', () => {
	it('renders the main pages in French and Arabic, wide and narrow', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
		await page.goto('/plans/PN-2023-2030');
		const axis = await page.locator('[data-testid=axis-card] h3 a').first().getAttribute('href');
		await page.goto(axis!);
		const measure = await page.locator('[data-testid=measure-row] a.code').first().getAttribute('href');
		const pages = { overview: '/', plan: '/plans/PN-2023-2030', axis: axis!, measure: measure!, recommendations: '/recommendations' };
		for (const lang of ['fr', 'ar'] as const) {
			await page.goto('/');
			await Promise.all([page.waitForLoadState('load'), page.click(`[data-testid=lang-${lang}]`)]);
			await page.waitForFunction((l) => document.documentElement.lang === l, lang);
			for (const width of [1440, 390]) {
				await page.setViewportSize({ width, height: 900 });
				for (const [name, path] of Object.entries(pages)) {
					await page.goto(path);
					// nothing may overflow the window sideways
					const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
					expect(overflow, `${name} ${lang} ${width}`).toBeLessThanOrEqual(1);
					await screenshot(page, `${name}-${lang}-${width}`);
				}
			}
		}
		await page.goto('/');
		await page.click('[data-testid=lang-fr]');
		await context.close();
	});
});
