/**
 * Dashboard read models. Every figure is one grouped SQL query; the flag rules mirror
 * `$lib/domain/status` (same named thresholds).
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db/client';

export interface OverviewKpis {
	measures: number;
	byStatus: Record<string, number>;
	completionRate: number | null;
	weightedProgress: number | null;
	overdue: number;
	awaitingValidation: number;
	demoMeasures: number;
}

export function overviewKpis(db: Db, today: string): OverviewKpis {
	const statusRows = db.all<{ status: string; n: number }>(sql`SELECT status, count(*) AS n FROM measures GROUP BY status`);
	const k = db.get<{ measures: number; progress: number | null; overdue: number; demo: number; completion: number | null }>(sql`
		SELECT count(*) AS measures,
			round(sum(CASE WHEN status <> 'cancelled' THEN progress * weight END) / nullif(sum(CASE WHEN status <> 'cancelled' THEN weight END), 0), 1) AS progress,
			count(CASE WHEN deadline < ${today} AND status NOT IN ('completed','cancelled') THEN 1 END) AS overdue,
			count(CASE WHEN is_demo THEN 1 END) AS demo,
			round(100.0 * count(CASE WHEN status = 'completed' THEN 1 END) / nullif(count(CASE WHEN status <> 'cancelled' THEN 1 END), 0), 1) AS completion
		FROM measures`);
	const awaiting = db.get<{ n: number }>(sql`
		SELECT (SELECT count(*) FROM progress_updates WHERE state = 'submitted')
			+ (SELECT count(*) FROM indicator_values WHERE state = 'submitted')
			+ (SELECT count(*) FROM measure_region_stages WHERE state = 'submitted') AS n`);
	return {
		measures: k?.measures ?? 0,
		byStatus: Object.fromEntries(statusRows.map((r) => [r.status, r.n])),
		completionRate: k?.completion ?? null,
		weightedProgress: k?.progress ?? null,
		overdue: k?.overdue ?? 0,
		awaitingValidation: awaiting?.n ?? 0,
		demoMeasures: k?.demo ?? 0
	};
}
