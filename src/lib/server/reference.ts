/**
 * Reference data read by every page: institutions and regions, with what they carry in the plan.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { institutions, measureInstitutions, measureRegions, measures, regions } from './db/schema';

export function listInstitutions(db: Db) {
	const led = db
		.select({
			institutionId: measures.leadInstitutionId,
			n: sql<number>`count(*)`.as('led_n'),
			demo: sql<number>`count(CASE WHEN ${measures.isDemo} THEN 1 END)`.as('led_demo')
		})
		.from(measures)
		.groupBy(measures.leadInstitutionId)
		.as('led');
	const contributed = db
		.select({
			institutionId: measureInstitutions.institutionId,
			n: sql<number>`count(*)`.as('contrib_n'),
			demo: sql<number>`count(CASE WHEN ${measures.isDemo} THEN 1 END)`.as('contrib_demo')
		})
		.from(measureInstitutions)
		.innerJoin(measures, eq(measures.id, measureInstitutions.measureId))
		.groupBy(measureInstitutions.institutionId)
		.as('contributed');
	// What the list shows, not the whole row: the notes, versions and dates of 40 institutions (and
	// SvelteKit's serialized copy of them) weighed a third of the page at national scale.
	const { id, code, kind, isMember, sources, isDemo, nameFr, nameAr, nameEn, acronymFr, acronymAr, acronymEn, shortNameFr, shortNameAr, shortNameEn } =
		institutions;
	const institution = {
		id,
		code,
		kind,
		isMember,
		sources,
		isDemo,
		nameFr,
		nameAr,
		nameEn,
		acronymFr,
		acronymAr,
		acronymEn,
		shortNameFr,
		shortNameAr,
		shortNameEn
	};
	return db
		.select({
			institution,
			leads: sql<number>`coalesce(${led.n}, 0)`,
			contributes: sql<number>`coalesce(${contributed.n}, 0)`,
			// counts of demonstration measures are badged as such
			demoLeads: sql<number>`coalesce(${led.demo}, 0)`,
			demoContributes: sql<number>`coalesce(${contributed.demo}, 0)`
		})
		.from(institutions)
		.leftJoin(led, eq(led.institutionId, institutions.id))
		.leftJoin(contributed, eq(contributed.institutionId, institutions.id))
		.orderBy(sql`${institutions.isMember} DESC`, asc(institutions.id))
		.all();
}

export function listRegions(db: Db) {
	const concerned = db
		.select({
			regionId: measureRegions.regionId,
			n: sql<number>`count(*)`.as('concerned_n'),
			demo: sql<number>`count(CASE WHEN ${measures.isDemo} THEN 1 END)`.as('concerned_demo')
		})
		.from(measureRegions)
		.innerJoin(measures, eq(measures.id, measureRegions.measureId))
		.groupBy(measureRegions.regionId)
		.as('concerned');
	return db
		.select({ region: regions, measures: sql<number>`coalesce(${concerned.n}, 0)`, demoMeasures: sql<number>`coalesce(${concerned.demo}, 0)` })
		.from(regions)
		.leftJoin(concerned, eq(concerned.regionId, regions.id))
		.orderBy(asc(regions.iso))
		.all();
}

export function regionNames(db: Db) {
	return db.select({ iso: regions.iso, nameFr: regions.nameFr, nameAr: regions.nameAr, nameEn: regions.nameEn }).from(regions).orderBy(asc(regions.iso)).all();
}

/** Active institutions for a form's select: id, code and names, members first. */
export function activeInstitutionOptions(db: Db) {
	return db
		.select({ id: institutions.id, code: institutions.code, nameFr: institutions.nameFr, nameAr: institutions.nameAr, nameEn: institutions.nameEn })
		.from(institutions)
		.where(eq(institutions.active, true))
		.orderBy(sql`${institutions.isMember} DESC`, asc(institutions.code))
		.all();
}
