/**
 * Arabic and English as complete as French: signed in as the commission (who sees the most pages),
 * the test walks the app from the overview through its own links, in Arabic and in English, and
 * reads every text a user sees or hears (text nodes, screen-reader-only text, title, aria-label,
 * placeholder, alt). In Arabic no word may be in Latin script; in English no word may be French.
 *
 * What is allowed, and why:
 * - codes and acronyms (A1.2.2, 2026-S2, DGSN, E-MNR, MAD): upper case or with digits;
 * - text marked as another language (`lang`), a cited title (`<cite>`: a source keeps its title),
 *   and what the page marks as not to translate (`translate="no"`: people's names, e-mail
 *   addresses, the map's attribution);
 * - free text a user typed (`data-user-text`: a return comment is shown as written);
 * - proper names: the accounts' names (read from the admin's list of users), the map's data source,
 *   the file formats offered (Word, docx, xlsx…),
 *   and the regions' official names in English, which keep their accents.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, login, newPage } from './browser';

const MAX_PAGES = 90;
const PROPER_NAMES = new Set([
	'OpenStreetMap',
	'ODbL',
	'Word',
	'Excel',
	'docx',
	'xlsx',
	'csv',
	'pdf',
	'Fès',
	'Meknès',
	'Béni',
	'Khénifra',
	'Laâyoune',
	'Souss-Massa',
	'Drâa',
	'Drâa-Tafilalet',
	'Fès-Meknès',
	'Béni-Mellal-Khénifra',
	'Laâyoune-Sakia',
	'Guelmim-Oued',
	'Dakhla-Oued',
	'Rabat-Salé-Kénitra',
	'Salé',
	'Kénitra',
	'Tanger-Tétouan-Al',
	'Tétouan'
]);
// French that English writes too: "communiqué" is an English word, "décret 2-15-40" the name of a text
for (const w of ['communiqué', 'décret']) PROPER_NAMES.add(w);
// French words that only French has (accents, or function words English never uses)
const FRENCH = /[àâçéèêëîïôûùüÿœ]|^(des|les|du|la|le|et|pour|avec|dans|sur|une|aux|par|sont|au|ou)$/i;

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
	// people's names are proper names: the admin's list of accounts gives them
	const { page, context } = await newPage(browser);
	await login(page, 'admin@rasd.demo', 'Rasd-Admin-2026!');
	await page.goto('/admin/users');
	for (const name of await page.locator('a[href^="/admin/users/"]').allInnerTexts()) for (const w of name.split(/\s+/)) PROPER_NAMES.add(w);
	await context.close();
});
afterAll(async () => {
	await browser?.close();
});

interface Found {
	word: string;
	where: string;
}

/** Runs in the page: the words a reader meets that are not allowed in `lang`, and the page's own links. */
function readPage(lang: string): { found: Found[]; links: string[] } {
	const exempt = (el: Element | null): boolean => {
		if (!el) return true;
		if (el.closest('script, style, svg, cite, code, [translate="no"], [data-user-text], noscript')) return true;
		const marked = el.closest('[lang]');
		return !!marked && marked !== document.documentElement && !marked.getAttribute('lang')!.startsWith(lang);
	};
	const texts: { text: string; where: string }[] = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const el = n.parentElement;
		if (exempt(el)) continue;
		texts.push({
			text: n.textContent ?? '',
			where: el!.tagName.toLowerCase() + (el!.getAttribute('data-testid') ? `[${el!.getAttribute('data-testid')}]` : '')
		});
	}
	for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
		if (exempt(el)) continue;
		for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
			const v = el.getAttribute(a);
			if (v) texts.push({ text: v, where: `${el.tagName.toLowerCase()}@${a}` });
		}
	}
	const found: Found[] = [];
	for (const t of texts) {
		const clean = t.text.replace(/\S+@\S+|https?:\/\/\S+/g, ' ');
		// Latin letters, accented ones included; × and ÷ sit in that Unicode block but are signs, not letters
		for (const word of clean.match(/[A-Za-zÀ-ÖØ-öø-ÿœŒ][A-Za-zÀ-ÖØ-öø-ÿœŒ'’-]*/g) ?? []) found.push({ word, where: t.where });
	}
	const links = [...document.querySelectorAll('a[href]')]
		.map((a) => new URL((a as HTMLAnchorElement).href, location.href))
		.filter((u) => u.origin === location.origin)
		.map((u) => u.pathname);
	return { found, links };
}

async function walk(page: Page, lang: 'ar' | 'en') {
	const seen = new Set<string>(['/']);
	const queue = ['/'];
	const leaks = new Map<string, { n: number; at: string }>();
	let pages = 0;
	while (queue.length && pages < MAX_PAGES) {
		const path = queue.shift()!;
		const res = await page.goto(path, { waitUntil: 'domcontentloaded' });
		if (!res || !res.ok() || !(res.headers()['content-type'] ?? '').includes('text/html')) continue;
		pages++;
		expect(await page.getAttribute('html', 'lang'), path).toBe(lang);
		const { found, links } = await page.evaluate(readPage, lang);
		for (const f of found) {
			const bad =
				lang === 'ar'
					? !/^[A-Z0-9][A-Z0-9.\-_/]*$/.test(f.word) && !/\d/.test(f.word) && !PROPER_NAMES.has(f.word)
					: FRENCH.test(f.word) && !PROPER_NAMES.has(f.word);
			if (!bad) continue;
			const e = leaks.get(f.word) ?? { n: 0, at: `${path} ${f.where}` };
			e.n++;
			leaks.set(f.word, e);
		}
		for (const l of links) {
			// one page per kind of route is enough past the first few: /measures/A1.1.1 and /measures/A1.1.2 share their text
			const kind = l.replace(/\/[^/]*\d[^/]*$/, '/:id');
			const sameKind = [...seen].filter((s) => s.replace(/\/[^/]*\d[^/]*$/, '/:id') === kind).length;
			if (seen.has(l) || sameKind >= 3 || /^\/(logout|evidence|_app)|\.(xlsx|csv|pdf|docx)$|\/export/.test(l)) continue;
			seen.add(l);
			queue.push(l);
		}
	}
	return { pages, leaks };
}

describe('every page in Arabic and in English', () => {
	for (const lang of ['ar', 'en'] as const) {
		it(`has no ${lang === 'ar' ? 'Latin-script' : 'French'} word in the ${lang === 'ar' ? 'Arabic' : 'English'} interface`, async () => {
			const { page, context } = await newPage(browser, { locale: lang === 'ar' ? 'ar-MA' : 'en-GB' });
			try {
				// a fresh account language would persist for other tests: the browser's language chooses it here
				await login(page, 'commission@rasd.demo', 'Rasd-Commission-2026!');
				await page.context().addCookies([{ name: 'rasd_locale', value: lang, url: new URL(page.url()).origin }]);
				const { pages, leaks } = await walk(page, lang);
				console.log(`[languages] ${lang}: ${pages} pages read, ${leaks.size} words out of place`);
				expect(pages).toBeGreaterThan(40);
				expect(Object.fromEntries([...leaks].map(([w, e]) => [w, `${e.n}× e.g. ${e.at}`]))).toEqual({});
			} finally {
				await context.close();
			}
		});
	}
});
