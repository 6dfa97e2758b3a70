/**
 * The tables of measures in scope (due soon, overdue, all) with their snapshot status and flags.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { MeasureStatus } from '../../domain/enums';
import type { Scope, SnapshotOptions } from './snapshot';
import {
	num,
	str,
	strOrNull,
	jsonRows,
	rows,
	type Block,
	runBlocks,
	type Titles,
	type InstitutionLabel,
	INSTITUTION_LABEL_COLS,
	labelsOf,
	titlesOf
} from './blocks';

/** Rows shown in the overview's deadline tables. */
export const TABLE_LIMIT = 15;

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
			i.code AS leadCode, i.name_fr AS leadNameFr, i.name_ar AS leadNameAr, i.name_en AS leadNameEn,
				i.acronym_fr AS leadAcronymFr, i.acronym_ar AS leadAcronymAr, i.acronym_en AS leadAcronymEn,
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
