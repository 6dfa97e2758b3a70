/**
 * E-mail, through the outbox. Nothing is sent from a request: a request (or the daily check) writes
 * notices; the mail step turns each user's new notices into one digest row of `outbox`, in the
 * user's language, unless they opted out (/profile); the sender works the outbox.
 *
 * Delivery is at least once, never silently lost, and a repeat is recognisable: a row is claimed
 * (attempts + 1, next attempt pushed back) in its own committed transaction *before* it is handed to
 * the SMTP server, and marked sent after. A crash between the two leaves the row unsent, so it is
 * sent again after its back-off — with the same Message-ID (derived from the row), which mail
 * servers and clients use to drop the duplicate. After MAX_ATTEMPTS failures the row is marked
 * failed and shown to the administrators (/admin/outbox), who may send it again.
 *
 * Without SMTP_URL nothing is queued and nothing is sent: the app runs as it did without mail.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { notifications, outbox, users } from './db/schema';
import { noticeText } from '../notice-text';
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';
import { formatNumber } from '../domain/format';
import { nowIso } from './write-result';
import { parseObject } from '../schemas/json-columns';

export const MAX_ATTEMPTS = 8;
/** A new notice waits this long before it is mailed, so that a burst of decisions makes one digest. */
export const DIGEST_SETTLE_MS = 5 * 60 * 1000;

/** Wait before attempt n + 1 after n attempts: 1 min, 2, 4 … capped at 6 hours. */
export function backoffMs(attempts: number): number {
	return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
}

export type OutboxRow = typeof outbox.$inferSelect;

/** What the sender needs from nodemailer: one call that sends a message (a test can wrap it). */
export interface Transport {
	sendMail(message: SendMailOptions): Promise<unknown>;
}

export interface MailSettings {
	transport: Transport;
	from: string;
	/** the app's public address, for links in the mails and the Message-ID's domain */
	origin: string;
}

/** The settings from the environment, or null when SMTP_URL is unset (no mail at all). */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings | null {
	const url = env.SMTP_URL?.trim();
	if (!url) return null;
	const origin = env.ORIGIN?.trim() || 'http://localhost:3000';
	return { transport: nodemailer.createTransport(url), from: env.SMTP_FROM?.trim() || `Rasd <no-reply@${new URL(origin).hostname}>`, origin };
}

/**
 * The Message-ID of an outbox row: the same on every attempt (so a repeat after a crash is the same
 * message to the receiving side), and different for two databases that reuse an id.
 */
export function messageIdOf(row: Pick<OutboxRow, 'id' | 'createdAt' | 'toEmail'>, origin: string): string {
	const tag = createHash('sha256').update(`${row.id}\n${row.createdAt}\n${row.toEmail}`).digest('hex').slice(0, 16);
	return `<outbox-${row.id}-${tag}@${new URL(origin).hostname}>`;
}

/** One digest e-mail for one user, in their language. */
export function composeDigest(locale: Locale, name: string, notices: { kind: string; payload: Record<string, unknown> }[], origin: string) {
	const o = { locale };
	const blocks = notices.map((n) => {
		const t = noticeText(n.kind, n.payload, locale);
		return [`• ${t.title}`, ...t.items.map((i) => `    – ${i}`), `    ${new URL(t.href, origin).href}`].join('\n');
	});
	const subject =
		notices.length === 1
			? `Rasd — ${noticeText(notices[0]!.kind, notices[0]!.payload, locale).title}`
			: m.mail_digest_subject({ count: notices.length, n: formatNumber(notices.length, locale) }, o);
	const body = [
		m.mail_greeting({ name }, o),
		'',
		m.mail_digest_intro({}, o),
		'',
		...blocks,
		'',
		m.mail_footer({ url: new URL('/profile', origin).href }, o)
	].join('\n');
	return { subject, body };
}

/**
 * The mail step: every user's notices not yet handled (older than the settle delay) become one
 * digest row in the outbox — for users who keep e-mail on and are active — and are marked handled
 * in the same transaction, so a notice is queued once. Returns how many mails were queued.
 */
