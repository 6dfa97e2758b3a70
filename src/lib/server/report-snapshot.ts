/**
 * A report's snapshot: the figures of the dashboards' read models for a plan, a period and a scope,
 * as a partner sees them (validated data only, small counts masked by the one confidentiality
 * function), with the breakdowns and sources they rest on. `reports` freezes it at publication.
 *
 * Relative imports only: the demonstration seed and the bench run this module under tsx.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import * as dashboard from './dashboard';
import { can, type Actor } from './auth/permissions';
import { nowIso } from './write-result';
import { CONFIDENTIALITY_THRESHOLD, suppressSmallCells } from '../domain/confidentiality';
import { parsePeriod } from '../domain/period';
import { parseSources } from '../schemas/json-columns';
import { indicatorBreakdowns } from './breakdowns';
import { viewCells, type BreakdownView, type IndicatorBreakdowns } from '../domain/breakdown';
import { SNAPSHOT_SCHEMA, type ReportScope, type ReportSection, type ReportSnapshot, type SnapIndicator, type Texts } from '../domain/report';

/**
 * Whom a snapshot is built for: a reader who sees validated data only and small counts masked.
 * Every published output is read by partners (and by anyone with a public link), so the snapshot is
 * what a partner would see, decided by the same rules as their dashboards.
 */
export const REPORT_VIEWER: Actor = { id: 0, role: 'partner', institutionId: null };

/** The indicator tables list at most this many indicators (by code); the snapshot says how many there are. */
export const REPORT_INDICATOR_LIMIT = 500;

export interface SnapshotInput {
	planCode: string;
	period: string;
	scope: ReportScope;
	axisCode?: string | null;
}

export type Json = Record<string, unknown>;
export const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));
export const numOrNull = (v: unknown) => (v == null ? null : Number(v));
export const strOrNull = (v: unknown) => (v == null ? null : String(v));

/**
 * The indicators of the measures in scope (first REPORT_INDICATOR_LIMIT by code) with their latest
 * current validated national value for a period that ended by `end`: one search of the partial
 * index of current values per listed indicator.
 */
