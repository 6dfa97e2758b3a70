/**
 * A reporting period from end to end: the commission opens it (a form that works without
 * JavaScript), a focal point sees it due on their home with the days left, submits, the commission
 * validates, and the focal point's bell shows the decision.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, login, ready, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** The ministry of justice's focal point: no other browser test reports for it. */
const FP = { email: 'pf.mj@rasd.demo', password: 'Rasd-Demo-2026!', institution: 'MJ' };

async function freeMeasure(page: Page): Promise<string> {
	await page.goto(`/measures?institution=${FP.institution}&status=in_progress`);
	const codes = await page.locator('[data-testid=measure-row] a.code').allInnerTexts();
	for (const code of codes) {
		await page.goto(`/measures/${code}`);
		if (
			(await page.locator('[data-testid=update-section] [data-testid^=state-]').count()) === 0 &&
			(await page.locator('[data-testid=submit-update]').count()) === 1
		)
			return code;
	}
	throw new Error(`no ${FP.institution} measure without an open update`);
}

/** `YYYY-MM-DD` `n` days after today in Casablanca. */
function inDays(n: number): string {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(new Date());
	return new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

describe('a reporting period in the browser', () => {
	it("opened by the commission, due on the focal point's home, submitted, validated, shown by the bell", async () => {
		// The commission opens 2027-S1 (the demonstration plans periods up to 2026-S2), without JavaScript.
		const cm = await newPage(browser, { javaScriptEnabled: false });
		await cm.page.goto('/login');
		await cm.page.fill('#email', 'commission@rasd.demo');
		await cm.page.fill('#password', 'Rasd-Commission-2026!');
		await Promise.all([cm.page.waitForURL((u) => !u.pathname.startsWith('/login')), cm.page.click('button[type=submit]')]);
		await cm.page.goto('/review/periods');
		await cm.page.fill('[data-testid=period-code]', '2027-S1');
		await cm.page.fill('#p-opens', inDays(0));
		await cm.page.fill('[data-testid=period-due]', inDays(14));
		await Promise.all([cm.page.waitForLoadState('load'), cm.page.click('[data-testid=period-open]')]);
		expect(await cm.page.locator('[data-testid=period-opened]').innerText()).toContain('S1 2027');
		expect(await cm.page.locator('[data-testid=period-row][data-code="2027-S1"]').innerText()).toContain('14 jours restants');
		await screenshot(cm.page, 'periods-fr-1440');

		// The focal point: the bell says something is new, home says what is due and the days left.
		const fp = await newPage(browser);
		await login(fp.page, FP.email, FP.password);
		await fp.page.goto('/my-work');
		expect(await fp.page.locator('[data-testid=period-due]').innerText()).toMatch(/Période S1 2027 : échéance le .* · 14 jours restants/);
		expect(Number(await fp.page.locator('[data-testid=bell-count]').innerText())).toBeGreaterThanOrEqual(1);

		// …submits for it: the update form offers the open period first.
		const code = await freeMeasure(fp.page);
		await ready(fp.page);
		expect(await fp.page.inputValue('#u-period')).toBe('2027-S1');
		await fp.page.fill('#u-nfr', 'Circulaire diffusée à toutes les juridictions.');
		await fp.page.click('[data-testid=submit-update]');
		await fp.page.waitForSelector('[data-testid=update-section] [data-testid=state-submitted]');

		// The commission validates.
		const reviewer = await newPage(browser);
		await login(reviewer.page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
		await reviewer.page.goto(`/review?kind=update&institution=${FP.institution}&order=newest`);
		await ready(reviewer.page);
		await reviewer.page.locator(`[data-testid=queue-item][data-kind=update][data-measure="${code}"] [data-testid=validate]`).click();
		await reviewer.page.waitForSelector('[data-testid=review-done]');

		// The focal point's bell shows it: the decision is in the notices, unread.
		await fp.page.goto('/my-work');
		await ready(fp.page);
		const bell = fp.page.locator('[data-testid=bell]');
		expect(Number(await bell.locator('[data-testid=bell-count]').innerText())).toBeGreaterThanOrEqual(1);
		expect(await bell.locator('[data-testid=bell-label]').textContent()).toMatch(/Notifications, \d+ non lues?/);
		await bell.click();
		await fp.page.waitForURL((u) => u.pathname === '/notifications');
		const notice = fp.page.locator('[data-testid=notice][data-kind=review]').first();
		expect(await notice.innerText()).toContain(`${code} · S1 2027 : validée`);
		expect(await fp.page.locator('[data-testid=notice][data-kind=period_opened]').first().innerText()).toContain('La période S1 2027 est ouverte');
		await screenshot(fp.page, 'notifications-fr-1440');
		// Marking everything read empties the bell.
		await fp.page.click('[data-testid=notices-read-all]');
		await fp.page.locator('[data-testid=bell-count]').waitFor({ state: 'detached' });
		await fp.context.close();
		await reviewer.context.close();
		await cm.context.close();
	});
});
