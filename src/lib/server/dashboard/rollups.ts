/**
 * Roll-ups over the snapshot: the KPIs, progress by axis, objective, institution, region and pillar, the measure tables and the recommendations' coverage.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { MEASURE_STATUSES, type MeasureStatus } from '../../domain/enums';
import { type Scope, type SnapshotOptions, inScope } from './snapshot';
import {
	type Json,
	num,
	numOrNull,
	str,
	strOrNull,
	jsonRows,
	jsonRow,
	parseJson,
	rows,
	type Block,
	runBlocks,
	agg,
	type Titles,
	type Names,
	type InstitutionLabel,
	INSTITUTION_LABEL_COLS,
	labelsOf,
	titlesOf,
	namesOf
} from './blocks';

/** Rows shown in the overview's deadline tables. */
export const TABLE_LIMIT = 15;

export interface Rollup {
	measures: number;
	completed: number;
	/** weighted mean progress 0..100 of non-cancelled measures; null when none counts */
	progress: number | null;
	overdue: number;
	/** measures flagged as demonstration data */
	demo: number;
}
const ROLLUP_COLUMNS = ['measures', 'completed', 'progress', 'overdue', 'demo'] as const;
function rollupOf(r: Json, prefix = ''): Rollup {
	return {
		measures: num(r[`${prefix}measures`]),
		completed: num(r[`${prefix}completed`]),
		progress: numOrNull(r[`${prefix}progress`]),
		overdue: num(r[`${prefix}overdue`]),
		demo: num(r[`${prefix}demo`])
	};
}

export interface Kpis extends Rollup {
	byStatus: Record<MeasureStatus, number>;
	/** % of non-cancelled measures completed */
	completionRate: number | null;
	atRisk: number;
	stale: number;
	/** open measures due within DUE_SOON_DAYS of the reference day */
	dueSoon: number;
	/** recommendations with at least one measure in progress (among the measures in scope) */
	recommendationsInProgress: number;
	/** recommendations linked to at least one measure in scope */
	recommendationsLinked: number;
}

export function kpisBlock(): Block<Kpis> {
	const statusCols = MEASURE_STATUSES.map((st) => `st_${st}`);
	const inner = sql`SELECT coalesce(sum(c.n), 0) AS measures, coalesce(sum(CASE WHEN c.status = 'completed' THEN c.n END), 0) AS completed,
		round(sum(c.pw) / nullif(sum(c.w), 0), 1) AS progress, coalesce(sum(c.demo), 0) AS demo,
		${sql.join(
			MEASURE_STATUSES.map((st) => sql`coalesce(sum(CASE WHEN c.status = ${st} THEN c.n END), 0) AS ${sql.identifier(`st_${st}`)}`),
			sql`, `
		)},
		round(100.0 * sum(CASE WHEN c.status = 'completed' THEN c.n ELSE 0 END) / nullif(sum(CASE WHEN c.status <> 'cancelled' THEN c.n END), 0), 1) AS completion,
		sum(c.overdue) AS overdue, sum(c.at_risk) AS at_risk, sum(c.stale) AS stale, sum(c.due_soon) AS due_soon,
		r.in_progress AS recs_in_progress, r.linked AS recs_linked
		FROM cube c,
		-- One pass from the few recommendation links, each looked up in the snapshot (not a probe per measure).
		(SELECT count(DISTINCT CASE WHEN x.status = 'in_progress' THEN rm.recommendation_id END) AS in_progress, count(DISTINCT rm.recommendation_id) AS linked
			FROM recommendation_measures rm CROSS JOIN snap x ON x.id = rm.measure_id) r`;
	return {
		sql: jsonRow(inner, [...ROLLUP_COLUMNS, ...statusCols, 'completion', 'at_risk', 'stale', 'due_soon', 'recs_in_progress', 'recs_linked']),
		read: (v) => {
			const r = (parseJson(v) ?? {}) as Json;
			return {
				...rollupOf(r),
				byStatus: Object.fromEntries(MEASURE_STATUSES.map((st) => [st, num(r[`st_${st}`])])) as Record<MeasureStatus, number>,
				completionRate: numOrNull(r.completion),
				atRisk: num(r.at_risk),
				stale: num(r.stale),
				dueSoon: num(r.due_soon),
				recommendationsInProgress: num(r.recs_in_progress),
				recommendationsLinked: num(r.recs_linked)
			};
		}
	};
}

/**
 * The key figures of the measures in scope: counts by status, completion rate, weighted progress,
 * overdue / at risk / stale (the rules of `$lib/domain/status`), due soon, recommendations with a
 * measure in progress.
 */
export function kpis(db: Db, scope: Scope, opts: SnapshotOptions): Kpis {
	return runBlocks(db, scope, opts, { k: kpisBlock() }).k;
}

