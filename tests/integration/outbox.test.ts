/**
 * E-mail through the outbox, against an in-process SMTP server (smtp-server) that captures each
 * message: digests in the recipient's language, the opt-out, sent once, retried with back-off and
 * failing visibly, and no second message after a crash between sending and marking sent — the row
 * is sent again (at least once) with the same Message-ID, which the receiving side keeps once.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { eq, isNull, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import { actionEvent, formData, run } from '../helpers/events';
import { setDb, type Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/seed/index';
import * as mail from '../../src/lib/server/mail';
import * as periods from '../../src/lib/server/reporting-periods';
import * as notices from '../../src/lib/server/notifications';
import { actions as profileActions } from '../../src/routes/(app)/profile/+page.server';
import { actions as inviteActions } from '../../src/routes/(app)/admin/users/+page.server';
import { addDays, localDay } from '../../src/lib/domain/calendar';
import type { SessionUser } from '../../src/lib/server/auth/session';

interface Captured {
	to: string[];
	headers: Record<string, string>;
	subject: string;
	body: string;
	messageId: string;
}
const inbox: Captured[] = [];
let server: SMTPServer;
let settings: mail.MailSettings;
let db: Db;
let cleanup: () => void;
const ORIGIN = 'https://rasd.example.ma';

/** RFC 2047 encoded words (=?UTF-8?B?…?= / Q), as nodemailer writes a non-ASCII subject. */
function decodeWords(v: string): string {
	return v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
		enc.toLowerCase() === 'b'
			? Buffer.from(text, 'base64').toString('utf8')
			: Buffer.from(
					text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
					'latin1'
				).toString('utf8')
	);
}
function parse(raw: string, to: string[]): Captured {
	const [head, ...rest] = raw.split('\r\n\r\n');
	const headers: Record<string, string> = {};
	for (const line of head!.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const i = line.indexOf(':');
		headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
	}
	const body = Buffer.from(rest.join('\r\n\r\n').replace(/\s+/g, ''), 'base64').toString('utf8');
	return { to, headers, subject: decodeWords(headers.subject ?? ''), body, messageId: headers['message-id'] ?? '' };
}
/** What a mailbox keeps: one message per Message-ID. */
const mailbox = () => [...new Map(inbox.map((c) => [c.messageId, c])).values()];

function user(email: string): SessionUser {
	const u = db.select().from(s.users).where(eq(s.users.email, email)).get()!;
	return { id: u.id, email: u.email, name: u.name, role: u.role, institutionId: u.institutionId, locale: u.locale };
}
let clock = Date.now();
const now = () => new Date(clock);

