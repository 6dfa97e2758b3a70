/**
 * A measure's page: the measure with its owners, regions, indicators and their values, links and history.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { list as partnerProjectList } from '../partner-projects';
import type { Db } from '../db/client';
import { hasDimension } from '../../schemas/json-columns';
import { can, type Actor } from '../auth/permissions';
import { suppressBySet } from '../../domain/confidentiality';
import { indicatorBreakdowns } from '../breakdowns';
import { institutionLabelColumns } from '../columns';
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
} from '../db/schema';

// A value of no breakdown but the region (a national or regional total).
const noBreakdown = sql`${indicatorValues.sex} IS NULL AND ${indicatorValues.ageGroup} IS NULL
	AND ${indicatorValues.exploitation} IS NULL AND ${indicatorValues.nationality} IS NULL`;

// The latest validated stage of each region.
const latestValidatedStage = sql`${measureRegionStages.id} = (
	SELECT s2.id FROM measure_region_stages s2
	WHERE s2.measure_id = ${measureRegionStages.measureId} AND s2.region_id = ${measureRegionStages.regionId} AND s2.state = 'validated'
	ORDER BY s2.since DESC, s2.id DESC LIMIT 1)`;

const institutionSummary = { id: institutions.id, ...institutionLabelColumns, kind: institutions.kind };

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
						noBreakdown
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
						noBreakdown
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
				.where(and(eq(measureRegionStages.measureId, id), eq(measureRegionStages.state, 'validated'), latestValidatedStage))
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
