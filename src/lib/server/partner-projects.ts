/**
 * Partner projects: who funds what. A partner records and edits its own organisation's projects; the
 * commission and the admin any. Budgets are integers in minor units of their currency.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { sqlJson, sqlJsonOrNull } from './db/json';
import { institutions, measures, partnerProjectMeasures, partnerProjectRegions, partnerProjects, regions } from './db/schema';
import * as audit from './audit';
import { can, type Actor } from './auth/permissions';
import { conflict, forbidden, invalid, notFound, nowIso, type WriteResult } from './write-result';
import type { PartnerProjectInput } from '../schemas/partner-project';

export type PartnerProject = typeof partnerProjects.$inferSelect;
type Names = {
	code: string;
	nameFr: string;
	nameAr: string | null;
	nameEn: string | null;
	acronymFr: string | null;
	acronymAr: string | null;
	acronymEn: string | null;
	shortNameFr: string | null;
	shortNameAr: string | null;
	shortNameEn: string | null;
};
export type ProjectRow = PartnerProject & { partner: Names; donor: Names | null; measureCodes: string[]; regionCodes: string[] };

const names = (alias: string) =>
	sql.raw(
		`json_object('code', ${alias}.code, 'nameFr', ${alias}.name_fr, 'nameAr', ${alias}.name_ar, 'nameEn', ${alias}.name_en,
			'acronymFr', ${alias}.acronym_fr, 'acronymAr', ${alias}.acronym_ar, 'acronymEn', ${alias}.acronym_en,
			'shortNameFr', ${alias}.short_name_fr, 'shortNameAr', ${alias}.short_name_ar, 'shortNameEn', ${alias}.short_name_en)`
	);

/**
 * Projects with their partner, donor, measures and regions, in one query. Filter by the partner carrying
 * them, the measure they support, or the code of one.
 */
export function list(db: Db, filter: { partnerId?: number; measureId?: number; code?: string } = {}): ProjectRow[] {
	const where = [sql`1 = 1`];
	if (filter.partnerId !== undefined) where.push(sql`pp.partner_institution_id = ${filter.partnerId}`);
	if (filter.measureId !== undefined) where.push(sql`pp.id IN (SELECT project_id FROM partner_project_measures WHERE measure_id = ${filter.measureId})`);
	if (filter.code !== undefined) where.push(sql`pp.code = ${filter.code}`);
	const rows = db.all<Record<string, unknown>>(sql`
		SELECT pp.id, pp.code, pp.partner_institution_id AS partnerInstitutionId, pp.donor_institution_id AS donorInstitutionId,
			pp.donor_name AS donorName, pp.title_fr AS titleFr, pp.title_ar AS titleAr, pp.title_en AS titleEn,
			pp.start_date AS startDate, pp.end_date AS endDate, pp.budget_minor AS budgetMinor, pp.currency, pp.status,
			pp.iati_identifier AS iatiIdentifier, pp.note, pp.sources, pp.is_demo AS isDemo, pp.version,
			pp.created_at AS createdAt, pp.updated_at AS updatedAt,
			${names('p')} AS partner, CASE WHEN d.id IS NULL THEN NULL ELSE ${names('d')} END AS donor,
			(SELECT json_group_array(code) FROM (SELECT m.code FROM partner_project_measures pm JOIN measures m ON m.id = pm.measure_id
				WHERE pm.project_id = pp.id ORDER BY m.code)) AS measureCodes,
			(SELECT json_group_array(iso) FROM (SELECT r.iso FROM partner_project_regions pr JOIN regions r ON r.id = pr.region_id
				WHERE pr.project_id = pp.id ORDER BY r.iso)) AS regionCodes
		FROM partner_projects pp
		JOIN institutions p ON p.id = pp.partner_institution_id
		LEFT JOIN institutions d ON d.id = pp.donor_institution_id
		WHERE ${sql.join(where, sql` AND `)}
		ORDER BY pp.start_date IS NULL, pp.start_date DESC, pp.code`);
	return rows.map((r) => ({
		...(r as unknown as PartnerProject),
		isDemo: !!r.isDemo,
		partner: sqlJson<Names>(r.partner),
		donor: sqlJsonOrNull<Names>(r.donor),
		measureCodes: sqlJson<string[]>(r.measureCodes),
		regionCodes: sqlJson<string[]>(r.regionCodes)
	}));
}

export function get(db: Db, code: string): ProjectRow | null {
	return list(db, { code })[0] ?? null;
}

/** Institutions a project may name as partner or donor, by code. */
export function institutionChoices(db: Db) {
	return db
		.select({
			id: institutions.id,
			code: institutions.code,
			nameFr: institutions.nameFr,
			nameAr: institutions.nameAr,
			nameEn: institutions.nameEn,
			acronymFr: institutions.acronymFr,
			acronymAr: institutions.acronymAr,
			acronymEn: institutions.acronymEn,
			shortNameFr: institutions.shortNameFr,
			shortNameAr: institutions.shortNameAr,
			shortNameEn: institutions.shortNameEn,
			kind: institutions.kind,
			isMember: institutions.isMember
		})
		.from(institutions)
		.where(eq(institutions.active, true))
		.orderBy(asc(institutions.code))
		.all();
}

export function regionChoices(db: Db) {
	return db
		.select({ iso: regions.iso, nameFr: regions.nameFr, nameAr: regions.nameAr, nameEn: regions.nameEn })
		.from(regions)
		.orderBy(asc(regions.sortOrder), asc(regions.iso))
		.all();
}

