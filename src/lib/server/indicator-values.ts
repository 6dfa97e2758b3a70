/**
 * Indicator values through the reporting loop. One cell = indicator × period × region (× categories);
 * a cell has at most one open value (draft, submitted, returned) and one current validated value.
 * Validated values are never edited: a correction is a new submission that, once validated, becomes
 * the current one.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { indicatorValues, indicators, measures, regions, users } from './db/schema';
import * as audit from './audit';
import { checkPlausible } from '../domain/indicator';
import { matchesFrequency, parsePeriod } from '../domain/period';
import { conflict, invalid, notFound, nowIso, wrongState, type WriteResult } from './write-result';
import { reviewBreakdowns } from './value-grids';
import type { IndicatorValueInput, ReviewInput } from '../schemas/reporting';
import { can, type Actor as Viewer, type Target } from './auth/permissions';
import { OPEN_STATES as OPEN } from '../domain/workflow';
import { refuseClosedPeriod, refuseDecision, refuseOutsidePlan } from './workflow';
import * as notices from './notifications';
import { hasDimension } from '../schemas/json-columns';

/** Only totals (no sex/age/exploitation/nationality category) are entered through this form. */
const totalsOnly = and(
	isNull(indicatorValues.sex),
	isNull(indicatorValues.ageGroup),
	isNull(indicatorValues.exploitation),
	isNull(indicatorValues.nationality)
);

function cellCondition(indicatorId: number, period: string, regionId: number | null) {
	return and(
		eq(indicatorValues.indicatorId, indicatorId),
		eq(indicatorValues.period, period),
		regionId == null ? isNull(indicatorValues.regionId) : eq(indicatorValues.regionId, regionId),
		totalsOnly
	);
}

export function save(db: Db, actor: { id: number }, input: IndicatorValueInput): WriteResult<{ id: number; version: number; state: string }> {
	return transaction(db, (tx) => {
		const ind = tx.select().from(indicators).where(eq(indicators.id, input.indicatorId)).get();
		if (!ind) return notFound();
		const errors: Record<string, string> = {};
		if (!matchesFrequency(input.period, ind.frequency)) errors.period = 'err_period_frequency';
		let regionId: number | null = null;
		if (input.region) {
			if (!hasDimension(ind.dimensions, 'region')) errors.region = 'err_region_not_disaggregated';
			else regionId = tx.select({ id: regions.id }).from(regions).where(eq(regions.iso, input.region)).get()?.id ?? null;
			if (regionId == null && !errors.region) errors.region = 'err_region_unknown';
		}
		const plausible = checkPlausible(ind.kind, input.value, ind.plausibleMin, ind.plausibleMax);
		if (!plausible.ok) errors.value = `err_value_${plausible.reason}`;
		if (Object.keys(errors).length) return invalid(errors);

		const open = tx
			.select()
			.from(indicatorValues)
			.where(and(cellCondition(ind.id, input.period, regionId), inArray(indicatorValues.state, [...OPEN])))
			.get();
		if (open && (open.id !== input.valueId || open.version !== input.version)) return conflict(open);
		// The row the form was opened on, shown only when it is this indicator's (an id is no way to read another's).
		if (!open && input.valueId !== undefined)
			return conflict(
				tx
					.select()
					.from(indicatorValues)
					.where(and(eq(indicatorValues.id, input.valueId), eq(indicatorValues.indicatorId, ind.id)))
					.get() ?? null
			);
		if (open?.state === 'submitted') return wrongState('submitted');
		const closed = refuseClosedPeriod(tx, input.period);
		if (closed) return closed;

		const p = parsePeriod(input.period)!;
		const outside = refuseOutsidePlan(tx, ind.measureId, 'period', p.start, p.end);
		if (outside) return outside;
		const submitting = input.intent === 'submit';
		const fields = {
			value: input.value,
			source: input.source ?? null,
			note: input.note ?? null,
			state: submitting ? ('submitted' as const) : ('draft' as const),
			submittedAt: submitting ? nowIso() : null,
			reportedBy: actor.id,
			updatedAt: nowIso()
		};
		const row = open
			? tx
					.update(indicatorValues)
					.set({ ...fields, version: open.version + 1 })
					.where(eq(indicatorValues.id, open.id))
					.returning()
					.get()
			: tx
					.insert(indicatorValues)
					.values({ ...fields, indicatorId: ind.id, period: input.period, periodStart: p.start, periodEnd: p.end, regionId })
					.returning()
					.get();
		audit.record(tx, {
			userId: actor.id,
			action: submitting ? 'submit' : 'save_draft',
			entity: 'indicator_value',
			entityId: row.id,
			before: open ?? undefined,
			after: row
		});
		return { ok: true, value: { id: row.id, version: row.version, state: row.state } };
	});
}

