/**
 * What keeps the heavy pages light (issue 16; the bytes themselves are bench/page-weight.ts's): on
 * the demonstration database, the overview's and a scorecard's server data carry the viewer's
 * language and French only, long lists come as their first rows with the full count, an axis's
 * objectives a page at a time, and its by-institution block the most involved institutions.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Locale } from '../../src/lib/domain/enums';
import { INDICATORS_PER_PAGE, INSTITUTION_ROWS, OBJECTIVES_PER_PAGE, OVERVIEW_ROWS, PREVIEW_ROWS, mostInvolved } from '../../src/lib/server/page-lists';
import { getMeasure } from '../../src/lib/server/measures';
import { load as overviewLoad } from '../../src/routes/(app)/+page.server';
import { load as axisLoad } from '../../src/routes/(app)/axes/[code]/+page.server';
import { load as institutionLoad } from '../../src/routes/(app)/institutions/[code]/+page.server';
import { load as measureLoad } from '../../src/routes/(app)/measures/[code]/+page.server';

let db: Db;
let cleanup: () => void;
let commission: SessionUser;

/** A GET of `path` by the commission member in `locale`, as the page's server load sees it. */
function event(path: string, locale: Locale, params: Record<string, string> = {}) {
	const e = actionEvent({ user: commission, path, params });
	return { ...e, locals: { ...e.locals, locale }, request: new Request(e.url), parent: async () => ({ today: '2026-07-20' }) } as never;
}
const keys = (data: unknown) => new Set([...JSON.stringify(data).matchAll(/"(\w+)":/g)].map((m) => m[1]!));

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
	const u = db.get<{ id: number; email: string; name: string }>(sql`SELECT id, email, name FROM users WHERE role = 'commission' LIMIT 1`)!;
	commission = { ...u, role: 'commission', institutionId: null, locale: 'fr' } as SessionUser;
});
afterAll(() => {
	setDb(undefined);
	cleanup();
});