export function queueDigests(db: Db, origin: string, now = new Date()): number {
	const before = new Date(now.getTime() - DIGEST_SETTLE_MS).toISOString();
	return transaction(db, (tx) => {
		const pending = tx
			.select({ n: notifications, email: users.email, name: users.name, locale: users.locale, wants: users.emailNotices, active: users.active })
			.from(notifications)
			.innerJoin(users, eq(users.id, notifications.userId))
			.where(
				and(isNull(notifications.mailedAt), isNull(notifications.readAt), lte(sql`coalesce(${notifications.updatedAt}, ${notifications.createdAt})`, before))
			)
			.orderBy(asc(notifications.userId), asc(notifications.id))
			.all();
		const byUser = new Map<number, typeof pending>();
		for (const p of pending) byUser.set(p.n.userId, [...(byUser.get(p.n.userId) ?? []), p]);
		const at = now.toISOString();
		let queued = 0;
		for (const [userId, rows] of byUser) {
			const first = rows[0]!;
			if (first.wants && first.active) {
				const notices = rows.map((r) => ({ kind: r.n.kind, payload: parseObject(r.n.payload) }));
				const { subject, body } = composeDigest(first.locale, first.name, notices, origin);
				// Keyed by the notices it carries: queuing the same ones twice is refused by the unique index.
				const key = `digest:${userId}:${rows.map((r) => r.n.id).join(',')}`.slice(0, 500);
				queued += tx
					.insert(outbox)
					.values({ toEmail: first.email, kind: 'digest', subject, body, dedupeKey: key, userId, locale: first.locale, createdAt: at })
					.onConflictDoNothing()
					.run().changes;
			}
			// Opted out: the notices stay in the app, and are not mailed later if the user opts in again.
			tx.update(notifications)
				.set({ mailedAt: at })
				.where(
					inArray(
						notifications.id,
						rows.map((r) => r.n.id)
					)
				)
				.run();
		}
		return queued;
	});
}

/** Whether mail is configured (SMTP_URL set): without it nothing is queued. */
export function mailConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
	return !!env.SMTP_URL?.trim();
}

/**
 * An invitation or a reset link, mailed to the account in its language through the outbox (the
 * administrator still sees the link once, to pass it on by hand if the mail does not arrive). The
 * link is a credential: once the mail is sent its body is blanked in the outbox.
 */
export function queueLinkMail(
	db: Db,
	to: { userId: number; email: string; name: string; locale: Locale },
	kind: 'invitation' | 'reset',
	link: string,
	expiresAt: number
): number {
	const o = { locale: to.locale };
	const date = new Intl.DateTimeFormat(to.locale === 'ar' ? 'ar-MA-u-nu-latn' : to.locale, {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: 'Africa/Casablanca'
	}).format(new Date(expiresAt));
	const subject = kind === 'invitation' ? m.mail_invite_subject({}, o) : m.mail_reset_subject({}, o);
	const body = [
		m.mail_greeting({ name: to.name }, o),
		'',
		kind === 'invitation' ? m.mail_invite_body({}, o) : m.mail_reset_body({}, o),
		'',
		link,
		'',
		m.mail_link_expires({ date }, o)
	].join('\n');
	return db.insert(outbox).values({ toEmail: to.email, kind, subject, body, userId: to.userId, locale: to.locale, createdAt: nowIso() }).run().changes;
}

/** Claims the next due row: one more attempt counted and the next one pushed back, committed before sending. */
function claim(db: Db, now: Date): OutboxRow | null {
	return transaction(db, (tx) => {
		const at = now.toISOString();
		const row = tx
			.select()
			.from(outbox)
			.where(and(isNull(outbox.sentAt), isNull(outbox.failedAt), or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, at))))
			.orderBy(asc(outbox.id))
			.get();
		if (!row) return null;
		const attempts = row.attempts + 1;
		return tx
			.update(outbox)
			.set({ attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString() })
			.where(eq(outbox.id, row.id))
			.returning()
			.get();
	});
}

/** Test seam: what happens between handing a mail to the SMTP server and marking it sent. */
export interface SendHooks {
	afterSend?: (row: OutboxRow) => void;
}