export function review(db: Db, reviewerId: number, input: ReviewInput): WriteResult<{ indicatorId: number }> {
	return transaction(db, (tx) => {
		const v = tx.select().from(indicatorValues).where(eq(indicatorValues.id, input.id)).get();
		// A breakdown row is reviewed with its grid's total, never alone.
		if (!v || v.sex || v.ageGroup || v.exploitation || v.nationality) return notFound();
		const refused = refuseDecision(reviewerId, input.version, { ...v, submittedBy: v.reportedBy });
		if (refused) return refused;
		const at = nowIso();
		reviewBreakdowns(tx, v, input.decision, reviewerId, input.comment ?? null, at);
		if (input.decision === 'return') {
			const after = tx
				.update(indicatorValues)
				.set({ state: 'returned', validatedBy: reviewerId, reviewComment: input.comment, version: v.version + 1, updatedAt: at })
				.where(eq(indicatorValues.id, v.id))
				.returning()
				.get();
			audit.record(tx, { userId: reviewerId, action: 'return', entity: 'indicator_value', entityId: v.id, before: v, after });
			notify(tx, v, 'return', input.comment ?? null);
			return { ok: true, value: { indicatorId: v.indicatorId } };
		}
		// The previous current value of the cell steps down; it stays in the history.
		tx.update(indicatorValues)
			.set({ isCurrent: false })
			.where(and(cellCondition(v.indicatorId, v.period, v.regionId), eq(indicatorValues.isCurrent, true)))
			.run();
		const after = tx
			.update(indicatorValues)
			.set({
				state: 'validated',
				isCurrent: true,
				validatedBy: reviewerId,
				validatedAt: at,
				reviewComment: input.comment || null,
				version: v.version + 1,
				updatedAt: at
			})
			.where(eq(indicatorValues.id, v.id))
			.returning()
			.get();
		audit.record(tx, { userId: reviewerId, action: 'validate', entity: 'indicator_value', entityId: v.id, before: v, after });
		notify(tx, v, 'validate', input.comment ?? null);
		return { ok: true, value: { indicatorId: v.indicatorId } };
	});
}

/**
 * Open values (draft, submitted, returned) of a measure's indicators, for the entry forms: only to
 * those who may read the measure's open work (`target`: the measure's owners), else none.
 */
export function openValuesOfMeasure(db: Db, measureId: number, viewer: Viewer | null | undefined, target: Target) {
	if (!can(viewer, 'measure.read_open_work', target)) return [];
	return db
		.select({ v: indicatorValues, regionIso: regions.iso })
		.from(indicatorValues)
		.innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
		.leftJoin(regions, eq(regions.id, indicatorValues.regionId))
		.where(and(eq(indicators.measureId, measureId), inArray(indicatorValues.state, [...OPEN])))
		.orderBy(sql`${indicatorValues.indicatorId}, ${indicatorValues.periodStart}, ${regions.iso}`)
		.all();
}

/** The reporter's institution's focal points and the reporter hear of the decision (one digest each). */
function notify(tx: Db, v: typeof indicatorValues.$inferSelect, decision: 'validate' | 'return', comment: string | null) {
	const where = tx
		.select({ indicator: indicators.code, measure: measures.code })
		.from(indicators)
		.innerJoin(measures, eq(measures.id, indicators.measureId))
		.where(eq(indicators.id, v.indicatorId))
		.get()!;
	const region = v.regionId == null ? undefined : tx.select({ iso: regions.iso }).from(regions).where(eq(regions.id, v.regionId)).get()?.iso;
	const institutionId = v.reportedBy == null ? null : (tx.select({ i: users.institutionId }).from(users).where(eq(users.id, v.reportedBy)).get()?.i ?? null);
	notices.reviewed(
		tx,
		{ institutionId, authorId: v.reportedBy },
		{ kind: 'value', decision, measure: where.measure, indicator: where.indicator, period: v.period, region, comment }
	);
}
