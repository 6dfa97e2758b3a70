/**
 * Roll-ups over the snapshot: progress by axis, objective, institution, region and pillar.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { type Scope, type SnapshotOptions } from './snapshot';
import {
	str,
	strOrNull,
	jsonRows,
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
	namesOf,
	type Rollup,
	ROLLUP_COLUMNS,
	rollupOf
} from './blocks';

export interface GroupRollup extends Rollup, Titles {
	code: string;
	/** axes only: the axis is reconstructed from public sources, not the official list */
	reconstructed?: boolean;
}

/** Sums per objective, from the snapshot, which the axis and objective roll-ups re-add. */
const PER_OBJECTIVE = sql.raw(`SELECT s.objective_id, count(*) AS measures, count(CASE WHEN s.status = 'completed' THEN 1 END) AS completed,
	sum(CASE WHEN s.status <> 'cancelled' THEN s.progress * s.weight END) AS pw, sum(CASE WHEN s.status <> 'cancelled' THEN s.weight END) AS w,
	sum(s.is_demo) AS demo, sum(s.overdue) AS overdue
	FROM snap s GROUP BY s.objective_id`);
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
	const inner = sql`SELECT i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn,
			i.acronym_fr AS acronymFr, i.acronym_ar AS acronymAr, i.acronym_en AS acronymEn,
			i.short_name_fr AS shortNameFr, i.short_name_ar AS shortNameAr, i.short_name_en AS shortNameEn,
			coalesce(l.measures, 0) AS lead_measures, coalesce(l.completed, 0) AS lead_completed, l.progress AS lead_progress,
				coalesce(l.overdue, 0) AS lead_overdue, coalesce(l.demo, 0) AS lead_demo,
			coalesce(c.measures, 0) AS contrib_measures, coalesce(c.completed, 0) AS contrib_completed, c.progress AS contrib_progress,
				coalesce(c.overdue, 0) AS contrib_overdue, coalesce(c.demo, 0) AS contrib_demo
		FROM institutions i
		LEFT JOIN (
			SELECT s.lead_institution_id AS institution_id, ${group} FROM snap s GROUP BY s.lead_institution_id
		) l ON l.institution_id = i.id
		LEFT JOIN (SELECT mi.institution_id, ${group}
			FROM snap s CROSS JOIN measure_institutions mi ON mi.measure_id = s.id
			GROUP BY mi.institution_id) c ON c.institution_id = i.id
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
			coalesce(per.measures, 0) AS measures, coalesce(per.completed, 0) AS completed, per.progress,
				coalesce(per.overdue, 0) AS overdue, coalesce(per.demo, 0) AS demo
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
	`CASE s.pillar WHEN 'prevention' THEN 1 WHEN 'protection' THEN 2 WHEN 'prosecution' THEN 3 WHEN 'partnership' THEN 4 WHEN 'governance' THEN 5 ELSE 6 END`
);

/** Measures in scope grouped by their pillar (3P+P), in the pillars' order. */
export function byPillarBlock(): Block<PillarRollup[]> {
	const a = agg();
	const inner = sql`SELECT s.pillar, ${a.count} AS measures, ${a.completed} AS completed, ${a.progress} AS progress, ${a.demo} AS demo, sum(s.overdue) AS overdue
		FROM snap s
		GROUP BY s.pillar ORDER BY ${PILLAR_ORDER}`;
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