/**
 * Progress updates, indicator values and roll-out stages submitted and not yet reviewed (now, not
 * as of a date): the whole review queue, or with a scope the submissions about its measures.
 */
export function awaitingValidation(db: Db, scope?: Scope): number {
	// Each measure's count is kept at write time (measure_awaiting, migration 0026): a scorecard adds
	// up a few hundred rows instead of counting submitted values across thousands of indicators.
	if (!scope || scope.kind === 'all') return db.get<{ n: number }>(sql`SELECT coalesce(sum(n), 0) AS n FROM measure_awaiting`)?.n ?? 0;
	return (
		db.get<{ n: number }>(
			sql`SELECT coalesce(sum(a.n), 0) AS n FROM measures m CROSS JOIN measure_awaiting a ON a.measure_id = m.id WHERE ${inScope(scope)} AND m.archived_at IS NULL`
		)?.n ?? 0
	);
}

export interface GroupRollup extends Rollup, Titles {
	code: string;
	/** axes only: the axis is reconstructed from public sources, not the official list */
	reconstructed?: boolean;
}

/** Sums per objective, from the cube, which the axis and objective roll-ups re-add. */
const PER_OBJECTIVE = sql.raw(`SELECT c.objective_id, sum(c.n) AS measures, sum(CASE WHEN c.status = 'completed' THEN c.n END) AS completed,
	sum(c.pw) AS pw, sum(c.w) AS w, sum(c.demo) AS demo, sum(c.overdue) AS overdue
	FROM cube c GROUP BY c.objective_id`);
const REGROUPED = sql.raw(`sum(g.measures) AS measures, coalesce(sum(g.completed), 0) AS completed, round(sum(g.pw) / nullif(sum(g.w), 0), 1) AS progress,
	sum(g.demo) AS demo, sum(g.overdue) AS overdue`);

export function byAxisBlock(): Block<GroupRollup[]> {
	const inner = sql`SELECT ax.code, ax.title_fr AS titleFr, ax.title_ar AS titleAr, ax.title_en AS titleEn, ax.reconstructed AS reconstructed, ${REGROUPED}
		FROM (${PER_OBJECTIVE}) g JOIN objectives o ON o.id = g.objective_id JOIN axes ax ON ax.id = o.axis_id
		GROUP BY ax.id ORDER BY ax.sort_order, ax.code`;
	return {
		sql: jsonRows(inner, ['code', 'titleFr', 'titleAr', 'titleEn', 'reconstructed', ...ROLLUP_COLUMNS]),
		read: (v) => rows(v).map((r) => ({ code: str(r.code), ...titlesOf(r), reconstructed: !!r.reconstructed, ...rollupOf(r) }))
	};
}

/** Progress by axis of the measures in scope (axes with no measure in scope are left out). */
export function progressByAxis(db: Db, scope: Scope, opts: SnapshotOptions): GroupRollup[] {
	return runBlocks(db, scope, opts, { b: byAxisBlock() }).b;
}

export function byObjectiveBlock(axisId: number): Block<GroupRollup[]> {
	const inner = sql`SELECT o.code, o.title_fr AS titleFr, o.title_ar AS titleAr, o.title_en AS titleEn,
			coalesce(g.measures, 0) AS measures, coalesce(g.completed, 0) AS completed, round(g.pw / nullif(g.w, 0), 1) AS progress,
			coalesce(g.demo, 0) AS demo, coalesce(g.overdue, 0) AS overdue
		FROM objectives o LEFT JOIN (${PER_OBJECTIVE}) g ON g.objective_id = o.id
		WHERE o.axis_id = ${axisId}
		ORDER BY o.sort_order, o.code`;
	return {
		sql: jsonRows(inner, ['code', 'titleFr', 'titleAr', 'titleEn', ...ROLLUP_COLUMNS]),
		read: (v) => rows(v).map((r) => ({ code: str(r.code), ...titlesOf(r), ...rollupOf(r) }))
	};
}

/** Progress by objective of one axis, every objective listed (an empty one with 0 measures). */
export function progressByObjective(db: Db, axisId: number, opts: SnapshotOptions): GroupRollup[] {
	return runBlocks(db, { kind: 'axis', axisId }, opts, { b: byObjectiveBlock(axisId) }).b;
}

export interface InstitutionRollup extends InstitutionLabel {
	/** measures the institution leads */
	lead: Rollup;
	/** measures it contributes to, shown apart */
	contributes: Rollup;
}

