/**
 * In-app notices. Each is a digest, not one row per event: the commission's decisions accumulate in
 * the recipient's one unread (and not yet mailed) review notice; each scheduled check writes at most
 * one notice per recipient, keyed (`dedupe_key`) so that running it twice adds nothing.
 *
 * Who is told: the active focal points of the institution concerned (the one that reported, or the
 * institutions that lead or contribute to a measure), and the author of a decided report.
 * Days are counted in Africa/Casablanca (`today` comes from `localDay()`).
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { meta, notifications, users } from './db/schema';
import { addDays } from '../domain/calendar';
import { nowIso } from './write-result';
import { parseObject } from '../schemas/json-columns';

export type Notice = typeof notifications.$inferSelect;
export type NoticeKind = 'review' | 'period_opened' | 'deadlines' | 'period_due';

/** One decision of the commission, as the review digest lists it. */
export interface ReviewItem {
	kind: 'update' | 'value' | 'stage';
	decision: 'validate' | 'return';
	/** the measure's code (a value: its indicator's code too) */
	measure: string;
	indicator?: string;
	period?: string;
	region?: string;
	comment?: string | null;
}

/** Items a digest keeps in full; beyond, only the count grows (a notice stays readable). */
export const DIGEST_MAX_ITEMS = 30;
/** How long a notice stays: read notices older than this are purged. */
const KEEP_READ_DAYS = 180;

