/**
 * The dashboard read models against a small hand-built plan whose answers are worked out by hand
 * (weights, cancelled measures left out, per region, per institution, as of a date, by period).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq, inArray, like, sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import type { Db } from '../../src/lib/server/db/client';
import * as s from '../../src/lib/server/db/schema';
import * as dashboard from '../../src/lib/server/dashboard';
import { deriveFlags } from '../../src/lib/domain/status';
import type { MeasureStatus } from '../../src/lib/domain/enums';

const TODAY = '2025-12-01';
let db: Db;
let cleanup: () => void;
const id: Record<string, number> = {};

function at(day: string, hour = 10) {
	return `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
}

beforeAll(() => {
	({ db, cleanup } = createTestDatabase());
	const regions = db
		.insert(s.regions)
		.values([
			{ iso: 'MA-01', nameFr: 'Tanger-Tétouan-Al Hoceïma', nameAr: 'جهة طنجة تطوان الحسيمة', sortOrder: 1 },
			{ iso: 'MA-02', nameFr: "L'Oriental", sortOrder: 2 },
			{ iso: 'MA-03', nameFr: 'Fès-Meknès', sortOrder: 3 }
		])
		.returning()
		.all();
	for (const r of regions) id[r.iso] = r.id;
	const insts = db
		.insert(s.institutions)
		.values([
			{ code: 'I1', nameFr: 'Autorité gouvernementale chargée de la justice', kind: 'ministry' },
			{ code: 'I2', nameFr: 'Direction générale de la sûreté nationale', acronymFr: 'DGSN', kind: 'security' }
		])
		.returning()
		.all();
	for (const i of insts) id[i.code] = i.id;
	const plans = db
		.insert(s.plans)
		.values([
			{ code: 'P1', kind: 'national_plan', titleFr: 'Plan national', startDate: '2024-01-01', endDate: '2030-12-31', sortOrder: 1 },
			{ code: 'P2', kind: 'priority_plan', titleFr: 'Plan prioritaire', startDate: '2024-07-01', endDate: '2025-12-31', sortOrder: 2 },
			{ code: 'P3', kind: 'action_plan', titleFr: "Plan d'action vide", startDate: '2024-01-01', endDate: '2026-12-31', sortOrder: 3 }
		])
		.returning()
		.all();
	for (const p of plans) id[p.code] = p.id;
	const axes = db
		.insert(s.axes)
		.values([
			{ planId: id.P1!, code: 'A1', titleFr: 'Prévention', sortOrder: 1 },
			{ planId: id.P1!, code: 'A2', titleFr: 'Protection', sortOrder: 2 }
		])
		.returning()
		.all();
	for (const a of axes) id[a.code] = a.id;
	const objectives = db
		.insert(s.objectives)
		.values([
			{ axisId: id.A1!, code: 'A1.1', titleFr: 'Objectif 1' },
			{ axisId: id.A2!, code: 'A2.1', titleFr: 'Objectif 2' }
		])
		.returning()
		.all();
	for (const o of objectives) id[o.code] = o.id;
	const m = (
		code: string,
		objective: string,
		lead: string,
		weight: number,
		status: MeasureStatus,
		progress: number,
		startDate: string,
		deadline: string,
		lastValidatedAt: string | null,
		extra: Partial<typeof s.measures.$inferInsert> = {}
	) => ({
		code,
		objectiveId: id[objective]!,
		leadInstitutionId: id[lead]!,
		titleFr: `Mesure ${code}`,
		weight,
		status,
		progress,
		startDate,
		deadline,
		lastValidatedAt,
		isDemo: false,
		...extra
	});
	const measures = db
		.insert(s.measures)
		.values([
			m('M1', 'A1.1', 'I1', 2, 'in_progress', 50, '2024-01-01', '2026-12-31', at('2025-07-10'), { regionalRollout: true }),
			m('M2', 'A1.1', 'I1', 1, 'completed', 100, '2024-01-01', '2025-06-30', at('2025-07-20')),
			m('M3', 'A2.1', 'I2', 1, 'cancelled', 10, '2024-01-01', '2026-06-30', at('2025-03-01')),
			m('M4', 'A2.1', 'I2', 1, 'planned', 0, '2024-01-01', '2025-01-31', null),
			m('M5', 'A2.1', 'I1', 3, 'in_progress', 20, '2025-01-01', '2026-02-15', at('2025-07-05'), { isDemo: true })
		])
		.returning()
		.all();
	for (const x of measures) id[x.code] = x.id;
	db.insert(s.measureInstitutions)
		.values([
			{ measureId: id.M1!, institutionId: id.I2! },
			{ measureId: id.M2!, institutionId: id.I2! }
		])
		.run();
	db.insert(s.measureRegions)
		.values([
			{ measureId: id.M1!, regionId: id['MA-01']! },
			{ measureId: id.M1!, regionId: id['MA-02']! },
			{ measureId: id.M5!, regionId: id['MA-01']! }
		])
		.run();
	const recs = db
		.insert(s.recommendations)
		.values([
			{ planId: id.P2!, code: 'R1', rank: 1, sourceReport: 'TIP 2024', sourceYear: 2024, titleFr: 'Recommandation 1' },
			{ planId: id.P2!, code: 'R2', rank: 2, sourceReport: 'TIP 2024', sourceYear: 2024, titleFr: 'Recommandation 2' }
		])
		.returning()
		.all();
	for (const r of recs) id[r.code] = r.id;
	db.insert(s.recommendationMeasures)
		.values([
			{ recommendationId: id.R1!, measureId: id.M1! },
			{ recommendationId: id.R1!, measureId: id.M4! },
			{ recommendationId: id.R2!, measureId: id.M3! }
		])
		.run();
	const u = (
		measure: string,
		period: string,
		status: MeasureStatus,
		progress: number,
		state: 'validated' | 'submitted' | 'returned',
		reviewedAt: string | null
	) => ({
		measureId: id[measure]!,
		period,
		status,
		progress,
		state,
		submittedAt: reviewedAt ? reviewedAt.replace('T10', 'T08') : at('2025-11-20'),
		reviewedAt
	});
	db.insert(s.progressUpdates)
		.values([
			u('M1', '2024-S2', 'in_progress', 20, 'validated', at('2025-01-15')),
			u('M1', '2025-S1', 'in_progress', 50, 'validated', at('2025-07-10')),
			u('M1', '2025-S2', 'in_progress', 80, 'submitted', null),
			u('M1', '2025-S1', 'in_progress', 90, 'returned', at('2025-07-09')),
			u('M2', '2024-S2', 'in_progress', 60, 'validated', at('2025-02-01')),
			u('M2', '2025-S1', 'completed', 100, 'validated', at('2025-07-20')),
			u('M3', '2024-S2', 'cancelled', 10, 'validated', at('2025-03-01')),
			u('M5', '2025-S1', 'in_progress', 20, 'validated', at('2025-07-05'))
		])
		.run();
	const st = (iso: string, stage: 'pilot' | 'operational' | 'preparation', since: string, state: 'validated' | 'submitted', reviewedAt: string | null) => ({
		measureId: id.M1!,
		regionId: id[iso]!,
		stage,
		since,
		state,
		reviewedAt
	});
	db.insert(s.measureRegionStages)
		.values([
			st('MA-01', 'pilot', '2024-06-01', 'validated', at('2024-06-05')),
			st('MA-01', 'operational', '2025-03-01', 'validated', at('2025-03-05')),
			st('MA-02', 'operational', '2025-05-01', 'validated', at('2025-05-03')),
			st('MA-03', 'preparation', '2025-10-01', 'submitted', null)
		])
		.run();
	const ind = db
		.insert(s.indicators)
		.values({
			measureId: id.M1!,
			code: 'M1-I1',
			nameFr: 'Victimes identifiées',
			kind: 'count',
			baselineValue: 10,
			baselineYear: 2023,
			targetValue: 100,
			targetYear: 2026,
			frequency: 'semester',
			dimensions: '["region"]',
			sensitive: true
		})
		.returning()
		.get();
	id.IND = ind.id;
	const v = (period: string, start: string, end: string, region: string | null, value: number, state: 'validated' | 'submitted', isCurrent: boolean) => ({
		indicatorId: ind.id,
		period,
		periodStart: start,
		periodEnd: end,
		regionId: region ? id[region]! : null,
		value,
		state,
		isCurrent
	});
	db.insert(s.indicatorValues)
		.values([
			v('2024-S2', '2024-07-01', '2024-12-31', null, 20, 'validated', true),
			v('2025-S1', '2025-01-01', '2025-06-30', null, 40, 'validated', true),
			v('2025-S1', '2025-01-01', '2025-06-30', null, 45, 'submitted', false),
			v('2025-S1', '2025-01-01', '2025-06-30', 'MA-01', 3, 'validated', true),
			v('2025-S1', '2025-01-01', '2025-06-30', 'MA-02', 12, 'validated', true),
			v('2024-S2', '2024-07-01', '2024-12-31', 'MA-02', 7, 'validated', true)
		])
		.run();
});

afterAll(() => cleanup?.());

const now = { today: TODAY };
const plan1 = () => ({ kind: 'plan', planId: id.P1! }) as const;

describe('key figures', () => {
	it('weights progress, leaves cancelled measures out, counts statuses and flags', () => {
		const k = dashboard.kpis(db, plan1(), now);
		expect(k.measures).toBe(5);
		// (50×2 + 100×1 + 0×1 + 20×3) / (2+1+1+3) — M3 is cancelled
		expect(k.progress).toBe(37.1);
		expect(k.byStatus).toEqual({ planned: 1, in_progress: 2, completed: 1, suspended: 0, cancelled: 1 });
		expect(k.completionRate).toBe(25);
		expect(k.overdue).toBe(1); // M4, due 2025-01-31 and still planned
		expect(k.dueSoon).toBe(1); // M5, due 2026-02-15
		expect(k.demo).toBe(1);
		expect(k.recommendationsInProgress).toBe(1); // R1 through M1
		expect(k.recommendationsLinked).toBe(2);
	});

	it('counts overdue, at risk and stale exactly as the domain rules do', () => {
		const rows = db.select().from(s.measures).all();
		const flags = rows.map((r) => deriveFlags(r, TODAY));
		const k = dashboard.kpis(db, { kind: 'all' }, now);
		expect(k.overdue).toBe(flags.filter((f) => f.overdue).length);
		expect(k.atRisk).toBe(flags.filter((f) => f.atRisk).length);
		expect(k.stale).toBe(flags.filter((f) => f.stale).length);
		expect(k.atRisk).toBeGreaterThan(0);
		// and per measure, in the tables
		const table = dashboard.measureTable(db, { kind: 'all' }, now, 'all', 50);
		for (const row of table) {
			const domain = deriveFlags(
				rows.find((r) => r.code === row.code)!,
				TODAY
			);
			expect(row.flags, row.code).toEqual(domain);
		}
	});

	it('counts what awaits validation: the whole queue, or the submissions about a scope', () => {
		expect(dashboard.awaitingValidation(db)).toBe(3);
		expect(dashboard.awaitingValidation(db, { kind: 'lead', institutionId: id.I2! })).toBe(0);
		expect(dashboard.awaitingValidation(db, { kind: 'axis', axisId: id.A1! })).toBe(3);
	});

	it('scopes a priority plan by the measures answering its recommendations, and shows an empty plan as empty', () => {
		expect(dashboard.kpis(db, { kind: 'plan', planId: id.P2! }, now).measures).toBe(3); // M1, M3, M4
		expect(dashboard.kpis(db, { kind: 'plan', planId: id.P3! }, now)).toMatchObject({ measures: 0, progress: null, completionRate: null });
		const choices = dashboard.planChoices(db);
		expect(choices.map((p) => [p.code, p.hasMeasures])).toEqual([
			['P1', true],
			['P2', true],
			['P3', false]
		]);
	});
});

describe('roll-ups', () => {
	it('by axis', () => {
		const rows = dashboard.progressByAxis(db, plan1(), now);
		expect(rows.map((r) => [r.code, r.measures, r.progress, r.overdue])).toEqual([
			['A1', 2, 66.7, 0], // (100 + 100) / 3
			['A2', 3, 15, 1] // (0×1 + 20×3) / 4, M3 cancelled
		]);
	});

	it('by objective, every objective of the axis listed', () => {
		const rows = dashboard.progressByObjective(db, id.A2!, now);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ code: 'A2.1', measures: 3, progress: 15 });
	});

	it('by institution, contributions apart, sorted by lead progress', () => {
		const rows = dashboard.progressByInstitution(db, plan1(), now);
		expect(rows.map((r) => r.code)).toEqual(['I1', 'I2']);
		expect(rows[0]!.lead).toMatchObject({ measures: 3, progress: 43.3 }); // (100+100+60)/6
		expect(rows[0]!.contributes.measures).toBe(0);
		expect(rows[1]!.lead).toMatchObject({ measures: 2, progress: 0, overdue: 1 }); // M3 cancelled, M4 at 0
		expect(rows[1]!.contributes).toMatchObject({ measures: 2, progress: 66.7 }); // M1, M2
	});

	it('per region: the measures that concern it, every region listed', () => {
		const rows = dashboard.progressByRegion(db, plan1(), now);
		expect(rows.map((r) => [r.iso, r.measures, r.progress])).toEqual([
			['MA-01', 2, 32], // M1, M5: (100 + 60) / 5
			['MA-02', 1, 50],
			['MA-03', 0, null]
		]);
	});

	it('deadline tables: due within 90 days, overdue', () => {
		expect(dashboard.measureTable(db, plan1(), now, 'due_soon').map((r) => r.code)).toEqual(['M5']);
		const overdue = dashboard.measureTable(db, plan1(), now, 'overdue');
		expect(overdue.map((r) => r.code)).toEqual(['M4']);
		expect(overdue[0]!.lead).toMatchObject({ code: 'I2', acronymFr: 'DGSN' });
	});

	it('recommendations with their coverage', () => {
		const rows = dashboard.recommendationCoverage(db, now);
		expect(rows.map((r) => [r.code, r.measures, r.inProgress, r.progress])).toEqual([
			['R1', 2, 1, 33.3], // M1 50×2 + M4 0×1 over 3
			['R2', 1, 0, null] // only a cancelled measure
		]);
	});
});

describe('as of a date, by period', () => {
	it('rebuilds the plan from the validated updates reviewed by then', () => {
		const k = dashboard.kpis(db, plan1(), { today: TODAY, asOf: '2025-06-30' });
		// M1 20, M2 60, M3 cancelled, M4 and M5 never reported yet
		expect(k.progress).toBe(14.3); // (20×2 + 60×1) / 7
		expect(k.byStatus).toEqual({ planned: 2, in_progress: 2, completed: 0, suspended: 0, cancelled: 1 });
		// on 2025-06-30, M4 (due 2025-01-31) was overdue, M2 (due that day) not yet
		expect(k.overdue).toBe(1);
		expect(dashboard.kpis(db, plan1(), { today: TODAY, asOf: '2025-07-15' }).progress).toBe(31.4); // M1 50, M5 20, M2 still 60
		// on 2025-07-09 M5's first report (reviewed 07-05) counts; M1's returned update of that day never does
		expect(dashboard.kpis(db, plan1(), { today: TODAY, asOf: '2025-07-09' }).progress).toBe(22.9); // (20×2 + 60 + 20×3) / 7
	});

	it('counts the whole as-of day, and is the current state once everything is reviewed', () => {
		expect(dashboard.kpis(db, plan1(), { today: TODAY, asOf: '2025-07-20' }).progress).toBe(37.1);
		expect(dashboard.kpis(db, plan1(), { today: TODAY, asOf: '2025-07-19' }).progress).toBe(31.4);
	});

	it('by reporting period: the latest report on that period or an earlier one', () => {
		expect(dashboard.kpis(db, plan1(), { today: TODAY, period: '2024-S2' }).progress).toBe(14.3);
		expect(dashboard.kpis(db, plan1(), { today: TODAY, period: '2025-S1' }).progress).toBe(37.1);
		expect(dashboard.progressByAxis(db, plan1(), { today: TODAY, period: '2024-S2' }).map((r) => r.progress)).toEqual([33.3, 0]); // A1: (20×2 + 60) / 3
	});

	it('trend over semesters', () => {
		const trend = dashboard.progressTrend(db, plan1(), now, 2024);
		expect(trend.map((p) => [p.period, p.measures, p.progress, p.completed])).toEqual([
			['2024-S1', 4, 0, 0], // M1-M4 started, none reported
			['2024-S2', 4, 25, 0], // (20×2 + 60 + 0) / 4, M3 cancelled
			['2025-S1', 5, 37.1, 1],
			['2025-S2', 5, 37.1, 1]
		]);
		// as of a date, later reviews are left out of every semester (2025-S1: M5 started, not yet reported)
		expect(dashboard.progressTrend(db, plan1(), { today: TODAY, asOf: '2025-06-30' }, 2024).map((p) => p.progress)).toEqual([0, 25, 14.3]);
	});
});

describe('regional roll-out', () => {
	it('counts the latest validated stage of each region, and since when', () => {
		const [summary] = dashboard.rolloutSummary(db, plan1(), now);
		expect(summary).toMatchObject({ code: 'M1', regions: 3, operationalSince: '2025-05-01', firstOperational: '2025-03-01' });
		expect(summary!.byStage).toEqual({ not_started: 1, preparation: 0, pilot: 0, operational: 2 });
		expect(dashboard.rolloutStages(db, 'M1', now).map((r) => [r.iso, r.stage, r.since])).toEqual([
			['MA-01', 'operational', '2025-03-01'],
			['MA-02', 'operational', '2025-05-01'],
			['MA-03', 'not_started', null]
		]);
		expect(dashboard.rolloutTimeline(db, 'M1', now)).toEqual([
			{ date: '2025-03-01', operational: 1 },
			{ date: '2025-05-01', operational: 2 }
		]);
	});

	it('as of a date', () => {
		const [summary] = dashboard.rolloutSummary(db, plan1(), { today: TODAY, asOf: '2025-04-01' });
		expect(summary!.byStage).toEqual({ not_started: 2, preparation: 0, pilot: 0, operational: 1 });
		expect(dashboard.rolloutStages(db, 'M1', { today: TODAY, asOf: '2024-12-31' })[0]).toMatchObject({ stage: 'pilot', since: '2024-06-01' });
	});
});

describe('scorecards', () => {
	it('overview puts the blocks together for a plan', () => {
		const o = dashboard.overview(db, 'P1', now)!;
		expect(o.kpis.measures).toBe(5);
		expect(o.byAxis).toHaveLength(2);
		expect(o.recommendationsTotal).toBe(2);
		expect(o.rollout).toHaveLength(1);
		expect(o.rolloutStages).toHaveLength(3);
		expect(dashboard.overview(db, 'NOPE', now)).toBeNull();
	});

	it('institution: lead and contributions apart', () => {
		const sc = dashboard.institutionScorecard(db, 'I2', now)!;
		expect(sc.lead.kpis).toMatchObject({ measures: 2, progress: 0 });
		expect(sc.contributes.kpis).toMatchObject({ measures: 2, progress: 66.7 });
		expect(sc.contributes.measures.map((r) => r.code)).toEqual(['M1', 'M2']);
		expect(dashboard.institutionScorecard(db, 'NOPE', now)).toBeNull();
	});

	it('region: its measures, roll-out stage and regional indicator values', () => {
		const sc = dashboard.regionScorecard(db, 'MA-02', now)!;
		expect(sc.kpis).toMatchObject({ measures: 1, progress: 50 });
		expect(sc.rollout).toEqual([expect.objectContaining({ code: 'M1', stage: 'operational', since: '2025-05-01' })]);
		expect(sc.indicators.rows[0]).toMatchObject({ code: 'M1-I1', value: 12, period: '2025-S1' });
		expect(sc.regions).toHaveLength(3);
	});

	it('axis and recommendation', () => {
		const axis = dashboard.axisScorecard(db, 'A1', now)!;
		expect(axis.kpis).toMatchObject({ measures: 2, progress: 66.7 });
		expect(axis.indicators).toMatchObject({ total: 1, rows: [expect.objectContaining({ code: 'M1-I1', value: 40, period: '2025-S1' })] });
		const rec = dashboard.recommendationScorecard(db, 'R1', now)!;
		expect(rec.kpis).toMatchObject({ measures: 2, progress: 33.3, overdue: 1 });
	});
});

describe('indicator explorer', () => {
	it('shows validated values only, or with the submitted ones', () => {
		const x = dashboard.indicatorExplorer(db, 'M1-I1')!;
		expect(x.series.map((p) => [p.period, p.value, p.state])).toEqual([
			['2024-S2', 20, 'validated'],
			['2025-S1', 40, 'validated']
		]);
		expect(x.regionalPeriods).toEqual(['2025-S1', '2024-S2']);
		expect(x.byRegion.map((r) => [r.iso, r.value])).toEqual([
			['MA-01', 3],
			['MA-02', 12],
			['MA-03', null]
		]);
		const withSubmitted = dashboard.indicatorExplorer(db, 'M1-I1', { includeSubmitted: true })!;
		expect(withSubmitted.series[1]).toMatchObject({ value: 45, state: 'submitted' });
		expect(dashboard.indicatorExplorer(db, 'M1-I1', { regionPeriod: '2024-S2' })!.byRegion.map((r) => r.value)).toEqual([null, 7, null]);
	});

	it('masks small counts of a sensitive indicator for a public reader, with secondary suppression', () => {
		const x = dashboard.indicatorExplorer(db, 'M1-I1', { mask: true })!;
		expect(x.masked).toBe(true);
		// 3 is below 5; 12 would give it away from the national total
		expect(x.byRegion.map((r) => [r.iso, r.value, r.masked])).toEqual([
			['MA-01', null, true],
			['MA-02', null, true],
			['MA-03', null, false]
		]);
		expect(x.series.map((p) => p.value)).toEqual([20, 40]);
	});

	it('offers the plan’s indicators with values by region to the overview map, at the snapshot’s period', () => {
		expect(dashboard.regionalIndicators(db, plan1()).rows.map((r) => r.code)).toEqual(['M1-I1']);
		expect(dashboard.regionalIndicators(db, { kind: 'plan', planId: id.P3! }).total).toBe(0);
		// an unknown indicator falls back to the plan's first
		const layer = dashboard.mapIndicatorLayer(db, plan1(), { code: 'NOPE' });
		expect(layer.indicator?.code).toBe('M1-I1');
		expect(layer.regionPeriod).toBe('2025-S1');
		expect(layer.byRegion.map((r) => [r.iso, r.value])).toEqual([
			['MA-01', 3],
			['MA-02', 12],
			['MA-03', null]
		]);
		// as of 2025-03-01 the latest regional period ended is 2024-S2; before any, none
		const past = dashboard.mapIndicatorLayer(db, plan1(), { until: '2025-03-01' });
		expect([past.regionPeriod, past.byRegion.map((r) => r.value)]).toEqual(['2024-S2', [null, 7, null]]);
		expect(dashboard.mapIndicatorLayer(db, plan1(), { until: '2024-01-01' })).toMatchObject({ regionPeriod: null, byRegion: [] });
		// a public reader gets the confidentiality rule
		expect(dashboard.mapIndicatorLayer(db, plan1(), { mask: true }).byRegion.map((r) => r.masked)).toEqual([true, true, false]);
	});

	it('searches indicators by code, name or measure', () => {
		expect(dashboard.searchIndicators(db, 'victimes').rows.map((r) => r.code)).toEqual(['M1-I1']);
		expect(dashboard.searchIndicators(db, 'M1').total).toBe(1);
		expect(dashboard.searchIndicators(db, '100%').total).toBe(0);
	});
});

describe('filters from the URL', () => {
	it('falls back to a known plan, a known period and a past date', () => {
		const f = dashboard.resolveFilters(db, { plan: 'NOPE', period: '2031-S1', asOf: '2099-01-01', pillar: 'nope' }, TODAY);
		expect(f.plan?.code).toBe('P1');
		expect(f.period).toBeNull();
		expect(f.asOf).toBeNull();
		expect(f.pillar).toBeNull();
		const g = dashboard.resolveFilters(db, { plan: 'P2', asOf: '2025-03-01', pillar: 'protection' }, TODAY);
		expect(g.plan?.code).toBe('P2');
		expect(g.opts).toEqual({ today: TODAY, asOf: '2025-03-01', period: null, pillar: 'protection' });
	});
});

describe('on the seeded demonstration', () => {
	let demo: ReturnType<typeof createTestDatabase>;
	beforeAll(async () => {
		demo = createTestDatabase();
		const { seedDatabase, DEMO_TODAY } = await import('../../src/lib/server/seed/index');
		await seedDatabase(demo.db, { demo: true });
		expect(DEMO_TODAY).toBe('2026-07-20');
	}, 60_000);
	afterAll(() => demo?.cleanup());

	it('rebuilds today’s figures from the validated history (the measures carry their last validated update)', () => {
		const pn = dashboard.planChoices(demo.db).find((p) => p.code === 'PN-2023-2030')!;
		const scope = { kind: 'plan', planId: pn.id } as const;
		const current = dashboard.kpis(demo.db, scope, { today: '2026-07-20' });
		const rebuilt = dashboard.kpis(demo.db, scope, { today: '2026-07-20', asOf: '2026-07-19' });
		expect(current.measures).toBeGreaterThan(50);
		expect(rebuilt.progress).toBe(current.progress);
		expect(rebuilt.byStatus).toEqual(current.byStatus);
		expect(dashboard.progressByAxis(demo.db, scope, { today: '2026-07-20', asOf: '2026-07-19' })).toEqual(
			dashboard.progressByAxis(demo.db, scope, { today: '2026-07-19' })
		);
		// and the last semester of the trend is today's figure
		const trend = dashboard.progressTrend(demo.db, scope, { today: '2026-07-20' });
		expect(trend.at(-1)!.progress).toBe(current.progress);
	});

	it('lists the same first indicators of a scorecard whether it walks the code index or sorts the scope’s', () => {
		const db = demo.db;
		const ids = (q: string) => db.all<{ id: number }>(sql.raw(q)).map((r) => r.id);
		const scopes: dashboard.Scope[] = [
			{ kind: 'all' },
			...ids('SELECT id FROM axes').map((axisId) => ({ kind: 'axis' as const, axisId })),
			...ids('SELECT DISTINCT lead_institution_id AS id FROM measures').map((institutionId) => ({ kind: 'lead' as const, institutionId })),
			...ids('SELECT id FROM regions').map((regionId) => ({ kind: 'region' as const, regionId }))
		];
		let listed = 0;
		for (const scope of scopes) {
			for (const limit of [3, 20]) {
				const walked = dashboard.indicatorSummaries(db, scope, { limit, sortBelow: -1 });
				expect(walked, JSON.stringify(scope)).toEqual(dashboard.indicatorSummaries(db, scope, { limit, sortBelow: Infinity }));
				expect(walked.rows.map((r) => r.code)).toEqual(walked.rows.map((r) => r.code).sort());
				listed += walked.rows.length;
			}
		}
		expect(listed).toBeGreaterThan(50);
	});

	it('shows the MNR roll-out and the ten recommendations', () => {
		const o = dashboard.overview(demo.db, 'PN-2023-2030', { today: '2026-07-20' })!;
		expect(o.recommendations).toHaveLength(10);
		expect(o.rollout[0]!.regions).toBe(12);
		expect(o.rolloutStages).toHaveLength(12);
		expect(o.byRegion).toHaveLength(12);
		const sum = Object.values(o.rollout[0]!.byStage).reduce((a, b) => a + b, 0);
		expect(sum).toBe(12);
	});
});

describe('indicator search (the trigram index of migration 0002, kept by triggers)', () => {
	const codes = (q: string | undefined, limit?: number) => dashboard.searchIndicators(db, q, limit).rows.map((r) => r.code);
	const indexed = (phrase: string) =>
		db.all<{ id: number }>(sql`SELECT rowid AS id FROM indicator_search WHERE indicator_search MATCH ${`"${phrase}"`} ORDER BY rowid`).map((r) => r.id);
	const indicator = (measureId: number, code: string, names: { nameFr: string; nameAr?: string; nameEn?: string }) =>
		db
			.insert(s.indicators)
			.values({ measureId, code, ...names, kind: 'count', frequency: 'semester' })
			.returning()
			.get();

	beforeAll(() => {
		// a measure whose code is no part of its indicator's code, and an indicator named in three languages
		id.M7 = db
			.insert(s.measures)
			.values({ code: 'MESURE-77', objectiveId: id['A2.1']!, leadInstitutionId: id.I1!, titleFr: 'Mesure 77', startDate: '2025-01-01', deadline: '2026-12-31' })
			.returning()
			.get().id;
		indicator(id.M7, 'X7-I1', { nameFr: 'Taux de dossiers jugés (%)', nameAr: 'نسبة القضايا المحكومة', nameEn: 'Share of cases tried' });
	});
	afterAll(() => {
		db.delete(s.indicators)
			.where(inArray(s.indicators.measureId, [id.M2!, id.M7!]))
			.run();
		db.delete(s.measures).where(eq(s.measures.id, id.M7!)).run();
	});

	it('finds an indicator by a substring of a name in each language, of its code and of its measure’s code', () => {
		expect(codes('dossiers jug')).toEqual(['X7-I1']);
		expect(codes('القضايا')).toEqual(['X7-I1']);
		expect(codes('cases tri')).toEqual(['X7-I1']);
		expect(codes('7-I')).toEqual(['X7-I1']);
		expect(codes('SURE-7')).toEqual(['X7-I1']);
		expect(codes('ctimes identifi')).toEqual(['M1-I1']);
		expect(dashboard.searchIndicators(db, 'X7-I1').rows[0]).toMatchObject({
			code: 'X7-I1',
			nameAr: 'نسبة القضايا المحكومة',
			nameEn: 'Share of cases tried',
			measureCode: 'MESURE-77',
			isDemo: false
		});
		expect(codes('nothing like this')).toEqual([]);
	});

	it('ignores case', () => {
		expect(codes('VICTIMES IDENT')).toEqual(['M1-I1']);
		expect(codes('sHaRe Of')).toEqual(['X7-I1']);
		expect(codes('mesure-77')).toEqual(['X7-I1']);
	});

	it('takes %, _, \\ and " literally', () => {
		expect(codes('(%)')).toEqual(['X7-I1']);
		expect(dashboard.searchIndicators(db, '%%%').total).toBe(0);
		expect(dashboard.searchIndicators(db, '___').total).toBe(0);
		expect(codes('M_-I1')).toEqual([]);
		expect(codes('X7_I1')).toEqual([]);
		expect(codes('\\%')).toEqual([]);
		expect(codes('"jugés"')).toEqual([]);
		expect(codes('%')).toEqual(['X7-I1']); // shorter than the index's trigrams: LIKE, escaped
	});

	it('still answers a query of 1 or 2 characters, and every indicator for none', () => {
		expect(codes('X7')).toEqual(['X7-I1']);
		expect(codes('قض')).toEqual(['X7-I1']);
		expect(codes('ç')).toEqual([]);
		expect(dashboard.searchIndicators(db, 'I1').total).toBe(2);
		expect(codes('')).toEqual(['M1-I1', 'X7-I1']);
		expect(codes(undefined)).toEqual(['M1-I1', 'X7-I1']);
	});

	it('follows inserts, renames, measure recoding and deletes', () => {
		const added = indicator(id.M2!, 'M2-I1', { nameFr: 'Signalements reçus', nameEn: 'Reports received' });
		expect(codes('signalements')).toEqual(['M2-I1']);
		expect(codes('M2-I')).toEqual(['M2-I1']);

		db.update(s.indicators).set({ nameFr: 'Dénonciations reçues', nameEn: null }).where(eq(s.indicators.id, added.id)).run();
		expect(codes('nonciations')).toEqual(['M2-I1']);
		expect(codes('signalements')).toEqual([]);
		expect(codes('Reports received')).toEqual([]);
		expect(indexed('signalements')).toEqual([]);

		db.update(s.indicators).set({ code: 'M2-J1' }).where(eq(s.indicators.id, added.id)).run();
		expect(codes('M2-J')).toEqual(['M2-J1']);
		expect(codes('M2-I')).toEqual([]);

		// an update of a column the index does not hold leaves its row alone
		db.update(s.indicators).set({ unit: 'dossiers' }).where(eq(s.indicators.id, added.id)).run();
		expect(indexed('nonciations')).toEqual([added.id]);

		db.update(s.measures).set({ code: 'MESURE-88' }).where(eq(s.measures.id, id.M7!)).run();
		expect(codes('SURE-88')).toEqual(['X7-I1']);
		expect(codes('SURE-77')).toEqual([]);
		expect(codes('dossiers jug')).toEqual(['X7-I1']);

		db.delete(s.indicators).where(eq(s.indicators.id, added.id)).run();
		expect(codes('nonciations')).toEqual([]);
		expect(indexed('nonciations')).toEqual([]);
		expect(db.all(sql`SELECT count(*) AS n FROM indicator_search`)).toEqual([{ n: 2 }]);
		db.run(sql`INSERT INTO indicator_search(indicator_search) VALUES ('integrity-check')`);
	});

	it('orders a common substring by code and caps its count, however its matches are spread', () => {
		const rows = (prefix: string, n: number, nameFr: (k: number) => string) =>
			Array.from({ length: n }, (_, k) => ({
				measureId: id.M2!,
				code: `${prefix}${String(k).padStart(4, '0')}`,
				nameFr: nameFr(k),
				kind: 'count' as const,
				frequency: 'semester' as const
			}));
		// first by code, 60 B… "ÉVALUÉS"; then 520 C… "évalués"; all of them "en lot"
		db.insert(s.indicators)
			.values(rows('B-', 60, () => 'Cas ÉVALUÉS en lot (série B)'))
			.run();
		db.insert(s.indicators)
			.values(rows('C-', 520, (k) => `Cas évalués en lot (série C) ${k % 2 ? 'impair' : 'pair'}`))
			.run();
		try {
			// matches everywhere: the first ones by code
			expect(dashboard.searchIndicators(db, 'EN LOT', 5)).toMatchObject({ total: 500, capped: true });
			expect(codes('EN LOT', 5)).toEqual(['B-0000', 'B-0001', 'B-0002', 'B-0003', 'B-0004']);
			// under the cap: every match, sorted
			expect(dashboard.searchIndicators(db, 'impair', 5)).toMatchObject({ total: 260, capped: false });
			expect(codes('impair', 5)).toEqual(['C-0001', 'C-0003', 'C-0005', 'C-0007', 'C-0009']);
			expect(dashboard.searchIndicators(db, ') pair', 5)).toMatchObject({ total: 260, capped: false });
			// 520 matches, none among the first 60 by code (limit 3 × 20)
			expect(dashboard.searchIndicators(db, 'rie C)', 3)).toMatchObject({ total: 500, capped: true });
			expect(codes('rie C)', 3)).toEqual(['C-0000', 'C-0001', 'C-0002']);
			// é and É are one letter to the index, two to LIKE: the B… rows still come first
			expect(dashboard.searchIndicators(db, 'évalués en', 5)).toMatchObject({ total: 500, capped: true });
			expect(codes('évalués en', 5)).toEqual(['B-0000', 'B-0001', 'B-0002', 'B-0003', 'B-0004']);
			expect(codes('ÉVALUÉS EN', 5)).toEqual(['B-0000', 'B-0001', 'B-0002', 'B-0003', 'B-0004']);
		} finally {
			db.delete(s.indicators).where(like(s.indicators.code, '_-0%')).run();
		}
		expect(codes('en lot')).toEqual([]);
	});
});
