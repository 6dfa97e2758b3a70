/**
 * The reporting workflow shared by progress updates, indicator values and roll-out stages:
 * draft → submitted → validated, or returned (with a comment) → draft/submitted again.
 * A submission is decided by someone else than the one who submitted it (separation of duties):
 * that rule lives here once, and both the permission rules and the server's decision guard use it.
 */
import type { WorkflowState } from './enums';

/** States of work not yet validated: visible only to those who may report on it or review it. */
export const OPEN_STATES = ['draft', 'submitted', 'returned'] as const satisfies readonly WorkflowState[];
export type OpenState = (typeof OPEN_STATES)[number];

export function isOpen(state: string): state is OpenState {
	return (OPEN_STATES as readonly string[]).includes(state);
}

/** What each state may become, and by which kind of act. */
const TRANSITIONS: Record<WorkflowState, Partial<Record<WorkflowState, 'report' | 'review'>>> = {
	draft: { draft: 'report', submitted: 'report' },
	returned: { draft: 'report', submitted: 'report' },
	submitted: { validated: 'review', returned: 'review' },
	validated: {}
};

/** Whether `from` may become `to`, and by whom: a reporter ('report') or a reviewer ('review'). */
export function transition(from: WorkflowState | null, to: WorkflowState): 'report' | 'review' | null {
	// No open copy yet: a reporter starts one, as a draft or submitted right away.
	if (from == null) return to === 'draft' || to === 'submitted' ? 'report' : null;
	return TRANSITIONS[from][to] ?? null;
}

/**
 * Separation of duties: whoever submitted a piece of work may not validate or return it, whatever
 * their role (the administrator included). `submittedBy` unknown (the account was deleted) does
 * not block the decision.
 */
export function isOwnSubmission(reviewerId: number, submittedBy: number | null | undefined): boolean {
	return submittedBy != null && submittedBy === reviewerId;
}
