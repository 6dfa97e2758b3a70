/**
 * The measure aggregate: a measure with its owners, regions, indicators, links and history.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { list as partnerProjectList } from './partner-projects';
import type { Db } from './db/client';
import { flagSql } from './flags-sql';
import { likePattern } from './sql-like';
import { hasDimension } from '../schemas/json-columns';
import { DUE_SOON_DAYS } from '../domain/status';
import { institutionLabelColumns, measureRowColumns } from './columns';
import type { MeasureFilters } from '../schemas/measure';
import { can, type Actor } from './auth/permissions';
import { suppressBySet } from '../domain/confidentiality';
import { indicatorBreakdowns } from './breakdowns';
import {
	axes,
	indicatorValues,
	indicators,
	institutions,
	measureInstitutions,
	measureRegionStages,
	measureRegions,
	measures,
	objectives,
	plans,
	progressUpdates,
	recommendationMeasures,
	recommendations,
	regions,
	users
} from './db/schema';

const institutionSummary = {
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
	kind: institutions.kind
};

/**
 * A measure's page as `viewer` may see it: the values of its sensitive indicators pass through the
 * confidentiality rule unless the viewer may read small counts (each national value alone, the
 * regions of one indicator and period as a set). Its open work is read apart (`progress-updates`,
 * `indicator-values`, `rollout`), under the same viewer.
 */
