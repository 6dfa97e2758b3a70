/**
 * The plans and periods the dashboards offer, and the filters of their URL.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { periodsBetween } from '../../domain/period';
import { PILLARS } from '../../domain/enums';
import type { SnapshotOptions } from './snapshot';
import { type Json, num, str, type Titles, titlesOf } from './blocks';

// ─── Plans, periods ─────────────────────────────────────────────────────────────────────────────

export interface PlanChoice extends Titles {
	id: number;
	code: string;
	kind: string;
	startDate: string;
	endDate: string;
	/** whether any measure is in the plan's scope (axes or recommendations) */
	hasMeasures: boolean;
}

/** The plans a dashboard can be filtered by, and whether each has measures to show. */
export function planChoices(db: Db): PlanChoice[] {
	return db
		.all<Json>(
			sql`
		SELECT p.id, p.code, p.kind, p.title_fr AS titleFr, p.title_ar AS titleAr, p.title_en AS titleEn, p.start_date AS startDate, p.end_date AS endDate,
			EXISTS (SELECT 1 FROM axes a JOIN objectives o ON o.axis_id = a.id JOIN measures m ON m.objective_id = o.id WHERE a.plan_id = p.id)
			OR EXISTS (SELECT 1 FROM recommendations r JOIN recommendation_measures rm ON rm.recommendation_id = r.id WHERE r.plan_id = p.id) AS hasMeasures
		FROM plans p WHERE p.archived_at IS NULL ORDER BY p.sort_order, p.start_date`
		)
		.map((r) => ({
			id: num(r.id),
			code: str(r.code),
			kind: str(r.kind),
			...titlesOf(r),
			startDate: str(r.startDate),
			endDate: str(r.endDate),
			hasMeasures: !!r.hasMeasures
		}));
}

/** The reporting periods a dashboard can be taken at (opened by the commission), latest first. */
export function periodChoices(db: Db): string[] {
	const rowsOut = db.all<{ code: string }>(sql`SELECT code FROM reporting_periods ORDER BY opens_on DESC, code DESC`);
	if (rowsOut.length) return rowsOut.map((r) => r.code);
	// No reporting period opened yet: offer the semesters of the plans' span up to now.
	return periodsBetween('semester', 2023, new Date().getUTCFullYear()).reverse();
}

// ─── Filters of the dashboards' URL ─────────────────────────────────────────────────────────────

/** The plan the overview opens on. */
export const DEFAULT_PLAN = 'PN-2023-2030';

export interface ResolvedFilters {
	plans: PlanChoice[];
	periods: string[];
	/** the plan shown (the default when the URL names none or an unknown one); null when there are no plans */
	plan: PlanChoice | null;
	period: string | null;
	/** a past date only: a future or current one means "now" */
	asOf: string | null;
	/** the pillar the blocks are narrowed to, null for all */
	pillar: string | null;
	/**
	 * The plan the URL named when it is archived: no dashboard offers it (it has left the live plan), so the
	 * page shows the default plan and says so, with a link to the archived plan's own page.
	 */
	archivedPlan: (Titles & { code: string; archivedAt: string }) | null;
	opts: SnapshotOptions;
}

/**
 * Turns the dashboards' URL parameters (already parsed by `$lib/schemas/dashboard`) into what the
 * read models take: a known plan, a reporting period that exists, a past as-of date.
 */
export function resolveFilters(db: Db, params: { plan?: string; period?: string; asOf?: string; pillar?: string }, today: string): ResolvedFilters {
	const plans = planChoices(db);
	const periods = periodChoices(db);
	const plan = plans.find((p) => p.code === params.plan) ?? plans.find((p) => p.code === DEFAULT_PLAN) ?? plans.find((p) => p.hasMeasures) ?? plans[0] ?? null;
	const period = params.period && periods.includes(params.period) ? params.period : null;
	const asOf = params.asOf && params.asOf < today ? params.asOf : null;
	const pillar = params.pillar && (PILLARS as readonly string[]).includes(params.pillar) ? params.pillar : null;
	const archived =
		params.plan && plan?.code !== params.plan
			? db.get<Json>(
					sql`SELECT code, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn, archived_at AS archivedAt FROM plans
						WHERE code = ${params.plan} AND archived_at IS NOT NULL`
				)
			: undefined;
	const archivedPlan = archived ? { code: str(archived.code), ...titlesOf(archived), archivedAt: str(archived.archivedAt) } : null;
	return { plans, periods, plan, period, asOf, pillar, archivedPlan, opts: { today, asOf, period, pillar } };
}
