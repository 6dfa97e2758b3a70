/**
 * The progress-update aggregate: a focal point's report on a measure, drafted, submitted, then
 * validated (it becomes the measure's status and progress) or returned with a comment.
 *
 * A measure has at most one open update (draft, submitted or returned): the institutions that carry
 * it work on that one copy, and every edit carries its version, so two browsers cannot overwrite
 * each other. Writes run in one IMMEDIATE transaction and append an audit event.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { evidence, measureInstitutions, measures, progressUpdates, users } from './db/schema';
import * as audit from './audit';
import { checkUpdate } from '../domain/reporting';
import { conflict, invalid, notFound, nowIso, wrongState, type WriteResult } from './write-result';
import type { ProgressUpdateInput, ReviewInput } from '../schemas/reporting';
import { can, type Actor as Viewer, type Target } from './auth/permissions';
import { forViewer as evidenceForViewer, insertEvidence, type NewEvidence } from './evidence';
import { OPEN_STATES } from '../domain/workflow';
import { refuseClosedPeriod, refuseDecision, refuseOutsidePlan } from './workflow';
import * as notices from './notifications';
import { parsePeriod } from '../domain/period';

/** The owners of a measure, as the permission rules need them. */
export function measureTarget(db: Db, measureId: number): (Target & { measureId: number }) | null {
	const m = db.select({ lead: measures.leadInstitutionId }).from(measures).where(eq(measures.id, measureId)).get();
	if (!m) return null;
	const contributors = db
		.select({ id: measureInstitutions.institutionId })
		.from(measureInstitutions)
		.where(eq(measureInstitutions.measureId, measureId))
		.all()
		.map((r) => r.id);
	return { measureId, leadInstitutionId: m.lead, contributingInstitutionIds: contributors };
}

/**
 * The open update of a measure as `viewer` may see it: null when there is none or when they may not
 * read the measure's open work (only those who may report on it, and reviewers, may); its evidence
 * limited to what they may read.
 */
export function openUpdate(db: Db, measureId: number, viewer: Viewer | null | undefined) {
	const target = measureTarget(db, measureId);
	if (!target || !can(viewer, 'measure.read_open_work', target)) return null;
	const u = db
		.select({ update: progressUpdates, authorName: users.name })
		.from(progressUpdates)
		.leftJoin(users, eq(users.id, progressUpdates.authorId))
		.where(and(eq(progressUpdates.measureId, measureId), inArray(progressUpdates.state, [...OPEN_STATES])))
		.get();
	if (!u) return null;
	const files = db.select().from(evidence).where(eq(evidence.progressUpdateId, u.update.id)).orderBy(asc(evidence.id)).all();
	return { ...u.update, authorName: u.authorName, evidence: evidenceForViewer(viewer, target, u.update.state, files) };
}

type Actor = { id: number; institutionId: number | null };

/**
 * Saves the measure's open update as a draft, or submits it. `input.updateId`/`version` say which
 * copy the form was opened on; when absent, the form expected no open update.
 */
