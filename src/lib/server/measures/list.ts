/**
 * The measures list: one page of measures matching the filters, and the choices of its filter form.
 */
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { flagSql } from '../flags-sql';
import { likePattern } from '../sql-like';
import { institutionLabelColumns, measureRowColumns } from '../columns';
import type { MeasureFilters } from '../../schemas/measure';
import { axes, institutions, measures, objectives, plans, recommendations, regions } from '../db/schema';

// The 3P+P order, governance and measures without a pillar last.
const pillarOrder = sql`CASE ${measures.pillar}
	WHEN 'prevention' THEN 1 WHEN 'protection' THEN 2 WHEN 'prosecution' THEN 3 WHEN 'partnership' THEN 4 WHEN 'governance' THEN 5
	ELSE 6 END`;

export interface ListOptions {
	today: string;
	locale: 'fr' | 'ar' | 'en';
	pageSize?: number;
}

/**
 * One page of measures matching the filters, with the derived flags computed by SQL, and the total.
 * Every filter is a sargable condition or an `IN (subquery)` on an indexed link table.
 */
export function listMeasures(db: Db, f: MeasureFilters, opts: ListOptions) {
	const flags = flagSql(opts.today);
	// An archived measure has left the live plan (its page still answers).
	const conds: SQL[] = [sql`${measures.archivedAt} IS NULL`];
	if (f.plan) conds.push(eq(plans.code, f.plan));
	if (f.axis) conds.push(eq(axes.code, f.axis));
	if (f.objective) conds.push(eq(objectives.code, f.objective));
	if (f.status) conds.push(eq(measures.status, f.status));
	if (f.pillar) conds.push(eq(measures.pillar, f.pillar));
	if (f.institution) {
		const inst = sql`(SELECT id FROM institutions WHERE code = ${f.institution})`;
		conds.push(
			sql`(${measures.leadInstitutionId} = ${inst} OR ${measures.id} IN (SELECT measure_id FROM measure_institutions WHERE institution_id = ${inst}))`
		);
	}
	if (f.region) {
		conds.push(sql`${measures.id} IN (SELECT measure_id FROM measure_regions WHERE region_id = (SELECT id FROM regions WHERE iso = ${f.region}))`);
	}
	if (f.recommendation) {
		conds.push(
			sql`${measures.id} IN (SELECT rm.measure_id FROM recommendation_measures rm
				JOIN recommendations r ON r.id = rm.recommendation_id WHERE r.code = ${f.recommendation})`
		);
	}
	if (f.overdue) conds.push(flags.overdue);
	if (f.atRisk) conds.push(flags.atRisk);
	if (f.q) {
		const p = likePattern(f.q);
		const localTitle = opts.locale === 'ar' ? measures.titleAr : opts.locale === 'en' ? measures.titleEn : measures.titleFr;
		// A measure that moved is still found under the code it had.
		conds.push(
			sql`(${measures.code} LIKE ${p} ESCAPE '\\' OR ${localTitle} LIKE ${p} ESCAPE '\\' OR ${measures.titleFr} LIKE ${p} ESCAPE '\\'
				OR ${measures.id} IN (SELECT measure_id FROM measure_former_codes WHERE code LIKE ${p} ESCAPE '\\'))`
		);
	}
	const where = conds.length ? and(...conds) : undefined;

	const direction = f.dir === 'desc' ? desc : asc;
	const order =
		f.sort === 'deadline'
			? [direction(measures.deadline), asc(measures.code)]
			: f.sort === 'progress'
				? [direction(measures.progress), asc(measures.code)]
				: f.sort === 'updated'
					? [sql`${measures.lastValidatedAt} IS NULL`, direction(measures.lastValidatedAt), asc(measures.code)]
					: f.sort === 'pillar'
						? // grouped in the 3P+P order, governance and measures without a pillar last
							[direction(pillarOrder), asc(measures.code)]
						: f.sort === 'plan'
							? // as the plan reads: each level in the order the editor gives it (the code breaks a tie)
								[plans.sortOrder, plans.code, axes.sortOrder, axes.code, objectives.sortOrder, objectives.code, measures.sortOrder, measures.code].map((c) =>
									direction(c)
								)
							: [direction(measures.code)];

	const base = () =>
		db
			.select({ n: sql<number>`count(*)` })
			.from(measures)
			.innerJoin(objectives, eq(objectives.id, measures.objectiveId))
			.innerJoin(axes, eq(axes.id, objectives.axisId))
			.innerJoin(plans, eq(plans.id, axes.planId));
	const total = base().where(where).get()?.n ?? 0;

	const pageSize = opts.pageSize ?? 50;
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(f.page, pages);
	const rows = db
		.select({
			...measureRowColumns,
			pillar: measures.pillar,
			planCode: plans.code,
			axisCode: axes.code,
			overdue: sql<number>`${flags.overdue}`,
			atRisk: sql<number>`${flags.atRisk}`,
			stale: sql<number>`${flags.stale}`
		})
		.from(measures)
		.innerJoin(objectives, eq(objectives.id, measures.objectiveId))
		.innerJoin(axes, eq(axes.id, objectives.axisId))
		.innerJoin(plans, eq(plans.id, axes.planId))
		.innerJoin(institutions, eq(institutions.id, measures.leadInstitutionId))
		.where(where)
		.orderBy(...order)
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all()
		.map((r) => ({ ...r, overdue: !!r.overdue, atRisk: !!r.atRisk, stale: !!r.stale }));
	return { rows, total, page, pages, pageSize };
}

/** The choices offered by the list's filter form. */
export function filterOptions(db: Db) {
	return {
		plans: db
			.select({ code: plans.code, titleFr: plans.titleFr, titleAr: plans.titleAr, titleEn: plans.titleEn })
			.from(plans)
			.where(isNull(plans.archivedAt))
			.orderBy(asc(plans.sortOrder))
			.all(),
		axes: db
			.select({ code: axes.code, planCode: plans.code, titleFr: axes.titleFr, titleAr: axes.titleAr, titleEn: axes.titleEn })
			.from(axes)
			.innerJoin(plans, eq(plans.id, axes.planId))
			.orderBy(asc(plans.sortOrder), asc(axes.sortOrder))
			.all(),
		institutions: db.select(institutionLabelColumns).from(institutions).where(eq(institutions.isMember, true)).orderBy(asc(institutions.id)).all(),
		regions: db
			.select({ iso: regions.iso, nameFr: regions.nameFr, nameAr: regions.nameAr, nameEn: regions.nameEn })
			.from(regions)
			.orderBy(asc(regions.iso))
			.all(),
		recommendations: db
			.select({
				code: recommendations.code,
				rank: recommendations.rank,
				titleFr: recommendations.titleFr,
				titleAr: recommendations.titleAr,
				titleEn: recommendations.titleEn
			})
			.from(recommendations)
			.orderBy(asc(recommendations.sourceYear), asc(recommendations.rank))
			.all()
	};
}
