/**
 * The weighted progress in SQL (`server/progress-sql`, what every roll-up query uses) and in TypeScript
 * (`domain/progress`) are one rule: both are run on the same groups of measures and must agree, rounded
 * to one decimal as the pages show it.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db/client';
import { progressSumsSql, weightedProgressSql } from '../../src/lib/server/progress-sql';
import { weightedProgress, type ProgressItem } from '../../src/lib/domain/progress';

const db = openDatabase(':memory:');
afterAll(() => db.$client.close());
// the columns as `measures` has them: an integer progress and a REAL weight (so the division is not an integer one)
db.run(sql`CREATE TABLE t (grp TEXT NOT NULL, status TEXT NOT NULL, progress INTEGER NOT NULL, weight REAL NOT NULL)`);

const GROUPS: Record<string, ProgressItem[]> = {
	// 75: the weighted mean
	mean: [
		{ progress: 100, weight: 3, status: 'completed' },
		{ progress: 0, weight: 1, status: 'planned' }
	],
	// a cancelled measure does not count, whatever its weight
	cancelled: [
		{ progress: 40, weight: 1, status: 'in_progress' },
		{ progress: 0, weight: 10, status: 'cancelled' }
	],
	onlyCancelled: [{ progress: 60, weight: 2, status: 'cancelled' }],
	// a zero weight (which `measures` refuses) counts for nothing; weights that sum to zero give no progress, not 0 %
	zeroWeight: [
		{ progress: 90, weight: 0, status: 'in_progress' },
		{ progress: 30, weight: 2, status: 'suspended' }
	],
	allZero: [
		{ progress: 90, weight: 0, status: 'in_progress' },
		{ progress: 10, weight: 0, status: 'planned' }
	],
	// rounding to one decimal: 50/3 = 16.67, 55/3 = 18.33
	roundsUp: [
		{ progress: 0, weight: 2, status: 'planned' },
		{ progress: 50, weight: 1, status: 'in_progress' }
	],
	roundsDown: [
		{ progress: 10, weight: 1, status: 'in_progress' },
		{ progress: 20, weight: 1, status: 'completed' },
		{ progress: 25, weight: 1, status: 'in_progress' }
	],
	mixed: [
		{ progress: 12, weight: 3, status: 'in_progress' },
		{ progress: 100, weight: 1, status: 'completed' },
		{ progress: 47, weight: 2, status: 'suspended' },
		{ progress: 80, weight: 3, status: 'cancelled' }
	]
};
for (const [grp, items] of Object.entries(GROUPS))
	for (const i of items) db.run(sql`INSERT INTO t (grp, status, progress, weight) VALUES (${grp}, ${i.status}, ${i.progress}, ${i.weight})`);

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

describe('weighted progress: SQL and domain agree', () => {
	const rows = db.all<{ grp: string; progress: number | null; pw: number | null; w: number | null }>(
		sql`SELECT grp, ${weightedProgressSql('t')} AS progress, ${progressSumsSql('t').pw} AS pw, ${progressSumsSql('t').w} AS w FROM t GROUP BY grp`
	);
	const byGroup = new Map(rows.map((r) => [r.grp, r]));

	it.each(Object.keys(GROUPS))('%s', (grp) => {
		const expected = round1(weightedProgress(GROUPS[grp]!));
		expect(byGroup.get(grp)!.progress).toBe(expected);
		// the two sums regrouped (as the snapshot's cube is) give the same figure
		const { pw, w } = byGroup.get(grp)!;
		expect(pw === null || !w ? null : round1(pw / w)).toBe(expected);
	});

	it('covers the rules', () => {
		expect(byGroup.get('mean')!.progress).toBe(75);
		expect(byGroup.get('cancelled')!.progress).toBe(40);
		expect(byGroup.get('onlyCancelled')!.progress).toBeNull();
		expect(byGroup.get('zeroWeight')!.progress).toBe(30);
		expect(byGroup.get('allZero')!.progress).toBeNull();
		expect(byGroup.get('roundsUp')!.progress).toBe(16.7);
		expect(byGroup.get('roundsDown')!.progress).toBe(18.3);
	});

	it('reads drizzle columns as well as an alias', () => {
		const cols = { status: sql.raw('t.status'), progress: sql.raw('t.progress'), weight: sql.raw('t.weight') };
		const r = db.get<{ p: number }>(sql`SELECT ${weightedProgressSql(cols)} AS p FROM t WHERE grp = 'mixed'`)!;
		expect(r.p).toBe(byGroup.get('mixed')!.progress);
	});
});
