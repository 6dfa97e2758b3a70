/**
 * Published reports in the browser, against the production build: the PDF rendered from the print
 * view by Chromium (progress while it renders, then a button), read back with `pdftotext`; a partner
 * reading a report in Arabic, comparing two periods and downloading it as XLSX and PDF.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { launch, newPage, login, ready, screenshot } from './browser';

let browser: Browser;
let dir: string;
beforeAll(async () => {
	browser = await launch();
	dir = mkdtempSync(join(tmpdir(), 'rasd-report-pdf-'));
});
afterAll(async () => {
	await browser?.close();
});

interface Stored {
	id: number;
	titleFr: string;
	titleAr: string;
	snapshot: {
		byAxis: { code: string; titleFr: string; progress: number | null }[];
		indicators: { rows: { code: string; masked: boolean }[] };
	};
}

/** The demonstration report of 2025-S1 as stored: its snapshot masks a small count. */
function storedReport(period: string): Stored {
	const db = new Database(inject('databasePath'), { readonly: true, fileMustExist: true });
	try {
		const r = db
			.prepare(
				`SELECT id, title_fr AS titleFr, title_ar AS titleAr, frozen_data AS data FROM reports WHERE period = ? AND state = 'published' AND scope = 'plan' ORDER BY id DESC LIMIT 1`
			)
			.get(period) as {
			id: number;
			titleFr: string;
			titleAr: string;
			data: string;
		};
		return { id: r.id, titleFr: r.titleFr, titleAr: r.titleAr, snapshot: JSON.parse(r.data) };
	} finally {
		db.close();
	}
}

/** The validated national value behind a masked cell: what the PDF must not show. */
function rawValue(code: string, until: string): number {
	const db = new Database(inject('databasePath'), { readonly: true, fileMustExist: true });
	try {
		const row = db
			.prepare(
				`SELECT v.value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.code = ? AND v.region_id IS NULL AND v.state = 'validated' AND v.period_end <= ? ORDER BY v.period_end DESC LIMIT 1`
			)
			.get(code, until) as { value: number };
		return row.value;
	} finally {
		db.close();
	}
}

const text = (pdf: string, layout = true) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8' });
// pdftotext marks Arabic runs with embedding controls and writes no-break spaces: compare without them
const plain = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ');

