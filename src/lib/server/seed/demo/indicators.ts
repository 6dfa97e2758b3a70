/**
 * The demonstration indicators and their values: two per measure from its family (the statistics
 * measure carries the public indicators of `public-values.json` instead, with their real figures, not
 * demo), each with a regional profile, national values that are the sum (counts, money) or the mean
 * (percents) of the regional ones, and a few reports still pending or returned.
 */
import * as s from '../../db/schema';
import { catalogueUnit } from '../../../domain/units';
import type { WorkflowState } from '../../../domain/enums';
import type { DemoIndicator } from '../../../schemas/seed';
import { codeIds, sourcesJson } from '../public';
import { addDays, at, bounds, DEMO_SEMESTERS, DEMO_YEARS, fill, insertChunked, reportTimes, Rng } from './common';
import type { DemoContext, DemoPeople, MeasurePlan } from './common';
import { mnrCounts, stageAt } from './rollout';

interface IndicatorGen {
	code: string;
	plan: MeasurePlan;
	tpl: DemoIndicator;
	base: number;
	target: number;
}

function uniqueSources<T extends { title: string; url?: string }>(sources: T[]): T[] {
	const seen = new Map<string, T>();
	// the same document once: by its address, or by its title when it has none
	for (const x of sources) if (!seen.has(x.url ?? x.title)) seen.set(x.url ?? x.title, x);
	return [...seen.values()];
}

/**
 * When a public figure became known: the latest day its earliest source's date allows ("2023-06" →
 * 30 June 2023, "2019" → 31 December 2019), so "as of" a date never counts it before it was published.
 */
function publishedAt(list: readonly { date?: string | null }[], fallback: string): string {
	const dates = list
		.map((x) => x.date ?? '')
		.filter((d) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d))
		.sort();
	const d = dates[0];
	if (!d) return at(fallback, 12);
	if (d.length === 10) return at(d, 12);
	if (d.length === 7) {
		const [y, m] = d.split('-').map(Number) as [number, number];
		return at(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10), 12);
	}
	return at(`${d}-12-31`, 12);
}

/** Inserts the indicators of every measure; returns their rows and what the values are generated from. */
function insertIndicators(ctx: DemoContext, plans: readonly MeasurePlan[], measureId: Map<string, number>) {
	const { need, catalogue, created } = ctx;
	const pub = ctx.files.publicValues;
	const indicatorRows: (typeof s.indicators.$inferInsert)[] = [];
	const gens: IndicatorGen[] = [];
	for (const p of plans) {
		const id = need(measureId, p.code, 'measure');
		if (p.tpl.special === 'public') {
			for (const ind of pub.indicators) {
				const sources = uniqueSources(pub.values.filter((v) => v.indicator === ind.code).flatMap((v) => v.sources));
				indicatorRows.push({
					measureId: id,
					code: ind.code,
					nameFr: ind.name.fr,
					nameAr: ind.name.ar ?? null,
					nameEn: ind.name.en ?? null,
					...catalogueUnit(ind.unit),
					kind: ind.kind,
					baselineValue: ind.baseline?.value ?? null,
					baselineYear: ind.baseline?.year ?? null,
					direction: ind.direction,
					frequency: ind.frequency,
					dimensions: JSON.stringify(ind.dimensions),
					sensitive: ind.sensitive,
					sdgTarget: ind.sdgTarget,
					plausibleMin: 0,
					sources: sourcesJson(sources),
					isDemo: false,
					createdAt: created,
					updatedAt: created
				});
			}
			continue;
		}
		catalogue.families[p.tpl.family]!.indicators.forEach((t, k) => {
			const rng = new Rng(`indicator:${p.code}:${k}`);
			const base = t.kind === 'percent' || t.kind === 'amount' ? rng.range(t.base[0], t.base[1]) : rng.int(t.base[0], t.base[1]);
			const target = rng.range(t.target[0], t.target[1]);
			const round = (v: number) => (t.unit === 'MAD' ? Math.round(v / 10_000) * 10_000 : Math.round(v));
			const code = `${p.code}-I${k + 1}`;
			const dims = t.dimensions.filter((d) => d !== 'region' || p.tpl.regions === undefined || p.tpl.regions.length > 1);
			gens.push({ code, plan: p, tpl: t, base, target });
			indicatorRows.push({
				measureId: id,
				code,
				nameFr: fill(t.name.fr, p.tpl.target, 'fr'),
				// Like the rest of the generator's text, every name in the three languages.
				nameAr: fill(t.name.ar, p.tpl.target, 'ar'),
				nameEn: fill(t.name.en, p.tpl.target, 'en'),
				...catalogueUnit(t.unit),
				kind: t.kind,
				baselineValue: t.kind === 'boolean' ? 0 : round(base),
				baselineYear: 2022,
				targetValue: t.kind === 'boolean' ? 1 : round(target),
				targetYear: Math.min(2030, Math.max(2024, Number(p.deadline.slice(0, 4)))),
				direction: t.direction ?? 'up',
				frequency: t.frequency,
				dimensions: JSON.stringify(dims),
				sensitive: t.sensitive ?? false,
				sdgTarget: t.sdgTarget ?? null,
				plausibleMin: 0,
				plausibleMax: t.kind === 'percent' ? 100 : t.kind === 'boolean' ? 1 : null,
				isDemo: true,
				createdAt: at(p.start, 8),
				updatedAt: at(p.start, 8)
			});
		});
	}
	insertChunked(ctx.db, s.indicators, indicatorRows);
	return { indicatorRows, gens };
}

