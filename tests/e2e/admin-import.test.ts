/**
 * A full import in the browser: the administrator uploads a structure workbook, reads the dry run's
 * errors (sheet, row, column, message), fixes the file, applies it, and finds the new measures on the
 * measures list and their axis's scorecard.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { launch, newPage, login, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(lead: string, ok: { objective: string; lead: string; start: string; deadline: string }) {
	const wb = new ExcelJS.Workbook();
	const ms = wb.addWorksheet('measures');
	ms.addRow(['objective', 'code', 'title_fr', 'title_ar', 'lead', 'contributors', 'regions', 'start', 'deadline']);
	ms.addRow([ok.objective, 'E2E.1', 'Former les inspecteurs du travail', 'تكوين مفتشي الشغل', ok.lead, '', 'MA-01', ok.start, ok.deadline]);
	ms.addRow([ok.objective, 'E2E.2', "Ouvrir une ligne d'écoute régionale", 'فتح خط استماع جهوي', lead, '', '', ok.start, ok.deadline]);
	const ind = wb.addWorksheet('indicators');
	ind.addRow(['measure', 'code', 'name_fr', 'kind', 'frequency', 'target']);
	ind.addRow(['E2E.1', 'IND-E2E-1', 'Inspecteurs formés', 'count', 'annual', 120]);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(page: Page, bytes: Buffer) {
	await page.check('input[name=kind][value=structure]');
	await page.setInputFiles('#file', { name: 'structure.xlsx', mimeType: XLSX, buffer: bytes });
	// The answer of this upload, not the dry run still shown from the one before.
	await Promise.all([page.waitForResponse((r) => r.url().includes('/check') && r.request().method() === 'POST'), page.click('[data-testid=import-check]')]);
	await page.waitForSelector('[data-testid=import-progress]', { state: 'detached' });
	await page.waitForSelector('[data-testid=dry-run]');
}

describe('spreadsheet import in the browser', () => {
	it('upload → read the errors → fix the file → apply → the new measures are on the dashboards', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'admin@rasd.demo', 'Rasd-Admin-2026!');
		// Real codes to write in the file: the export of the stored structure, as an administrator downloads it.
		const exported = await page.request.get('/admin/import/export/structure');
		expect(exported.headers()['content-type']).toBe(XLSX);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
		const ms = book.getWorksheet('measures')!;
		const head = (ms.getRow(1).values as string[]).slice(1);
		const cell = (row: number, col: string) => String(ms.getRow(row).getCell(head.indexOf(col) + 1).value ?? '');
		const ok = { objective: cell(2, 'objective'), lead: cell(2, 'lead'), start: cell(2, 'start'), deadline: cell(2, 'deadline') };
		const axis = String(
			(
				book
					.getWorksheet('objectives')!
					.getSheetValues()
					.slice(2)
					.find((r) => (r as string[])[2] === ok.objective) as string[]
			)[1]
		);

		await page.goto('/admin/import');
		await upload(page, await workbook('NOPE', ok));
		const errors = page.locator('[data-testid=import-error]');
		expect(await errors.count()).toBe(1);
		const error = errors.first();
		expect(await error.getAttribute('data-row')).toBe('3');
		expect(await error.getAttribute('data-column')).toBe('lead');
		expect(await error.innerText()).toContain('measures');
		expect(await error.innerText()).toContain("Code d'institution inconnu : NOPE");
		expect(await page.locator('[data-testid=import-apply]').count()).toBe(0);
		await screenshot(page, 'admin-import-errors-fr-1440');

		// fixed: the same file with a real institution
		await upload(page, await workbook(ok.lead, ok));
		expect(await page.locator('[data-testid=import-error]').count()).toBe(0);
		expect(await page.locator('[data-testid=count-create]').innerText()).toBe('3');
		await screenshot(page, 'admin-import-dry-run-fr-1440');
		await Promise.all([page.waitForURL(/\/admin\/import\?run=\d+/), page.click('[data-testid=import-apply]')]);
		expect(await page.locator('[data-testid=import-applied]').innerText()).toContain('3');
		expect(await page.locator('[data-testid=import-run]').first().innerText()).toContain('structure.xlsx');

		await page.goto('/measures?q=E2E');
		const list = await page.locator('main').innerText();
		expect(list).toContain('E2E.1');
		expect(list).toContain('E2E.2');
		await page.goto(`/axes/${encodeURIComponent(axis)}`);
		expect(await page.locator('main').innerText()).toContain('Former les inspecteurs du travail');
		await page.goto('/measures/E2E.1');
		expect(await page.locator('main').innerText()).toContain('Inspecteurs formés');
		await context.close();
	});

	it('without JavaScript the same dry run and its errors', async () => {
		const { context, page } = await newPage(browser, { javaScriptEnabled: false });
		await page.goto('/login');
		await page.fill('#email', 'admin@rasd.demo');
		await page.fill('#password', 'Rasd-Admin-2026!');
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
		await page.goto('/admin/import');
		await page.check('input[name=kind][value=values]');
		await page.setInputFiles('#file', { name: 'valeurs.csv', mimeType: 'text/csv', buffer: Buffer.from('indicator;period;value\r\nNOPE-1;2025;12,5\r\n') });
		await Promise.all([page.waitForLoadState('load'), page.click('[data-testid=import-check]')]);
		const error = page.locator('[data-testid=import-error]').first();
		expect(await error.getAttribute('data-column')).toBe('indicator');
		expect(await error.innerText()).toContain('Indicateur inconnu : NOPE-1');
		await context.close();
	});

	it('the commission edits the plan without JavaScript: archiving a measure that has reports says what goes with it', async () => {
		const { context, page } = await newPage(browser, { javaScriptEnabled: false });
		await page.goto('/login');
		await page.fill('#email', 'commission@rasd.demo');
		await page.fill('#password', 'Rasd-Commission-2026!');
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
		await page.goto('/admin/plan');
		// the first seeded measure with a history of updates
		const rows = page.locator('[data-testid=plan-measure]');
		expect(await rows.count()).toBeGreaterThan(10);
		let code = '';
		for (let i = 0; i < 40 && !code; i++) {
			const c = (await rows.nth(i).getAttribute('data-code'))!;
			await page.goto(`/admin/plan/measures/${encodeURIComponent(c)}`);
			if ((await page.locator('[data-testid=plan-remove-effect]').innerText()).includes('seront archivées')) code = c;
		}
		expect(code).not.toBe('');
		expect(await page.locator('[data-testid=plan-remove-effect]').innerText()).toMatch(/\d+ mises à jour et \d+ valeurs seront archivées avec lui/);
		await screenshot(page, 'admin-plan-measure-fr-1440');
		await page.check('[data-testid=plan-remove-confirm]');
		await Promise.all([page.waitForLoadState('load'), page.click('[data-testid=plan-remove]')]);
		expect(await page.locator('[data-testid=plan-archived]').isVisible()).toBe(true);
		await page.goto(`/measures?q=${encodeURIComponent(code)}`);
		expect(await page.locator('main').innerText()).not.toContain(code + ' ');
		await context.close();
	});
});