export function getMeasure(
	db: Db,
	code: string,
	viewer: Actor | null | undefined,
	opts: { breakdownPeriod?: string | null; breakdownRegion?: string | null } = {}
) {
	const row = db
		.select({ measure: measures, objective: objectives, axis: axes, plan: plans, lead: institutionSummary })
		.from(measures)
		.innerJoin(objectives, eq(objectives.id, measures.objectiveId))
		.innerJoin(axes, eq(axes.id, objectives.axisId))
		.innerJoin(plans, eq(plans.id, axes.planId))
		.innerJoin(institutions, eq(institutions.id, measures.leadInstitutionId))
		.where(eq(measures.code, code))
		.get();
	if (!row) return null;
	const id = row.measure.id;

	const contributors = db
		.select(institutionSummary)
		.from(measureInstitutions)
		.innerJoin(institutions, eq(institutions.id, measureInstitutions.institutionId))
		.where(eq(measureInstitutions.measureId, id))
		.orderBy(asc(institutions.code))
		.all();

	const regionRows = db
		.select({ iso: regions.iso, nameFr: regions.nameFr, nameAr: regions.nameAr, nameEn: regions.nameEn })
		.from(measureRegions)
		.innerJoin(regions, eq(regions.id, measureRegions.regionId))
		.where(eq(measureRegions.measureId, id))
		.orderBy(asc(regions.iso))
		.all();

	const indicatorRows = db.select().from(indicators).where(eq(indicators.measureId, id)).orderBy(asc(indicators.sortOrder), asc(indicators.code)).all();

	// National current values per indicator and period, for the small tables of the measure page.
	const values = indicatorRows.length
		? db
				.select({
					indicatorId: indicatorValues.indicatorId,
					period: indicatorValues.period,
					periodStart: indicatorValues.periodStart,
					value: indicatorValues.value,
					isDemo: indicatorValues.isDemo,
					source: indicatorValues.source
				})
				.from(indicatorValues)
				.where(
					and(
						inArray(
							indicatorValues.indicatorId,
							indicatorRows.map((i) => i.id)
						),
						eq(indicatorValues.isCurrent, true),
						sql`${indicatorValues.regionId} IS NULL`,
						sql`${indicatorValues.sex} IS NULL AND ${indicatorValues.ageGroup} IS NULL AND ${indicatorValues.exploitation} IS NULL AND ${indicatorValues.nationality} IS NULL`
					)
				)
				.orderBy(asc(indicatorValues.periodStart))
				.all()
		: [];

	// Current values per region (totals only) of the indicators broken down by region.
	const regionValues = indicatorRows.some((i) => hasDimension(i.dimensions, 'region'))
		? db
				.select({
					indicatorId: indicatorValues.indicatorId,
					period: indicatorValues.period,
					periodStart: indicatorValues.periodStart,
					iso: regions.iso,
					value: indicatorValues.value,
					isDemo: indicatorValues.isDemo
				})
				.from(indicatorValues)
				.innerJoin(regions, eq(regions.id, indicatorValues.regionId))
				.where(
					and(
						inArray(
							indicatorValues.indicatorId,
							indicatorRows.map((i) => i.id)
						),
						eq(indicatorValues.isCurrent, true),
						sql`${indicatorValues.sex} IS NULL AND ${indicatorValues.ageGroup} IS NULL AND ${indicatorValues.exploitation} IS NULL AND ${indicatorValues.nationality} IS NULL`
					)
				)
				.orderBy(asc(indicatorValues.periodStart), asc(regions.iso))
				.all()
		: [];

	const recs = db
		.select({
			code: recommendations.code,
			rank: recommendations.rank,
			titleFr: recommendations.titleFr,
			titleAr: recommendations.titleAr,
			titleEn: recommendations.titleEn,
			isDemo: recommendations.isDemo
		})
		.from(recommendationMeasures)
		.innerJoin(recommendations, eq(recommendations.id, recommendationMeasures.recommendationId))
		.where(eq(recommendationMeasures.measureId, id))
		.orderBy(asc(recommendations.rank))
		.all();

	const projects = partnerProjectList(db, { measureId: id });

	const history = db
		.select({
			id: progressUpdates.id,
			period: progressUpdates.period,
			status: progressUpdates.status,
			progress: progressUpdates.progress,
			narrativeFr: progressUpdates.narrativeFr,
			narrativeAr: progressUpdates.narrativeAr,
			narrativeEn: progressUpdates.narrativeEn,
			reviewedAt: progressUpdates.reviewedAt,
			submittedAt: progressUpdates.submittedAt,
			isDemo: progressUpdates.isDemo,
			authorName: users.name
		})
		.from(progressUpdates)
		.leftJoin(users, eq(users.id, progressUpdates.authorId))
		.where(and(eq(progressUpdates.measureId, id), eq(progressUpdates.state, 'validated')))
		.orderBy(desc(progressUpdates.reviewedAt))
		.all();

	const stages = row.measure.regionalRollout
		? db
				.select({
					iso: regions.iso,
					nameFr: regions.nameFr,
					nameAr: regions.nameAr,
					nameEn: regions.nameEn,
					stage: measureRegionStages.stage,
					since: measureRegionStages.since,
					isDemo: measureRegionStages.isDemo
				})
				.from(measureRegionStages)
				.innerJoin(regions, eq(regions.id, measureRegionStages.regionId))
				.where(
					and(
						eq(measureRegionStages.measureId, id),
						eq(measureRegionStages.state, 'validated'),
						// the latest validated stage of each region
						sql`${measureRegionStages.id} = (SELECT s2.id FROM measure_region_stages s2 WHERE s2.measure_id = ${measureRegionStages.measureId} AND s2.region_id = ${measureRegionStages.regionId} AND s2.state = 'validated' ORDER BY s2.since DESC, s2.id DESC LIMIT 1)`
					)
				)
				.orderBy(asc(regions.iso))
				.all()
		: [];

	const mask = !can(viewer, 'dashboard.read_small_counts');
	const sensitive = new Set(indicatorRows.filter((i) => i.sensitive).map((i) => i.id));
	const isSensitive = (v: { indicatorId: number }) => mask && sensitive.has(v.indicatorId);
	const breakdowns = indicatorBreakdowns(
		db,
		indicatorRows.map((i) => i.code),
		{ mask, period: opts.breakdownPeriod ?? null, regionIso: opts.breakdownRegion ?? null }
	);
	// A total a breakdown table hides (its parts would give it back) is hidden in the value tables too.
	const hiddenTotals = new Set(breakdowns.flatMap((b) => b.maskedTotals.map((k) => `${b.code}|${k}`)));
	const codeOf = new Map(indicatorRows.map((i) => [i.id, i.code]));
	const hideTotal = <T extends { value: number | null; masked: boolean }>(v: T, key: string): T =>
		hiddenTotals.has(key) ? { ...v, value: null, masked: true } : v;
	return {
		...row,
		contributors,
		regions: regionRows,
		indicators: indicatorRows,
		values: suppressBySet(values, isSensitive, (v) => `${v.indicatorId} ${v.period}`, { partOfTotal: false }).map((v) =>
			hideTotal(v, `${codeOf.get(v.indicatorId)}||${v.period}`)
		),
		regionValues: suppressBySet(regionValues, isSensitive, (v) => `${v.indicatorId} ${v.period}`).map((v) =>
			hideTotal(v, `${codeOf.get(v.indicatorId)}|${v.iso}|${v.period}`)
		),
		breakdowns,
		recommendations: recs,
		projects,
		history,
		stages
	};
}

export type MeasureDetail = NonNullable<ReturnType<typeof getMeasure>>;