describe('the PDF of a published report', () => {
	it('renders from the print view with progress shown, then downloads with the title, the figures and small counts masked', async () => {
		const report = storedReport('2025-S1');
		const masked = report.snapshot.indicators.rows.find((r) => r.masked);
		expect(masked, 'the demonstration report of 2025-S1 masks a small count').toBeTruthy();

		const { context, page } = await newPage(browser);
		await login(page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
		// the demonstration reports are published by the seed, before any server ran: the first reading renders their PDF
		await page.goto(`/reports/${report.id}`);
		expect(await page.locator('[data-testid=pdf-progress]').count()).toBe(1);
		expect(await page.locator('[data-testid=download-pdf]').count()).toBe(0);
		await page.waitForSelector('[data-testid=download-pdf]', { timeout: 120_000 });

		const files: Record<string, string> = {};
		for (const lang of ['fr', 'ar']) {
			const res = await context.request.get(`/reports/${report.id}/report.pdf?lang=${lang}`);
			expect(res.status()).toBe(200);
			expect(res.headers()['content-type']).toBe('application/pdf');
			files[lang] = join(dir, `report-${lang}.pdf`);
			writeFileSync(files[lang], await res.body());
		}

		const fr = text(files.fr!);
		// the title, wherever the page wraps it
		const bare = (t: string) => plain(t).replace(/\s/g, '');
		expect(bare(fr)).toContain(bare(report.titleFr));
		// a known figure: the first axis's progress, on its row of the axis table
		const axis = report.snapshot.byAxis[0]!;
		const axisLine = fr
			.split('\n')
			.filter((l) => l.includes(`${axis.code} · ${axis.titleFr}`))
			.at(-1)!;
		expect(plain(axisLine)).toContain(`${String(axis.progress).replace('.', ',')} %`);
		// the masked indicator's row shows "< 5", never the validated value
		expect(rawValue(masked!.code, '2025-06-30')).toBeLessThan(5);
		const line = plain(fr.split('\n').find((l) => l.startsWith(masked!.code))!);
		// latest value, then its period (whose year may wrap to the next line): the last cells of the row
		expect(line).toMatch(/ < 5 S1( 2025)?$/);

		// the Arabic PDF is in Arabic (pdftotext takes ligatures such as لا apart: words without them)
		const ar = plain(text(files.ar!, false));
		for (const word of ['تقرير التتبع', 'الخطة الوطنية لمكافحة', 'الملخص']) expect(ar).toContain(word);
		expect(ar).not.toContain('Rapport de suivi');
		await context.close();
	});
});

describe('a partner and the published reports', () => {
	it('signs in, reads a report in Arabic, compares two periods, downloads XLSX and PDF', async () => {
		const report = storedReport('2025-S2');
		const { context, page } = await newPage(browser, { locale: 'en-GB' });
		await login(page, 'oim@rasd.demo', 'Rasd-Oim-2026!');
		try {
			await page.goto('/reports');
			await ready(page);
			// the interface in Arabic, from the language switch
			await Promise.all([page.waitForURL('**/reports'), page.click('[data-testid=lang-ar]')]);
			await page.waitForSelector('html[lang=ar][dir=rtl]', { state: 'attached' });
			const items = page.locator('[data-testid=report-item]');
			expect(await items.count()).toBeGreaterThan(1);
			expect(await items.first().getAttribute('data-id')).toBe(String(report.id));
			await items.first().locator('a').first().click();
			await page.waitForURL(`**/reports/${report.id}`);
			await ready(page);
			expect(await page.locator('[data-testid=report-title]').innerText()).toBe(report.titleAr);
			await screenshot(page, 'report-partner-ar-1440', false);

			// the XLSX, in Arabic: right-to-left sheets with Arabic names
			const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-xlsx]')]);
			const xlsxPath = join(dir, xlsx.suggestedFilename());
			await xlsx.saveAs(xlsxPath);
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load(readFileSync(xlsxPath) as never);
			expect(wb.worksheets.map((w) => w.name)).toContain('المؤشرات');
			expect(wb.worksheets[0]!.views[0]).toMatchObject({ rightToLeft: true });

			// the PDF: rendered on this first reading, the page shows when it is ready
			await page.waitForSelector('[data-testid=download-pdf]', { timeout: 120_000 });
			const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-pdf]')]);
			const pdfPath = join(dir, 'partner-ar.pdf');
			await pdf.saveAs(pdfPath);
			expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
			expect(plain(text(pdfPath, false))).toContain('تقرير التتبع');

			// compare with the previous semester: per axis and per indicator
			await page.selectOption('[data-testid=compare-select]', { index: 0 });
			await Promise.all([page.waitForURL('**/reports/compare**'), page.click('[data-testid=compare-go]')]);
			await ready(page);
			expect(await page.locator('[data-testid=compare-axis-row]').count()).toBe(report.snapshot.byAxis.length);
			expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
			await screenshot(page, 'report-compare-ar-1440', false);
		} finally {
			// the account's language back to English, as the other browser tests expect it
			await page.click('[data-testid=lang-en]');
			await page.waitForSelector('html[lang=en]', { state: 'attached' });
			await context.close();
		}
	});
});

describe('the annual report draft as PDF', () => {
	it('the commission downloads it in French and Arabic, printed from the annual page', async () => {
		const { context, page } = await newPage(browser);
		await login(page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
		await page.goto('/reports/annual?plan=PN-2023-2030&year=2025');
		await ready(page);
		expect(await page.locator('[data-testid=annual-pdf]').count()).toBe(1);
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=annual-pdf]')]);
		const fr = join(dir, 'annual-fr.pdf');
		await download.saveAs(fr);
		const frText = plain(text(fr));
		expect(frText).toContain('Rapport national annuel 2025 sur la lutte contre la traite des êtres humains');
		expect(frText).toContain('A1 · Prévention');
		// no navigation or download buttons in the document
		expect(frText).not.toContain('Se déconnecter');
		expect(frText).not.toContain('Word (.docx)');

		const res = await context.request.get('/reports/annual/draft.pdf?plan=PN-2023-2030&year=2025&lang=ar');
		expect(res.status()).toBe(200);
		const ar = join(dir, 'annual-ar.pdf');
		writeFileSync(ar, await res.body());
		expect(plain(text(ar, false))).toContain('التقرير الوطني السنوي 2025');
		await context.close();
	});
});
