/**
 * Every page on a phone (390 px) and on a desktop, in French and Arabic: nothing overflows the window sideways,
 * axe-core finds no violation, no script error; on a phone a measure's status and progress are in view in the
 * list, the navigation is a menu and the filters fold behind one control.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, login, ready, screenshot, drawCharts } from './browser';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const COMMISSION = { email: 'commission@rasd.demo', password: 'Rasd-Commission-2026!' };
const FOCAL = { email: 'dgsn@rasd.demo', password: 'Rasd-Dgsn-2026!' };
const ADMIN = { email: 'admin@rasd.demo', password: 'Rasd-Admin-2026!' };

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

async function setLanguage(page: Page, lang: 'fr' | 'ar'): Promise<void> {
	await page.goto('/');
	await ready(page);
	await Promise.all([page.waitForLoadState('load'), page.click(`[data-testid=lang-${lang}]`)]);
	await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Loads a page and waits until it is interactive and its charts are drawn (or in their empty state). */
async function visit(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await ready(page);
	await drawCharts(page);
}

async function axeViolations(page: Page): Promise<string[]> {
	// Evaluated through the DevTools protocol: the app's CSP (no inline scripts) rightly refuses a script tag.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
	return page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } })
			.axe;
		const r = await axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map(
			(v) =>
				`${v.id}: ${v.nodes
					.map((n) => n.target.join(' '))
					.slice(0, 3)
					.join(' | ')}`
		);
	});
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function everyPage(who: { email: string; password: string }, paths: (page: Page) => Promise<string[]>, tag: string) {
	const { context, page } = await newPage(browser, { width: 390, height: 844 });
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
	await login(page, who.email, who.password);
	const list = await paths(page);
	const problems: string[] = [];
	for (const lang of ['fr', 'ar'] as const) {
		await setLanguage(page, lang);
		for (const width of [390, 1280]) {
			await page.setViewportSize({ width, height: 844 });
			for (const path of list) {
				await visit(page, path);
				const over = await overflow(page);
				if (over > 0) problems.push(`${lang} ${width} ${path}: overflows by ${over} px`);
				for (const v of await axeViolations(page)) problems.push(`${lang} ${width} ${path}: ${v}`);
				if (width === 390) await screenshot(page, `${tag}-${lang}${path.replace(/[/?=&]+/g, '_')}-390`, false);
			}
		}
	}
	// the account's language back to French, as other browser tests expect it
	await setLanguage(page, 'fr');
	await context.close();
	expect(problems).toEqual([]);
	expect(errors).toEqual([]);
}

describe('every page at 390 px and 1280 px, French and Arabic', () => {
	it('the commission: no sideways scroll, no axe violation, no script error', { timeout: 900_000 }, async () => {
		await everyPage(
			COMMISSION,
			async (page) => {
				await page.goto('/measures');
				const measure = await page.locator('[data-testid=measure-row] a.code').first().getAttribute('href');
				await page.goto('/reports');
				const reports = await page
					.locator('a[href^="/reports/"]')
					.evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!).filter((h) => /^\/reports\/\d+$/.test(h)))]);
				const report = reports[0];
				const compare = reports.length > 1 ? [`/reports/compare?a=${reports[1]!.split('/').pop()}&b=${reports[0]!.split('/').pop()}`] : [];
				return [
					'/',
					'/measures',
					measure!,
					'/review',
					'/plans',
					'/plans/PN-2023-2030',
					'/axes/A1',
					'/indicators',
					'/indicators?i=NAT-VICT',
					'/recommendations',
					'/recommendations/R1',
					'/institutions',
					'/institutions/DGSN',
					'/regions',
					'/regions/MA-01',
					'/reports',
					...(report ? [report] : []),
					...compare,
					'/reports/new',
					'/reports/annual',
					'/review/periods',
					'/review/discipline',
					'/notifications',
					'/profile',
					'/admin/plan',
					`/admin/plan/measures/${measure!.split('/').pop()}`,
					'/partners/projects',
					'/partners/funding'
				];
			},
			'commission'
		);
	});

	it('a focal point: its own pages too', { timeout: 300_000 }, async () => {
		await everyPage(FOCAL, async () => ['/my-work', '/measures?institution=DGSN', '/profile', '/notifications'], 'focal');
	});

	it('signed out: the sign-in page, a public report link and a set-password link', { timeout: 180_000 }, async () => {
		// a public link to a published report (the commission gives it) and an invitation (the admin sends it)
		const cm = await newPage(browser);
		await login(cm.page, COMMISSION.email, COMMISSION.password);
		await cm.page.goto('/reports');
		const last = (
			await cm.page.locator('a[href^="/reports/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!).filter((h) => /^\/reports\/\d+$/.test(h)))
		).pop()!;
		await cm.page.goto(last);
		await ready(cm.page);
		await cm.page.click('[data-testid=report-staff] summary');
		await Promise.all([cm.page.waitForSelector('[data-testid=public-link]'), cm.page.click('[data-testid=share]')]);
		const publicLink = new URL((await cm.page.locator('[data-testid=public-link] code').innerText()).trim(), cm.page.url()).pathname;
		await cm.context.close();
		const ad = await newPage(browser);
		await login(ad.page, ADMIN.email, ADMIN.password);
		await ad.page.goto('/admin/users');
		await ready(ad.page);
		await ad.page.fill('#i-name', 'Salma Axe');
		await ad.page.fill('#i-email', 'salma.axe@example.ma');
		await ad.page.selectOption('#i-role', 'partner');
		const oim = await ad.page.locator('#i-inst option', { hasText: /^OIM — / }).getAttribute('value');
		if (oim) await ad.page.selectOption('#i-inst', oim);
		await Promise.all([ad.page.waitForSelector('#invite-link'), ad.page.click('[data-testid=invite-submit]')]);
		const setPassword = new URL(await ad.page.inputValue('#invite-link'), ad.page.url()).pathname;
		await ad.context.close();

		const { context, page } = await newPage(browser, { width: 390, height: 844 });
		const problems: string[] = [];
		await page.goto('/login');
		const origin = new URL(page.url()).origin;
		for (const lang of ['fr', 'ar'] as const) {
			await context.addCookies([{ name: 'rasd_locale', value: lang, url: origin }]);
			for (const width of [390, 1280]) {
				await page.setViewportSize({ width, height: 844 });
				for (const path of ['/login', publicLink, setPassword]) {
					await visit(page, path);
					expect(await page.getAttribute('html', 'lang'), path).toBe(lang);
					const over = await overflow(page);
					if (over > 0) problems.push(`${lang} ${width} ${path}: overflows by ${over} px`);
					for (const v of await axeViolations(page)) problems.push(`${lang} ${width} ${path}: ${v}`);
				}
			}
		}
		await context.close();
		expect(problems).toEqual([]);
	});

	it("a refused page is the app's own, loads its scripts and hydrates, whatever URL was refused", { timeout: 120_000 }, async () => {
		const { context, page } = await newPage(browser, { width: 390, height: 844 });
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await login(page, 'oim@rasd.demo', 'Rasd-Oim-2026!');
		for (const path of ['/admin/audit', '/review/periods']) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(403);
			await ready(page);
			expect(await overflow(page)).toBeLessThanOrEqual(0);
		}
		await context.close();
		expect(errors).toEqual([]);
	});

	it('the administrator: the administration pages', { timeout: 300_000 }, async () => {
		await everyPage(
			ADMIN,
			async (page) => {
				await page.goto('/admin/users');
				const user = await page.locator('a[href^="/admin/users/"]').first().getAttribute('href');
				return ['/admin', '/admin/users', user!, '/admin/institutions', '/admin/institutions/DGSN', '/admin/import', '/admin/outbox', '/admin/audit'];
			},
			'admin'
		);
	});
});

