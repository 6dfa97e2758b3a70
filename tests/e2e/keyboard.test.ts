/**
 * The reporting loop with the keyboard only: no click, no fill. A focal point signs in, reaches its
 * measure's report form with Tab, types its progress and narrative and submits with Enter; the
 * commission reaches the submission in the queue with Tab and validates it with Enter. Every
 * element the focus lands on shows where the focus is.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, ready } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** Presses Tab until the focus is on `selector`; fails if it never gets there. Checks each stop shows its focus. */
async function tabTo(page: Page, selector: string, max = 150): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const stop = await page.evaluate((sel) => {
			const el = document.activeElement as HTMLElement | null;
			if (!el || el === document.body) return { here: false, visible: true, what: 'body' };
			const st = getComputedStyle(el);
			// a focus ring: an outline, or a box shadow standing for one
			const visible = (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== 'none';
			return {
				here: el.matches(sel),
				visible,
				what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}`
			};
		}, selector);
		expect(stop.visible, `focus not visible on ${stop.what}`).toBe(true);
		if (stop.here) return;
	}
	throw new Error(`Tab never reached ${selector}`);
}

async function signIn(page: Page, email: string, password: string) {
	await page.goto('/login');
	await ready(page);
	await tabTo(page, '#email');
	await page.keyboard.type(email);
	await tabTo(page, '#password');
	await page.keyboard.type(password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.keyboard.press('Enter')]);
}

describe('the reporting loop with the keyboard only', () => {
	it('submits an update and validates it without a pointer', async () => {
		const fp = await newPage(browser);
		await signIn(fp.page, 'pf.gr@rasd.demo', 'Rasd-Demo-2026!');
		// a Gendarmerie measure with no open update, from the list (the address bar is the keyboard's too)
		await fp.page.goto('/measures?institution=GR&status=in_progress');
		let code: string | null = null;
		for (const c of await fp.page.locator('[data-testid=measure-row] a.code').allInnerTexts()) {
			await fp.page.goto(`/measures/${c}`);
			if (
				(await fp.page.locator('[data-testid=update-section] [data-testid^=state-]').count()) === 0 &&
				(await fp.page.locator('[data-testid=submit-update]').count()) === 1
			) {
				code = c;
				break;
			}
		}
		expect(code, 'a GR measure without an open update').not.toBeNull();
		await ready(fp.page);
		const before = Number((await fp.page.inputValue('#u-progress')) || '0');
		await tabTo(fp.page, '#u-progress');
		await fp.page.keyboard.press('Control+A');
		await fp.page.keyboard.type(String(Math.min(100, before + 7)));
		await tabTo(fp.page, '#u-nfr');
		await fp.page.keyboard.type('Patrouilles conjointes menées dans deux provinces.');
		await tabTo(fp.page, '[data-testid=submit-update]');
		await fp.page.keyboard.press('Enter');
		await fp.page.waitForSelector('[data-testid=update-section] [data-testid=state-submitted]');

		const cm = await newPage(browser);
		await signIn(cm.page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
		await cm.page.goto('/review?kind=update&institution=GR&order=newest');
		await ready(cm.page);
		const item = `[data-testid=queue-item][data-kind=update][data-measure="${code}"]`;
		expect(await cm.page.locator(item).count()).toBe(1);
		await tabTo(cm.page, `${item} [data-testid=validate]`);
		await cm.page.keyboard.press('Enter');
		await cm.page.waitForSelector('[data-testid=review-done]');
		expect(await cm.page.locator(item).count()).toBe(0);

		// the focal point sees it validated
		await fp.page.goto(`/measures/${code}`);
		expect(await fp.page.locator('[data-testid=update-section] [data-testid^=state-]').count()).toBe(0);
		expect(Number((await fp.page.inputValue('#u-progress')) || '0')).toBe(Math.min(100, before + 7));
		await fp.context.close();
		await cm.context.close();
	});
});
