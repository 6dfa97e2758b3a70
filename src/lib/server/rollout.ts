/**
 * Regional roll-out stages of a measure deployed region by region (the MNR), through the same
 * draft → submitted → validated / returned loop. The current stage of a region is its latest
 * validated row.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { measureRegionStages, measures, regions, users } from './db/schema';
import * as notices from './notifications';
import * as audit from './audit';
import { conflict, invalid, notFound, nowIso, wrongState, type WriteResult } from './write-result';
import type { ReviewInput, StageInput } from '../schemas/reporting';
import { can, type Actor as Viewer, type Target } from './auth/permissions';
import { OPEN_STATES as OPEN } from '../domain/workflow';
import { refuseOutsidePlan } from './workflow';
import { refuseDecision } from './workflow';

export function save(db: Db, actor: { id: number }, measureId: number, input: StageInput): WriteResult<{ id: number; version: number; state: string }> {
	return transaction(db, (tx) => {
		const m = tx.select({ rollout: measures.regionalRollout }).from(measures).where(eq(measures.id, measureId)).get();
		if (!m) return notFound();
		if (!m.rollout) return invalid({ region: 'err_not_regional_rollout' });
		const region = tx.select({ id: regions.id }).from(regions).where(eq(regions.iso, input.region)).get();
		if (!region) return invalid({ region: 'err_region_unknown' });
		const open = tx
			.select()
			.from(measureRegionStages)
			.where(and(eq(measureRegionStages.measureId, measureId), eq(measureRegionStages.regionId, region.id), inArray(measureRegionStages.state, [...OPEN])))
			.get();
		if (open && (open.id !== input.stageId || open.version !== input.version)) return conflict(open);
		if (!open && input.stageId !== undefined) return conflict(null);
		if (open?.state === 'submitted') return wrongState('submitted');
		const outside = refuseOutsidePlan(tx, measureId, 'since', input.since, input.since);
		if (outside) return outside;
		const submitting = input.intent === 'submit';
		const fields = {
			stage: input.stage,
			since: input.since,
			note: input.note ?? null,
			state: submitting ? ('submitted' as const) : ('draft' as const),
			submittedAt: submitting ? nowIso() : null,
			authorId: actor.id,
			updatedAt: nowIso()
		};
		const row = open
			? tx
					.update(measureRegionStages)
					.set({ ...fields, version: open.version + 1 })
					.where(eq(measureRegionStages.id, open.id))
					.returning()
					.get()
			: tx
					.insert(measureRegionStages)
					.values({ ...fields, measureId, regionId: region.id })
					.returning()
					.get();
		audit.record(tx, {
			userId: actor.id,
			action: submitting ? 'submit' : 'save_draft',
			entity: 'measure_region_stage',
			entityId: row.id,
			before: open ?? undefined,
			after: row
		});
		return { ok: true, value: { id: row.id, version: row.version, state: row.state } };
	});
}

export function review(db: Db, reviewerId: number, input: ReviewInput): WriteResult<{ measureId: number }> {
	return transaction(db, (tx) => {
		const s = tx.select().from(measureRegionStages).where(eq(measureRegionStages.id, input.id)).get();
		if (!s) return notFound();
		const refused = refuseDecision(reviewerId, input.version, { ...s, submittedBy: s.authorId });
		if (refused) return refused;
		const at = nowIso();
		const state = input.decision === 'return' ? ('returned' as const) : ('validated' as const);
		const after = tx
			.update(measureRegionStages)
			.set({ state, reviewerId, reviewComment: input.comment ?? null, reviewedAt: at, version: s.version + 1, updatedAt: at })
			.where(eq(measureRegionStages.id, s.id))
			.returning()
			.get();
		audit.record(tx, { userId: reviewerId, action: input.decision, entity: 'measure_region_stage', entityId: s.id, before: s, after });
		// The author's institution's focal points and the author hear of the decision (one digest each).
		const code = tx.select({ code: measures.code }).from(measures).where(eq(measures.id, s.measureId)).get()!.code;
		const region = tx.select({ iso: regions.iso }).from(regions).where(eq(regions.id, s.regionId)).get()?.iso;
		const institutionId = s.authorId == null ? null : (tx.select({ i: users.institutionId }).from(users).where(eq(users.id, s.authorId)).get()?.i ?? null);
		notices.reviewed(
			tx,
			{ institutionId, authorId: s.authorId },
			{ kind: 'stage', decision: input.decision, measure: code, region, comment: input.comment ?? null }
		);
		return { ok: true, value: { measureId: s.measureId } };
	});
}

/** The measure's open stages, only to those who may read its open work (`target`: the measure's owners). */
export function openStagesOfMeasure(db: Db, measureId: number, viewer: Viewer | null | undefined, target: Target) {
	if (!can(viewer, 'measure.read_open_work', target)) return [];
	return db
		.select({ s: measureRegionStages, regionIso: regions.iso })
		.from(measureRegionStages)
		.innerJoin(regions, eq(regions.id, measureRegionStages.regionId))
		.where(and(eq(measureRegionStages.measureId, measureId), inArray(measureRegionStages.state, [...OPEN])))
		.all();
}
