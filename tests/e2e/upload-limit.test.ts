/**
 * A file over the server's body limit (npm start: BODY_SIZE_LIMIT 24M), posted by the import form without
 * JavaScript: the answer is a page in the user's language that says the file is too large, with the limit
 * and a link back to the form — not adapter-node's bare 413.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newPage, login, baseURL } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe('upload over the body limit', () => {
	it('without JavaScript: a 413 page in French, then in Arabic, that names the limit and leads back to the form', async () => {
		// Signed in with JavaScript (the sign-in helper waits for hydration), then the session in a page without it.
		const signed = await newPage(browser);
		await login(signed.page, 'admin@rasd.demo', 'Rasd-Admin-2026!');
		const state = await signed.context.storageState();
		await signed.context.close();
		const big = Buffer.alloc(25 * 1024 * 1024, 0x41);

		for (const [locale, text, back] of [
			['fr', 'trop volumineux', 'Revenir au formulaire'],
			['ar', 'كبير جداً', 'العودة إلى الاستمارة']
		] as const) {
			const context = await browser.newContext({
				baseURL: baseURL(),
				javaScriptEnabled: false,
				storageState: { ...state, cookies: state.cookies.map((c) => (c.name === 'rasd_locale' ? { ...c, value: locale } : c)) }
			});
			const page = await context.newPage();
			await page.goto('/admin/import');
			await page.check('input[name=kind][value=structure]');
			await page.setInputFiles('#file', { name: 'huge.xlsx', mimeType: 'application/octet-stream', buffer: big });
			const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('[data-testid=import-check]')]);
			expect(response.status()).toBe(413);
			await page.waitForSelector('[data-testid=error-message]');
			const message = await page.textContent('[data-testid=error-message]');
			expect(message).toContain(text);
			expect(message).toContain('24');
			expect(await page.getAttribute('html', 'lang')).toBe(locale);
			const link = page.locator('[data-testid=error-back-to-form]');
			expect(await link.textContent()).toBe(back);
			await Promise.all([page.waitForURL((u) => u.pathname === '/admin/import'), link.click()]);
			expect(await page.isVisible('[data-testid=import-check]')).toBe(true);
			await context.close();
		}
	}, 120_000);
});