/**
 * Records a new project (no `id`) or edits one (with `id` and the `version` the form was opened at). A partner
 * may neither edit another organisation's project nor move its own to another organisation.
 */
export function save(db: Db, actor: Actor, input: PartnerProjectInput): WriteResult<PartnerProject> {
	return transaction(db, (tx) => {
		const errors: Record<string, string> = {};
		const partner = tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, input.partner)).get();
		if (!partner) errors.partner = 'err_institution_unknown';
		const donor = input.donor ? tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.code, input.donor)).get() : undefined;
		if (input.donor && !donor) errors.donor = 'err_institution_unknown';
		const measureRows = input.measures.length
			? tx.select({ id: measures.id, code: measures.code }).from(measures).where(inArray(measures.code, input.measures)).all()
			: [];
		if (measureRows.length !== input.measures.length) errors.measures = 'err_measure_unknown';
		const regionRows = input.regions.length ? tx.select({ id: regions.id }).from(regions).where(inArray(regions.iso, input.regions)).all() : [];
		if (regionRows.length !== new Set(input.regions).size) errors.regions = 'err_region_unknown';
		if (partner && !can(actor, 'partner_project.manage', { partnerInstitutionId: partner.id })) return forbidden('project_other_partner');

		const before = input.id !== undefined ? tx.select().from(partnerProjects).where(eq(partnerProjects.id, input.id)).get() : undefined;
		if (input.id !== undefined) {
			if (!before) return notFound();
			if (!can(actor, 'partner_project.manage', { partnerInstitutionId: before.partnerInstitutionId })) return forbidden('project_other_partner');
			if (before.version !== input.version) return conflict(before);
		}
		const sameCode = tx.select({ id: partnerProjects.id }).from(partnerProjects).where(eq(partnerProjects.code, input.code)).get();
		if (sameCode && sameCode.id !== before?.id) errors.code = 'err_project_code_taken';
		if (Object.keys(errors).length) return invalid(errors);

		const values = {
			code: input.code,
			partnerInstitutionId: partner!.id,
			donorInstitutionId: donor?.id ?? null,
			donorName: input.donorName ?? null,
			titleFr: input.titleFr,
			titleAr: input.titleAr ?? null,
			titleEn: input.titleEn ?? null,
			startDate: input.startDate ?? null,
			endDate: input.endDate ?? null,
			budgetMinor: input.budgetMinor,
			currency: input.currency ?? null,
			status: input.status,
			iatiIdentifier: input.iatiIdentifier ?? null
		};
		const at = nowIso();
		const after = before
			? tx
					.update(partnerProjects)
					.set({ ...values, version: before.version + 1, updatedAt: at })
					.where(and(eq(partnerProjects.id, before.id), eq(partnerProjects.version, before.version)))
					.returning()
					.get()
			: tx.insert(partnerProjects).values(values).returning().get();
		const beforeLinks = before ? links(tx, before.id) : undefined;
		tx.delete(partnerProjectMeasures).where(eq(partnerProjectMeasures.projectId, after.id)).run();
		tx.delete(partnerProjectRegions).where(eq(partnerProjectRegions.projectId, after.id)).run();
		if (measureRows.length)
			tx.insert(partnerProjectMeasures)
				.values(measureRows.map((m) => ({ projectId: after.id, measureId: m.id })))
				.run();
		if (regionRows.length)
			tx.insert(partnerProjectRegions)
				.values(regionRows.map((r) => ({ projectId: after.id, regionId: r.id })))
				.run();
		audit.record(tx, {
			userId: actor.id,
			action: before ? 'update' : 'create',
			entity: 'partner_project',
			entityId: after.id,
			before: before ? { ...before, ...beforeLinks } : undefined,
			after: { ...after, measures: input.measures.slice().sort(), regions: input.regions.slice().sort() }
		});
		return { ok: true, value: after };
	});
}

/**
 * Deletes a project (its measure and region links go with it), one transaction with an audit event that keeps
 * what was deleted. Refused for another organisation's project (a partner) and for a stale version.
 */
export function remove(db: Db, actor: Actor, input: { code: string; version: number }): WriteResult<PartnerProject> {
	return transaction(db, (tx) => {
		const before = tx.select().from(partnerProjects).where(eq(partnerProjects.code, input.code)).get();
		if (!before) return notFound();
		if (!can(actor, 'partner_project.manage', { partnerInstitutionId: before.partnerInstitutionId })) return forbidden('project_other_partner');
		if (before.version !== input.version) return conflict(before);
		const beforeLinks = links(tx, before.id);
		tx.delete(partnerProjects)
			.where(and(eq(partnerProjects.id, before.id), eq(partnerProjects.version, before.version)))
			.run();
		audit.record(tx, { userId: actor.id, action: 'delete', entity: 'partner_project', entityId: before.id, before: { ...before, ...beforeLinks } });
		return { ok: true, value: before };
	});
}

function links(db: Db, projectId: number) {
	const ms = db
		.select({ code: measures.code })
		.from(partnerProjectMeasures)
		.innerJoin(measures, eq(measures.id, partnerProjectMeasures.measureId))
		.where(eq(partnerProjectMeasures.projectId, projectId))
		.orderBy(asc(measures.code))
		.all();
	const rs = db
		.select({ iso: regions.iso })
		.from(partnerProjectRegions)
		.innerJoin(regions, eq(regions.id, partnerProjectRegions.regionId))
		.where(eq(partnerProjectRegions.projectId, projectId))
		.orderBy(asc(regions.iso))
		.all();
	return { measures: ms.map((m) => m.code), regions: rs.map((r) => r.iso) };
}