/**
 * Sends what is due, one row at a time, up to `limit`. Returns what happened to each row handled.
 * Safe in one process only (the background jobs' process); two senders would each claim different
 * rows anyway, since a claim pushes the row's next attempt back.
 */
export async function workOutbox(db: Db, settings: MailSettings, opts: { now?: () => Date; limit?: number; hooks?: SendHooks } = {}) {
	const now = opts.now ?? (() => new Date());
	const done = { sent: 0, failed: 0, retrying: 0 };
	for (let i = 0; i < (opts.limit ?? 50); i++) {
		const row = claim(db, now());
		if (!row) break;
		try {
			await settings.transport.sendMail({
				from: settings.from,
				to: row.toEmail,
				subject: row.subject,
				text: row.body,
				messageId: messageIdOf(row, settings.origin),
				headers: { 'Content-Language': row.locale, 'X-Rasd-Outbox': String(row.id), 'Auto-Submitted': 'auto-generated' },
				textEncoding: 'base64'
			});
		} catch (e) {
			const last = row.attempts >= MAX_ATTEMPTS;
			db.update(outbox)
				.set({ lastError: String((e as Error).message ?? e).slice(0, 1000), failedAt: last ? now().toISOString() : null })
				.where(eq(outbox.id, row.id))
				.run();
			if (last) done.failed++;
			else done.retrying++;
			continue;
		}
		opts.hooks?.afterSend?.(row);
		// A one-time link is a credential: not kept once delivered.
		db.update(outbox)
			.set({ sentAt: now().toISOString(), lastError: null, ...(row.kind === 'invitation' || row.kind === 'reset' ? { body: '' } : {}) })
			.where(eq(outbox.id, row.id))
			.run();
		done.sent++;
	}
	return done;
}

/** The administrators' view: counts by state (one grouped query), and the rows that failed or are retrying. */
export function outboxStatus(db: Db) {
	const counts = db.get<{ pending: number; retrying: number; failed: number; sent: number }>(sql`
		SELECT coalesce(sum(sent_at IS NULL AND failed_at IS NULL AND attempts = 0), 0) AS pending,
			coalesce(sum(sent_at IS NULL AND failed_at IS NULL AND attempts > 0), 0) AS retrying,
			coalesce(sum(failed_at IS NOT NULL AND sent_at IS NULL), 0) AS failed,
			coalesce(sum(sent_at IS NOT NULL), 0) AS sent
		FROM outbox`)!;
	const problems = db
		.select({
			id: outbox.id,
			toEmail: outbox.toEmail,
			subject: outbox.subject,
			createdAt: outbox.createdAt,
			attempts: outbox.attempts,
			lastError: outbox.lastError,
			nextAttemptAt: outbox.nextAttemptAt,
			failedAt: outbox.failedAt,
			locale: outbox.locale
		})
		.from(outbox)
		.where(and(isNull(outbox.sentAt), sql`${outbox.attempts} > 0`))
		.orderBy(sql`${outbox.failedAt} IS NULL`, asc(outbox.id))
		.limit(100)
		.all();
	return { counts, problems };
}

/** An administrator sends a failed mail again: a fresh series of attempts (audited by the caller's transaction). */
export function retry(db: Db, id: number): OutboxRow | null {
	return (
		db
			.update(outbox)
			.set({ failedAt: null, attempts: 0, nextAttemptAt: null })
			.where(and(eq(outbox.id, id), isNull(outbox.sentAt), sql`${outbox.failedAt} IS NOT NULL`))
			.returning()
			.get() ?? null
	);
}

let running = false;
/**
 * One background tick: queue the digests, then send what is due. Never two at once in the process,
 * and never throws (an unreachable SMTP server is a row to retry, not a crash).
 */
export function mailTick(db: Db, settings: MailSettings | null = settingsFromEnv()): Promise<void> | void {
	if (!settings || running) return;
	running = true;
	return (async () => {
		try {
			queueDigests(db, settings.origin);
			await workOutbox(db, settings);
		} catch (e) {
			console.error(`[rasd] mail: ${(e as Error).message}`);
		} finally {
			running = false;
		}
	})();
}
