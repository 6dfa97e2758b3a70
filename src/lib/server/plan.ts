/**
 * The plan aggregate: plans, their axes and objectives, read for the plan browser.
 * Roll-ups (weighted progress, counts) are computed by SQL; cancelled measures do not count.
 */
import { and, asc, eq, isNotNull, isNull, lte, sql, type AnyColumn } from 'drizzle-orm';
import type { Db } from './db/client';
import { measureRowColumns } from './columns';
import { axes, measures, objectives, plans, institutions, recommendations } from './db/schema';
import { weightedProgressSql as progressOf } from './progress-sql';

/** Weighted mean progress of non-cancelled measures, as a SQL expression over `measures`. */
export const weightedProgressSql = progressOf(measures);
const measureCountSql = sql<number>`count(${measures.id})`;
const completedCountSql = sql<number>`count(CASE WHEN ${measures.status} = 'completed' THEN 1 END)`;

export function listPlans(db: Db) {
	const rollup = db
		.select({
			planId: axes.planId,
			axisCount: sql<number>`count(DISTINCT ${axes.id})`.as('axis_count'),
			reconstructedAxes: sql<number>`count(DISTINCT CASE WHEN ${axes.reconstructed} THEN ${axes.id} END)`.as('reconstructed_axes'),
			// a subquery's computed columns need aliases; the expressions are the shared ones
			measureCount: measureCountSql.as('measure_count'),
			completed: completedCountSql.as('completed'),
			progress: weightedProgressSql.as('progress')
		})
		.from(axes)
		.leftJoin(objectives, eq(objectives.axisId, axes.id))
		// archived measures have left the live plan
		.leftJoin(measures, and(eq(measures.objectiveId, objectives.id), isNull(measures.archivedAt)))
		.groupBy(axes.planId)
		.as('rollup');
	const recs = db
		.select({ planId: recommendations.planId, recommendationCount: sql<number>`count(*)`.as('recommendation_count') })
		.from(recommendations)
		.groupBy(recommendations.planId)
		.as('recs');
	// An archived plan has left the live plan (its page and its reports still answer).
	return db
		.select({
			plan: plans,
			axisCount: sql<number>`coalesce(${rollup.axisCount}, 0)`,
			reconstructedAxes: sql<number>`coalesce(${rollup.reconstructedAxes}, 0)`,
			measureCount: sql<number>`coalesce(${rollup.measureCount}, 0)`,
			completed: sql<number>`coalesce(${rollup.completed}, 0)`,
			progress: rollup.progress,
			recommendationCount: sql<number>`coalesce(${recs.recommendationCount}, 0)`
		})
		.from(plans)
		.leftJoin(rollup, eq(rollup.planId, plans.id))
		.leftJoin(recs, eq(recs.planId, plans.id))
		.where(isNull(plans.archivedAt))
		.orderBy(asc(plans.sortOrder), asc(plans.startDate))
		.all();
}

/** The archived plans, last archived first: out of the live plan and its dashboards, their pages still answer. */
export function listArchivedPlans(db: Db) {
	return db
		.select({
			id: plans.id,
			code: plans.code,
			kind: plans.kind,
			titleFr: plans.titleFr,
			titleAr: plans.titleAr,
			titleEn: plans.titleEn,
			startDate: plans.startDate,
			endDate: plans.endDate,
			archivedAt: plans.archivedAt
		})
		.from(plans)
		.where(isNotNull(plans.archivedAt))
		.orderBy(sql`${plans.archivedAt} DESC`, asc(plans.code))
		.all();
}

