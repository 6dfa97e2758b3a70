/**
 * The append-only audit trail: every write records who, when, what, before and after.
 *
 * Each event carries the hash of the one before it (`prev_hash`) and its own `hash` =
 * sha256(prev_hash, id, at, user, action, entity, entity id, before, after), computed here inside the writing
 * transaction. Triggers (migration 0005) refuse UPDATE and DELETE and any insert that does not extend the chain,
 * so an edit, a removed event or a forked chain shows in `verifyChain` (`npm run audit:verify`).
 *
 * Relative imports only: the CLI scripts run under tsx, outside Vite's `$lib` alias.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { transaction, type Db } from './db/client';
import { auditEvents, users } from './db/schema';
import type { AuditFilters } from '../schemas/audit';

export type AuditEvent = typeof auditEvents.$inferSelect;

type Hashed = Pick<AuditEvent, 'id' | 'at' | 'userId' | 'action' | 'entity' | 'entityId' | 'before' | 'after' | 'prevHash'>;

/** The hash of one event given the previous hash; a JSON array keeps field boundaries unambiguous. */
export function eventHash(e: Hashed): string {
	const canonical = JSON.stringify([e.prevHash ?? null, e.id, e.at, e.userId ?? null, e.action, e.entity, e.entityId, e.before ?? null, e.after ?? null]);
	return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function record(
	db: Db,
	event: { userId: number | null; action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown }
): void {
	// Reading the head and appending must be one transaction, or two writers would fork the chain.
	if (!db.$client.inTransaction) return transaction(db, (tx) => record(tx, event));
	const head = db.select({ id: auditEvents.id, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
	const row: Hashed = {
		id: (head?.id ?? 0) + 1,
		at: new Date().toISOString(),
		userId: event.userId,
		action: event.action,
		entity: event.entity,
		entityId: String(event.entityId),
		before: event.before === undefined ? null : JSON.stringify(event.before),
		after: event.after === undefined ? null : JSON.stringify(event.after),
		prevHash: head?.hash ?? null
	};
	db.insert(auditEvents)
		.values({ ...row, hash: eventHash(row) })
		.run();
}

export interface ChainBreak {
	/** id of the first event that does not fit */
	id: number;
	problem: 'edited' | 'gap' | 'unhashed';
	detail: string;
}

export interface ChainReport {
	events: number;
	/** events written before the chain existed (migration 0004), not covered */
	unhashed: number;
	/** hash of the last event: record it elsewhere (with the backups) to detect a truncated tail */
	head: string | null;
	lastId: number | null;
	breaks: ChainBreak[];
}

/**
 * Recomputes every hash in id order. A changed event no longer matches its hash ("edited"); a removed or
 * inserted event breaks the link to the one before ("gap"). Reads in pages so a long trail stays small in memory.
 */
export function verifyChain(db: Db, opts: { maxBreaks?: number } = {}): ChainReport {
	const maxBreaks = opts.maxBreaks ?? 20;
	const report: ChainReport = { events: 0, unhashed: 0, head: null, lastId: null, breaks: [] };
	const page = db.$client.prepare(
		'SELECT id, at, user_id AS userId, action, entity, entity_id AS entityId, before, after, prev_hash AS prevHash, hash ' +
			'FROM audit_events WHERE id > ? ORDER BY id LIMIT 5000'
	);
	let prev: { id: number; hash: string | null } | null = null;
	let chainStarted = false;
	for (let after = 0; ;) {
		const rows = page.all(after) as AuditEvent[];
		if (rows.length === 0) break;
		for (const e of rows) {
			report.events++;
			const add = (b: ChainBreak) => {
				if (report.breaks.length < maxBreaks) report.breaks.push(b);
			};
			if (e.hash === null) {
				if (chainStarted) add({ id: e.id, problem: 'unhashed', detail: `event ${e.id} has no hash although the chain started before it` });
				else report.unhashed++;
			} else {
				if (!chainStarted) {
					chainStarted = true;
					// The first hashed event links to nothing, or to the last event before the chain (null hash).
					if (e.prevHash !== null) add({ id: e.id, problem: 'gap', detail: `event ${e.id} is the first of the chain but names a previous hash` });
				} else if (prev && e.prevHash !== prev.hash) {
					add({
						id: e.id,
						problem: 'gap',
						detail: `event ${e.id} does not follow event ${prev.id}: an event between them was removed or inserted, or event ${prev.id} was rewritten`
					});
				}
				if (prev && e.id !== prev.id + 1) add({ id: e.id, problem: 'gap', detail: `ids jump from ${prev.id} to ${e.id}` });
				if (eventHash(e) !== e.hash)
					add({
						id: e.id,
						problem: 'edited',
						detail: `event ${e.id} (${e.action} ${e.entity} ${e.entityId}) does not match its hash: it was changed after it was written`
					});
			}
			prev = { id: e.id, hash: e.hash };
			report.head = e.hash;
			report.lastId = e.id;
		}
		after = rows[rows.length - 1]!.id;
	}
	return report;
}

/** Number of events (for tests and reports). */
export function count(db: Db): number {
	return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_events`)!.n;
}

export interface AuditRow {
	id: number;
	at: string;
	userId: number | null;
	userName: string | null;
	userEmail: string | null;
	action: string;
	entity: string;
	entityId: string;
	before: string | null;
	after: string | null;
	hash: string | null;
}

function where(f: AuditFilters) {
	const conds = [];
	if (f.user) conds.push(eq(auditEvents.userId, f.user));
	if (f.entity) conds.push(eq(auditEvents.entity, f.entity));
	if (f.action) conds.push(eq(auditEvents.action, f.action));
	// `at` is an ISO timestamp: whole days compare as strings (audit_at_idx).
	if (f.from) conds.push(gte(auditEvents.at, f.from));
	if (f.to) conds.push(lt(auditEvents.at, `${f.to}T99`));
	return conds.length ? and(...conds) : undefined;
}

const rowColumns = {
	id: auditEvents.id,
	at: auditEvents.at,
	userId: auditEvents.userId,
	userName: users.name,
	userEmail: users.email,
	action: auditEvents.action,
	entity: auditEvents.entity,
	entityId: auditEvents.entityId,
	before: auditEvents.before,
	after: auditEvents.after,
	hash: auditEvents.hash
};

/** One page of the trail, newest first, filtered and paged in SQL. */
export function list(db: Db, f: AuditFilters, pageSize: number): { rows: AuditRow[]; total: number; page: number; pages: number } {
	const total = db
		.select({ n: sql<number>`count(*)` })
		.from(auditEvents)
		.where(where(f))
		.get()!.n;
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(f.page, pages);
	const rows = db
		.select(rowColumns)
		.from(auditEvents)
		.leftJoin(users, eq(users.id, auditEvents.userId))
		.where(where(f))
		.orderBy(desc(auditEvents.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all();
	return { rows, total, page, pages };
}

/** Every event matching the filters, newest first, read a thousand at a time (for the CSV export). */
export function* iterate(db: Db, f: AuditFilters): Generator<AuditRow> {
	for (let before = Number.MAX_SAFE_INTEGER; ;) {
		const rows = db
			.select(rowColumns)
			.from(auditEvents)
			.leftJoin(users, eq(users.id, auditEvents.userId))
			.where(and(where(f), lt(auditEvents.id, before)))
			.orderBy(desc(auditEvents.id))
			.limit(1000)
			.all();
		yield* rows;
		if (rows.length < 1000) return;
		before = rows[rows.length - 1]!.id;
	}
}

/** What the filter menus offer: the people who acted, the entities and actions present. */
export function filterOptions(db: Db) {
	return {
		users: db
			.selectDistinct({ id: users.id, name: users.name, email: users.email })
			.from(users)
			.innerJoin(auditEvents, eq(auditEvents.userId, users.id))
			.orderBy(users.name)
			.all(),
		entities: db
			.selectDistinct({ v: auditEvents.entity })
			.from(auditEvents)
			.orderBy(auditEvents.entity)
			.all()
			.map((r) => r.v),
		actions: db
			.selectDistinct({ v: auditEvents.action })
			.from(auditEvents)
			.orderBy(auditEvents.action)
			.all()
			.map((r) => r.v)
	};
}
