/**
 * The annual national report's draft (commission): for a chosen year, per axis what was planned
 * (measures due that year), done (of those, completed) and late (past their deadline and not
 * completed, whatever year they were due), with each such measure, the indicator figures and the
 * priority recommendations' status. From validated data only, as of the year's last day (or today
 * while the year runs), small counts masked as in a published report: the draft is meant to be
 * published. The secretariat finishes it in Word (`annual-docx.ts`).
 *
 * Relative imports only: the bench runs this module under tsx.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import * as dashboard from './dashboard';
import * as reports from './reports';
import { weightedProgressSql } from './progress-sql';
import type { MeasureStatus } from '../domain/enums';
import type { ReportSnapshot } from '../domain/report';

export interface AnnualMeasure {
	code: string;
	titleFr: string;
	titleAr: string | null;
	titleEn: string | null;
	lead: {
		code: string;
		nameFr: string;
		nameAr: string | null;
		nameEn: string | null;
		acronymFr: string | null;
		acronymAr: string | null;
		acronymEn: string | null;
		shortNameFr: string | null;
		shortNameAr: string | null;
		shortNameEn: string | null;
	};
	deadline: string;
	status: MeasureStatus;
	progress: number;
	/** due this year */
	planned: boolean;
	late: boolean;
	isDemo: boolean;
}

export interface AnnualAxis {
	code: string;
	titleFr: string;
	titleAr: string | null;
	titleEn: string | null;
	measures: number;
	planned: number;
	done: number;
	late: number;
	/** completed this year or before, of every measure of the axis */
	completed: number;
	progress: number | null;
	/** the measures due this year and the late ones, by code */
	rows: AnnualMeasure[];
}

export interface AnnualReport {
	year: number;
	plan: ReportSnapshot['plan'];
	referenceDay: string;
	axes: AnnualAxis[];
	totals: { planned: number; done: number; late: number };
	snapshot: ReportSnapshot;
	demo: boolean;
}

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));
const strOrNull = (v: unknown) => (v == null ? null : String(v));

/** Years a draft may cover: the plan's, up to the one under way. */
export function annualYears(db: Db, planCode: string, today: string): number[] {
	const p = db.get<{ start: string; end: string }>(sql`SELECT start_date AS start, end_date AS end FROM plans WHERE code = ${planCode}`);
	if (!p) return [];
	const last = Math.min(Number(p.end.slice(0, 4)), Number(today.slice(0, 4)));
	const years: number[] = [];
	for (let y = last; y >= Number(p.start.slice(0, 4)); y--) years.push(y);
	return years;
}

export function annualReport(db: Db, input: { planCode: string; year: number }, opts: { today: string }): AnnualReport | null {
	const snapshot = reports.buildSnapshot(db, { planCode: input.planCode, period: String(input.year), scope: 'plan' }, { today: opts.today });
	if (!snapshot) return null;
	const plan = db.get<{ id: number }>(sql`SELECT id FROM plans WHERE code = ${input.planCode}`)!;
	const from = `${input.year}-01-01`;
	const to = `${input.year}-12-31`;
	const snapOpts: dashboard.SnapshotOptions = { today: to < opts.today ? to : opts.today, period: String(input.year) };
	const cte = dashboard.snapshotCte({ kind: 'plan', planId: plan.id }, snapOpts);
	const planned = sql`(s.deadline BETWEEN ${from} AND ${to})`;

	// One grouped pass per axis, one for the listed measures: no query per row.
	const axisRows = db.all<Json>(sql`WITH ${cte}
		SELECT a.code, a.title_fr AS titleFr, a.title_ar AS titleAr, a.title_en AS titleEn, count(s.id) AS measures,
			sum(${planned}) AS planned, sum(${planned} AND s.status = 'completed') AS done, sum(s.overdue) AS late,
			sum(s.status = 'completed') AS completed,
			${weightedProgressSql('s')} AS progress
		FROM axes a JOIN objectives o ON o.axis_id = a.id LEFT JOIN snap s ON s.objective_id = o.id
		WHERE a.plan_id = ${plan.id}
		GROUP BY a.id ORDER BY a.sort_order, a.code`);
	const measureRows = db.all<Json>(sql`WITH ${cte}
		SELECT a.code AS axisCode, m.code, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn, s.deadline, s.status, s.progress,
			${planned} AS planned, s.overdue AS late, s.is_demo AS isDemo,
			i.code AS leadCode, i.name_fr AS leadNameFr, i.name_ar AS leadNameAr, i.name_en AS leadNameEn,
			i.acronym_fr AS acronymFr, i.acronym_ar AS acronymAr, i.acronym_en AS acronymEn,
			i.short_name_fr AS shortNameFr, i.short_name_ar AS shortNameAr, i.short_name_en AS shortNameEn
		FROM snap s JOIN measures m ON m.id = s.id JOIN objectives o ON o.id = s.objective_id JOIN axes a ON a.id = o.axis_id
		JOIN institutions i ON i.id = s.lead_institution_id
		WHERE ${planned} OR s.overdue
		ORDER BY a.sort_order, a.code, o.sort_order, o.code, m.sort_order, m.code`);
	const byAxis = new Map<string, AnnualMeasure[]>();
	for (const r of measureRows) {
		const list = byAxis.get(String(r.axisCode)) ?? [];
		list.push({
			code: String(r.code),
			titleFr: String(r.titleFr),
			titleAr: strOrNull(r.titleAr),
			titleEn: strOrNull(r.titleEn),
			lead: {
				code: String(r.leadCode),
				nameFr: String(r.leadNameFr),
				nameAr: strOrNull(r.leadNameAr),
				nameEn: strOrNull(r.leadNameEn),
				acronymFr: strOrNull(r.acronymFr),
				acronymAr: strOrNull(r.acronymAr),
				acronymEn: strOrNull(r.acronymEn),
				shortNameFr: strOrNull(r.shortNameFr),
				shortNameAr: strOrNull(r.shortNameAr),
				shortNameEn: strOrNull(r.shortNameEn)
			},
			deadline: String(r.deadline),
			status: r.status as MeasureStatus,
			progress: num(r.progress),
			planned: !!r.planned,
			late: !!r.late,
			isDemo: !!r.isDemo
		});
		byAxis.set(String(r.axisCode), list);
	}
	const axes: AnnualAxis[] = axisRows.map((a) => ({
		code: String(a.code),
		titleFr: String(a.titleFr),
		titleAr: strOrNull(a.titleAr),
		titleEn: strOrNull(a.titleEn),
		measures: num(a.measures),
		planned: num(a.planned),
		done: num(a.done),
		late: num(a.late),
		completed: num(a.completed),
		progress: a.progress == null ? null : num(a.progress),
		rows: byAxis.get(String(a.code)) ?? []
	}));
	return {
		year: input.year,
		plan: snapshot.plan,
		referenceDay: snapshot.referenceDay,
		axes,
		totals: { planned: axes.reduce((n, a) => n + a.planned, 0), done: axes.reduce((n, a) => n + a.done, 0), late: axes.reduce((n, a) => n + a.late, 0) },
		snapshot,
		demo: snapshot.demo
	};
}
