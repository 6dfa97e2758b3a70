import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newPage, login, ready, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe('accounts administration in the browser', () => {
	it('invite without JavaScript → the invited person sets a password from the link → signs in', async () => {
		// The administrator's forms work with JavaScript off.
		const ad = await newPage(browser, { javaScriptEnabled: false });
		await ad.page.goto('/login');
		await ad.page.fill('#email', 'admin@rasd.demo');
		await ad.page.fill('#password', 'Rasd-Admin-2026!');
		await Promise.all([ad.page.waitForURL((u) => !u.pathname.startsWith('/login')), ad.page.click('button[type=submit]')]);
		await ad.page.goto('/admin/users');
		await ad.page.fill('#i-name', 'Nadia Berrada');
		await ad.page.fill('#i-email', 'nadia.berrada@example.ma');
		await ad.page.selectOption('#i-role', 'focal_point');
		// no institution: refused with the reason next to the field, what was typed kept
		await Promise.all([ad.page.waitForLoadState('load'), ad.page.click('[data-testid=invite-submit]')]);
		expect(await ad.page.locator('#institutionId-error').innerText()).toContain('institution');
		expect(await ad.page.inputValue('#i-email')).toBe('nadia.berrada@example.ma');
		const dgsn = await ad.page.locator('#i-inst option', { hasText: /^DGSN — / }).getAttribute('value');
		await ad.page.selectOption('#i-inst', dgsn!);
		await Promise.all([ad.page.waitForLoadState('load'), ad.page.click('[data-testid=invite-submit]')]);
		const link = await ad.page.inputValue('#invite-link');
		expect(link).toContain('/set-password/');
		await screenshot(ad.page, 'admin-users-invited-fr-1440');

		const guest = await newPage(browser);
		await guest.page.goto(link);
		await ready(guest.page);
		await guest.page.fill('#password', 'une phrase assez longue');
		await guest.page.fill('#confirm', 'une phrase assez longue');
		await guest.page.click('[data-testid=setpw-submit]');
		await guest.page.waitForSelector('[data-testid=setpw-done]');
		await login(guest.page, 'nadia.berrada@example.ma', 'une phrase assez longue');
		await guest.page.goto('/my-work');
		expect(await guest.page.locator('h1').innerText()).toBeTruthy();

		await ad.page.goto('/admin/users?q=nadia.berrada%40example');
		expect(await ad.page.locator('[data-testid=user-row]').count()).toBe(1);
		await ad.context.close();
		await guest.context.close();
	});

	it('the accounts pages in Arabic and on a phone', async () => {
		for (const [locale, width] of [
			['ar', 1440],
			['ar', 390],
			['fr', 390]
		] as const) {
			const { context, page } = await newPage(browser, { width });
			await login(page, 'admin@rasd.demo', 'Rasd-Admin-2026!');
			await page.goto('/admin/users');
			await ready(page);
			await Promise.all([page.waitForLoadState('load'), page.click(`[data-testid=lang-${locale}]`)]);
			await page.waitForSelector(`html[lang=${locale}]`);
			expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
			await screenshot(page, `admin-users-${locale}-${width}`);
			const href = await page.locator('[data-testid=user-row][data-email="dgsn@rasd.demo"] a').getAttribute('href');
			await page.goto(href!);
			await screenshot(page, `admin-user-${locale}-${width}`);
			await page.goto('/admin/institutions/DGSN');
			expect(await page.locator('[data-testid=usage]').innerText()).toBeTruthy();
			await screenshot(page, `admin-institution-${locale}-${width}`);
			await context.close();
		}
	});
});