// ─── The measures list ─────────────────────────────────────────────────────────────────────────

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
			sql`${measures.id} IN (SELECT rm.measure_id FROM recommendation_measures rm JOIN recommendations r ON r.id = rm.recommendation_id WHERE r.code = ${f.recommendation})`
		);
	}
	if (f.overdue) conds.push(flags.overdue);
	if (f.atRisk) conds.push(flags.atRisk);
	if (f.q) {
		const p = likePattern(f.q);
		const localTitle = opts.locale === 'ar' ? measures.titleAr : opts.locale === 'en' ? measures.titleEn : measures.titleFr;
		// A measure that moved is still found under the code it had.
		conds.push(
			sql`(${measures.code} LIKE ${p} ESCAPE '\\' OR ${localTitle} LIKE ${p} ESCAPE '\\' OR ${measures.titleFr} LIKE ${p} ESCAPE '\\' OR ${measures.id} IN (SELECT measure_id FROM measure_former_codes WHERE code LIKE ${p} ESCAPE '\\'))`
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
							[
								direction(
									sql`CASE ${measures.pillar} WHEN 'prevention' THEN 1 WHEN 'protection' THEN 2 WHEN 'prosecution' THEN 3 WHEN 'partnership' THEN 4 WHEN 'governance' THEN 5 ELSE 6 END`
								),
								asc(measures.code)
							]
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

/** Just enough of a measure to authorize and address a write. */
/** The current code of a measure that had `code` before it moved, if any. */
export function movedTo(db: Db, code: string): string | null {
	return db.get<{ code: string }>(sql`SELECT m.code FROM measure_former_codes f JOIN measures m ON m.id = f.measure_id WHERE f.code = ${code}`)?.code ?? null;
}

export function getMeasureRef(db: Db, code: string) {
	return db.select({ id: measures.id, code: measures.code, version: measures.version }).from(measures).where(eq(measures.code, code)).get() ?? null;
}

export function indicatorBelongs(db: Db, indicatorId: number, measureId: number): boolean {
	return !!db
		.select({ id: indicators.id })
		.from(indicators)
		.where(and(eq(indicators.id, indicatorId), eq(indicators.measureId, measureId)))
		.get();
}

/**
 * A focal point's work: the measures its institution leads or contributes to, what is open on each
 * and what is due. Returned and draft items come first, then what has no report for the period.
 */
export function workOf(db: Db, institutionId: number, today: string, period: string) {
	const flags = flagSql(today, 'm');
	const rows = db.all<{
		id: number;
		code: string;
		titleFr: string;
		titleAr: string | null;
		titleEn: string | null;
		status: MeasureFilters['status'] & string;
		progress: number;
		deadline: string;
		role: 'lead' | 'contributor';
		openState: string | null;
		openId: number | null;
		reviewComment: string | null;
		reportedThisPeriod: number;
		dueSoon: number;
		overdue: number;
		atRisk: number;
		stale: number;
		isDemo: number;
	}>(sql`
		SELECT m.id, m.code, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn, m.status, m.progress, m.deadline, m.is_demo AS isDemo,
			CASE WHEN m.lead_institution_id = ${institutionId} THEN 'lead' ELSE 'contributor' END AS role,
			u.state AS openState, u.id AS openId, u.review_comment AS reviewComment,
			EXISTS (SELECT 1 FROM progress_updates p WHERE p.measure_id = m.id AND p.period = ${period} AND p.state IN ('validated','submitted')) AS reportedThisPeriod,
			(m.status NOT IN ('completed','cancelled') AND m.deadline >= ${today} AND julianday(m.deadline) - julianday(${today}) <= ${DUE_SOON_DAYS}) AS dueSoon,
			${flags.overdue} AS overdue, ${flags.atRisk} AS atRisk, ${flags.stale} AS stale
		FROM measures m
		LEFT JOIN progress_updates u ON u.measure_id = m.id AND u.state IN ('draft','submitted','returned')
		WHERE m.lead_institution_id = ${institutionId}
			OR m.id IN (SELECT measure_id FROM measure_institutions WHERE institution_id = ${institutionId})
		ORDER BY CASE u.state WHEN 'returned' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END,
			reportedThisPeriod, m.deadline, m.code`);
	return rows.map((r) => ({
		...r,
		reportedThisPeriod: !!r.reportedThisPeriod,
		dueSoon: !!r.dueSoon,
		overdue: !!r.overdue,
		atRisk: !!r.atRisk,
		stale: !!r.stale,
		isDemo: !!r.isDemo
	}));
}
