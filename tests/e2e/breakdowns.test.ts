/**
 * A value grid end to end: the ministry's focal point, in Arabic, enters victims referred through
 * the MNR in one region with their breakdowns by sex and age group, is told when a breakdown does
 * not add up, corrects and submits; the commission validates; the IOM partner (English) reads the
 * breakdowns on the indicator explorer with the small cells and their complements masked, as the
 * commission reads them unmasked.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launch, newPage, login, ready, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const CODE = 'A2.1.1-I2';
const MEASURE = 'A2.1.1';
const REGION = 'MA-08';

describe('value grids in the browser', () => {
	it('a focal point enters a grid in Arabic, the commission validates it, a partner reads it masked', async () => {
		const fp = await newPage(browser, { locale: 'ar-MA' });
		await login(fp.page, 'social@rasd.demo', 'Rasd-Social-2026!');
		await fp.page.goto(`/measures/${MEASURE}`);
		await ready(fp.page);
		expect(await fp.page.getAttribute('html', 'dir')).toBe('rtl');
		const grid = fp.page.locator(`[data-testid="grid-entry-${CODE}"]`);
		const period = await grid.locator('select[name=period] option').first().getAttribute('value');
		expect(period).toBeTruthy();
		await grid.locator('select[name=period]').selectOption(period!);
		await grid.locator('select[name=region]').selectOption(REGION);
		await grid.locator('input[name=total]').fill('9');
		await grid.locator('input[name="sex.female"]').fill('7');
		await grid.locator('input[name="sex.male"]').fill('3');
		await grid.locator('input[name="age_group.child"]').fill('3');
		await grid.locator('input[name="age_group.adult"]').fill('6');
		await grid.locator('input[name=source]').fill('آلية الإحالة الوطنية، سجل الجهة');
		await grid.locator(`[data-testid="submit-grid-${CODE}"]`).click();
		// 7 + 3 is not 9: the message says so, in Arabic, and the typed values stay
		await fp.page.locator(`[data-testid="grid-entry-${CODE}"] [data-testid=grid-errors]`).waitFor();
		const err = await fp.page.locator(`[data-testid="grid-entry-${CODE}"] [data-testid=grid-errors]`).innerText();
		expect(err).toMatch(/[\u0600-\u06FF]/);
		expect(err).toContain('10');
		expect(await fp.page.locator(`[data-testid="grid-entry-${CODE}"] input[name="sex.female"]`).inputValue()).toBe('7');
		await fp.page.locator(`[data-testid="grid-entry-${CODE}"] input[name="sex.male"]`).fill('2');
		await fp.page.locator(`[data-testid="submit-grid-${CODE}"]`).click();
		await fp.page.waitForURL((u) => u.searchParams.has('saved'));
		await screenshot(fp.page, 'grid-submitted-ar-1440');

		// the commission validates the grid as one figure
		const cm = await newPage(browser);
		await login(cm.page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
		await cm.page.goto('/review?kind=value&order=newest');
		await ready(cm.page);
		const item = cm.page.locator(`[data-testid=queue-item][data-kind=value][data-measure="${MEASURE}"]`).first();
		expect(await item.locator('[data-testid=review-breakdowns]').count()).toBe(1);
		await item.locator('[data-testid=validate]').click();
		await cm.page.waitForSelector('[data-testid=review-done]');
		const q = `/indicators?i=${encodeURIComponent(CODE)}&br=${REGION}&bp=${period}`;
		await cm.page.goto(q);
		const staffSex = await cm.page.locator('[data-testid=breakdown-sex] [data-testid=breakdown-row] td:nth-child(2)').allTextContents();
		expect(staffSex.map((s) => s.trim())).toEqual(['7', '2']);

		// the partner, in English: the small cells and what would give them back are masked
		const pt = await newPage(browser, { locale: 'en-GB' });
		await login(pt.page, 'oim@rasd.demo', 'Rasd-Oim-2026!');
		const res = await pt.page.goto(q);
		expect(res?.status()).toBe(200);
		await ready(pt.page);
		const block = pt.page.locator('[data-testid=block-breakdowns]');
		expect(await block.locator('[data-testid=breakdown-total]').innerText()).toBe('9');
		const sexCells = (await block.locator('[data-testid=breakdown-sex] [data-testid=breakdown-row] td:nth-child(2)').allTextContents()).map((s) => s.trim());
		expect(sexCells).toEqual(['masked', '< 5']);
		const ageCells = (await block.locator('[data-testid=breakdown-age_group] [data-testid=breakdown-row] td:nth-child(2)').allTextContents()).map((s) =>
			s.trim()
		);
		expect(ageCells).toEqual(['< 5', 'masked']);
		expect(await block.locator('[data-testid=masked-legend]').count()).toBe(1);
		await screenshot(pt.page, 'breakdowns-partner-en-1440');
		// the focal point reads the validated grid back in Arabic, unmasked, right to left
		await fp.page.goto(q);
		await ready(fp.page);
		const arSex = (
			await fp.page.locator('[data-testid=block-breakdowns] [data-testid=breakdown-sex] [data-testid=breakdown-row] td:nth-child(2)').allTextContents()
		).map((s) => s.trim());
		expect(arSex).toEqual(['7', '2']);
		expect(await fp.page.locator('[data-testid=block-breakdowns] .dim-h').first().innerText()).toBe('الجنس');
		await fp.page.locator('[data-testid=block-breakdowns]').screenshot({ path: `${ARTIFACTS}/breakdowns-focal-point-ar.png` });
		await fp.context.close();
		await cm.context.close();
		await pt.context.close();
	}, 180_000);
});
