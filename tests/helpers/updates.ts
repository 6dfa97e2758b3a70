/**
 * Progress updates written straight into a test database, as a focal point's submission would leave
 * them, for tests of what a validation then maintains (trend states, flag days).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';

/** A submitted update of a measure, by the demo's first focal point. */
export function submittedUpdate(db: Db, measureId: number, period: string, status: 'in_progress' | 'completed' | 'cancelled', progress: number) {
	const author = db.select().from(s.users).where(eq(s.users.role, 'focal_point')).get()!;
	return db
		.insert(s.progressUpdates)
		.values({
			measureId,
			period,
			status,
			progress,
			state: 'submitted',
			authorId: author.id,
			institutionId: author.institutionId,
			submittedAt: '2026-07-19T09:00:00.000Z'
		})
		.returning()
		.get();
}

/** The id of a commission member, who may validate. */
export const commissionId = (db: Db): number => db.select().from(s.users).where(eq(s.users.role, 'commission')).get()!.id;