export function save(
	db: Db,
	actor: Actor,
	measureId: number,
	input: ProgressUpdateInput,
	newEvidence: NewEvidence = { visibility: 'restricted' }
): WriteResult<{ id: number; version: number; state: string }> {
	return transaction(db, (tx) => {
		const measure = tx.select().from(measures).where(eq(measures.id, measureId)).get();
		if (!measure) return notFound();
		const open = tx
			.select()
			.from(progressUpdates)
			.where(and(eq(progressUpdates.measureId, measureId), inArray(progressUpdates.state, [...OPEN_STATES])))
			.get();
		if (open && (input.updateId !== open.id || input.version !== open.version)) return conflict(open);
		if (!open && input.updateId !== undefined) {
			// The copy the form was opened on has been validated or replaced meanwhile.
			// Shown only when it is this measure's: an id is no way to read another measure's work.
			const gone = tx
				.select()
				.from(progressUpdates)
				.where(and(eq(progressUpdates.id, input.updateId), eq(progressUpdates.measureId, measureId)))
				.get();
			return conflict(gone ?? null);
		}
		if (open?.state === 'submitted') return wrongState('submitted');
		const closed = refuseClosedPeriod(tx, input.period);
		if (closed) return closed;
		const bounds = parsePeriod(input.period);
		const outside = bounds && refuseOutsidePlan(tx, measureId, 'period', bounds.start, bounds.end);
		if (outside) return outside;

		const submitting = input.intent === 'submit';
		const errors = checkUpdate(input, measure.progress, submitting);
		if (Object.keys(errors).length) return invalid(errors);

		const fields = {
			period: input.period,
			status: input.status,
			progress: input.progress,
			narrativeFr: input.narrativeFr ?? null,
			narrativeAr: input.narrativeAr ?? null,
			narrativeEn: input.narrativeEn ?? null,
			state: submitting ? ('submitted' as const) : ('draft' as const),
			submittedAt: submitting ? nowIso() : null,
			baseVersion: measure.version,
			authorId: actor.id,
			institutionId: actor.institutionId,
			updatedAt: nowIso()
		};
		let row;
		if (open) {
			row = tx
				.update(progressUpdates)
				.set({ ...fields, version: open.version + 1 })
				.where(and(eq(progressUpdates.id, open.id), eq(progressUpdates.version, open.version)))
				.returning()
				.get();
		} else {
			row = tx
				.insert(progressUpdates)
				.values({ ...fields, measureId })
				.returning()
				.get();
		}
		audit.record(tx, {
			userId: actor.id,
			action: submitting ? 'submit' : 'save_draft',
			entity: 'progress_update',
			entityId: row.id,
			before: open ?? undefined,
			after: row
		});
		insertEvidence(tx, actor, row.id, newEvidence);
		return { ok: true, value: { id: row.id, version: row.version, state: row.state } };
	});
}

/** Validates a submitted update (it becomes the measure's state) or returns it with a comment. */
export function review(db: Db, reviewerId: number, input: ReviewInput): WriteResult<{ measureId: number }> {
	return transaction(db, (tx) => {
		const u = tx.select().from(progressUpdates).where(eq(progressUpdates.id, input.id)).get();
		if (!u) return notFound();
		const refused = refuseDecision(reviewerId, input.version, { ...u, submittedBy: u.authorId });
		if (refused) return refused;
		const at = nowIso();
		if (input.decision === 'return') {
			const after = tx
				.update(progressUpdates)
				.set({ state: 'returned', reviewerId, reviewComment: input.comment, reviewedAt: at, version: u.version + 1, updatedAt: at })
				.where(eq(progressUpdates.id, u.id))
				.returning()
				.get();
			audit.record(tx, { userId: reviewerId, action: 'return', entity: 'progress_update', entityId: u.id, before: u, after });
			notify(tx, u, 'return', input.comment ?? null);
			return { ok: true, value: { measureId: u.measureId } };
		}
		const after = tx
			.update(progressUpdates)
			.set({ state: 'validated', reviewerId, reviewComment: input.comment || null, reviewedAt: at, version: u.version + 1, updatedAt: at })
			.where(eq(progressUpdates.id, u.id))
			.returning()
			.get();
		const before = tx.select().from(measures).where(eq(measures.id, u.measureId)).get()!;
		tx.update(measures)
			.set({ status: u.status, progress: u.progress, lastValidatedAt: at, version: before.version + 1, updatedAt: at })
			.where(eq(measures.id, u.measureId))
			.run();
		// read back, not RETURNING: the row as stored includes what the triggers then set (stale_from, behind_from)
		const measureAfter = tx.select().from(measures).where(eq(measures.id, u.measureId)).get()!;
		audit.record(tx, { userId: reviewerId, action: 'validate', entity: 'progress_update', entityId: u.id, before: u, after });
		audit.record(tx, { userId: reviewerId, action: 'apply_update', entity: 'measure', entityId: u.measureId, before, after: measureAfter });
		notify(tx, u, 'validate', input.comment ?? null);
		return { ok: true, value: { measureId: u.measureId } };
	});
}

/** The reporting institution's focal points and the author hear of the decision (one digest each). */
function notify(tx: Db, u: typeof progressUpdates.$inferSelect, decision: 'validate' | 'return', comment: string | null) {
	const code = tx.select({ code: measures.code }).from(measures).where(eq(measures.id, u.measureId)).get()!.code;
	notices.reviewed(tx, { institutionId: u.institutionId, authorId: u.authorId }, { kind: 'update', decision, measure: code, period: u.period, comment });
}
