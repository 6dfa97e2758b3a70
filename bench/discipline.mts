// The reporting-discipline queries (src/lib/server/discipline.ts) on the demonstration database:
// the periods opened by 2026-12-02, both tables' rows, and the time of each grouped query.
// npx tsx bench/discipline.mts
import { createTestDatabase } from '../tests/helpers/db';
import { seedDatabase } from '../src/lib/server/seed/index';
import * as d from '../src/lib/server/discipline';
const { db, cleanup } = createTestDatabase();
await seedDatabase(db, { demo: true });
const periods = d.periodsOf(db, '2026-12-02');
let t = performance.now();
const inst = d.byInstitution(db, periods);
const t1 = performance.now() - t;
t = performance.now();
const reg = d.byRegion(db, periods);
const t2 = performance.now() - t;
console.log(
	periods.map((p) => p.code).join(','),
	'inst rows',
	inst.length,
	'region rows',
	reg.length,
	`byInstitution ${t1.toFixed(1)} ms, byRegion ${t2.toFixed(1)} ms`
);
console.log(
	inst
		.filter((r) => r.period === '2026-S1')
		.slice(0, 3)
		.map(({ code, expected, missing, drafted, returned, submitted, validated, onTime, late }) => ({
			code,
			expected,
			missing,
			drafted,
			returned,
			submitted,
			validated,
			onTime,
			late
		}))
);
cleanup();