/** The public figures: real, national, not demo; each counts from its publication. */
function publicValueRows(ctx: DemoContext, indicatorId: Map<string, number>): (typeof s.indicatorValues.$inferInsert)[] {
	return ctx.files.publicValues.values.flatMap((v) => {
		if (v.value === null) return [];
		const b = bounds(v.period);
		const year = Number(v.period.slice(0, 4));
		const entered = publishedAt(v.sources, year < 2022 ? '2023-06-15' : `${year + 1}-09-15`);
		return {
			indicatorId: ctx.need(indicatorId, v.indicator, 'indicator'),
			period: v.period,
			periodStart: b.start,
			periodEnd: b.end,
			regionId: null,
			sex: v.sex ?? null,
			ageGroup: v.ageGroup ?? null,
			exploitation: v.exploitation ?? null,
			nationality: v.nationality ?? null,
			value: v.value,
			source: v.sources[0]!.title,
			note: v.note ?? null,
			state: 'validated' as const,
			isCurrent: true,
			// the public record: nobody here reported or validated it; it counts from its publication
			publicRecord: true,
			reportedBy: null,
			validatedBy: null,
			submittedAt: null,
			validatedAt: entered,
			sources: sourcesJson(v.sources),
			isDemo: false,
			// fixed times, so that two seeds give the same rows
			createdAt: entered,
			updatedAt: entered
		};
	});
}