describe('page weight', () => {
	it('gives a French viewer no Arabic or English plan texts in the overview, and an Arabic viewer no English', async () => {
		const fr = await overviewLoad(event('/', 'fr'));
		const ar = await overviewLoad(event('/', 'ar'));
		const frKeys = keys(fr);
		expect(frKeys.has('titleFr')).toBe(true);
		expect([...frKeys].filter((k) => /^(title|name|shortName|acronym)(Ar|En)$/.test(k))).toEqual([]);
		const arKeys = keys(ar);
		expect(arKeys.has('titleAr')).toBe(true);
		expect([...arKeys].filter((k) => /^(title|name|shortName|acronym)En$/.test(k))).toEqual([]);
	});

	it("shows the overview's first deadlines with the full count", async () => {
		const data = (await overviewLoad(event('/', 'fr'))) as { overview: { dueSoon: unknown[]; overdue: unknown[]; kpis: { overdue: number } } };
		expect(data.overview.overdue.length).toBe(Math.min(OVERVIEW_ROWS, data.overview.kpis.overdue));
		expect(data.overview.dueSoon.length).toBeLessThanOrEqual(OVERVIEW_ROWS);
	});

	it("shows a scorecard's first measures with the full count", async () => {
		const code = db.get<{ code: string }>(
			sql`SELECT i.code FROM institutions i JOIN measures m ON m.lead_institution_id = i.id GROUP BY i.id ORDER BY count(*) DESC LIMIT 1`
		)!.code;
		const data = (await institutionLoad(event(`/institutions/${code}`, 'fr', { code }))) as { lead: { measures: unknown[]; kpis: { measures: number } } };
		expect(data.lead.kpis.measures).toBeGreaterThan(0);
		expect(data.lead.measures.length).toBe(Math.min(PREVIEW_ROWS, data.lead.kpis.measures));
	});

	it("pages an axis's objectives, each page with its own objectives' measures, the header's count whole", async () => {
		const axis = db.get<{ code: string; n: number }>(
			sql`SELECT a.code, count(o.id) AS n FROM axes a JOIN objectives o ON o.axis_id = a.id GROUP BY a.id ORDER BY n DESC LIMIT 1`
		)!;
		type AxisData = { objectives: { id: number }[]; measures: { objectiveId: number }[]; objectivePage: { page: number; pages: number; total: number } };
		const first = (await axisLoad(event(`/axes/${axis.code}`, 'fr', { code: axis.code }))) as AxisData;
		expect(first.objectivePage).toMatchObject({ page: 1, total: axis.n, pages: Math.ceil(axis.n / OBJECTIVES_PER_PAGE) });
		expect(first.objectives.length).toBe(Math.min(OBJECTIVES_PER_PAGE, axis.n));
		const last = (await axisLoad(event(`/axes/${axis.code}?op=999`, 'fr', { code: axis.code }))) as AxisData;
		expect(last.objectivePage.page).toBe(last.objectivePage.pages);
		const ids = new Set(last.objectives.map((o) => o.id));
		expect(last.measures.every((x) => ids.has(x.objectiveId))).toBe(true);
	});

	it("shows an axis's most involved institutions, the least advanced among them kept, all of them with ?inst=all", async () => {
		type Row = { code: string; lead: { measures: number; progress: number | null }; contributes: { measures: number } };
		// 19 institutions, in the block's order (by progress); the 15 with most measures are kept in that order
		const rows: Row[] = Array.from({ length: 19 }, (_, i) => ({
			code: `I${String(i).padStart(2, '0')}`,
			lead: { measures: i % 4 === 0 ? 1 : 10 + i, progress: 100 - i },
			contributes: { measures: i === 0 ? 50 : 0 }
		}));
		const kept = mostInvolved(rows, INSTITUTION_ROWS);
		expect(kept).toHaveLength(INSTITUTION_ROWS);
		expect(kept.map((r) => r.code)).toEqual(rows.filter((r, i) => i === 0 || i % 4 !== 0).map((r) => r.code));
		expect(kept.at(-1)!.code).toBe('I18'); // the least advanced, most involved, stays
		expect(mostInvolved(rows.slice(0, 3), INSTITUTION_ROWS)).toEqual(rows.slice(0, 3));

		const axis = db.get<{ code: string }>(sql`SELECT code FROM axes ORDER BY code LIMIT 1`)!.code;
		type AxisData = { scorecard: { byInstitution: { code: string }[] }; institutionCount: number };
		const some = (await axisLoad(event(`/axes/${axis}`, 'fr', { code: axis }))) as AxisData;
		const all = (await axisLoad(event(`/axes/${axis}?inst=all`, 'fr', { code: axis }))) as AxisData;
		expect(some.institutionCount).toBeGreaterThan(0);
		expect(all.scorecard.byInstitution).toHaveLength(all.institutionCount);
		expect(some.scorecard.byInstitution.length).toBe(Math.min(INSTITUTION_ROWS, some.institutionCount));
		// the same as the server's pick on the whole block
		expect(some.scorecard.byInstitution.map((i) => i.code)).toEqual(
			mostInvolved(all.scorecard.byInstitution as unknown as Row[], INSTITUTION_ROWS).map((i) => i.code)
		);
	});

	it("pages a measure's indicators, each page with its own values, masked as on the whole measure, ?ind= opening the page that holds it", async () => {
		const m = db.get<{ code: string; n: number }>(
			sql`SELECT m.code, count(*) AS n FROM measures m JOIN indicators i ON i.measure_id = m.id GROUP BY m.id ORDER BY n DESC, m.code LIMIT 1`
		)!;
		expect(m.n).toBeGreaterThan(INDICATORS_PER_PAGE);
		type MeasureData = {
			indicators: { id: number; code: string }[];
			values: { indicatorId: number; period: string; value: number | null; masked: boolean }[];
			indicatorPage: { page: number; pages: number; total: number };
			breakdowns: { code: string }[];
		};
		const at = async (query: string, viewer = commission) => {
			const e = actionEvent({ user: viewer, path: `/measures/${m.code}${query}`, params: { code: m.code } });
			return (await measureLoad({ ...e, locals: { ...e.locals, locale: 'fr' } } as never)) as MeasureData;
		};
		const first = await at('');
		expect(first.indicatorPage).toEqual({ page: 1, pages: Math.ceil(m.n / INDICATORS_PER_PAGE), total: m.n });
		expect(first.indicators).toHaveLength(INDICATORS_PER_PAGE);
		const second = await at('?ip=2');
		const seen = [...first.indicators, ...second.indicators].map((i) => i.code);
		expect(new Set(seen).size).toBe(seen.length);
		for (const page of [first, second]) {
			const ids = new Set(page.indicators.map((i) => i.id));
			expect(page.values.every((v) => ids.has(v.indicatorId))).toBe(true);
		}
		const last = second.indicators.at(-1)!;
		expect((await at(`?ind=${last.id}`)).indicatorPage.page).toBe(2);
		expect((await at('?ip=nonsense')).indicatorPage.page).toBe(1);
		// a partner's masked values on a page are those of the whole measure
		const partnerRow = db.get<{ id: number; email: string; name: string; institution_id: number }>(
			sql`SELECT id, email, name, institution_id FROM users WHERE role = 'partner' LIMIT 1`
		)!;
		const partner = { ...partnerRow, role: 'partner', institutionId: partnerRow.institution_id, locale: 'fr' } as SessionUser;
		const whole = getMeasure(db, m.code, partner)!;
		const paged = [...(await at('', partner)).values, ...(await at('?ip=2', partner)).values];
		const key = (v: { indicatorId: number; period: string }) => `${v.indicatorId} ${v.period}`;
		const pick = (v: { value: number | null; masked: boolean }) => [v.value, v.masked];
		const wholeOf = new Map(whole.values.map((v) => [key(v), pick(v)]));
		for (const v of paged) expect(pick(v)).toEqual(wholeOf.get(key(v)));
		expect(paged).toHaveLength(whole.values.length);
		// the breakdown tables (where small counts are masked) are those of the whole measure, page by page
		const pagedBreakdowns = [...(await at('', partner)).breakdowns, ...(await at('?ip=2', partner)).breakdowns];
		expect(pagedBreakdowns.length).toBeGreaterThan(0);
		expect(pagedBreakdowns).toEqual(whole.breakdowns);
	});
});
