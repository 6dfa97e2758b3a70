/**
 * The priority recommendations' coverage by the measures linked to them.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { SnapshotOptions } from './snapshot';
import { num, str, strOrNull, jsonRows, rows, runBlocks, agg, type Titles, titlesOf, type Rollup, ROLLUP_COLUMNS, rollupOf } from './blocks';

export interface RecommendationCoverage extends Titles, Rollup {
	code: string;
	rank: number;
	pillar: string | null;
	isDemo: boolean;
	/** linked measures in progress */
	inProgress: number;
}

/**
 * The priority recommendations with their coverage: linked measures, how many are in progress or
 * completed, their weighted progress (as of the snapshot). Every recommendation is listed.
 */
export function recommendationCoverage(db: Db, opts: SnapshotOptions): RecommendationCoverage[] {
	const a = agg();
	// With a pillar filter: the recommendations of that pillar, each counted over all its measures
	// (a protection recommendation may be carried by a prevention measure; narrowing those away would undercount it).
	const pillar = opts.pillar ?? null;
	const only = pillar ? sql`WHERE r.pillar = ${pillar}` : sql``;
	const inner = sql`SELECT r.code, r.rank, r.pillar, r.is_demo AS isDemo, r.title_fr AS titleFr, r.title_ar AS titleAr, r.title_en AS titleEn,
			${a.count} AS measures, ${a.completed} AS completed, ${a.inProgress} AS inProgress, ${a.progress} AS progress, ${a.demo} AS demo,
			sum(s.overdue) AS overdue
		FROM recommendations r
		LEFT JOIN recommendation_measures rm ON rm.recommendation_id = r.id
		LEFT JOIN snap s ON s.id = rm.measure_id
		${only}
		GROUP BY r.id ORDER BY r.source_year, r.rank`;
	return runBlocks(
		db,
		{ kind: 'recommended' },
		{ ...opts, pillar: null },
		{
			b: {
				sql: jsonRows(inner, ['code', 'rank', 'pillar', 'isDemo', 'titleFr', 'titleAr', 'titleEn', 'inProgress', ...ROLLUP_COLUMNS]),
				read: (v) =>
					rows(v).map((r) => ({
						code: str(r.code),
						rank: num(r.rank),
						pillar: strOrNull(r.pillar),
						isDemo: !!r.isDemo,
						...titlesOf(r),
						inProgress: num(r.inProgress),
						...rollupOf(r)
					}))
			}
		}
	).b;
}
