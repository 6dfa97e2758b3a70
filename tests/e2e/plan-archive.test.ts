/**
 * Removing and restoring a plan through the editor, without JavaScript, and what readers then see: a plan
 * another plan implements is archived (its page, the list of plans and the overview say so), restored it is
 * live again, and an empty plan is deleted. A measure's indicators move up and down with plain forms. The
 * test leaves the demonstration as it found it (the plans it makes are deleted, the indicators moved back).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, newPage, login, baseURL } from './browser';

let browser: Browser;
let page: Page;
beforeAll(async () => {
	browser = await launch();
	const signed = await newPage(browser);
	await login(signed.page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
	const storageState = await signed.context.storageState();
	await signed.context.close();
	const context = await browser.newContext({ baseURL: baseURL(), javaScriptEnabled: false, storageState });
	page = await context.newPage();
});
afterAll(async () => {
	await browser?.close();
});

/** Creates a plan with the editor's form (implementing `parent` when given). */
async function createPlan(code: string, parent?: string) {
	await page.goto('/admin/plan?new=plans');
	await page.fill('#new-code', code);
	await page.fill('#new-title_fr', `Plan ${code}`);
	await page.fill('#new-start', '2031-01-01');
	await page.fill('#new-end', '2033-12-31');
	if (parent) await page.selectOption('#new-parent', parent);
	await Promise.all([page.waitForURL(new RegExp(`/admin/plan/plans/${code}\\?saved=1`)), page.getByTestId('plan-create-submit').click()]);
}
async function removePlan(code: string) {
	await page.goto(`/admin/plan/plans/${code}`);
	await page.getByTestId('plan-remove-confirm').check();
	await Promise.all([page.waitForURL(/archived=1|deleted=1/), page.getByTestId('plan-remove').click()]);
}

describe('archive, restore and delete a plan through the editor', () => {
	it('a plan another implements is archived: its page, the list of plans and the overview say so; restored, it is live again', async () => {
		await createPlan('PN-E2E-A');
		await createPlan('PN-E2E-B', 'PN-E2E-A');
		await page.goto('/admin/plan/plans/PN-E2E-A');
		expect(await page.getByTestId('plan-remove-effect').textContent()).toMatch(/archivé/);
		await removePlan('PN-E2E-A');
		expect(page.url()).toContain('/admin/plan/plans/PN-E2E-A?archived=1');
		await expect.poll(() => page.getByTestId('plan-archived').isVisible()).toBe(true);

		await page.goto('/plans/PN-E2E-A');
		expect(await page.getByTestId('plan-archived-notice').textContent()).toMatch(/archivé le \d{1,2} \S+ \d{4}/);
		await page.goto('/plans');
		expect(await page.getByTestId('plan-card').filter({ hasText: 'Plan PN-E2E-A' }).count()).toBe(0);
		expect(await page.getByTestId('plans-archived').textContent()).toContain('Plan PN-E2E-A');
		await page.goto('/?plan=PN-E2E-A');
		const notice = page.getByTestId('overview-plan-archived');
		expect(await notice.textContent()).toContain('« Plan PN-E2E-A » est archivé');
		expect(await notice.locator('a').getAttribute('href')).toBe('/plans/PN-E2E-A');

		await page.goto('/admin/plan/plans/PN-E2E-A');
		await Promise.all([page.waitForURL(/saved=1/), page.getByTestId('plan-archived').getByRole('button').click()]);
		expect(await page.getByTestId('plan-archived').count()).toBe(0);
		await page.goto('/plans/PN-E2E-A');
		expect(await page.getByTestId('plan-archived-notice').count()).toBe(0);
		await page.goto('/plans');
		expect(await page.getByTestId('plans-archived').count()).toBe(0);
	}, 240_000);

	it('an empty plan nothing refers to is deleted; then the one it implemented too', async () => {
		await removePlan('PN-E2E-B');
		expect(page.url()).toContain('/admin/plan?deleted=1');
		await removePlan('PN-E2E-A');
		expect(page.url()).toContain('/admin/plan?deleted=1');
		expect((await page.goto('/plans/PN-E2E-A'))!.status()).toBe(404);
	}, 240_000);
});

describe("a measure's indicators without JavaScript", () => {
	it('move down, then back up: the list and the public measure page follow', async () => {
		await page.goto('/admin/plan/measures/A4.3.1');
		const list = () => page.locator('[data-testid=plan-indicators] li').evaluateAll((els) => els.map((e) => e.id.slice('indicators-'.length)));
		const before = await list();
		expect(before.length).toBeGreaterThanOrEqual(2);
		expect(await page.locator(`[id="indicators-${before[0]}"] [data-testid=plan-move-up]`).isDisabled()).toBe(true);
		await Promise.all([page.waitForURL(/reordered=1/), page.locator(`[id="indicators-${before[0]}"] [data-testid=plan-move-down]`).click()]);
		const moved = [before[1], before[0], ...before.slice(2)];
		expect(await list()).toEqual(moved);
		await page.goto('/measures/A4.3.1');
		const shown = await page.content();
		expect(shown.indexOf(before[1]!)).toBeLessThan(shown.indexOf(before[0]!));

		await page.goto('/admin/plan/measures/A4.3.1');
		await Promise.all([page.waitForURL(/reordered=1/), page.locator(`[id="indicators-${before[0]}"] [data-testid=plan-move-up]`).click()]);
		expect(await list()).toEqual(before);
	}, 240_000);
});