export function byInstitutionBlock(): Block<InstitutionRollup[]> {
	const a = agg();
	const group = sql`${a.count} AS measures, ${a.completed} AS completed, ${a.progress} AS progress, ${a.demo} AS demo, sum(s.overdue) AS overdue`;
	// Lead and contribution are grouped apart, then joined to the few institutions. CROSS JOIN keeps
	// the scan on the snapshot (the covering index) and probes the link table's primary key.
	const inner = sql`SELECT i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.acronym_fr AS acronymFr, i.acronym_ar AS acronymAr, i.acronym_en AS acronymEn,
			i.short_name_fr AS shortNameFr, i.short_name_ar AS shortNameAr, i.short_name_en AS shortNameEn,
			coalesce(l.measures, 0) AS lead_measures, coalesce(l.completed, 0) AS lead_completed, l.progress AS lead_progress, coalesce(l.overdue, 0) AS lead_overdue, coalesce(l.demo, 0) AS lead_demo,
			coalesce(c.measures, 0) AS contrib_measures, coalesce(c.completed, 0) AS contrib_completed, c.progress AS contrib_progress, coalesce(c.overdue, 0) AS contrib_overdue, coalesce(c.demo, 0) AS contrib_demo
		FROM institutions i
		LEFT JOIN (
			SELECT c.lead_institution_id AS institution_id, sum(c.n) AS measures, coalesce(sum(CASE WHEN c.status = 'completed' THEN c.n END), 0) AS completed,
				round(sum(c.pw) / nullif(sum(c.w), 0), 1) AS progress, sum(c.demo) AS demo, sum(c.overdue) AS overdue
			FROM cube c GROUP BY c.lead_institution_id
		) l ON l.institution_id = i.id
		LEFT JOIN (SELECT mi.institution_id, ${group} FROM snap s CROSS JOIN measure_institutions mi ON mi.measure_id = s.id GROUP BY mi.institution_id) c ON c.institution_id = i.id
		WHERE l.measures > 0 OR c.measures > 0
		ORDER BY l.measures IS NULL, l.progress IS NULL, l.progress DESC, l.measures DESC, i.code`;
	const cols = [
		'code',
		'nameFr',
		'nameAr',
		'nameEn',
		...INSTITUTION_LABEL_COLS,
		...ROLLUP_COLUMNS.map((c) => `lead_${c}`),
		...ROLLUP_COLUMNS.map((c) => `contrib_${c}`)
	];
	return {
		sql: jsonRows(inner, cols),
		read: (v) =>
			rows(v).map((r) => ({
				code: str(r.code),
				...namesOf(r),
				...labelsOf(r),
				lead: rollupOf(r, 'lead_'),
				contributes: rollupOf(r, 'contrib_')
			}))
	};
}

/**
 * Progress by lead institution, with the measures each contributes to counted apart. Sorted by lead
 * progress, best first; institutions that only contribute come last.
 */
export function progressByInstitution(db: Db, scope: Scope, opts: SnapshotOptions): InstitutionRollup[] {
	return runBlocks(db, scope, opts, { b: byInstitutionBlock() }).b;
}

export interface RegionRollup extends Rollup, Names {
	iso: string;
}

export function byRegionBlock(): Block<RegionRollup[]> {
	const a = agg();
	const inner = sql`SELECT g.iso, g.name_fr AS nameFr, g.name_ar AS nameAr, g.name_en AS nameEn,
			coalesce(per.measures, 0) AS measures, coalesce(per.completed, 0) AS completed, per.progress, coalesce(per.overdue, 0) AS overdue, coalesce(per.demo, 0) AS demo
		FROM regions g LEFT JOIN (
			SELECT mr.region_id, ${a.count} AS measures, ${a.completed} AS completed, ${a.progress} AS progress, ${a.demo} AS demo,
				sum(s.overdue) AS overdue
			FROM snap s CROSS JOIN measure_regions mr ON mr.measure_id = s.id
			GROUP BY mr.region_id
		) per ON per.region_id = g.id
		ORDER BY g.iso`;
	return {
		sql: jsonRows(inner, ['iso', 'nameFr', 'nameAr', 'nameEn', ...ROLLUP_COLUMNS]),
		read: (v) => rows(v).map((r) => ({ iso: str(r.iso), ...namesOf(r), ...rollupOf(r) }))
	};
}

export interface PillarRollup extends Rollup {
	/** prevention, protection, prosecution, partnership, governance; null for measures without one */
	pillar: string | null;
}

/** The 3P+P order, governance last; what SQL sorts the pillars by. */
const PILLAR_ORDER = sql.raw(
	`CASE m.pillar WHEN 'prevention' THEN 1 WHEN 'protection' THEN 2 WHEN 'prosecution' THEN 3 WHEN 'partnership' THEN 4 WHEN 'governance' THEN 5 ELSE 6 END`
);