export function unreadCount(db: Db, userId: number): number {
	return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`)?.n ?? 0;
}

/** The user's notices, newest first (unread ones first within the page). */
export function list(db: Db, userId: number, limit = 50): (Omit<Notice, 'payload'> & { payload: Record<string, unknown> })[] {
	return db
		.select()
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(sql`${notifications.readAt} IS NOT NULL`, desc(sql`coalesce(${notifications.updatedAt}, ${notifications.createdAt})`), desc(notifications.id))
		.limit(limit)
		.all()
		.map((n) => ({ ...n, payload: parseObject(n.payload) }));
}

/** Marks one of the user's own notices read (another user's id changes nothing). */
export function markRead(db: Db, userId: number, id: number): boolean {
	return (
		db
			.update(notifications)
			.set({ readAt: nowIso() })
			.where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
			.run().changes > 0
	);
}

export function markAllRead(db: Db, userId: number): number {
	return db
		.update(notifications)
		.set({ readAt: nowIso() })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
		.run().changes;
}

/** Active focal points of `institutionId`, plus `authorId` when still active. */
function recipients(tx: Db, institutionId: number | null, authorId: number | null): number[] {
	return tx
		.all<{ id: number }>(sql`SELECT id FROM users WHERE active = 1 AND ((role = 'focal_point' AND institution_id = ${institutionId}) OR id = ${authorId})`)
		.map((r) => r.id);
}

/**
 * Called inside a review decision's transaction: the decision joins each recipient's open review
 * digest (unread, not yet mailed), or starts one.
 */
export function reviewed(tx: Db, who: { institutionId: number | null; authorId: number | null }, item: ReviewItem): void {
	const at = nowIso();
	for (const userId of recipients(tx, who.institutionId, who.authorId)) {
		const open = tx
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, userId), eq(notifications.kind, 'review'), isNull(notifications.readAt), isNull(notifications.mailedAt)))
			.orderBy(desc(notifications.id))
			.get();
		if (open) {
			const p = parseObject(open.payload) as { items?: ReviewItem[]; total?: number };
			const items = [...(p.items ?? []), item].slice(-DIGEST_MAX_ITEMS);
			tx.update(notifications)
				.set({ payload: JSON.stringify({ items, total: (p.total ?? p.items?.length ?? 0) + 1 }), updatedAt: at })
				.where(eq(notifications.id, open.id))
				.run();
		} else {
			tx.insert(notifications)
				.values({ userId, kind: 'review', payload: JSON.stringify({ items: [item], total: 1 }), createdAt: at, updatedAt: at })
				.run();
		}
	}
}

/**
 * "Period X is open, due on D" to every active focal point, once per period (keyed). Called when the
 * commission opens a period that starts at once, and by the daily check for one planned ahead.
 */
export function periodOpened(tx: Db, period: { id: number; code: string; dueOn: string }): number {
	const payload = JSON.stringify({ period: period.code, dueOn: period.dueOn });
	return tx.run(sql`INSERT INTO notifications (user_id, kind, payload, dedupe_key)
		SELECT id, 'period_opened', ${payload}, 'period_opened:' || ${period.id} || ':' || id FROM users WHERE active = 1 AND role = 'focal_point'
		ON CONFLICT (dedupe_key) DO NOTHING`).changes;
}

/** Days before a measure's deadline when its focal points are reminded. */
export const DEADLINE_REMINDER_DAYS = [30, 7] as const;
/** Days before a period's due date when an institution that has submitted nothing is reminded. */
export const PERIOD_DUE_REMINDER_DAYS = 7;
/** The daily check catches up at most this many missed days (a server down over a weekend). */
const MAX_CATCH_UP_DAYS = 14;
const CHECKED_KEY = 'notices.checked_through';

/**
 * The daily check, safe to run at any time and any number of times: for each day since the last run
 * (through `today`), periods that opened, measures whose deadline is 30 or 7 days away and open
 * periods due in 7 days from which an institution has submitted nothing. One digest per recipient
 * and run. Returns how many notices it wrote.
 */
export function runScheduled(db: Db, today: string): { periodOpened: number; deadlines: number; periodDue: number } {
	return transaction(db, (tx) => {
		const last = tx.select().from(meta).where(eq(meta.key, CHECKED_KEY)).get()?.value;
		if (last && last >= today) return { periodOpened: 0, deadlines: 0, periodDue: 0 };
		// Days (from, today] are checked; a first run checks today only.
		const from = last && last >= addDays(today, -MAX_CATCH_UP_DAYS) ? last : addDays(today, -1);

		let periodOpenedCount = 0;
		const started = tx.all<{ id: number; code: string; dueOn: string }>(sql`SELECT id, code, due_on AS dueOn FROM reporting_periods
			WHERE closed_at IS NULL AND opens_on > ${from} AND opens_on <= ${today}`);
		for (const p of started) periodOpenedCount += periodOpened(tx, p);

		// Measures reaching a reminder day in (from, today]: deadline − day ∈ {30, 7}.
		const windows = DEADLINE_REMINDER_DAYS.map((d) => sql`(m.deadline > ${addDays(from, d)} AND m.deadline <= ${addDays(today, d)})`);
		const due = tx.all<{ userId: number; code: string; deadline: string }>(sql`
			SELECT DISTINCT u.id AS userId, m.code, m.deadline
			FROM measures m
			JOIN users u ON u.active = 1 AND u.role = 'focal_point'
				AND (u.institution_id = m.lead_institution_id OR u.institution_id IN (SELECT institution_id FROM measure_institutions WHERE measure_id = m.id))
			WHERE m.status NOT IN ('completed', 'cancelled') AND (${sql.join(windows, sql` OR `)})
			ORDER BY u.id, m.deadline, m.code`);
		const byUser = new Map<number, { code: string; deadline: string }[]>();
		for (const r of due) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), { code: r.code, deadline: r.deadline }]);
		let deadlines = 0;
		for (const [userId, items] of byUser) {
			deadlines += tx
				.insert(notifications)
				.values({
					userId,
					kind: 'deadlines',
					payload: JSON.stringify({ items: items.slice(0, DIGEST_MAX_ITEMS), total: items.length, today }),
					dedupeKey: `deadlines:${userId}:${today}`
				})
				.onConflictDoNothing()
				.run().changes;
		}

		// Open periods due in 7 days (as of a day in the window) from which an institution carrying live
		// measures has submitted nothing yet: its focal points are told, with how many measures wait.
		const periodDue = tx.run(sql`
			INSERT INTO notifications (user_id, kind, payload, dedupe_key)
			SELECT u.id, 'period_due', json_object('period', p.code, 'dueOn', p.due_on, 'measures', c.n), 'period_due:' || p.id || ':' || u.id
			FROM reporting_periods p
			JOIN (
				SELECT inst, count(DISTINCT measure_id) AS n FROM (
					SELECT lead_institution_id AS inst, id AS measure_id FROM measures WHERE status NOT IN ('completed', 'cancelled')
					UNION SELECT mi.institution_id, mi.measure_id FROM measure_institutions mi JOIN measures m ON m.id = mi.measure_id
						WHERE m.status NOT IN ('completed', 'cancelled')
				) GROUP BY inst
			) c
			JOIN users u ON u.active = 1 AND u.role = 'focal_point' AND u.institution_id = c.inst
			WHERE p.closed_at IS NULL AND p.opens_on <= ${today}
				AND p.due_on > ${addDays(from, PERIOD_DUE_REMINDER_DAYS)} AND p.due_on <= ${addDays(today, PERIOD_DUE_REMINDER_DAYS)}
				AND NOT EXISTS (SELECT 1 FROM progress_updates pu WHERE pu.period = p.code AND pu.institution_id = c.inst AND pu.state IN ('submitted', 'validated'))
			ON CONFLICT (dedupe_key) DO NOTHING`).changes;

		tx.insert(meta)
			.values({ key: CHECKED_KEY, value: today })
			.onConflictDoUpdate({ target: meta.key, set: { value: today } })
			.run();
		// Old read notices go: the list is a to-do, not an archive (the audit trail is the archive).
		tx.run(sql`DELETE FROM notifications WHERE read_at IS NOT NULL AND read_at < ${addDays(today, -KEEP_READ_DAYS)}`);
		return { periodOpened: periodOpenedCount, deadlines, periodDue };
	});
}

/** Who a notice goes to, for the mail digest: address, language and whether they want e-mail. */
export function recipientOf(db: Db, userId: number) {
	return db
		.select({ email: users.email, locale: users.locale, name: users.name, emailNotices: users.emailNotices, active: users.active })
		.from(users)
		.where(eq(users.id, userId))
		.get();
}
