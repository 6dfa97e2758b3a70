import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import { listMeasures } from '../../src/lib/server/measures';
import { measureFiltersSchema, parseMeasureFilters } from '../../src/lib/schemas/measure';
import { deriveFlags } from '../../src/lib/domain/status';

let db: Db;
let cleanup: () => void;
beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
}, 30_000);
afterAll(() => cleanup());

const filters = (q: Record<string, string> = {}) => measureFiltersSchema.parse(q);
const all = (q: Record<string, string>, today = '2026-07-20') => listMeasures(db, filters(q), { today, locale: 'fr', pageSize: 10_000 });

describe('derived flags in SQL', () => {
	it('agree with the domain functions on every measure, on several dates', () => {
		const measures = db.select().from(s.measures).all();
		for (const today of ['2023-06-01', '2024-12-31', '2026-07-20', '2026-11-23', '2031-01-01']) {
			const rows = all({}, today).rows;
			expect(rows).toHaveLength(measures.length);
			for (const row of rows) {
				const m = measures.find((x) => x.id === row.id)!;
				expect({ overdue: row.overdue, atRisk: row.atRisk, stale: row.stale }, `${m.code} on ${today}`).toEqual(deriveFlags(m, today));
			}
		}
	});

	it('filters overdue and at-risk measures exactly as the flags say', () => {
		const today = '2026-07-20';
		const measures = db.select().from(s.measures).all();
		const overdue = measures
			.filter((m) => deriveFlags(m, today).overdue)
			.map((m) => m.code)
			.sort();
		const atRisk = measures
			.filter((m) => deriveFlags(m, today).atRisk)
			.map((m) => m.code)
			.sort();
		expect(overdue.length).toBeGreaterThan(0);
		expect(atRisk.length).toBeGreaterThan(0);
		expect(
			all({ overdue: '1' }, today)
				.rows.map((r) => r.code)
				.sort()
		).toEqual(overdue);
		expect(
			all({ atRisk: '1' }, today)
				.rows.map((r) => r.code)
				.sort()
		).toEqual(atRisk);
	});
});

describe('measures list filters', () => {
	it('filters by institution as lead or contributor', () => {
		const dgsn = db.get<{ id: number }>(sql`SELECT id FROM institutions WHERE code = 'DGSN'`)!.id;
		const expected = db
			.all<{ code: string }>(
				sql`SELECT code FROM measures WHERE lead_institution_id = ${dgsn} OR id IN (SELECT measure_id FROM measure_institutions WHERE institution_id = ${dgsn}) ORDER BY code`
			)
			.map((r) => r.code);
		expect(expected.length).toBeGreaterThan(0);
		expect(all({ institution: 'DGSN' }).rows.map((r) => r.code)).toEqual(expected);
	});

	it('combines axis, status, region and recommendation filters', () => {
		const rows = all({ axis: 'A2', status: 'in_progress' }).rows;
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.axisCode === 'A2' && r.status === 'in_progress')).toBe(true);
		const rec = db.get<{ n: number }>(
			sql`SELECT count(*) AS n FROM recommendation_measures rm JOIN recommendations r ON r.id = rm.recommendation_id WHERE r.code = (SELECT code FROM recommendations ORDER BY rank LIMIT 1)`
		)!.n;
		const firstRec = db.get<{ code: string }>(sql`SELECT code FROM recommendations ORDER BY rank LIMIT 1`)!.code;
		expect(all({ recommendation: firstRec }).total).toBe(rec);
		const region = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM measure_regions WHERE region_id = (SELECT id FROM regions WHERE iso = 'MA-01')`)!.n;
		expect(all({ region: 'MA-01' }).total).toBe(region);
	});

	it('finds measures by code or title, and treats % and _ literally', () => {
		const first = all({}).rows[0]!;
		expect(all({ q: first.code }).rows.map((r) => r.code)).toContain(first.code);
		const word = first.titleFr.split(' ').find((w) => w.length > 6)!;
		expect(all({ q: word }).rows.some((r) => r.code === first.code)).toBe(true);
		expect(all({ q: '%' }).total).toBe(0);
		expect(all({ q: '_' }).total).toBe(0);
	});

	it('sorts and paginates', () => {
		const byDeadline = all({ sort: 'deadline' }).rows.map((r) => r.deadline);
		expect(byDeadline).toEqual([...byDeadline].sort());
		const byProgressDesc = all({ sort: 'progress', dir: 'desc' }).rows.map((r) => r.progress);
		expect(byProgressDesc).toEqual([...byProgressDesc].sort((a, b) => b - a));
		const p1 = listMeasures(db, filters({}), { today: '2026-07-20', locale: 'fr', pageSize: 20 });
		const p2 = listMeasures(db, filters({ page: '2' }), { today: '2026-07-20', locale: 'fr', pageSize: 20 });
		expect(p1.pages).toBe(Math.ceil(p1.total / 20));
		expect(p1.rows).toHaveLength(20);
		expect(p2.rows[0]!.code > p1.rows[19]!.code).toBe(true);
		// a page past the end shows the last page rather than nothing
		const last = listMeasures(db, filters({ page: '999' }), { today: '2026-07-20', locale: 'fr', pageSize: 20 });
		expect(last.page).toBe(p1.pages);
	});

	it('drops an invalid filter value with an error instead of failing the page', () => {
		const { filters: f, errors } = parseMeasureFilters(new URLSearchParams('region=XX&status=nope&axis=A1'));
		expect(f.region).toBeUndefined();
		expect(f.status).toBeUndefined();
		expect(f.axis).toBe('A1');
		expect(errors).toEqual({ region: 'err_region_unknown', status: 'err_status_unknown' });
	});
});