/** Measures in scope grouped by their pillar (3P+P), in the pillars' order. */
export function byPillarBlock(): Block<PillarRollup[]> {
	const a = agg();
	const inner = sql`SELECT m.pillar, ${a.count} AS measures, ${a.completed} AS completed, ${a.progress} AS progress, ${a.demo} AS demo, sum(s.overdue) AS overdue
		FROM snap s JOIN measures m ON m.id = s.id
		GROUP BY m.pillar ORDER BY ${PILLAR_ORDER}`;
	return {
		sql: jsonRows(inner, ['pillar', ...ROLLUP_COLUMNS]),
		read: (v) => rows(v).map((r) => ({ pillar: strOrNull(r.pillar), ...rollupOf(r) }))
	};
}

/** Progress per pillar of the measures in scope. */
export function progressByPillar(db: Db, scope: Scope, opts: SnapshotOptions): PillarRollup[] {
	return runBlocks(db, scope, opts, { b: byPillarBlock() }).b;
}

/**
 * Progress per region of the measures in scope that concern it (national measures, with no region,
 * are not spread over the map). All 12 regions are returned, in ISO order.
 */
export function progressByRegion(db: Db, scope: Scope, opts: SnapshotOptions): RegionRollup[] {
	return runBlocks(db, scope, opts, { b: byRegionBlock() }).b;
}

export interface MeasureRow extends Titles {
	code: string;
	status: MeasureStatus;
	progress: number;
	startDate: string;
	deadline: string;
	lastValidatedAt: string | null;
	isDemo: boolean;
	lead: InstitutionLabel;
	flags: { overdue: boolean; atRisk: boolean; stale: boolean };
}

/** Which measures a table lists. */
export type MeasureListKind = 'due_soon' | 'overdue' | 'all';

export function measureTableBlock(kind: MeasureListKind, limit: number): Block<MeasureRow[]> {
	const where = kind === 'due_soon' ? sql`s.due_soon` : kind === 'overdue' ? sql`s.overdue` : sql`1`;
	const inner = sql`SELECT m.code, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn, s.status, s.progress, s.start_date AS startDate,
			s.deadline, s.last_validated_at AS lastValidatedAt, s.is_demo AS isDemo,
			i.code AS leadCode, i.name_fr AS leadNameFr, i.name_ar AS leadNameAr, i.name_en AS leadNameEn, i.acronym_fr AS leadAcronymFr, i.acronym_ar AS leadAcronymAr, i.acronym_en AS leadAcronymEn,
			i.short_name_fr AS leadShortNameFr, i.short_name_ar AS leadShortNameAr, i.short_name_en AS leadShortNameEn,
			s.overdue, s.at_risk AS atRisk, s.stale
		FROM (SELECT * FROM snap s WHERE ${where} ORDER BY ${kind === 'all' ? sql`s.id` : sql`s.deadline, s.id`} LIMIT ${limit}) s
		JOIN measures m ON m.id = s.id JOIN institutions i ON i.id = s.lead_institution_id
		ORDER BY ${kind === 'all' ? sql`m.code` : sql`s.deadline, m.code`}`;
	const cols = [
		'code',
		'titleFr',
		'titleAr',
		'titleEn',
		'status',
		'progress',
		'startDate',
		'deadline',
		'lastValidatedAt',
		'isDemo',
		'leadCode',
		'leadNameFr',
		'leadNameAr',
		'leadNameEn',
		...INSTITUTION_LABEL_COLS.map((c) => `lead${c[0]!.toUpperCase()}${c.slice(1)}`),
		'overdue',
		'atRisk',
		'stale'
	];
	return {
		sql: jsonRows(inner, cols),
		read: (v) =>
			rows(v).map((r) => ({
				code: str(r.code),
				...titlesOf(r),
				status: r.status as MeasureStatus,
				progress: num(r.progress),
				startDate: str(r.startDate),
				deadline: str(r.deadline),
				lastValidatedAt: strOrNull(r.lastValidatedAt),
				isDemo: !!r.isDemo,
				lead: {
					code: str(r.leadCode),
					nameFr: str(r.leadNameFr),
					nameAr: strOrNull(r.leadNameAr),
					nameEn: strOrNull(r.leadNameEn),
					...labelsOf(r, 'lead')
				},
				flags: { overdue: !!r.overdue, atRisk: !!r.atRisk, stale: !!r.stale }
			}))
	};
}

/**
 * A table of measures in scope with their snapshot status and flags: those due within
 * DUE_SOON_DAYS ('due_soon', by deadline), the overdue ones ('overdue', oldest deadline first) or
 * all ('all', by code; the first `limit` measures created). At most `limit` rows; the totals are
 * in `kpis`.
 */
export function measureTable(db: Db, scope: Scope, opts: SnapshotOptions, kind: MeasureListKind, limit = TABLE_LIMIT): MeasureRow[] {
	return runBlocks(db, scope, opts, { t: measureTableBlock(kind, limit) }).t;
}

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
