/** The institution aggregate as administrators keep it: create, edit, merge two, deactivate. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { institutions, measureInstitutions, measures, users } from './db/schema';
import * as audit from './audit';
import { conflict, invalid, notFound, nowIso, wrongState, type WriteResult } from './write-result';
import type { InstitutionInput } from '../schemas/institution';

export function getByCode(db: Db, code: string) {
	return db.select().from(institutions).where(eq(institutions.code, code)).get();
}

/** What depends on an institution: said in every confirmation, checked before deactivating. */
export function usage(db: Db, id: number) {
	return db.get<{ leads: number; contributes: number; users: number; activeUsers: number; updates: number }>(sql`SELECT
		(SELECT count(*) FROM measures WHERE lead_institution_id = ${id}) AS leads,
		(SELECT count(*) FROM measure_institutions WHERE institution_id = ${id}) AS contributes,
		(SELECT count(*) FROM users WHERE institution_id = ${id}) AS users,
		(SELECT count(*) FROM users WHERE institution_id = ${id} AND active = 1) AS activeUsers,
		(SELECT count(*) FROM progress_updates WHERE institution_id = ${id}) AS updates`)!;
}

/** Every institution with how many measures it leads and accounts it has (one grouped query each). */
export function list(db: Db) {
	return db.all<{
		id: number;
		code: string;
		nameFr: string;
		nameAr: string | null;
		nameEn: string | null;
		acronymFr: string | null;
		kind: string;
		isMember: number;
		active: number;
		leads: number;
		users: number;
	}>(sql`
		SELECT i.id, i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.acronym_fr AS acronymFr, i.kind, i.is_member AS isMember, i.active,
			coalesce(l.n, 0) AS leads, coalesce(u.n, 0) AS users
		FROM institutions i
		LEFT JOIN (SELECT lead_institution_id AS id, count(*) AS n FROM measures WHERE archived_at IS NULL GROUP BY lead_institution_id) l ON l.id = i.id
		LEFT JOIN (SELECT institution_id AS id, count(*) AS n FROM users WHERE active = 1 GROUP BY institution_id) u ON u.id = i.id
		ORDER BY i.active DESC, i.is_member DESC, i.code`);
}

function fields(input: InstitutionInput) {
	return {
		code: input.code,
		nameFr: input.nameFr,
		nameAr: input.nameAr ?? null,
		nameEn: input.nameEn ?? null,
		acronymFr: input.acronymFr ?? null,
		acronymAr: input.acronymAr ?? null,
		acronymEn: input.acronymEn ?? null,
		shortNameFr: input.shortNameFr ?? null,
		shortNameAr: input.shortNameAr ?? null,
		shortNameEn: input.shortNameEn ?? null,
		kind: input.kind,
		isMember: input.isMember
	};
}

export function create(db: Db, actorId: number, input: InstitutionInput): WriteResult<{ code: string }> {
	return transaction(db, (tx) => {
		if (getByCode(tx, input.code)) return invalid({ code: 'err_code_taken' });
		const row = tx.insert(institutions).values(fields(input)).returning().get();
		audit.record(tx, { userId: actorId, action: 'create', entity: 'institution', entityId: row.id, after: row });
		return { ok: true, value: { code: row.code } };
	});
}

export function update(db: Db, actorId: number, code: string, input: InstitutionInput & { version: number }): WriteResult<{ code: string }> {
	return transaction(db, (tx) => {
		const before = getByCode(tx, code);
		if (!before) return notFound();
		if (before.version !== input.version) return conflict(before);
		if (input.code !== before.code && getByCode(tx, input.code)) return invalid({ code: 'err_code_taken' });
		const after = tx
			.update(institutions)
			.set({ ...fields(input), version: before.version + 1, updatedAt: nowIso() })
			.where(eq(institutions.id, before.id))
			.returning()
			.get();
		audit.record(tx, { userId: actorId, action: 'update', entity: 'institution', entityId: before.id, before, after });
		return { ok: true, value: { code: after.code } };
	});
}

