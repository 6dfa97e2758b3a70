/** The plan editor without JavaScript: move up / down are plain forms (measures and plans), and a plan's page says what removing it affects. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, login, baseURL } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

async function noScript(): Promise<Page> {
	const signed = await newPage(browser);
	await login(signed.page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
	const storageState = await signed.context.storageState();
	await signed.context.close();
	const context = await browser.newContext({ baseURL: baseURL(), javaScriptEnabled: false, storageState });
	return context.newPage();
}

const codes = (page: Page, objective: string) =>
	page.locator(`#objectives-${objective.replace(/\./g, '\\.')} [data-testid=plan-measure]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));

describe('plan editor without JavaScript', () => {
	it('moves a measure down: the tree shows the new order, the last one cannot go further', async () => {
		const page = await noScript();
		await page.goto('/admin/plan');
		const objective = await page
			.locator('li[id^=objectives-]')
			.filter({ has: page.locator('[data-testid=plan-measure] + [data-testid=plan-measure]') })
			.first()
			.getAttribute('id');
		const code = objective!.slice('objectives-'.length);
		const before = await codes(page, code);
		const first = page.locator(`#measures-${before[0]!.replace(/\./g, '\\.')}`);
		await Promise.all([page.waitForURL(/reordered=1/), first.locator('[data-testid=plan-move-down]').click()]);
		expect(await codes(page, code)).toEqual([before[1], before[0], ...before.slice(2)]);
		const last = (await codes(page, code)).at(-1)!;
		expect(await page.locator(`#measures-${last.replace(/\./g, '\\.')} [data-testid=plan-move-down]`).isDisabled()).toBe(true);
		await page.context().close();
	}, 120_000);

	it('moves a plan up; a plan holding reported data says what archiving it takes along', async () => {
		const page = await noScript();
		await page.goto('/admin/plan');
		const plans = () => page.locator('[data-testid=plan-plan]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
		const before = await plans();
		const last = before.at(-1)!;
		await Promise.all([page.waitForURL(/reordered=1/), page.locator(`[data-code="${last}"] [data-testid=plan-move-up]`).first().click()]);
		expect(await plans()).toEqual([...before.slice(0, -2), last, before.at(-2)]);
		await page.goto(`/admin/plan/plans/${encodeURIComponent(before[0]!)}`);
		const effect = await page.getByTestId('plan-remove-effect').textContent();
		expect(effect).toMatch(/archivé/);
		// numbers as the app writes them in French (4.692)
		expect(effect).toMatch(/[\d.]+ axes?, [\d.]+ mesures?, [\d.]+ mises? à jour et [\d.]+ valeurs? seront archivés avec lui/);
		// what stays linked is named only for the kinds the plan has
		expect(effect).not.toMatch(/ 0 (rapport|recommandation|plan)/);
		await page.context().close();
	}, 120_000);
});
