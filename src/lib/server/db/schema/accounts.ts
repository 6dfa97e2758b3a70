/** Accounts, sessions, sign-in throttling, the audit trail, notifications, the outbox, meta. */
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex, check, primaryKey } from 'drizzle-orm/sqlite-core';
import { ROLES, LOCALES } from '../../../domain/enums';
import { institutions } from './reference';
import { now, oneOf, timestamps, version } from './columns';

/** What an applied import did, row by row (`import_runs.counts`). */
export type ImportCounts = { create: number; update: number; unchanged: number };

export const users = sqliteTable(
	'users',
	{
		id: integer('id').primaryKey(),
		/** stored lower-case */
		email: text('email').notNull(),
		name: text('name').notNull(),
		role: text('role', { enum: ROLES }).notNull(),
		institutionId: integer('institution_id').references(() => institutions.id, { onDelete: 'restrict' }),
		passwordHash: text('password_hash').notNull(),
		locale: text('locale', { enum: LOCALES }).notNull().default('fr'),
		/** the user's choice on /profile: reminders and review notices by e-mail too (in-app notices always) */
		emailNotices: integer('email_notices', { mode: 'boolean' }).notNull().default(true),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		lastLoginAt: text('last_login_at'),
		...version,
		...timestamps
	},
	(t) => [
		uniqueIndex('users_email_uq').on(t.email),
		index('users_institution_idx').on(t.institutionId),
		check('users_role_ck', oneOf('role', ROLES)),
		check('users_locale_ck', oneOf('locale', LOCALES)),
		check('users_email_ck', sql`${t.email} = lower(${t.email}) AND ${t.email} LIKE '%_@_%'`),
		// a focal point and a partner always speak for an institution
		check('users_institution_ck', sql`${t.role} NOT IN ('focal_point','partner') OR ${t.institutionId} IS NOT NULL`)
	]
);

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the cookie token (hex): a stolen database does not give usable cookies */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** idle deadline (ms): last use + the idle lifetime, never past `absolute_expires_at` */
		expiresAt: integer('expires_at').notNull(),
		/** sign-in + the absolute lifetime (ms): no use extends it */
		absoluteExpiresAt: integer('absolute_expires_at').notNull().default(0),
		/** last request seen (ms), written at most every few minutes */
		lastSeenAt: integer('last_seen_at').notNull().default(0),
		/** client address and browser at sign-in, shown on the user's list of sessions */
		address: text('address'),
		userAgent: text('user_agent'),
		/** SHA-256 of the browser's device cookie: signing in again on that browser ends its older session */
		device: text('device'),
		createdAt: text('created_at').notNull().default(now)
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_expiry_idx').on(t.expiresAt), index('sessions_absolute_idx').on(t.absoluteExpiresAt)]
);

/**
 * Failed sign-ins per key for throttling: `pair:<email>|<address or device>`, `account:<email>`,
 * `address:<address>`. `locked_until` is when the next attempt may be made (a growing delay).
 */
export const loginThrottle = sqliteTable(
	'login_throttle',
	{
		key: text('key').primaryKey(),
		failures: integer('failures').notNull().default(0),
		windowStart: integer('window_start').notNull(),
		lockedUntil: integer('locked_until'),
		/** the counter is forgotten a while after the last failure */
		lastFailureAt: integer('last_failure_at').notNull().default(0)
	},
	(t) => [index('login_throttle_last_idx').on(t.lastFailureAt)]
);

/**
 * Where an account signed in successfully before: a browser (SHA-256 of its device cookie) or a
 * client address. A correct password from one of them gets through the per-account slow-down.
 */
export const knownClients = sqliteTable(
	'known_clients',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['device', 'address'] }).notNull(),
		value: text('value').notNull(),
		lastSuccessAt: integer('last_success_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.kind, t.value] }),
		index('known_clients_last_idx').on(t.lastSuccessAt),
		check('known_clients_kind_ck', sql`${t.kind} IN ('device','address')`)
	]
);

export const auditEvents = sqliteTable(
	'audit_events',
	{
		id: integer('id').primaryKey(),
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		at: text('at').notNull().default(now),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id').notNull(),
		before: text('before'),
		after: text('after'),
		/** `hash` of the event before (null for the first, and for events written before the chain existed) */
		prevHash: text('prev_hash'),
		/** sha256 of `prev_hash` and this event's fields (`src/lib/server/audit.ts`); UPDATE and DELETE are refused by triggers (migration 0005) */
		hash: text('hash')
	},
	(t) => [index('audit_user_idx').on(t.userId, t.at), index('audit_entity_idx').on(t.entity, t.entityId, t.at), index('audit_at_idx').on(t.at)]
);

