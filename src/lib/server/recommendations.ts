/** The recommendation aggregate: the priority recommendations and the measures they are linked to. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { measures, plans, recommendationMeasures, recommendations } from './db/schema';
import { weightedProgressSql } from './plan';
import type { Pillar } from '../domain/enums';

/** The recommendations with their linked measures' count and progress; with `pillar`, only those of that pillar. */
export function listRecommendations(db: Db, opts: { pillar?: Pillar | null } = {}) {
	return db
		.select({
			recommendation: recommendations,
			planCode: plans.code,
			measureCount: sql<number>`count(${measures.id})`,
			inProgress: sql<number>`count(CASE WHEN ${measures.status} IN ('in_progress','completed') THEN 1 END)`,
			progress: weightedProgressSql,
			// the count and progress are those of demonstration measures when any is
			demoMeasures: sql<number>`count(CASE WHEN ${measures.isDemo} THEN 1 END)`
		})
		.from(recommendations)
		.leftJoin(plans, eq(plans.id, recommendations.planId))
		.leftJoin(recommendationMeasures, eq(recommendationMeasures.recommendationId, recommendations.id))
		.leftJoin(measures, and(eq(measures.id, recommendationMeasures.measureId), isNull(measures.archivedAt)))
		.where(opts.pillar ? eq(recommendations.pillar, opts.pillar) : undefined)
		.groupBy(recommendations.id)
		.orderBy(asc(recommendations.sourceYear), asc(recommendations.rank))
		.all();
}

export function getRecommendation(db: Db, code: string) {
	const row = db
		.select({ recommendation: recommendations, plan: plans })
		.from(recommendations)
		.leftJoin(plans, eq(plans.id, recommendations.planId))
		.where(eq(recommendations.code, code))
		.get();
	if (!row) return null;
	// Its measures are read as of the dashboard's snapshot, with the scorecard (`dashboard.recommendationScorecard`).
	return row;
}