/** Every column of every table that points at an institution, read from the schema so a new table is not forgotten. */
function institutionReferences(db: Db): { table: string; column: string }[] {
	return db.all<{ table: string; column: string }>(sql`SELECT m.name AS "table", f."from" AS "column"
		FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'institutions' ORDER BY m.name, f."from"`);
}

/** Tables whose primary key includes the institution: a merge may make two rows one. */
const LINK_TABLES = new Set(['measure_institutions']);

/**
 * Merges `code` into `into`: its measures (lead and contributions), accounts, reports' history and
 * projects move to the surviving institution; the merged one stays, deactivated, so old links and the
 * audit trail still name it. One transaction, one audit event with what moved.
 */
export function merge(
	db: Db,
	actorId: number,
	code: string,
	input: { version: number; into: number }
): WriteResult<{ into: string; moved: Record<string, number> }> {
	return transaction(db, (tx) => {
		const from = getByCode(tx, code);
		if (!from) return notFound();
		if (from.version !== input.version) return conflict(from);
		const into = tx.select().from(institutions).where(eq(institutions.id, input.into)).get();
		if (!into || !into.active || into.id === from.id) return invalid({ into: 'err_institution_unknown' });
		const moved: Record<string, number> = {};
		for (const ref of institutionReferences(tx)) {
			const t = sql.identifier(ref.table);
			const c = sql.identifier(ref.column);
			// In a link table a row may duplicate one the survivor already has (both contribute to a measure): that one goes.
			// Anywhere else a plain UPDATE, so a broken constraint rolls the whole merge back.
			const linkTable = LINK_TABLES.has(ref.table);
			const n = tx.run(
				linkTable ? sql`UPDATE OR IGNORE ${t} SET ${c} = ${into.id} WHERE ${c} = ${from.id}` : sql`UPDATE ${t} SET ${c} = ${into.id} WHERE ${c} = ${from.id}`
			).changes;
			if (linkTable) tx.run(sql`DELETE FROM ${t} WHERE ${c} = ${from.id}`);
			if (n) moved[`${ref.table}.${ref.column}`] = n;
		}
		// A measure's lead is not also one of its contributors.
		tx.delete(measureInstitutions)
			.where(
				and(
					eq(measureInstitutions.institutionId, into.id),
					sql`${measureInstitutions.measureId} IN (SELECT ${measures.id} FROM ${measures} WHERE ${measures.leadInstitutionId} = ${into.id})`
				)
			)
			.run();
		tx.update(institutions)
			.set({ active: false, note: `merged into ${into.code}`, version: from.version + 1, updatedAt: nowIso() })
			.where(eq(institutions.id, from.id))
			.run();
		audit.record(tx, { userId: actorId, action: 'merge', entity: 'institution', entityId: from.id, before: from, after: { into: into.code, moved } });
		return { ok: true, value: { into: into.code, moved } };
	});
}

/** Deactivated institutions leave the forms' choices; refused while active accounts still speak for it. */
export function setActive(db: Db, actorId: number, code: string, input: { version: number }, active: boolean): WriteResult<{ code: string }> {
	return transaction(db, (tx) => {
		const before = getByCode(tx, code);
		if (!before) return notFound();
		if (before.version !== input.version) return conflict(before);
		if (before.active === active) return wrongState(active ? 'active' : 'inactive');
		if (
			!active &&
			tx
				.select({ n: sql<number>`count(*)` })
				.from(users)
				.where(and(eq(users.institutionId, before.id), eq(users.active, true)))
				.get()!.n > 0
		) {
			return invalid({ _form: 'err_institution_has_users' });
		}
		tx.update(institutions)
			.set({ active, version: before.version + 1, updatedAt: nowIso() })
			.where(eq(institutions.id, before.id))
			.run();
		audit.record(tx, { userId: actorId, action: active ? 'reactivate' : 'deactivate', entity: 'institution', entityId: before.id, before, after: { active } });
		return { ok: true, value: { code: before.code } };
	});
}