describe('phone layout', () => {
	it('shows each measure as a card with its status and progress in view, filters folded, navigation as a menu', { timeout: 120_000 }, async () => {
		const { context, page } = await newPage(browser, { width: 390, height: 844 });
		await login(page, COMMISSION.email, COMMISSION.password);
		for (const lang of ['fr', 'ar'] as const) {
			await setLanguage(page, lang);
			await visit(page, '/measures?status=in_progress');
			// status and progress of the first measures are inside the window, not beyond its side
			const boxes = await page.evaluate(() =>
				[...document.querySelectorAll('[data-testid=measure-row]')].slice(0, 5).map((row) =>
					['[data-testid=measure-status]', '[data-testid=measure-progress] [role=progressbar]', 'a.code'].map((sel) => {
						const b = row.querySelector(sel)!.getBoundingClientRect();
						return { left: b.left, right: b.right, width: b.width };
					})
				)
			);
			expect(boxes.length).toBe(5);
			for (const box of boxes.flat()) {
				expect(box.width).toBeGreaterThan(0);
				expect(box.left).toBeGreaterThanOrEqual(0);
				expect(box.right).toBeLessThanOrEqual(390);
			}
			// the progress bar says its value to assistive technology
			const bar = page.locator('[data-testid=measure-row] [role=progressbar]').first();
			expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
			expect(await bar.getAttribute('aria-valuetext')).toMatch(/%/);
			// the filters are one control that counts the active ones; opening it shows them
			expect(await page.locator('#f-status').isVisible()).toBe(false);
			expect(await page.locator('[data-testid=filters-active]').innerText()).toMatch(/1/);
			await page.click('[data-testid=filter-fold] summary');
			expect(await page.locator('#f-status').isVisible()).toBe(true);
			// the navigation is a menu: folded, then opened, every entry fits in the window
			const links = page.locator('nav[aria-label] #nav-list a');
			expect(await links.first().isVisible()).toBe(false);
			await page.click('[data-testid=menu-button]');
			expect(await page.locator('[data-testid=menu-button]').getAttribute('aria-expanded')).toBe('true');
			const right = await links.evaluateAll((as) => as.map((a) => ({ l: a.getBoundingClientRect().left, r: a.getBoundingClientRect().right })));
			expect(right.length).toBeGreaterThanOrEqual(7);
			for (const { l, r } of right) expect(l >= 0 && r <= 390).toBe(true);
			await screenshot(page, `menu-${lang}-390`, false);
			await Promise.all([page.waitForURL('**/plans'), links.filter({ hasText: lang === 'fr' ? 'Plans' : 'الخطط' }).click()]);
			expect(await links.first().isVisible()).toBe(false);
		}
		await setLanguage(page, 'fr');
		await context.close();
	});

	it('on a wide screen keeps the filters and the navigation open', async () => {
		const { context, page } = await newPage(browser, { width: 1280 });
		await login(page, COMMISSION.email, COMMISSION.password);
		await visit(page, '/measures');
		expect(await page.locator('#f-status').isVisible()).toBe(true);
		expect(await page.locator('[data-testid=menu-button]').isVisible()).toBe(false);
		expect(await page.locator('nav #nav-list a[href="/measures"]').isVisible()).toBe(true);
		await context.close();
	});
});
