/**
 * Reporting periods: the commission opens one (e.g. `2026-S2`) with a due date, and closes it. Once
 * closed, nobody drafts or submits for it any more (`refuseClosedPeriod`, used by every save of the
 * reporting loop); what was submitted before is still reviewed, and corrections go through the commission.
 */
import { and, asc, desc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { reportingPeriods } from './db/schema';
import * as audit from './audit';
import * as notices from './notifications';
import { conflict, invalid, notFound, nowIso, wrongState, type WriteResult } from './write-result';
import type { ClosePeriodInput, OpenPeriodInput } from '../schemas/periods';
import { daysUntil } from '../domain/calendar';

export type ReportingPeriod = typeof reportingPeriods.$inferSelect;

/** Every period, open ones first, then the latest. */
export function list(db: Db): ReportingPeriod[] {
	return db.select().from(reportingPeriods).orderBy(asc(reportingPeriods.closedAt), desc(reportingPeriods.dueOn)).all();
}

/**
 * The period focal points report for on `today`: open (not closed, started), the one opened last; an
 * earlier one the commission has not closed yet still accepts reports but is no longer what is due.
 */
export function current(db: Db, today: string): (ReportingPeriod & { daysLeft: number }) | null {
	const p = db
		.select()
		.from(reportingPeriods)
		.where(and(isNull(reportingPeriods.closedAt), lte(reportingPeriods.opensOn, today)))
		.orderBy(desc(reportingPeriods.opensOn), desc(reportingPeriods.dueOn))
		.get();
	return p ? { ...p, daysLeft: daysUntil(p.dueOn, today) } : null;
}

/**
 * Opens `input.code` from `opensOn` to `dueOn`. A period planned ahead and not started yet on `today`
 * takes the new dates (opening it now); one already open or closed is refused: a closed period is
 * never reopened this way.
 */
export function open(db: Db, actorId: number, input: OpenPeriodInput, today: string): WriteResult<ReportingPeriod> {
	return transaction(db, (tx) => {
		const existing = tx.select().from(reportingPeriods).where(eq(reportingPeriods.code, input.code)).get();
		if (existing?.closedAt) return invalid({ code: 'err_period_already_closed' });
		if (existing && existing.opensOn <= today) return invalid({ code: 'err_period_already_open' });
		const row = existing
			? tx
					.update(reportingPeriods)
					.set({ ...input, version: existing.version + 1, updatedAt: nowIso() })
					.where(eq(reportingPeriods.id, existing.id))
					.returning()
					.get()
			: tx.insert(reportingPeriods).values(input).returning().get();
		audit.record(tx, { userId: actorId, action: 'open', entity: 'reporting_period', entityId: row.id, before: existing, after: row });
		// Open from today: focal points hear of it now; a period planned ahead, from the daily check when it starts.
		if (row.opensOn <= today) notices.periodOpened(tx, row);
		return { ok: true, value: row };
	});
}

export function close(db: Db, actorId: number, input: Pick<ClosePeriodInput, 'id' | 'version'>): WriteResult<ReportingPeriod> {
	return transaction(db, (tx) => {
		const before = tx.select().from(reportingPeriods).where(eq(reportingPeriods.id, input.id)).get();
		if (!before) return notFound();
		if (before.version !== input.version) return conflict(before);
		if (before.closedAt) return wrongState('closed');
		const at = nowIso();
		const after = tx
			.update(reportingPeriods)
			.set({ closedAt: at, version: before.version + 1, updatedAt: at })
			.where(eq(reportingPeriods.id, before.id))
			.returning()
			.get();
		audit.record(tx, { userId: actorId, action: 'close', entity: 'reporting_period', entityId: before.id, before, after });
		return { ok: true, value: after };
	});
}

/** Whether reporting for `period` has been closed by the commission (a period never opened is not closed). */
export function isClosed(db: Db, period: string): boolean {
	const p = db.select({ closedAt: reportingPeriods.closedAt }).from(reportingPeriods).where(eq(reportingPeriods.code, period)).get();
	return !!p?.closedAt;
}

/** Codes of the periods the commission has closed (the entry forms leave them out). */
export function closedCodes(db: Db): string[] {
	return db
		.select({ code: reportingPeriods.code })
		.from(reportingPeriods)
		.where(isNotNull(reportingPeriods.closedAt))
		.all()
		.map((r) => r.code);
}
