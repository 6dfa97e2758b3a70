/** As of a date before any measure was completed, the completion KPI is 0 %, not "no figure". */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as dashboard from '../../src/lib/server/dashboard';

let db: Db;
let cleanup: () => void;
beforeAll(async () => {
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
});
afterAll(() => cleanup());

describe('completion rate as of an early date', () => {
	it('is 0 when measures exist and none is completed yet', () => {
		const early = dashboard.overview(db, 'PN-2023-2030', { today: '2026-07-20', asOf: '2023-07-01' })!;
		expect(early.kpis.measures).toBeGreaterThan(0);
		expect(early.kpis.completionRate).toBe(0);
		const now = dashboard.overview(db, 'PN-2023-2030', { today: '2026-07-20' })!;
		expect(now.kpis.completionRate).toBeGreaterThan(0);
	});
});