export const notifications = sqliteTable(
	'notifications',
	{
		id: integer('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		payload: text('payload').notNull().default('{}'),
		/** a notice generated by a scheduled check carries one, so a second run adds nothing */
		dedupeKey: text('dedupe_key'),
		createdAt: text('created_at').notNull().default(now),
		/** the last time a digest merged an item into it (null: never); SQLite adds no column with a computed default */
		updatedAt: text('updated_at'),
		readAt: text('read_at'),
		/** when it went into an e-mail digest in the outbox (null: not yet, or the user opted out) */
		mailedAt: text('mailed_at')
	},
	(t) => [
		index('notifications_user_idx').on(t.userId, t.readAt),
		uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
		index('notifications_unmailed_idx').on(t.mailedAt, t.userId)
	]
);

/** E-mails to send, each sent once (the sender marks `sent_at`). */
export const outbox = sqliteTable(
	'outbox',
	{
		id: integer('id').primaryKey(),
		toEmail: text('to_email').notNull(),
		kind: text('kind').notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		dedupeKey: text('dedupe_key'),
		createdAt: text('created_at').notNull().default(now),
		sentAt: text('sent_at'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		/** the recipient's account, when the mail is for one (its language and opt-out were applied when queued) */
		// no foreign key: SQLite adds a column with one only by rebuilding the table; a mail outlives its account anyway
		userId: integer('user_id'),
		locale: text('locale', { enum: LOCALES }).notNull().default('fr'),
		/** not before this instant (null: right away): retries back off */
		nextAttemptAt: text('next_attempt_at'),
		/** given up after the last attempt: shown to the administrators, sent again only by hand */
		failedAt: text('failed_at')
	},
	(t) => [
		index('outbox_pending_idx').on(t.sentAt, t.createdAt),
		index('outbox_due_idx').on(t.sentAt, t.failedAt, t.nextAttemptAt),
		uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey)
	]
);

/**
 * One row counting the changes the dashboards can show, bumped by triggers (migration 0003) on every
 * table their read models read — drafts aside, which no dashboard shows. The read cache keeps a
 * result while this value stays the same, whichever process wrote (src/lib/server/read-cache.ts).
 */
export const dataGeneration = sqliteTable(
	'data_generation',
	{
		id: integer('id').primaryKey(),
		value: integer('value').notNull().default(0)
	},
	(t) => [check('data_generation_one_row', sql`${t.id} = 1`)]
);

/**
 * The same count per domain of data (migration 0025): `plan` (the structure: plans, axes, objectives,
 * measures' definitions, institutions, regions, recommendations, links, periods), `progress` (progress
 * updates, the state kept per semester, a measure's validated status and progress), `values`
 * (indicators and their values) and `rollout` (regional roll-out stages). A read model names the
 * domains it reads, so a validated indicator value leaves the overview cached and a validated
 * progress update leaves the indicator explorer cached (src/lib/server/read-cache.ts).
 */
export const dataGenerationDomains = sqliteTable('data_generation_domains', {
	domain: text('domain', { enum: ['plan', 'progress', 'values', 'rollout'] }).primaryKey(),
	value: integer('value').notNull().default(0)
});

/** Key/value facts about this database (seed version, when it was seeded). */
export const meta = sqliteTable('meta', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

/**
 * One-time links to set a password: an invitation (72 hours) or a reset by an administrator. Only the
 * SHA-256 of the token is kept, like sessions; `used_at` makes each link work once.
 */
export const passwordTokens = sqliteTable(
	'password_tokens',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
		expiresAt: integer('expires_at').notNull(),
		usedAt: text('used_at'),
		createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: text('created_at').notNull().default(now)
	},
	(t) => [index('password_tokens_user_idx').on(t.userId), check('password_tokens_purpose_ck', sql`${t.purpose} IN ('invite','reset')`)]
);

/** Each applied spreadsheet import: the file's hash (re-importing the same file is recognised), who, what it did. */
export const importRuns = sqliteTable(
	'import_runs',
	{
		id: integer('id').primaryKey(),
		kind: text('kind', { enum: ['structure', 'values'] }).notNull(),
		fileName: text('file_name').notNull(),
		fileHash: text('file_hash').notNull(),
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		/** JSON `{ create, update, unchanged }`; every insert names them (the database's default stays `{}`) */
		counts: text('counts', { mode: 'json' })
			.$type<ImportCounts>()
			.notNull()
			.default({} as ImportCounts),
		createdAt: text('created_at').notNull().default(now)
	},
	(t) => [index('import_runs_hash_idx').on(t.fileHash), check('import_runs_kind_ck', sql`${t.kind} IN ('structure','values')`)]
);