export function getPlan(db: Db, code: string) {
	const plan = db.select().from(plans).where(eq(plans.code, code)).get();
	if (!plan) return null;
	const parent = plan.parentId ? db.select().from(plans).where(eq(plans.id, plan.parentId)).get() : undefined;
	// What the page shows of the structure: the live items of a live plan; of an archived plan, what was
	// archived with it (as it stood then), not what had been archived on its own before.
	const shown = (column: AnyColumn) => sql`${column} IS ${plan.archivedAt}`;
	const axisRows = db
		.select({
			axis: axes,
			objectiveCount: sql<number>`count(DISTINCT ${objectives.id})`,
			measureCount: measureCountSql,
			completed: completedCountSql,
			progress: weightedProgressSql
		})
		.from(axes)
		.leftJoin(objectives, eq(objectives.axisId, axes.id))
		.leftJoin(measures, and(eq(measures.objectiveId, objectives.id), shown(measures.archivedAt)))
		.where(and(eq(axes.planId, plan.id), shown(axes.archivedAt)))
		.groupBy(axes.id)
		.orderBy(asc(axes.sortOrder), asc(axes.code))
		.all();
	const objectiveRows = db
		.select({
			objective: objectives,
			measureCount: measureCountSql,
			progress: weightedProgressSql
		})
		.from(objectives)
		.innerJoin(axes, eq(axes.id, objectives.axisId))
		.leftJoin(measures, and(eq(measures.objectiveId, objectives.id), shown(measures.archivedAt)))
		.where(and(eq(axes.planId, plan.id), shown(axes.archivedAt), shown(objectives.archivedAt)))
		.groupBy(objectives.id)
		.orderBy(asc(objectives.sortOrder), asc(objectives.code))
		.all();
	const recommendationRows = db.select().from(recommendations).where(eq(recommendations.planId, plan.id)).orderBy(asc(recommendations.rank)).all();
	const children = db.select().from(plans).where(eq(plans.parentId, plan.id)).orderBy(asc(plans.sortOrder)).all();
	return { plan, parent: parent ?? null, children, axes: axisRows, objectives: objectiveRows, recommendations: recommendationRows };
}

/**
 * How many measures the axis page lists under each objective (the measures list has them all): about
 * AXIS_PAGE_MEASURES in all, spread over the objectives, 3 to 25 each. A real axis has a few
 * objectives of a handful of measures, so nothing is cut; at national scale (25 objectives of 50
 * measures) the page stays readable and light instead of rendering every measure.
 */
export const AXIS_PAGE_MEASURES = 100;
export function measuresPerObjective(objectives: number): number {
	return Math.min(25, Math.max(3, Math.floor(AXIS_PAGE_MEASURES / Math.max(1, objectives))));
}

export function getAxis(db: Db, code: string) {
	const row = db.select({ axis: axes, plan: plans }).from(axes).innerJoin(plans, eq(plans.id, axes.planId)).where(eq(axes.code, code)).get();
	if (!row) return null;
	const objectiveRows = db
		// Spelled out: drizzle leaves the outer column unqualified in a one-table select.
		.select({
			objective: objectives,
			measureCount: sql<number>`(SELECT count(*) FROM measures x WHERE x.objective_id = "objectives"."id" AND x.archived_at IS NULL)`
		})
		.from(objectives)
		.where(and(eq(objectives.axisId, row.axis.id), isNull(objectives.archivedAt)))
		.orderBy(asc(objectives.sortOrder), asc(objectives.code))
		.all()
		.map((r) => ({ ...r.objective, measureCount: r.measureCount }));
	// The first measures of each objective in the plan's order: a window over the axis's measures, then the rows.
	const firsts = db.$with('firsts').as(
		db
			.select({
				id: measures.id,
				rank: sql<number>`row_number() OVER (PARTITION BY ${measures.objectiveId} ORDER BY ${measures.sortOrder}, ${measures.code})`.as('rank')
			})
			.from(measures)
			.innerJoin(objectives, eq(objectives.id, measures.objectiveId))
			.where(and(eq(objectives.axisId, row.axis.id), isNull(measures.archivedAt)))
	);
	const measureRows = db
		.with(firsts)
		.select({ ...measureRowColumns, objectiveId: measures.objectiveId })
		.from(firsts)
		.innerJoin(measures, eq(measures.id, firsts.id))
		.innerJoin(objectives, eq(objectives.id, measures.objectiveId))
		.innerJoin(institutions, eq(institutions.id, measures.leadInstitutionId))
		.where(lte(firsts.rank, measuresPerObjective(objectiveRows.length)))
		.orderBy(asc(objectives.sortOrder), asc(objectives.code), asc(measures.sortOrder), asc(measures.code))
		.all();
	const rollup = db
		.select({ measureCount: measureCountSql, completed: completedCountSql, progress: weightedProgressSql })
		.from(measures)
		.innerJoin(objectives, eq(objectives.id, measures.objectiveId))
		.where(and(eq(objectives.axisId, row.axis.id), isNull(measures.archivedAt)))
		.get();
	return { ...row, objectives: objectiveRows, measures: measureRows, rollup };
}
