/**
 * A user's sessions on /profile, without JavaScript: two browsers signed in to one account, the first
 * sees both (this one marked) and ends the other, which is then signed out; signing in again on the
 * same browser replaces its session. An account no other browser test uses, since this one ends sessions.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, screenshot } from './browser';

const ACCOUNT = { email: 'pf.cndh@rasd.demo', password: 'Rasd-Demo-2026!' };

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

async function signIn(page: Page) {
	await page.goto('/login');
	await page.fill('#email', ACCOUNT.email);
	await page.fill('#password', ACCOUNT.password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

describe('sessions on /profile', () => {
	it('lists both browsers and ends the other one, without JavaScript', async () => {
		const a = await newPage(browser, { javaScriptEnabled: false });
		const b = await newPage(browser, { javaScriptEnabled: false });
		await signIn(a.page);
		await signIn(b.page);
		await a.page.goto('/profile');
		const rows = a.page.locator('[data-testid=session-row]');
		expect(await rows.count()).toBe(2);
		expect(await rows.first().innerText()).toContain('(ce navigateur)');
		expect(await rows.first().innerText()).toContain('Chrome');
		await screenshot(a.page, 'profile-sessions');

		// the same browser signs in again: still two sessions, not three
		const sessionBefore = (await b.context.cookies()).find((c) => c.name === 'rasd_session')!.value;
		await b.context.clearCookies({ name: 'rasd_session' });
		await signIn(b.page);
		expect((await b.context.cookies()).find((c) => c.name === 'rasd_session')!.value).not.toBe(sessionBefore);
		await a.page.reload();
		expect(await rows.count()).toBe(2);

		await Promise.all([a.page.waitForLoadState('load'), rows.nth(1).getByRole('button').click()]);
		expect(await a.page.locator('[data-testid=sessions-done]').innerText()).toBe('Une session fermée.');
		expect(await rows.count()).toBe(1);
		expect(await a.page.locator('[data-testid=sessions-only-this]').count()).toBe(1);

		await b.page.goto('/plans');
		expect(new URL(b.page.url()).pathname).toBe('/login');
		await a.page.goto('/plans');
		expect(new URL(a.page.url()).pathname).toBe('/plans');
		await a.context.close();
		await b.context.close();
	});
});
