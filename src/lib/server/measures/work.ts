/**
 * A focal point's work list (/my-work).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { flagSql } from '../flags-sql';
import { DUE_SOON_DAYS } from '../../domain/status';
import type { MeasureFilters } from '../../schemas/measure';

/**
 * A focal point's work: the measures its institution leads or contributes to, what is open on each
 * and what is due. Returned and draft items come first, then what has no report for the period.
 */
export function workOf(db: Db, institutionId: number, today: string, period: string) {
	const flags = flagSql(today, 'm');
	const rows = db.all<{
		id: number;
		code: string;
		titleFr: string;
		titleAr: string | null;
		titleEn: string | null;
		status: MeasureFilters['status'] & string;
		progress: number;
		deadline: string;
		role: 'lead' | 'contributor';
		openState: string | null;
		openId: number | null;
		reviewComment: string | null;
		reportedThisPeriod: number;
		dueSoon: number;
		overdue: number;
		atRisk: number;
		stale: number;
		isDemo: number;
	}>(sql`
		SELECT m.id, m.code, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn, m.status, m.progress, m.deadline, m.is_demo AS isDemo,
			CASE WHEN m.lead_institution_id = ${institutionId} THEN 'lead' ELSE 'contributor' END AS role,
			u.state AS openState, u.id AS openId, u.review_comment AS reviewComment,
			EXISTS (SELECT 1 FROM progress_updates p WHERE p.measure_id = m.id AND p.period = ${period} AND p.state IN ('validated','submitted')) AS reportedThisPeriod,
			(m.status NOT IN ('completed','cancelled') AND m.deadline >= ${today} AND julianday(m.deadline) - julianday(${today}) <= ${DUE_SOON_DAYS}) AS dueSoon,
			${flags.overdue} AS overdue, ${flags.atRisk} AS atRisk, ${flags.stale} AS stale
		FROM measures m
		LEFT JOIN progress_updates u ON u.measure_id = m.id AND u.state IN ('draft','submitted','returned')
		WHERE m.lead_institution_id = ${institutionId}
			OR m.id IN (SELECT measure_id FROM measure_institutions WHERE institution_id = ${institutionId})
		ORDER BY CASE u.state WHEN 'returned' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END,
			reportedThisPeriod, m.deadline, m.code`);
	return rows.map((r) => ({
		...r,
		reportedThisPeriod: !!r.reportedThisPeriod,
		dueSoon: !!r.dueSoon,
		overdue: !!r.overdue,
		atRisk: !!r.atRisk,
		stale: !!r.stale,
		isDemo: !!r.isDemo
	}));
}
