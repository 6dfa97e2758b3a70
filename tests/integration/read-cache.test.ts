/**
 * The read-model cache: a page asking the same question twice between writes gets the same answer
 * without recomputing it, and any committed write — through the app, or by another connection —
 * is seen by the next read.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { openDatabase, transaction, type Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as dashboard from '../../src/lib/server/dashboard';
import * as readModels from '../../src/lib/server/read-models';
import { readCacheStats } from '../../src/lib/server/read-cache';
import * as review from '../../src/lib/server/review';

const PLAN = 'PN-2023-2030';
const opts = { today: '2026-07-20' };
let db: Db;
let path: string;
let cleanup: () => void;
let commissionId: number;

beforeAll(async () => {
	({ db, path, cleanup } = createTestDatabase({ file: true }));
	await seedDatabase(db, { demo: true });
	commissionId = db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'commission' ORDER BY id LIMIT 1`)!.id;
});
afterAll(() => cleanup());
afterEach(() => {
	delete process.env.RASD_READ_CACHE;
});

describe('read-model cache', () => {
	it('answers a repeated question from the cache, with the same figures as the uncached read model', () => {
		const before = readCacheStats(db);
		const first = readModels.overview(db, PLAN, opts);
		const second = readModels.overview(db, PLAN, opts);
		const after = readCacheStats(db);
		expect(second).toBe(first);
		expect(after.hits - before.hits).toBe(1);
		expect(first).toEqual(dashboard.overview(db, PLAN, opts));
		// other arguments are another question
		const asOf = readModels.overview(db, PLAN, { ...opts, asOf: '2025-07-20' });
		expect(asOf).not.toBe(first);
		expect(asOf).toEqual(dashboard.overview(db, PLAN, { ...opts, asOf: '2025-07-20' }));
	});

	it('shares frozen values: nobody can edit a cached answer in place', () => {
		const o = readModels.overview(db, PLAN, opts)!;
		expect(() => {
			(o.kpis as { measures: number }).measures = 0;
		}).toThrow(TypeError);
		expect(() => (o.byAxis as unknown[]).push({})).toThrow(TypeError);
	});

	it('shows a validation made through the app at the next read', () => {
		const item = review.queue(db).find((i) => i.kind === 'update');
		expect(item, 'the demonstration has updates awaiting validation').toBeTruthy();
		const stale = readModels.overview(db, PLAN, opts)!;
		const result = review.decide(db, commissionId, { kind: 'update', id: item!.id, version: item!.version, decision: 'validate' });
		expect(result.ok).toBe(true);
		const fresh = readModels.overview(db, PLAN, opts)!;
		expect(fresh).not.toBe(stale);
		expect(fresh.awaitingValidation).toBe(stale.awaitingValidation - 1);
		expect(fresh).toEqual(dashboard.overview(db, PLAN, opts));
	});

	it('shows a write committed by another connection (another process, the seed CLI)', () => {
		const code = 'A2.1.1';
		const card = () => readModels.axisScorecard(db, 'A2', opts)!;
		const before = card();
		const row = before.trend.at(-1)!;
		const other = openDatabase(path);
		try {
			other.run(sql`UPDATE measures SET weight = weight + 5 WHERE code = ${code}`);
		} finally {
			other.$client.close();
		}
		const after = card();
		expect(after).not.toBe(before);
		expect(after).toEqual(dashboard.axisScorecard(db, 'A2', opts));
		expect(after.trend.at(-1)!.progress).not.toBe(row.progress);
	});

	it('does not keep what it read inside a transaction, which may still roll back', () => {
		const hitsBefore = readCacheStats(db).hits;
		transaction(db, () => {
			readModels.regionScorecard(db, 'MA-01', opts);
			readModels.regionScorecard(db, 'MA-01', opts);
		});
		expect(readCacheStats(db).hits).toBe(hitsBefore);
	});

	it('keeps a partner’s masked figures apart from the commission’s', () => {
		const code = db.get<{ code: string }>(sql`SELECT code FROM indicators WHERE sensitive = 1 ORDER BY code LIMIT 1`)!.code;
		const forPartner = readModels.indicatorExplorer(db, code, { mask: true })!;
		const forCommission = readModels.indicatorExplorer(db, code, { mask: false, includeSubmitted: true })!;
		expect(forPartner.masked).toBe(true);
		expect(forCommission.masked).toBe(false);
		expect(forCommission).toEqual(dashboard.indicatorExplorer(db, code, { mask: false, includeSubmitted: true }));
		expect(readModels.indicatorExplorer(db, code, { mask: true })).toBe(forPartner);
	});

	it('is bypassed with RASD_READ_CACHE=off', () => {
		process.env.RASD_READ_CACHE = 'off';
		const a = readModels.institutionScorecard(db, 'DGSN', opts);
		const b = readModels.institutionScorecard(db, 'DGSN', opts);
		expect(a).not.toBe(b);
		expect(a).toEqual(b);
	});
});
