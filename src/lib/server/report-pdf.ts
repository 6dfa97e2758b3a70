/**
 * A published report's PDF: rendered once, at publication, from its print view (`/print/[id]`) by
 * Debian's Chromium through playwright-core, and stored beside the snapshot (`report_files`), one
 * per language. Where Chromium is absent the app runs without PDFs (`pdf_state = 'unavailable'`,
 * no PDF button).
 *
 * The print view is reached without a session: Chromium carries a key derived from a secret kept in
 * `meta` (so every worker process agrees on it) and the report's id; it opens published reports only.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import * as s from './db/schema';
import { LOCALES, type Locale } from '../domain/enums';

export const CHROMIUM_PATH = process.env.RASD_CHROMIUM ?? '/usr/bin/chromium';

/** The flags the project runs Chromium with (no sandbox in containers, no network chatter). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage'
];

/** Whether PDFs can be made here: Chromium is installed and not switched off (`RASD_PDF=off`). */
export function pdfAvailable(): boolean {
	return process.env.RASD_PDF !== 'off' && existsSync(CHROMIUM_PATH);
}

function secret(db: Db): string {
	const row = db.get<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'print_secret'`);
	if (row) return row.value;
	db.run(sql`INSERT INTO meta (key, value) VALUES ('print_secret', ${randomBytes(32).toString('hex')}) ON CONFLICT(key) DO NOTHING`);
	return db.get<{ value: string }>(sql`SELECT value FROM meta WHERE key = 'print_secret'`)!.value;
}

/** The key that opens report `id`'s print view. */
export function printKey(db: Db, id: number): string {
	return createHmac('sha256', secret(db)).update(`print:${id}`).digest('base64url');
}

export function checkPrintKey(db: Db, id: number, key: string | null): boolean {
	if (!key) return false;
	const a = Buffer.from(printKey(db, id));
	const b = Buffer.from(key);
	return a.length === b.length && timingSafeEqual(a, b);
}

function setState(db: Db, id: number, state: string) {
	db.run(sql`UPDATE reports SET pdf_state = ${state} WHERE id = ${id}`);
}

export interface RenderFigures {
	locale: Locale;
	bytes: number;
	ms: number;
}

/**
 * Renders report `id`'s PDF in each language from `origin`'s print view and stores them. Sets
 * `pdf_state` to rendering, then ready (or failed, or unavailable without Chromium). Never throws:
 * a failed PDF leaves the published report as it is.
 */
export async function renderReportPdfs(db: Db, id: number, requestOrigin: string, locales: readonly Locale[] = LOCALES): Promise<RenderFigures[]> {
	// Behind a proxy the public address may not be reachable from the server itself: RASD_PDF_ORIGIN says where Chromium finds the app.
	const origin = process.env.RASD_PDF_ORIGIN || requestOrigin;
	if (!pdfAvailable()) {
		setState(db, id, 'unavailable');
		return [];
	}
	setState(db, id, 'rendering');
	const figures: RenderFigures[] = [];
	let browser: import('playwright-core').Browser | null = null;
	try {
		const { chromium } = await import('playwright-core');
		browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
		const key = printKey(db, id);
		for (const locale of locales) {
			const t0 = performance.now();
			// As wide as the A4 page inside its margins (182 mm), so the charts draw at the width they print
			// at: a wider one makes Chromium shrink the page, and cut a right-to-left page's start off.
			const context = await browser.newContext({ viewport: { width: 688, height: 1000 } });
			await context.addCookies([{ name: 'rasd_locale', value: locale, url: origin }]);
			const page = await context.newPage();
			await page.goto(`${origin}/print/${id}?key=${encodeURIComponent(key)}`, { waitUntil: 'networkidle' });
			// The charts draw after hydration; the print view says when they have.
			await page.waitForSelector('html[data-print-ready]', { state: 'attached', timeout: 30_000 });
			await page.emulateMedia({ media: 'print' });
			const pdf = await page.pdf({
				format: 'A4',
				printBackground: true,
				// margins and page numbers come from the print stylesheet's @page rule
				preferCSSPageSize: true
			});
			await context.close();
			const ms = Math.round(performance.now() - t0);
			db.insert(s.reportFiles)
				.values({ reportId: id, kind: 'pdf', locale, contentType: 'application/pdf', bytes: pdf, renderMs: ms })
				.onConflictDoUpdate({ target: [s.reportFiles.reportId, s.reportFiles.kind, s.reportFiles.locale], set: { bytes: pdf, renderMs: ms } })
				.run();
			figures.push({ locale, bytes: pdf.length, ms });
		}
		setState(db, id, 'ready');
	} catch (e) {
		console.error(`[rasd] PDF of report ${id} failed: ${(e as Error).message}`);
		setState(db, id, 'failed');
	} finally {
		await browser?.close().catch(() => {});
	}
	return figures;
}

/** A report's stored PDF in `locale` (French when that language's is missing). */
export function getPdf(db: Db, id: number, locale: Locale): Buffer | null {
	const row =
		db
			.select({ bytes: s.reportFiles.bytes })
			.from(s.reportFiles)
			.where(and(eq(s.reportFiles.reportId, id), eq(s.reportFiles.kind, 'pdf'), eq(s.reportFiles.locale, locale)))
			.get() ??
		db
			.select({ bytes: s.reportFiles.bytes })
			.from(s.reportFiles)
			.where(and(eq(s.reportFiles.reportId, id), eq(s.reportFiles.kind, 'pdf'), eq(s.reportFiles.locale, 'fr')))
			.get();
	return row ? (row.bytes as Buffer) : null;
}

/**
 * A page of the app as a PDF, rendered now by Chromium with the requester's own session and
 * language (the annual report's draft: it changes with the data, so it is not stored). Throws when
 * Chromium fails; the caller checks `pdfAvailable()` first.
 */
export async function renderPagePdf(url: string, cookies: { name: string; value: string }[]): Promise<Buffer> {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
	try {
		const context = await browser.newContext({ viewport: { width: 688, height: 1000 } });
		await context.addCookies(cookies.map((c) => ({ ...c, url: new URL(url).origin })));
		const page = await context.newPage();
		await page.goto(url, { waitUntil: 'networkidle' });
		await page.emulateMedia({ media: 'print' });
		return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
	} finally {
		await browser.close().catch(() => {});
	}
}
