/**
 * The review queue's counts kept at write time (`measure_awaiting`, triggers of migration 0026) must
 * equal a recount of the submitted rows, for every scope a scorecard reads, on the demonstration and
 * after each kind of write that adds to or empties the queue.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import * as dashboard from '../../src/lib/server/dashboard';
import * as review from '../../src/lib/server/review';
import * as updates from '../../src/lib/server/progress-updates';
import type { Scope } from '../../src/lib/server/dashboard';

let t: ReturnType<typeof createTestDatabase>;
let commissionId: number;

beforeAll(async () => {
	t = createTestDatabase();
	const { seedDatabase } = await import('../../src/lib/server/seed/index');
	await seedDatabase(t.db, { demo: true });
	commissionId = t.db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'commission' ORDER BY id LIMIT 1`)!.id;
}, 60_000);
afterAll(() => t?.cleanup());

/** The count straight from the rows, as the queue shows them (the whole cell's values only). */
function recount(scope: Scope): number {
	const ids = sql`SELECT m.id FROM measures m WHERE ${dashboard.inScope(scope)} AND m.archived_at IS NULL`;
	const where = scope.kind === 'all' ? sql`1` : sql`measure_id IN (${ids})`;
	return t.db.get<{ n: number }>(sql`SELECT (SELECT count(*) FROM progress_updates WHERE state = 'submitted' AND ${where})
		+ (SELECT count(*) FROM indicators i CROSS JOIN indicator_values v ON v.indicator_id = i.id AND v.state = 'submitted'
			AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL WHERE ${scope.kind === 'all' ? sql`1` : sql`i.measure_id IN (${ids})`})
		+ (SELECT count(*) FROM measure_region_stages WHERE state = 'submitted' AND ${where}) AS n`)!.n;
}

function scopes(): Scope[] {
	const ids = (table: string, col = 'id') => t.db.all<{ id: number }>(sql.raw(`SELECT DISTINCT ${col} AS id FROM ${table} ORDER BY 1`)).map((r) => r.id);
	return [
		{ kind: 'all' },
		...ids('plans').map((planId) => ({ kind: 'plan' as const, planId })),
		...ids('axes').map((axisId) => ({ kind: 'axis' as const, axisId })),
		...ids('measures', 'lead_institution_id').map((institutionId) => ({ kind: 'lead' as const, institutionId })),
		...ids('regions').map((regionId) => ({ kind: 'region' as const, regionId })),
		...ids('recommendations').map((recommendationId) => ({ kind: 'recommendation' as const, recommendationId }))
	];
}

function expectKeptEqualsRecount(): number {
	let total = 0;
	for (const scope of scopes()) {
		const kept = dashboard.awaitingValidation(t.db, scope);
		expect(kept, JSON.stringify(scope)).toBe(recount(scope));
		total += kept;
	}
	return total;
}

describe('the review queue counted at write time (measure_awaiting)', () => {
	it('equals a recount on the demonstration, which has reports of every kind awaiting validation', () => {
		const kinds = new Set(review.queue(t.db).map((i) => i.kind));
		expect([...kinds].sort()).toEqual(['stage', 'update', 'value']);
		expect(dashboard.awaitingValidation(t.db)).toBeGreaterThan(0);
		expect(expectKeptEqualsRecount()).toBeGreaterThan(0);
	});

	it('follows validations and returns of each kind', () => {
		for (const kind of ['update', 'value', 'stage'] as const) {
			const item = review.queue(t.db).find((i) => i.kind === kind)!;
			const before = dashboard.awaitingValidation(t.db);
			const decision = kind === 'value' ? 'return' : 'validate';
			const r = review.decide(t.db, commissionId, { kind, id: item.id, version: item.version, decision, comment: 'À revoir' });
			expect(r.ok, `${kind} ${decision}`).toBe(true);
			expect(dashboard.awaitingValidation(t.db)).toBe(before - 1);
			expectKeptEqualsRecount();
		}
	});

	it('follows a focal point’s submission', () => {
		const target = t.db.get<{ id: number; userId: number; institutionId: number }>(sql`
			SELECT m.id, u.id AS userId, u.institution_id AS institutionId FROM measures m JOIN users u ON u.institution_id = m.lead_institution_id AND u.role = 'focal_point'
			WHERE m.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM progress_updates p WHERE p.measure_id = m.id AND p.state IN ('draft', 'submitted', 'returned')) ORDER BY m.id LIMIT 1`)!;
		const before = dashboard.awaitingValidation(t.db);
		const r = updates.save(t.db, { id: target.userId, institutionId: target.institutionId }, target.id, {
			intent: 'submit',
			period: '2026-S2',
			status: 'in_progress',
			progress: 30,
			narrativeFr: 'Soumis pour validation',
			visibility: 'restricted'
		});
		expect(r.ok).toBe(true);
		expect(dashboard.awaitingValidation(t.db)).toBe(before + 1);
		expectKeptEqualsRecount();
	});

	it('leaves out the parts of a breakdown, and moves submitted values with an indicator that changes measure', () => {
		const v = t.db.get<{ id: number; indicatorId: number; measureId: number }>(sql`
			SELECT v.id, v.indicator_id AS indicatorId, i.measure_id AS measureId FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
			WHERE v.state = 'submitted' AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL ORDER BY v.id LIMIT 1`)!;
		const before = dashboard.awaitingValidation(t.db);
		// a part of the breakdown is not a report of its own
		t.db.run(sql`UPDATE indicator_values SET sex = 'female' WHERE id = ${v.id}`);
		expect(dashboard.awaitingValidation(t.db)).toBe(before - 1);
		t.db.run(sql`UPDATE indicator_values SET sex = NULL WHERE id = ${v.id}`);
		expect(dashboard.awaitingValidation(t.db)).toBe(before);
		const other = t.db.get<{ id: number }>(sql`SELECT id FROM measures WHERE id <> ${v.measureId} AND archived_at IS NULL ORDER BY id LIMIT 1`)!.id;
		t.db.run(sql`UPDATE indicators SET measure_id = ${other} WHERE id = ${v.indicatorId}`);
		expectKeptEqualsRecount();
		t.db.run(sql`DELETE FROM indicator_values WHERE id = ${v.id}`);
		expect(dashboard.awaitingValidation(t.db)).toBe(before - 1);
		expectKeptEqualsRecount();
	});

	it('forgets a deleted measure and its submissions', () => {
		// a measure with a submission; its indicators (which hold on to it) go first, their values with them
		const m = t.db.get<{ id: number }>(sql`SELECT measure_id AS id FROM progress_updates WHERE state = 'submitted' ORDER BY measure_id LIMIT 1`);
		t.db.run(sql`DELETE FROM indicator_values WHERE indicator_id IN (SELECT id FROM indicators WHERE measure_id = ${m!.id})`);
		t.db.run(sql`DELETE FROM indicators WHERE measure_id = ${m!.id}`);
		t.db.run(sql`DELETE FROM measures WHERE id = ${m!.id}`);
		expect(t.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM measure_awaiting WHERE measure_id = ${m!.id}`)!.n).toBe(0);
		expectKeptEqualsRecount();
	});
});