function indicatorRows(db: Db, scope: dashboard.Scope, end: string): { rows: Json[]; total: number } {
	const ids = sql`SELECT m.id FROM measures m WHERE ${dashboard.inScope(scope)}`;
	const latest = sql`(SELECT v.id FROM indicator_values v WHERE v.indicator_id = i.id AND v.is_current = 1 AND v.region_id IS NULL
		AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL AND v.period_end <= ${end}
		ORDER BY v.period_start DESC LIMIT 1)`;
	const rows = db.all<Json>(sql`
		WITH picked AS (SELECT i.* FROM indicators i WHERE i.measure_id IN (${ids}) ORDER BY i.code LIMIT ${REPORT_INDICATOR_LIMIT})
		SELECT i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.unit, i.unit_ar AS unitAr, i.unit_en AS unitEn, i.kind,
			i.baseline_value AS baselineValue,
			i.baseline_year AS baselineYear, i.target_value AS targetValue, i.target_year AS targetYear, i.direction, i.sensitive,
			i.is_demo AS isDemo, i.sources AS indicatorSources, m.code AS measureCode, ax.code AS axisCode,
			v.value, v.period AS valuePeriod, v.is_demo AS valueIsDemo, v.source
		FROM picked i JOIN measures m ON m.id = i.measure_id
		LEFT JOIN objectives o ON o.id = m.objective_id LEFT JOIN axes ax ON ax.id = o.axis_id
		LEFT JOIN indicator_values v ON v.id = ${latest}
		ORDER BY i.code`);
	const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM indicators WHERE measure_id IN (${ids})`)?.n ?? 0;
	return { rows, total };
}

/**
 * The national breakdowns a report freezes: for each of `codes` with breakdowns, the latest period
 * ended by `until`, masked (with `mask`) by the one confidentiality function before anything is
 * stored. `shown` keeps only what the report shows (one period, nationally, no filters); `all` the
 * full answer, whose `maskedTotals` say which totals must be hidden elsewhere; `maskedCells`
 * counts the cells masked in `shown`.
 */
function frozenBreakdowns(
	db: Db,
	codes: string[],
	opts: { mask: boolean; until: string }
): { all: IndicatorBreakdowns[]; shown: IndicatorBreakdowns[]; maskedCells: number } {
	const all = indicatorBreakdowns(db, codes, { mask: opts.mask, until: opts.until, regionIso: null });
	const shown = all
		.filter((b): b is IndicatorBreakdowns & { view: BreakdownView; period: string } => b.view != null && b.period != null)
		.map((b) => ({ ...b, periods: [b.period], areas: [null], area: null, maskedTotals: [] }));
	const maskedCells = shown.reduce((n, b) => n + viewCells(b.view).filter((c) => c.masked).length, 0);
	return { all, shown, maskedCells };
}

function sourcesOf(rows: Json[], breakdowns: readonly IndicatorBreakdowns[] = []): { label: string; url: string | null }[] {
	const out = new Map<string, { label: string; url: string | null }>();
	for (const b of breakdowns) for (const src of b.sources) out.set(src.title, { label: src.title, url: src.url ?? null });
	for (const r of rows) {
		// a malformed sources column is shown as no source rather than breaking the publication
		for (const src of parseSources(r.indicatorSources == null ? null : String(r.indicatorSources))) out.set(src.title, { label: src.title, url: src.url });
		if (r.value != null && r.source) out.set(String(r.source), { label: String(r.source), url: null });
	}
	return [...out.values()].sort((a, b) => a.label.localeCompare(b.label, 'fr'));
}

/**
 * The figures of a report on `input`, as REPORT_VIEWER (or `viewer`) would see them on the
 * dashboards: validated data only, taken for the period (each measure's latest validated report on
 * that period or an earlier one), flags on the period's last day (or today, for a period not over),
 * small counts masked. Null when the plan, the axis or the period is unknown.
 */
export function buildSnapshot(
	db: Db,
	input: SnapshotInput,
	opts: { today: string; viewer?: Actor; narratives?: Partial<Record<ReportSection, Texts>>; takenAt?: string }
): ReportSnapshot | null {
	const viewer = opts.viewer ?? REPORT_VIEWER;
	const mask = !can(viewer, 'dashboard.read_small_counts');
	const period = parsePeriod(input.period);
	const plan = dashboard.planChoices(db).find((p) => p.code === input.planCode);
	if (!plan || !period) return null;
	let axis: { id: number; code: string; titleFr: string; titleAr: string | null; titleEn: string | null } | null = null;
	if (input.scope === 'axis') {
		axis =
			db.get<{ id: number; code: string; titleFr: string; titleAr: string | null; titleEn: string | null }>(sql`
			SELECT id, code, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn FROM axes WHERE code = ${input.axisCode ?? ''} AND plan_id = ${plan.id}`) ??
			null;
		if (!axis) return null;
	}
	const scope: dashboard.Scope =
		input.scope === 'axis'
			? { kind: 'axis', axisId: axis!.id }
			: input.scope === 'recommendations'
				? { kind: 'recommended' }
				: { kind: 'plan', planId: plan.id };
	const today = period.end < opts.today ? period.end : opts.today;
	const snapOpts: dashboard.SnapshotOptions = { today, period: period.code };

	const kpis = dashboard.kpis(db, scope, snapOpts);
	const byAxis = dashboard.progressByAxis(db, scope, snapOpts);
	const byPillar = dashboard.progressByPillar(db, scope, snapOpts);
	const byInstitution = dashboard.progressByInstitution(db, scope, snapOpts);
	const byRegion = dashboard.progressByRegion(db, scope, snapOpts);
	// Coverage is over every measure linked to a recommendation; an axis report leaves it out.
	const recommendations = input.scope === 'axis' ? [] : dashboard.recommendationCoverage(db, snapOpts);
	const layer = dashboard.mapIndicatorLayer(db, scope, { mask, until: period.end });

	const ind = indicatorRows(db, scope, period.end);
	const breakdowns = frozenBreakdowns(
		db,
		ind.rows.map((r) => String(r.code)),
		{ mask, until: period.end }
	);
	// A national total a breakdown table hides (its parts would give it back) is hidden in the indicator table too.
	const hiddenTotals = new Set(breakdowns.all.flatMap((b) => b.maskedTotals.map((k) => `${b.code}|${k}`)));
	let maskedCells = layer.byRegion.filter((r) => r.masked).length + breakdowns.maskedCells;
	const indicators: SnapIndicator[] = ind.rows.map((r) => {
		const sensitive = !!r.sensitive;
		// Each national value stands alone (no total beside it): primary suppression only, as on the explorer.
		const [first] =
			mask && sensitive
				? suppressSmallCells([{ value: numOrNull(r.value), masked: false }], { partOfTotal: false })
				: [{ value: numOrNull(r.value), masked: false }];
		const cell = first!.value != null && r.valuePeriod != null && hiddenTotals.has(`${r.code}||${r.valuePeriod}`) ? { value: null, masked: true } : first;
		if (cell!.masked) maskedCells++;
		return {
			code: String(r.code),
			nameFr: String(r.nameFr),
			nameAr: strOrNull(r.nameAr),
			nameEn: strOrNull(r.nameEn),
			measureCode: String(r.measureCode),
			axisCode: strOrNull(r.axisCode),
			unit: strOrNull(r.unit),
			unitAr: strOrNull(r.unitAr),
			unitEn: strOrNull(r.unitEn),
			kind: String(r.kind),
			baselineValue: numOrNull(r.baselineValue),
			baselineYear: numOrNull(r.baselineYear),
			targetValue: numOrNull(r.targetValue),
			targetYear: numOrNull(r.targetYear),
			direction: r.direction === 'down' ? 'down' : 'up',
			sensitive,
			isDemo: !!r.isDemo,
			value: cell!.value,
			masked: cell!.masked,
			valuePeriod: strOrNull(r.valuePeriod),
			valueIsDemo: !!r.valueIsDemo,
			source: r.value == null ? null : strOrNull(r.source)
		};
	});

	const demo =
		kpis.demo > 0 ||
		indicators.some((i) => i.isDemo || i.valueIsDemo) ||
		recommendations.some((r) => r.isDemo) ||
		!!layer.indicator?.isDemo ||
		breakdowns.shown.some((b) => b.isDemo);
	return {
		schema: SNAPSHOT_SCHEMA,
		plan: { code: plan.code, titleFr: plan.titleFr, titleAr: plan.titleAr, titleEn: plan.titleEn },
		period: { code: period.code, start: period.start, end: period.end },
		scope: { kind: input.scope, axis: axis ? { code: axis.code, titleFr: axis.titleFr, titleAr: axis.titleAr, titleEn: axis.titleEn } : null },
		referenceDay: dashboard.referenceDay(snapOpts),
		takenAt: opts.takenAt ?? nowIso(),
		confidentiality: { threshold: CONFIDENTIALITY_THRESHOLD, maskedCells },
		kpis: {
			measures: kpis.measures,
			completed: kpis.completed,
			progress: kpis.progress,
			overdue: kpis.overdue,
			demo: kpis.demo,
			byStatus: kpis.byStatus,
			completionRate: kpis.completionRate,
			atRisk: kpis.atRisk,
			dueSoon: kpis.dueSoon,
			recommendationsInProgress: kpis.recommendationsInProgress,
			recommendationsLinked: kpis.recommendationsLinked
		},
		byAxis,
		byPillar: byPillar.map(({ pillar, measures, completed, progress, overdue, demo }) => ({ pillar, measures, completed, progress, overdue, demo })),
		byInstitution: byInstitution.map(({ code, nameFr, nameAr, nameEn, acronymFr, acronymEn, lead, contributes }) => ({
			code,
			nameFr,
			nameAr,
			nameEn,
			acronymFr,
			acronymEn,
			lead,
			contributes
		})),
		byRegion,
		map: {
			indicator: layer.indicator
				? {
						code: layer.indicator.code,
						nameFr: layer.indicator.nameFr,
						nameAr: layer.indicator.nameAr,
						nameEn: layer.indicator.nameEn,
						unit: layer.indicator.unit,
						sensitive: layer.indicator.sensitive,
						isDemo: layer.indicator.isDemo
					}
				: null,
			period: layer.regionPeriod,
			byRegion: layer.byRegion.map((r) => ({
				iso: r.iso,
				nameFr: r.nameFr,
				nameAr: r.nameAr,
				nameEn: r.nameEn,
				value: r.masked ? null : r.value,
				masked: r.masked
			}))
		},
		recommendations: recommendations.map((r) => ({ ...r })),
		indicators: { rows: indicators, total: ind.total },
		breakdowns: breakdowns.shown,
		narratives: opts.narratives ?? {},
		sources: sourcesOf(ind.rows, breakdowns.shown),
		demo
	};
}