/** Inserts the indicators and their values; returns the rows the counts report. */
export function insertIndicatorsAndValues(ctx: DemoContext, people: DemoPeople, plans: readonly MeasurePlan[], measureId: Map<string, number>) {
	const { need, catalogue } = ctx;
	const regions = ctx.files.regions.regions;
	const population = new Map(regions.map((r) => [r.iso, r.population]));
	const { indicatorRows, gens } = insertIndicators(ctx, plans, measureId);
	const indicatorId = codeIds(ctx.db, s.indicators);
	const valueRows: (typeof s.indicatorValues.$inferInsert)[] = plans.some((p) => p.tpl.special === 'public') ? publicValueRows(ctx, indicatorId) : [];

	let returnedExample = false;
	for (const g of gens) {
		const p = g.plan;
		const t = g.tpl;
		const rng = new Rng(`values:${g.code}`);
		const id = need(indicatorId, g.code, 'indicator');
		const reporters = people.focalPoints(p.tpl.lead);
		const concerned = (p.tpl.regions ?? regions.map((r) => r.iso)).slice();
		const byRegion = t.dimensions.includes('region') && concerned.length > 1;
		// fixed regional profile for this indicator: weights for counts, offsets for percents
		const weight = new Map(concerned.map((iso) => [iso, (population.get(iso) ?? 1) * rng.range(0.6, 1.4)]));
		const totalWeight = [...weight.values()].reduce((a, b) => a + b, 0);
		const offset = new Map(concerned.map((iso) => [iso, rng.range(-9, 9)]));
		const periods = (t.frequency === 'semester' ? DEMO_SEMESTERS : DEMO_YEARS).filter((code) => {
			const b = bounds(code);
			return b.end > p.start && (t.frequency === 'annual' ? code <= p.lastReportedPeriod.slice(0, 4) : code <= p.lastReportedPeriod);
		});
		// The latest semester: most reports are validated, a few still submitted or in draft.
		const latestState: WorkflowState = rng.chance(0.07) ? 'submitted' : rng.chance(0.04) ? 'draft' : 'validated';
		for (const period of periods) {
			const b = bounds(period);
			const f = p.progressAt(b.end) / 100;
			const state: WorkflowState = period === '2026-S1' ? latestState : 'validated';
			const times = reportTimes(new Rng(`vt:${g.code}:${period}`), period);
			const common = {
				indicatorId: id,
				period,
				periodStart: b.start,
				periodEnd: b.end,
				state,
				isCurrent: state === 'validated',
				reportedBy: reporters[0]!,
				validatedBy: state === 'validated' ? people.reviewer : null,
				submittedAt: state === 'draft' ? null : times.submittedAt,
				validatedAt: state === 'validated' ? times.reviewedAt : null,
				isDemo: true,
				createdAt: times.createdAt,
				updatedAt: state === 'validated' ? times.reviewedAt : state === 'submitted' ? times.submittedAt : times.createdAt
			};
			const noise = () => rng.range(0.88, 1.12);
			let national: number;
			const regional: [string, number][] = [];
			if (p.tpl.special === 'mnr' && t.kind === 'count' && !t.dimensions.includes('region')) {
				national = mnrCounts(catalogue, b.end).operational;
			} else if (t.kind === 'boolean') {
				national = p.progressAt(b.end) >= 100 ? 1 : 0;
			} else if (t.tracksProgress) {
				national = Math.round(p.progressAt(b.end));
			} else if (t.kind === 'percent') {
				const level = Math.min(100, Math.max(0, g.base + (g.target - g.base) * f + rng.range(-3, 3)));
				if (byRegion) {
					for (const iso of concerned) regional.push([iso, Math.round(Math.min(100, Math.max(0, level + offset.get(iso)! + rng.range(-3, 3))) * 10) / 10]);
					national = Math.round((regional.reduce((a, [, v]) => a + v, 0) / regional.length) * 10) / 10;
				} else national = Math.round(level * 10) / 10;
			} else {
				const level = Math.max(0, (g.base + (g.target - g.base) * f) * noise());
				if (byRegion) {
					for (const iso of concerned) {
						let v = Math.round((level * weight.get(iso)!) / totalWeight);
						if (p.tpl.special === 'mnr') {
							const stage = stageAt(catalogue.mnr.stages[iso] ?? [], b.end);
							if (stage === 'not_started' || stage === 'preparation') v = 0;
						}
						regional.push([iso, v]);
					}
					national = regional.reduce((a, [, v]) => a + v, 0);
				} else if (t.kind === 'amount') national = t.unit === 'MAD' ? Math.round(level / 10_000) * 10_000 : Math.round(level * 10) / 10;
				else national = Math.round(level);
			}
			valueRows.push({ ...common, regionId: null, value: national });
			for (const [iso, v] of regional) valueRows.push({ ...common, regionId: need(ctx.regionId, iso, 'region'), value: v });
			if (t.dimensions.includes('sex') && t.kind === 'count' && national > 0) {
				const female = Math.round(national * rng.range(0.52, 0.66));
				valueRows.push({ ...common, regionId: null, sex: 'female', value: female });
				valueRows.push({ ...common, regionId: null, sex: 'male', value: national - female });
			}
			// One value returned for correction, then corrected and validated.
			if (!returnedExample && period === '2025-S2' && byRegion && t.kind === 'count' && regional.length > 3) {
				const [iso, v] = regional[3]!;
				valueRows.push({
					...common,
					regionId: need(ctx.regionId, iso, 'region'),
					value: v * 10 + 7,
					state: 'returned',
					isCurrent: false,
					validatedBy: null,
					validatedAt: null,
					reviewComment: catalogue.valueReturnComment,
					createdAt: at(addDays(times.createdAt.slice(0, 10), -3), 9),
					updatedAt: at(addDays(times.submittedAt.slice(0, 10), -1), 12)
				});
				returnedExample = true;
			}
		}
	}
	insertChunked(ctx.db, s.indicatorValues, valueRows, 300);
	return { indicatorRows, valueRows };
}
