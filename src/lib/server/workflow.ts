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
