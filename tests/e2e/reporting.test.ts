import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, login, ready, screenshot } from './browser';

let browser: Browser;
let pdfPath: string;
beforeAll(async () => {
	browser = await launch();
	const dir = mkdtempSync(join(tmpdir(), 'rasd-pdf-'));
	pdfPath = join(dir, 'rapport-campagne.pdf');
	writeFileSync(pdfPath, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
});
afterAll(async () => {
	await browser?.close();
});

/** A DGSN-led measure in progress with no open update, found through the list's filters. */
async function freeMeasure(page: Page): Promise<string> {
	await page.goto('/measures?institution=DGSN&status=in_progress');
	const codes = await page.locator('[data-testid=measure-row] a.code').allInnerTexts();
	for (const code of codes) {
		await page.goto(`/measures/${code}`);
		if (
			(await page.locator('[data-testid=update-section] [data-testid^=state-]').count()) === 0 &&
			(await page.locator('[data-testid=submit-update]').count()) === 1
		)
			return code;
	}
	throw new Error('no DGSN measure without an open update');
}

describe('the reporting loop in the browser', () => {
	it('submit with a PDF → returned with a comment → corrected and resubmitted → validated → shown on the measure and in the list', async () => {
		const fp = await newPage(browser);
		await login(fp.page, 'dgsn@rasd.demo', 'Rasd-Dgsn-2026!');
		const code = await freeMeasure(fp.page);
		const progress = Number((await fp.page.inputValue('#u-progress')) || '0');
		const target = Math.min(100, progress + 12);

		// focal point: submit with a PDF
		await ready(fp.page);
		await fp.page.fill('#u-progress', String(target));
		await fp.page.fill('#u-nfr', 'Sessions de sensibilisation tenues dans trois régions.');
		await fp.page.fill('#u-nar', 'عقدت دورات تحسيسية في ثلاث جهات.');
		await fp.page.setInputFiles('#u-file', pdfPath);
		// a draft first: the file is stored once, and submitting afterwards does not upload it again
		await fp.page.click('[data-testid=save-draft]');
		await fp.page.waitForSelector('[data-testid=saved-notice]');
		expect(await fp.page.locator('[data-testid=update-section] [data-testid=state-draft]').count()).toBe(1);
		expect(await fp.page.inputValue('#u-file')).toBe('');
		await fp.page.click('[data-testid=submit-update]');
		await fp.page.waitForSelector('[data-testid=update-section] [data-testid=state-submitted]');
		expect(await fp.page.locator('[data-testid=evidence-list] li').count()).toBe(1);
		await screenshot(fp.page, `loop-submitted-fr-1440`);

		// commission: return with a comment
		const cm = await newPage(browser);
		await login(cm.page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
		await cm.page.goto('/review?kind=update&institution=DGSN&order=newest');
		await ready(cm.page);
		const item = cm.page.locator(`[data-testid=queue-item][data-kind=update][data-measure="${code}"]`);
		expect(await item.count()).toBe(1);
		expect(await item.locator('.changed').first().innerText()).toBeTruthy();
		// the reviewer reads every language written and opens the file before deciding
		expect(await item.locator('[data-testid=review-narrative-fr]').innerText()).toContain('trois régions');
		expect(await item.locator('[data-testid=review-narrative-ar] td[dir=rtl]').innerText()).toContain('ثلاث جهات');
		const file = item.locator('[data-testid=review-evidence] a');
		expect(await file.innerText()).toBe('rapport-campagne.pdf');
		const res = await cm.page.request.get((await file.getAttribute('href'))!);
		expect(res.status()).toBe(200);
		expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
		await screenshot(cm.page, `review-fr-1440`, false);
		// returning without a comment is refused, with the reason next to the field
		await item.locator('[data-testid=return]').click();
		await item.locator('.field-error').waitFor();
		expect(await item.locator('.field-error').innerText()).toContain('commentaire');
		await item.locator('textarea').fill('Précisez les régions et joignez la liste des participants.');
		await item.locator('[data-testid=return]').click();
		await cm.page.waitForSelector('[data-testid=review-done]');
		expect(await cm.page.locator(`[data-testid=queue-item][data-measure="${code}"][data-kind=update]`).count()).toBe(0);

		// focal point: sees the comment on "my work" and on the measure, corrects and resubmits
		await fp.page.goto('/my-work');
		const row = fp.page.locator(`[data-testid=work-row][data-code="${code}"]`);
		expect(await row.locator('[data-testid=state-returned]').count()).toBe(1);
		expect(await fp.page.locator('[data-testid=work-row]').first().getAttribute('data-code')).toBe(code);
		await fp.page.goto(`/measures/${code}`);
		await ready(fp.page);
		expect(await fp.page.locator('[data-testid=return-comment]').innerText()).toContain('Précisez les régions');
		expect(await fp.page.locator('[data-testid=evidence-list] a').innerText()).toBe('rapport-campagne.pdf');
		await fp.page.fill('#u-nfr', 'Sessions tenues à Tanger, Fès et Oujda (liste des participants jointe).');
		await fp.page.click('[data-testid=submit-update]');
		await fp.page.waitForSelector('[data-testid=saved-notice]');

		// commission: validate
		await cm.page.goto('/review?kind=update&institution=DGSN&order=newest');
		await ready(cm.page);
		await cm.page.locator(`[data-testid=queue-item][data-kind=update][data-measure="${code}"] [data-testid=validate]`).click();
		await cm.page.waitForSelector('[data-testid=review-done]');

		// the measure page and the list show the validated progress
		await fp.page.goto(`/measures/${code}`);
		expect(await fp.page.locator('.layout .progress bdi').first().innerText()).toContain(String(target));
		expect(await fp.page.locator('.timeline li').first().innerText()).toContain('Oujda');
		await fp.page.goto(`/measures?q=${code}`);
		expect(await fp.page.locator('[data-testid=measure-row]').first().locator('.progress bdi').innerText()).toContain(String(target));
		await fp.context.close();
		await cm.context.close();
	});

	it('saves a draft without JavaScript and keeps typed values with an error in the user language', async () => {
		const { context, page } = await newPage(browser, { javaScriptEnabled: false });
		await page.goto('/login');
		await page.fill('#email', 'dgsn@rasd.demo');
		await page.fill('#password', 'Rasd-Dgsn-2026!');
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
		const code = await freeMeasure(page);
		await page.selectOption('#u-status', 'completed');
		await page.fill('#u-progress', '80');
		await page.fill('#u-nfr', 'Texte conservé');
		await Promise.all([page.waitForLoadState('load'), page.click('[data-testid=save-draft]')]);
		expect(await page.locator('#progress-error').innerText()).toContain('100');
		expect(await page.inputValue('#u-nfr')).toBe('Texte conservé');
		await page.selectOption('#u-status', 'in_progress');
		await Promise.all([page.waitForLoadState('load'), page.click('[data-testid=save-draft]')]);
		expect(await page.locator('[data-testid=saved-notice]').count()).toBe(1);
		expect(await page.locator('[data-testid=update-section] [data-testid=state-draft]').count()).toBe(1);
		expect(new URL(page.url()).pathname).toBe(`/measures/${code}`);
		await context.close();
	});

	it('shows the second of two browsers a conflict instead of overwriting the first', async () => {
		const a = await newPage(browser);
		await login(a.page, 'dgsn@rasd.demo', 'Rasd-Dgsn-2026!');
		const code = await freeMeasure(a.page);
		const b = await newPage(browser);
		await login(b.page, 'dgsn@rasd.demo', 'Rasd-Dgsn-2026!');
		await b.page.goto(`/measures/${code}`);
		await ready(a.page);
		await ready(b.page);
		await a.page.fill('#u-nfr', 'Version du navigateur A');
		await a.page.click('[data-testid=save-draft]');
		await a.page.waitForSelector('[data-testid=saved-notice]');
		await b.page.fill('#u-nfr', 'Version du navigateur B');
		await b.page.click('[data-testid=save-draft]');
		await b.page.waitForSelector('[data-testid=conflict]');
		expect(await b.page.locator('[data-testid=conflict]').innerText()).toContain('Version du navigateur A');
		expect(await b.page.inputValue('#u-nfr')).toBe('Version du navigateur B');
		await screenshot(b.page, 'conflict-fr-1440');
		await a.context.close();
		await b.context.close();
	});

	it('renders the measure form and the queue in Arabic, wide and narrow', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'social@rasd.demo', 'Rasd-Social-2026!');
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
		await page.goto('/my-work');
		const first = await page.locator('[data-testid=work-row] a.code').first().getAttribute('href');
		for (const width of [1440, 390]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto('/my-work');
			await screenshot(page, `my-work-ar-${width}`);
			await page.goto(first!);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow).toBeLessThanOrEqual(1);
			await screenshot(page, `measure-form-ar-${width}`);
		}
		await context.close();
	});
});