beforeAll(async () => {
	server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, cb) {
			// A mailbox that does not exist: the message is refused, as a real server would.
			if (address.address.startsWith('refuse@')) return cb(new Error('550 no such mailbox'));
			cb();
		},
		onData(stream, session, cb) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				inbox.push(
					parse(
						Buffer.concat(chunks).toString('utf8'),
						session.envelope.rcptTo.map((r) => r.address)
					)
				);
				cb();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.server.address() as AddressInfo).port;
	settings = mail.settingsFromEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, ORIGIN })!;
	({ db, cleanup } = createTestDatabase());
	await seedDatabase(db, { demo: true });
	setDb(db);
}, 30_000);
afterAll(async () => {
	setDb(undefined);
	cleanup();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the outbox', () => {
	it('without SMTP_URL queues and sends nothing', async () => {
		expect(mail.settingsFromEnv({})).toBeNull();
		const dgsn = user('dgsn@rasd.demo');
		db.insert(s.notifications)
			.values({
				userId: dgsn.id,
				kind: 'period_opened',
				payload: JSON.stringify({ period: '2026-S2', dueOn: '2027-01-31' }),
				createdAt: '2026-01-01T00:00:00.000Z'
			})
			.run();
		await mail.mailTick(db, null);
		expect(db.select().from(s.outbox).all()).toHaveLength(0);
		expect(db.select().from(s.notifications).where(isNull(s.notifications.mailedAt)).all()).toHaveLength(1);
		db.delete(s.notifications).run();
	});

	it("mails one digest per focal point, in the recipient's language, to the recipient only; an opted-out user gets none", async () => {
		const mj = user('pf.mj@rasd.demo');
		// pf.mj opts out on /profile: the form sends no checkbox.
		expect((await run(profileActions.notices as never, actionEvent({ user: mj, path: '/profile', body: formData({}) }))).status).toBe(200);
		const today = localDay();
		expect(periods.open(db, user('commission@rasd.demo').id, { code: '2027-S1', opensOn: today, dueOn: addDays(today, 14) }, today).ok).toBe(true);
		// A second notice for the DGSN's focal point: it goes into the same mail.
		db.insert(s.notifications)
			.values({
				userId: user('dgsn@rasd.demo').id,
				kind: 'deadlines',
				payload: JSON.stringify({ items: [{ code: 'A1.1.1', deadline: addDays(today, 7) }], total: 1, today })
			})
			.run();

		// Within the settle delay nothing is queued yet; after it, one mail per user who wants mail.
		clock = Date.now();
		expect(mail.queueDigests(db, ORIGIN, now())).toBe(0);
		clock += mail.DIGEST_SETTLE_MS + 1000;
		const wanting = db.get<{ n: number }>(
			sql`SELECT count(DISTINCT n.user_id) AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email_notices = 1 AND u.active = 1`
		)!.n;
		expect(mail.queueDigests(db, ORIGIN, now())).toBe(wanting);
		expect(mail.queueDigests(db, ORIGIN, now())).toBe(0);
		expect(await mail.workOutbox(db, settings, { now, limit: 500 })).toEqual({ sent: wanting, failed: 0, retrying: 0 });

		expect(inbox).toHaveLength(wanting);
		const rows = db.select().from(s.outbox).all();
		for (const c of inbox) {
			const row = rows.find((r) => c.messageId === mail.messageIdOf(r, ORIGIN))!;
			expect(row, c.messageId).toBeTruthy();
			expect(c.to).toEqual([row.toEmail]);
			expect(c.headers['content-language']).toBe(row.locale);
			expect(c.headers.to).toContain(row.toEmail);
		}
		const fr = inbox.find((c) => c.to[0] === 'dgsn@rasd.demo')!;
		expect(fr.headers['content-language']).toBe('fr');
		expect(fr.subject).toBe('Rasd — 2 notifications');
		expect(fr.body).toContain('La période S1 2027 est ouverte');
		expect(fr.body).toContain('A1.1.1 : échéance le');
		expect(fr.body).toContain(`${ORIGIN}/profile`);
		const ar = inbox.find((c) => c.to[0] === 'social@rasd.demo')!;
		expect(ar.headers['content-language']).toBe('ar');
		expect(ar.subject).toContain('فُتحت فترة الأسدس الأول 2027');
		expect(ar.body).toContain('السلام عليكم');
		expect(inbox.some((c) => c.to.includes(mj.email))).toBe(false);
		// pf.mj keeps the notice in the app.
		expect(notices.unreadCount(db, mj.id)).toBe(1);

		// Sent once: another round sends nothing.
		expect(await mail.workOutbox(db, settings, { now, limit: 500 })).toEqual({ sent: 0, failed: 0, retrying: 0 });
		expect(inbox).toHaveLength(wanting);
	});

	it('after a crash between sending and marking sent, sends again with the same Message-ID: the mailbox holds it once', async () => {
		inbox.length = 0;
		const dgsn = user('dgsn@rasd.demo');
		const row = db
			.insert(s.outbox)
			.values({ toEmail: dgsn.email, kind: 'digest', subject: 'Rasd — test', body: 'Bonjour', userId: dgsn.id, locale: 'fr', createdAt: now().toISOString() })
			.returning()
			.get();
		// The process dies right after the SMTP server accepted the message.
		await expect(
			mail.workOutbox(db, settings, {
				now,
				hooks: {
					afterSend: () => {
						throw new Error('killed');
					}
				}
			})
		).rejects.toThrow('killed');
		expect(inbox).toHaveLength(1);
		expect(db.select().from(s.outbox).where(eq(s.outbox.id, row.id)).get()).toMatchObject({ sentAt: null, attempts: 1 });

		// Restarted before the back-off: nothing; after it, the same message again, then marked.
		clock += 30_000;
		expect((await mail.workOutbox(db, settings, { now })).sent).toBe(0);
		clock += mail.backoffMs(1);
		expect((await mail.workOutbox(db, settings, { now })).sent).toBe(1);
		expect(inbox).toHaveLength(2);
		expect(inbox[1]!.messageId).toBe(inbox[0]!.messageId);
		expect(inbox[0]!.messageId).toBe(mail.messageIdOf(row, ORIGIN));
		expect(mailbox().filter((c) => c.to.includes(dgsn.email))).toHaveLength(1);
		expect(db.select().from(s.outbox).where(eq(s.outbox.id, row.id)).get()!.sentAt).not.toBeNull();
		clock += 24 * 3600_000;
		expect((await mail.workOutbox(db, settings, { now })).sent).toBe(0);
		expect(inbox).toHaveLength(2);
	});

	it('retries a refused mail with a growing delay, then marks it failed for the administrators, who may send it again', async () => {
		const row = db
			.insert(s.outbox)
			.values({ toEmail: 'refuse@rasd.demo', kind: 'digest', subject: 'x', body: 'x', locale: 'en', createdAt: now().toISOString() })
			.returning()
			.get();
		const waits: number[] = [];
		for (let attempt = 1; attempt <= mail.MAX_ATTEMPTS; attempt++) {
			const r = await mail.workOutbox(db, settings, { now });
			expect(r).toEqual(attempt < mail.MAX_ATTEMPTS ? { sent: 0, failed: 0, retrying: 1 } : { sent: 0, failed: 1, retrying: 0 });
			const after = db.select().from(s.outbox).where(eq(s.outbox.id, row.id)).get()!;
			waits.push(Date.parse(after.nextAttemptAt!) - clock);
			// Not again before its time.
			expect((await mail.workOutbox(db, settings, { now })).retrying).toBe(0);
			clock += mail.backoffMs(attempt) + 1;
		}
		expect(waits.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
		const status = mail.outboxStatus(db);
		expect(status.counts.failed).toBe(1);
		expect(status.problems[0]).toMatchObject({
			id: row.id,
			toEmail: 'refuse@rasd.demo',
			attempts: mail.MAX_ATTEMPTS,
			lastError: expect.stringContaining('no such mailbox')
		});
		expect(status.problems[0]!.failedAt).not.toBeNull();
		expect(mail.retry(db, row.id)).toMatchObject({ attempts: 0, failedAt: null });
		expect(mail.outboxStatus(db).counts).toMatchObject({ failed: 0, pending: 1 });
	});

	it('mails an invitation link to the invitee in the language chosen for them, and forgets the link once sent', async () => {
		inbox.length = 0;
		const admin = user('admin@rasd.demo');
		const institution = db.get<{ id: number }>(sql`SELECT id FROM institutions WHERE code = 'DGSN'`)!.id;
		process.env.SMTP_URL = 'smtp://127.0.0.1:1';
		try {
			const r = await run(
				inviteActions.invite as never,
				actionEvent({
					user: admin,
					path: '/admin/users',
					body: formData({ name: 'Nadia Test', email: 'nadia.test@rasd.demo', role: 'focal_point', institutionId: String(institution), locale: 'en' })
				})
			);
			expect(r).toMatchObject({ status: 200, data: { invite: { done: true, mailed: true } } });
		} finally {
			delete process.env.SMTP_URL;
		}
		const row = db.select().from(s.outbox).where(eq(s.outbox.kind, 'invitation')).get()!;
		expect(row).toMatchObject({ toEmail: 'nadia.test@rasd.demo', locale: 'en', subject: 'Rasd — your invitation' });
		clock = Date.now() + 1000;
		expect((await mail.workOutbox(db, settings, { now })).sent).toBe(1);
		const got = inbox.find((c) => c.to[0] === 'nadia.test@rasd.demo')!;
		expect(got.headers['content-language']).toBe('en');
		expect(got.body).toContain('Choose your password');
		expect(got.body).toMatch(/\/set-password\/[A-Za-z0-9_-]{20,}/);
		expect(db.select().from(s.outbox).where(eq(s.outbox.id, row.id)).get()!.body).toBe('');
	});
});
