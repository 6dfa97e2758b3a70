/**
 * The trend reads the state maintained at write time (`measure_semester_states`, triggers of migration
 * 0022): it must give the figures rebuilt from every measure's validated history, on the demonstration
 * and after each kind of write that changes that history. So must the snapshot at a semester or a year.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { submittedUpdate, commissionId } from '../helpers/updates';
import * as s from '../../src/lib/server/db/schema';
import * as dashboard from '../../src/lib/server/dashboard';
import { review } from '../../src/lib/server/progress-updates';
import type { Scope, SnapshotOptions } from '../../src/lib/server/dashboard';

let demo: ReturnType<typeof createTestDatabase>;
const TODAY = '2026-07-20';

beforeAll(async () => {
	demo = createTestDatabase();
	const { seedDatabase } = await import('../../src/lib/server/seed/index');
	await seedDatabase(demo.db, { demo: true });
}, 60_000);
afterAll(() => demo?.cleanup());

/** Every scope kind the scorecards read, and the trend at today and at a past period. */
function scopes(): Scope[] {
	const db = demo.db;
	const plan = db.select().from(s.plans).all()[0]!;
	const axes = db.select({ id: s.axes.id }).from(s.axes).all();
	const leads = db.selectDistinct({ id: s.measures.leadInstitutionId }).from(s.measures).all();
	const regions = db.select({ id: s.regions.id }).from(s.regions).all();
	return [
		{ kind: 'all' },
		{ kind: 'plan', planId: plan.id },
		...axes.map((a) => ({ kind: 'axis' as const, axisId: a.id })),
		...leads.map((l) => ({ kind: 'lead' as const, institutionId: l.id })),
		...regions.slice(0, 4).map((r) => ({ kind: 'region' as const, regionId: r.id })),
		{ kind: 'recommended' }
	];
}

function expectMaintainedEqualsHistory(opts: SnapshotOptions = { today: TODAY }) {
	let points = 0;
	for (const scope of scopes()) {
		const maintained = dashboard.progressTrend(demo.db, scope, opts, 2022);
		const rebuilt = dashboard.progressTrendFromHistory(demo.db, scope, opts, 2022);
		expect(maintained, JSON.stringify(scope)).toEqual(rebuilt);
		points += maintained.filter((p) => p.measures > 0).length;
	}
	expect(points).toBeGreaterThan(20);
	// The snapshot at a semester or a year reads the same state; an as-of date past every review
	// changes nothing in the figures but makes the snapshot rebuild them from history.
	for (const period of ['2024-S2', '2025-S1', '2025', '2026-S1']) {
		for (const scope of scopes().slice(0, 6)) {
			const at = { ...opts, period };
			const rebuilt = { ...at, asOf: '2100-01-01' };
			expect(dashboard.kpis(demo.db, scope, at), `${period} ${JSON.stringify(scope)}`).toEqual(dashboard.kpis(demo.db, scope, rebuilt));
			expect(dashboard.progressByAxis(demo.db, scope, at)).toEqual(dashboard.progressByAxis(demo.db, scope, rebuilt));
		}
	}
}

const submitted = (measureId: number, period: string, status: 'in_progress' | 'completed' | 'cancelled', progress: number) =>
	submittedUpdate(demo.db, measureId, period, status, progress);

const reviewer = () => commissionId(demo.db);
const planMeasures = () =>
	demo.db
		.select()
		.from(s.measures)
		.where(sql`${s.measures.archivedAt} IS NULL`)
		.all();

