/**
 * The indicator explorer's list: every indicator is reachable by following its pages (no JavaScript:
 * the page number is in the URL), with the search kept from page to page.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { load } from '../../src/routes/(app)/indicators/+page.server';
import type { SessionUser } from '../../src/lib/server/auth/session';

let db: Db;
let cleanup: () => void;
let focal: SessionUser;

type Page = { page: number; pages: number | null; hasNext: boolean; search: { rows: { code: string; measureCode: string }[]; total: number } };
const open = (query: string) =>
	load({ url: new URL(`http://localhost/indicators${query}`), locals: { user: focal, locale: 'fr' } } as never) as unknown as Page;

/** Follows the "next" links from the first page, as a reader would. */
function walk(q: string): { codes: string[]; pages: Page[] } {
	const pages: Page[] = [];
	for (let n = 1; ; n++) {
		const params = new URLSearchParams(q);
		if (n > 1) params.set('page', String(n));
		const p = open(`?${params}`);
		pages.push(p);
		if (!p.hasNext) break;
		expect(n).toBeLessThan(100);
	}
	return { codes: pages.flatMap((p) => p.search.rows.map((r) => r.code)), pages };
}

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	const u = db.select().from(s.users).where(eq(s.users.email, 'dgsn@rasd.demo')).get()!;
	focal = { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}, 60_000);
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('indicator explorer list', () => {
	it('reaches every indicator through its pages, each once, with a page count', () => {
		const all = db.all<{ code: string }>(sql`SELECT code FROM indicators ORDER BY code`).map((r) => r.code);
		expect(all.length).toBeGreaterThan(100);
		const { codes, pages } = walk('');
		expect(pages.length).toBeGreaterThan(1);
		expect(pages[0]!.pages).toBe(pages.length);
		expect(pages[0]!.search.total).toBe(all.length);
		expect(codes).toEqual(all);
		// every row says its measure, which heads its group in the list
		const byMeasure = db.all<{ code: string; m: string }>(sql`SELECT i.code, m.code AS m FROM indicators i JOIN measures m ON m.id = i.measure_id`);
		const measureOf = new Map(byMeasure.map((r) => [r.code, r.m]));
		for (const r of pages.flatMap((p) => p.search.rows)) expect(r.measureCode).toBe(measureOf.get(r.code));
	});

	it('keeps the search from page to page and reaches every match', () => {
		const q = 'victimes';
		const matches = db
			.all<{ code: string }>(sql`SELECT code FROM indicators WHERE name_fr LIKE ${'%' + q + '%'} OR code LIKE ${'%' + q + '%'} ORDER BY code`)
			.map((r) => r.code);
		expect(matches.length).toBeGreaterThan(0);
		const { codes } = walk(`q=${q}`);
		expect(new Set(codes).size).toBe(codes.length);
		expect(codes).toEqual(expect.arrayContaining(matches));
	});

	it('a page past the end shows the last page, not an empty list; a malformed page is the first', () => {
		const { pages } = walk('');
		const lastPage = pages[pages.length - 1]!;
		const past = open('?page=999');
		expect(past.page).toBe(pages.length);
		expect(past.pages).toBe(pages.length);
		expect(past.search.rows.map((r) => r.code)).toEqual(lastPage.search.rows.map((r) => r.code));
		expect(past.search.rows.length).toBeGreaterThan(0);
		expect(past.hasNext).toBe(false);
		expect((past as unknown as { pastEnd: boolean }).pastEnd).toBe(false);
		// the same with a search: its own last page
		const searched = open('?q=victimes&page=999');
		expect(searched.page).toBe(searched.pages);
		expect(searched.search.rows.length).toBeGreaterThan(0);
		expect(open('?page=abc').page).toBe(1);
	});
});

describe('indicator explorer list past 500 indicators', () => {
	it('past the end of a capped list ("500+", no page count) says there are no more and links to the first page', () => {
		// 500 more indicators (copies of the first one): the count is capped, so the last page is not known
		db.run(sql`WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 500)
			INSERT INTO indicators (measure_id, code, name_fr, kind, frequency)
			SELECT i.measure_id, 'ZZ-' || printf('%04d', n.k), i.name_fr, i.kind, i.frequency FROM n, (SELECT * FROM indicators ORDER BY code LIMIT 1) i`);
		const past = open('?page=999') as Page & { pastEnd: boolean };
		expect(past.pages).toBeNull();
		expect(past.search.rows).toHaveLength(0);
		expect(past.pastEnd).toBe(true);
		expect(past.hasNext).toBe(false);
		const first = open('') as Page & { pastEnd: boolean };
		expect(first.pastEnd).toBe(false);
		expect(first.search.rows.length).toBeGreaterThan(0);
	});
});
