/**
 * The review queue at scale: filtered by kind, institution and period, oldest first, paged in SQL,
 * with a count per filter value that says what choosing it would show.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as review from '../../src/lib/server/review';
import { reviewFiltersSchema } from '../../src/lib/schemas/reporting';

let db: Db;
let cleanup: () => void;
let all: review.QueueItem[];

beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	// National scale: thousands of submitted indicator values, spread over periods and reporters.
	db.run(sql`
		INSERT INTO indicator_values (indicator_id, period, period_start, period_end, region_id, value, source, state, reported_by, submitted_at, is_current, is_demo, version)
		SELECT v.indicator_id, (2020 + (n.k % 6)) || '-S' || (1 + n.k % 2), (2020 + (n.k % 6)) || CASE n.k % 2 WHEN 0 THEN '-01-01' ELSE '-07-01' END,
			(2020 + (n.k % 6)) || CASE n.k % 2 WHEN 0 THEN '-06-30' ELSE '-12-31' END, v.region_id, v.value + n.k, v.source, 'submitted', v.reported_by,
			'2026-0' || (1 + n.k % 9) || '-' || printf('%02d', 1 + n.k % 28) || 'T08:00:00.000Z', 0, 1, 1
		FROM (SELECT * FROM indicator_values WHERE state = 'validated' AND reported_by IS NOT NULL LIMIT 60) v,
			(WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < 50) SELECT k FROM c) n`);
	all = review.page(db, { pageSize: 100_000 }).items;
});
afterAll(() => cleanup());

describe('review queue', () => {
	it('pages thousands of submissions, oldest first, every one reachable once', () => {
		expect(all.length).toBeGreaterThan(3000);
		const first = review.page(db, { page: 1, pageSize: 20 });
		expect(first.items).toHaveLength(20);
		expect(first.total).toBe(all.length);
		expect(first.pages).toBe(Math.ceil(all.length / 20));
		const dates = all.map((i) => i.submittedAt);
		expect(dates).toEqual([...dates].sort());
		const last = review.page(db, { page: first.pages, pageSize: 20 });
		expect(last.items.map((i) => `${i.kind}-${i.id}`)).toEqual(all.slice((first.pages - 1) * 20).map((i) => `${i.kind}-${i.id}`));
		// newest first is the same queue reversed
		expect(review.page(db, { order: 'newest', pageSize: 5 }).items.map((i) => i.id)).toEqual(
			all
				.slice(-5)
				.reverse()
				.map((i) => i.id)
		);
		// a page past the end shows the last page rather than nothing
		expect(review.page(db, { page: 10_000, pageSize: 20 }).page).toBe(first.pages);
	});

	it('filters by kind, institution and period, and counts what each choice would show', () => {
		const { facets } = review.page(db, {});
		expect(facets.kind.update).toBe(all.filter((i) => i.kind === 'update').length);
		expect(facets.kind.value).toBe(all.filter((i) => i.kind === 'value').length);
		const inst = Object.entries(facets.institution).sort((a, b) => b[1] - a[1])[0]![0];
		const ofInst = review.page(db, { institution: inst, pageSize: 100_000 });
		expect(ofInst.total).toBe(facets.institution[inst]);
		expect(ofInst.items.every((i) => i.institutionCode === inst)).toBe(true);
		// with an institution chosen, the period counts are those of that institution
		const [period, n] = Object.entries(ofInst.facets.period).sort((a, b) => b[1] - a[1])[0]!;
		const both = review.page(db, { institution: inst, period, pageSize: 100_000 });
		expect(both.total).toBe(n);
		expect(both.items.every((i) => i.institutionCode === inst && (i.proposed.period === period || i.kind === 'stage'))).toBe(true);
		// and the institution counts keep the period filter but not the institution one
		expect(both.facets.institution[inst]).toBe(n);
		expect(Object.values(both.facets.institution).reduce((a, b) => a + b, 0)).toBe(facets.period[period]);
		// kinds with nothing in the selection simply have no count
		expect(review.page(db, { kind: 'stage', institution: inst, period: '2020-S2' }).total).toBe(both.facets.kind.stage ?? 0);
	});

	it('reads its filters from the URL and ignores values it does not know', () => {
		const parse = (q: string) => reviewFiltersSchema.parse(Object.fromEntries(new URLSearchParams(q)));
		expect(parse('kind=value&institution=DGSN&period=2026-S1&page=3&order=newest')).toEqual({
			kind: 'value',
			institution: 'DGSN',
			period: '2026-S1',
			page: 3,
			order: 'newest'
		});
		expect(parse('kind=x&institution=<b>&period=2026-S9&page=-1&order=up')).toEqual({
			kind: undefined,
			institution: undefined,
			period: undefined,
			page: 1,
			order: 'oldest'
		});
	});
});