describe('the maintained trend state (migration 0022)', () => {
	it('gives the trend rebuilt from history on the demonstration, now and at a past period', () => {
		expect(demo.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM measure_semester_states`)!.n).toBeGreaterThan(50);
		expectMaintainedEqualsHistory();
		expectMaintainedEqualsHistory({ today: TODAY, period: '2025-S1' });
	});

	it('follows a validation, including a late report on an earlier semester', () => {
		const [a, b] = planMeasures();
		const plan = { kind: 'all' } as const;
		const before = dashboard.progressTrend(demo.db, plan, { today: TODAY }, 2022);
		const late = submitted(a!.id, '2024-S2', 'completed', 100);
		expect(review(demo.db, reviewer(), { kind: 'update', id: late.id, version: late.version, decision: 'validate' }).ok).toBe(true);
		const cancel = submitted(b!.id, '2025-Q3', 'cancelled', 40);
		expect(review(demo.db, reviewer(), { kind: 'update', id: cancel.id, version: cancel.version, decision: 'validate' }).ok).toBe(true);
		const after = dashboard.progressTrend(demo.db, plan, { today: TODAY }, 2022);
		expect(after).not.toEqual(before);
		expectMaintainedEqualsHistory();
	});

	it('is unchanged by a return, and follows an archive and a deleted measure', () => {
		const [, , c] = planMeasures();
		// A copy of a measure without indicators (they keep their measure from deletion), with validated
		// updates inserted as a seed or an import writes them.
		const columns = demo.db
			.all<{ name: string }>(sql`SELECT name FROM pragma_table_info('measures') WHERE name NOT IN ('id', 'code')`)
			.map((r) => `"${r.name}"`)
			.join(', ');
		demo.db.run(sql.raw(`INSERT INTO measures (code, ${columns}) SELECT 'COPY-' || code, ${columns} FROM measures WHERE id = ${c!.id}`));
		const d = demo.db
			.select()
			.from(s.measures)
			.where(eq(s.measures.code, `COPY-${c!.code}`))
			.get()!;
		demo.db
			.insert(s.progressUpdates)
			.values([
				{ measureId: d.id, period: '2024-S1', status: 'in_progress', progress: 30, state: 'validated', reviewedAt: '2024-07-10T10:00:00.000Z' },
				{ measureId: d.id, period: '2025', status: 'completed', progress: 100, state: 'validated', reviewedAt: '2026-01-10T10:00:00.000Z' }
			])
			.run();
		expect(
			demo.db
				.select()
				.from(s.measureSemesterStates)
				.where(eq(s.measureSemesterStates.measureId, d.id))
				.all()
				.map((r) => [r.semesterEnd, r.status])
		).toEqual([
			['2024-06-30', 'in_progress'],
			['2025-12-31', 'completed']
		]);
		expectMaintainedEqualsHistory();
		const plan = { kind: 'all' } as const;
		const before = dashboard.progressTrend(demo.db, plan, { today: TODAY }, 2022);
		const u = submitted(c!.id, '2026-S1', 'in_progress', 90);
		expect(review(demo.db, reviewer(), { kind: 'update', id: u.id, version: u.version, decision: 'return', comment: 'Précisez.' }).ok).toBe(true);
		expect(dashboard.progressTrend(demo.db, plan, { today: TODAY }, 2022)).toEqual(before);
		expectMaintainedEqualsHistory();

		demo.db.update(s.measures).set({ archivedAt: '2026-07-19T10:00:00.000Z' }).where(eq(s.measures.id, c!.id)).run();
		expect(dashboard.progressTrend(demo.db, plan, { today: TODAY }, 2022).at(-1)!.measures).toBe(before.at(-1)!.measures - 1);
		expectMaintainedEqualsHistory();

		// A deleted measure takes its updates and its maintained state with it.
		demo.db.delete(s.measures).where(eq(s.measures.id, d.id)).run();
		expect(
			demo.db
				.select()
				.from(s.measureSemesterStates)
				.where(and(eq(s.measureSemesterStates.measureId, d.id)))
				.all()
		).toEqual([]);
		expectMaintainedEqualsHistory();
	});

	it('back-fills from history: the migration statement gives the rows the triggers kept', () => {
		const kept = demo.db.all(sql`SELECT * FROM measure_semester_states ORDER BY measure_id, semester_end`);
		const migration = readMigration();
		demo.db.run(sql`DELETE FROM measure_semester_states`);
		demo.db.run(sql.raw(migration));
		expect(demo.db.all(sql`SELECT * FROM measure_semester_states ORDER BY measure_id, semester_end`)).toEqual(kept);
	});
});

/** The back-fill: the migration's last statement. */
function readMigration(): string {
	return readFileSync('drizzle/0022_measure_semester_states.sql', 'utf8').split('--> statement-breakpoint').at(-1)!;
}
