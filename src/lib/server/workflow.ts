/**
 * The one server guard of a review decision, used by the three kinds of submission (progress
 * updates, indicator values, roll-out stages) inside their transaction: the row must be the version
 * the reviewer saw, still submitted, and not submitted by the reviewer (separation of duties, the
 * rule of `domain/workflow`, which `permissions.ts` also applies).
 */
import { isOwnSubmission, transition } from '../domain/workflow';
import type { WorkflowState } from '../domain/enums';
import { conflict, forbidden, invalid, wrongState } from './write-result';
import type { Db } from './db/client';
import { isClosed } from './reporting-periods';
import { sql } from 'drizzle-orm';

export interface Decidable {
	version: number;
	state: WorkflowState;
	/** who submitted it */
	submittedBy: number | null;
}

/** Why `reviewerId` may not decide on `row` at `version` now, or null when the decision may go ahead. */
export function refuseDecision(reviewerId: number, version: number, row: Decidable & object, current: unknown = row) {
	if (row.version !== version) return conflict(current);
	if (transition(row.state, 'validated') !== 'review') return wrongState(row.state);
	if (isOwnSubmission(reviewerId, row.submittedBy)) return forbidden('own_submission');
	return null;
}

/**
 * The one guard of a report's period, used by every save of the reporting loop inside its
 * transaction: once the commission has closed a period, no draft or submission is written for it.
 */
export function refuseClosedPeriod(tx: Db, period: string) {
	return isClosed(tx, period) ? invalid({ period: 'err_period_closed' }) : null;
}

/**
 * The one guard of a report's dates against the plan the measure belongs to: a period (or a stage's
 * date) that ends before the plan starts or starts after it ends is refused on `field`.
 */
export function refuseOutsidePlan(tx: Db, measureId: number, field: string, start: string, end: string) {
	const plan = tx.get<{ start: string; end: string }>(sql`SELECT p.start_date AS start, p.end_date AS "end" FROM measures m
		JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id WHERE m.id = ${measureId}`);
	if (!plan) return null;
	return end < plan.start || start > plan.end ? invalid({ [field]: 'err_outside_plan' }) : null;
}
