/**
 * The current dashboard reads the day thresholds kept with each measure (`stale_from`, `behind_from`,
 * triggers of migration 0029) instead of redoing `flagSql`'s date arithmetic on every measure: the stored
 * dates must equal the ones rebuilt from the measure's columns, on the demonstration and after each kind of
 * write, and the flags compared to them must be `flagSql`'s on every measure, every day.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { submittedUpdate, commissionId } from '../helpers/updates';
import * as s from '../../src/lib/server/db/schema';
import * as dashboard from '../../src/lib/server/dashboard';
import { review } from '../../src/lib/server/progress-updates';
import { flagSql, storedFlagSql, flagDaysSql } from '../../src/lib/server/flags-sql';

let demo: ReturnType<typeof createTestDatabase>;
const TODAY = '2026-07-20';

beforeAll(async () => {
	demo = createTestDatabase();
	const { seedDatabase } = await import('../../src/lib/server/seed/index');
	await seedDatabase(demo.db, { demo: true });
}, 60_000);
afterAll(() => demo?.cleanup());

/** Measures whose stored thresholds differ from the ones rebuilt from their columns. */
function drifted(): number {
	const r = flagDaysSql('m');
	return demo.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM measures m WHERE m.stale_from IS NOT ${r.staleFrom} OR m.behind_from IS NOT ${r.behindFrom}`)!
		.n;
}

/** (measure, day) pairs, every day from `from` to `to`, where a stored-threshold flag differs from flagSql's. */
function flagMismatches(from: string, to: string): number {
	// flagSql takes its day as a bound string; here the day is a column, so its JS-computed constants are
	// rebuilt per day through a small query each: one statement per day over every measure.
	let bad = 0;
	for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
		const day = d.toISOString().slice(0, 10);
		const a = flagSql(day, 'm');
		const b = storedFlagSql(day, 'm');
		bad += demo.db.get<{ n: number }>(
			sql`SELECT count(*) AS n FROM measures m WHERE (${a.atRisk}) IS NOT (${b.atRisk}) OR (${a.stale}) IS NOT (${b.stale}) OR (${a.overdue}) IS NOT (${b.overdue})`
		)!.n;
	}
	return bad;
}

/** The current key figures (stored thresholds) against the same figures with every flag computed by flagSql. */
function expectCurrentEqualsRebuilt() {
	expect(drifted()).toBe(0);
	const plan = demo.db.select().from(s.plans).all()[0]!;
	for (const scope of [{ kind: 'all' } as const, { kind: 'plan' as const, planId: plan.id }]) {
		const k = dashboard.kpis(demo.db, scope, { today: TODAY });
		const f = flagSql(TODAY, 'm');
		const rebuilt = demo.db.get<{ overdue: number; atRisk: number; stale: number }>(
			sql`SELECT coalesce(sum(${f.overdue}), 0) AS overdue, coalesce(sum(${f.atRisk}), 0) AS atRisk, coalesce(sum(${f.stale}), 0) AS stale
				FROM measures m WHERE ${dashboard.inScope(scope)} AND m.archived_at IS NULL`
		)!;
		expect({ overdue: k.overdue, atRisk: k.atRisk, stale: k.stale }, JSON.stringify(scope)).toEqual(rebuilt);
	}
}

const submitted = (measureId: number, period: string, status: 'in_progress' | 'completed' | 'cancelled', progress: number) =>
	submittedUpdate(demo.db, measureId, period, status, progress);
const reviewer = () => commissionId(demo.db);
const measureRow = (id: number) => demo.db.select().from(s.measures).where(eq(s.measures.id, id)).get()!;

describe('the day thresholds kept with each measure (migration 0029)', () => {
	it('equal the ones rebuilt from the columns on the demonstration, and give flagSql’s flags every day', () => {
		expect(demo.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM measures WHERE stale_from IS NULL OR behind_from IS NULL`)!.n).toBe(0);
		expectCurrentEqualsRebuilt();
		// Every day of three years around the plan's reporting, every measure: overdue, at risk, stale.
		expect(flagMismatches('2024-01-01', '2026-12-31')).toBe(0);
		// Some measures are flagged, or the comparison says little.
		const k = dashboard.kpis(demo.db, { kind: 'all' }, { today: TODAY });
		expect(k.atRisk + k.stale).toBeGreaterThan(0);
	});

	it('follow a validation, a return, an edit of the measure and a copy inserted as an import writes it', () => {
		const [a, b] = demo.db
			.select()
			.from(s.measures)
			.where(sql`${s.measures.archivedAt} IS NULL AND ${s.measures.status} = 'in_progress'`)
			.all();
		const before = measureRow(a!.id);
		const u = submitted(a!.id, '2026-S1', 'in_progress', Math.min(100, a!.progress + 5));
		expect(review(demo.db, reviewer(), { kind: 'update', id: u.id, version: u.version, decision: 'validate' }).ok).toBe(true);
		const after = measureRow(a!.id);
		expect(after.lastValidatedAt).not.toBe(before.lastValidatedAt);
		expect(after.staleFrom).not.toBe(before.staleFrom);
		expectCurrentEqualsRebuilt();

		const kept = measureRow(b!.id);
		const r = submitted(b!.id, '2026-S1', 'completed', 100);
		expect(review(demo.db, reviewer(), { kind: 'update', id: r.id, version: r.version, decision: 'return', comment: 'Précisez.' }).ok).toBe(true);
		expect(measureRow(b!.id).behindFrom).toBe(kept.behindFrom);
		expectCurrentEqualsRebuilt();

		// The plan editor moves dates and progress; a measure due on its start day lags from its deadline.
		demo.db.update(s.measures).set({ deadline: '2027-03-31', progress: 10 }).where(eq(s.measures.id, b!.id)).run();
		expectCurrentEqualsRebuilt();
		demo.db.update(s.measures).set({ startDate: '2026-08-01', deadline: '2026-08-01', progress: 0 }).where(eq(s.measures.id, b!.id)).run();
		expect(measureRow(b!.id).behindFrom).toBe('2026-08-01');
		expectCurrentEqualsRebuilt();
		expect(flagMismatches('2026-07-01', '2026-09-30')).toBe(0);

		const columns = demo.db
			.all<{ name: string }>(sql`SELECT name FROM pragma_table_info('measures') WHERE name NOT IN ('id', 'code', 'stale_from', 'behind_from')`)
			.map((c) => `"${c.name}"`)
			.join(', ');
		demo.db.run(sql.raw(`INSERT INTO measures (code, ${columns}) SELECT 'COPY-' || code, ${columns} FROM measures WHERE id = ${a!.id}`));
		expect(
			measureRow(
				demo.db
					.select()
					.from(s.measures)
					.where(eq(s.measures.code, `COPY-${a!.code}`))
					.get()!.id
			).staleFrom
		).toBe(after.staleFrom);
		expectCurrentEqualsRebuilt();

		// A deleted measure takes its thresholds with it (they are its own columns).
		demo.db
			.delete(s.measures)
			.where(eq(s.measures.code, `COPY-${a!.code}`))
			.run();
		expectCurrentEqualsRebuilt();
	});

	it('back-fill: the migration statement gives the dates the triggers kept', () => {
		const kept = demo.db.all(sql`SELECT id, stale_from, behind_from FROM measures ORDER BY id`);
		demo.db.run(sql`UPDATE measures SET stale_from = NULL, behind_from = NULL`);
		demo.db.run(sql.raw(readFileSync('drizzle/0029_measure_flag_days.sql', 'utf8').split('--> statement-breakpoint').at(-1)!));
		expect(demo.db.all(sql`SELECT id, stale_from, behind_from FROM measures ORDER BY id`)).toEqual(kept);
	});
});
