/**
 * The overview: every block of one plan, as of the snapshot.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import type { Db } from '../db/client';
import type { Scope, SnapshotOptions } from './snapshot';
import { runBlocks } from './blocks';
import { type Kpis, kpisBlock, awaitingValidation } from './kpis';
import {
	type GroupRollup,
	byAxisBlock,
	type InstitutionRollup,
	byInstitutionBlock,
	type RegionRollup,
	byRegionBlock,
	type PillarRollup,
	byPillarBlock
} from './rollups';
import { TABLE_LIMIT, type MeasureRow, measureTableBlock } from './measure-tables';
import { type RecommendationCoverage, recommendationCoverage } from './recommendation-coverage';
import { type RolloutSummary, rolloutSummary, type RegionStage, rolloutStages, type RolloutStep, rolloutTimeline } from './rollout';
import { type PlanChoice, planChoices } from './filters';

// ─── The overview ───────────────────────────────────────────────────────────────────────────────

export interface Overview {
	plan: PlanChoice;
	kpis: Kpis;
	/** the whole review queue, now */
	awaitingValidation: number;
	recommendationsTotal: number;
	byAxis: GroupRollup[];
	byPillar: PillarRollup[];
	byInstitution: InstitutionRollup[];
	byRegion: RegionRollup[];
	dueSoon: MeasureRow[];
	overdue: MeasureRow[];
	recommendations: RecommendationCoverage[];
	rollout: RolloutSummary[];
	/** the first roll-out measure's stage per region and timeline (the map's roll-out layer) */
	rolloutStages: RegionStage[];
	rolloutTimeline: RolloutStep[];
}

/**
 * Everything the overview shows for one plan, as of the snapshot: one statement for the blocks over
 * the plan's measures, one for the recommendations, three small ones for the roll-out, and the
 * count of the review queue. Null when the plan is unknown.
 */
export function overview(db: Db, planCode: string, opts: SnapshotOptions): Overview | null {
	const o = overviewFigures(db, planCode, opts);
	return o && { ...o, awaitingValidation: awaitingValidation(db) };
}

/**
 * The overview without the review queue's count: what it shows of the plan's measures and roll-out,
 * which no indicator value changes (the read cache keeps it while only indicator values move).
 */
export function overviewFigures(db: Db, planCode: string, opts: SnapshotOptions): Omit<Overview, 'awaitingValidation'> | null {
	const plan = planChoices(db).find((p) => p.code === planCode);
	if (!plan) return null;
	const scope: Scope = { kind: 'plan', planId: plan.id };
	const main = runBlocks(db, scope, opts, {
		kpis: kpisBlock(),
		byAxis: byAxisBlock(),
		byPillar: byPillarBlock(),
		byInstitution: byInstitutionBlock(),
		byRegion: byRegionBlock(),
		dueSoon: measureTableBlock('due_soon', TABLE_LIMIT),
		overdue: measureTableBlock('overdue', TABLE_LIMIT)
	});
	const recommendations = recommendationCoverage(db, opts);
	const rollout = rolloutSummary(db, scope, opts);
	const first = rollout[0];
	return {
		plan,
		...main,
		recommendationsTotal: recommendations.length,
		recommendations,
		rollout,
		rolloutStages: first ? rolloutStages(db, first.code, opts) : [],
		rolloutTimeline: first ? rolloutTimeline(db, first.code, opts) : []
	};
}
