/**
 * The demonstration plan's structure: the reporting periods the commission opened, the objectives and
 * measures of the catalogue under the axes of `plans.json`, their contributors, regions and links to
 * the priority recommendations.
 */
import * as s from '../../db/schema';
import { codeIds, sourcesJson } from '../public';
import { addDays, at, bounds, DEMO_TODAY, fill, insertChunked, reportTimes, REPORTING_PERIOD_CODES, Rng, type DemoContext, type MeasurePlan } from './common';
import type { MeasureEntry } from './histories';

/** Opens the reporting periods 2023-S1 … 2026-S2 (an existing code is kept); returns how many were new. */
export function insertReportingPeriods(ctx: DemoContext): number {
	const periodRows = REPORTING_PERIOD_CODES.map((code) => {
		const end = bounds(code).end;
		const opensOn = addDays(end, -15);
		const dueOn = addDays(end, 31);
		const closed = addDays(dueOn, 30);
		const createdAt = at(addDays(opensOn, -10), 9);
		return { code, opensOn, dueOn, closedAt: closed < DEMO_TODAY ? at(closed, 18) : null, createdAt, updatedAt: createdAt };
	});
	let inserted = 0;
	for (const r of periodRows) inserted += ctx.db.insert(s.reportingPeriods).values(r).onConflictDoNothing({ target: s.reportingPeriods.code }).run().changes;
	return inserted;
}

/** The objectives' rows and the measures of the catalogue, coded `A1.2.3` (axis, objective, measure), region groups resolved. */
export function catalogueEntries(ctx: DemoContext): { objectiveRows: (typeof s.objectives.$inferInsert)[]; entries: MeasureEntry[] } {
	const { need, catalogue, created } = ctx;
	const axisId = codeIds(ctx.db, s.axes);
	const axisPillar = new Map(ctx.files.plans.axes.map((a) => [a.code, a.pillar]));
	const objectiveRows: (typeof s.objectives.$inferInsert)[] = [];
	const entries: MeasureEntry[] = [];
	for (const { code: axisCode, objectives } of catalogue.axes) {
		const pillar = need(axisPillar, axisCode, 'axis');
		objectives.forEach((o, oi) => {
			const objectiveCode = `${axisCode}.${oi + 1}`;
			objectiveRows.push({
				axisId: need(axisId, axisCode, 'axis'),
				code: objectiveCode,
				titleFr: o.title.fr,
				titleAr: o.title.ar,
				titleEn: o.title.en,
				sortOrder: oi + 1,
				isDemo: true,
				createdAt: created,
				updatedAt: created
			});
			o.measures.forEach((m, mi) => {
				const regions = typeof m.regions === 'string' ? catalogue.regionGroups[m.regions]! : m.regions;
				entries.push({ code: `${objectiveCode}.${mi + 1}`, objectiveCode, tpl: { ...m, regions }, pillar });
			});
		});
	}
	return { objectiveRows, entries };
}

/**
 * Inserts the objectives, the measures as their plans decided them (status and progress of the last
 * validated update), their contributors, regions and recommendation links; returns the measures' ids
 * and what the counts report.
 */
export function insertStructure(ctx: DemoContext, objectiveRows: (typeof s.objectives.$inferInsert)[], plans: readonly MeasurePlan[]) {
	const { db, need, catalogue, files, instId } = ctx;
	insertChunked(db, s.objectives, objectiveRows);
	const objectiveId = codeIds(db, s.objectives);

	const measureRows = plans.map((p) => {
		const validated = p.updates.filter((u) => u.state === 'validated');
		const last = validated[validated.length - 1]!;
		const lastTimes = reportTimes(new Rng(`times:${p.code}:${last.period}`), last.period);
		const fam = catalogue.families[p.tpl.family]!;
		return {
			objectiveId: need(objectiveId, p.objectiveCode, 'objective'),
			code: p.code,
			titleFr: p.tpl.title.fr,
			titleAr: p.tpl.title.ar,
			titleEn: p.tpl.title.en,
			descriptionFr: fill(fam.description.fr, p.tpl.target, 'fr'),
			descriptionAr: fill(fam.description.ar, p.tpl.target, 'ar'),
			descriptionEn: fill(fam.description.en, p.tpl.target, 'en'),
			leadInstitutionId: need(instId, p.tpl.lead, 'institution'),
			pillar: p.pillar,
			startDate: p.start,
			deadline: p.deadline,
			status: last.status,
			progress: last.progress,
			weight: p.weight,
			regionalRollout: p.tpl.special === 'mnr',
			lastValidatedAt: lastTimes.reviewedAt,
			sources: p.tpl.special === 'mnr' ? sourcesJson(files.plans.mnr.sources) : '[]',
			isDemo: true,
			version: validated.length + 1,
			createdAt: at(p.start, 8),
			updatedAt: lastTimes.reviewedAt
		};
	});
	insertChunked(db, s.measures, measureRows);
	const measureId = codeIds(db, s.measures);
	const idOf = (code: string) => need(measureId, code, 'measure');

	const contributorRows = plans.flatMap((p) => p.tpl.contributors.map((c) => ({ measureId: idOf(p.code), institutionId: need(instId, c, 'institution') })));
	insertChunked(db, s.measureInstitutions, contributorRows);
	const regionLinkRows = plans.flatMap((p) => (p.tpl.regions ?? []).map((iso) => ({ measureId: idOf(p.code), regionId: need(ctx.regionId, iso, 'region') })));
	insertChunked(db, s.measureRegions, regionLinkRows);

	// ── recommendation links ──
	const recId = codeIds(db, s.recommendations);
	const recLinks = plans.flatMap((p) =>
		(p.tpl.recommendations ?? []).map((r) => ({ recommendationId: need(recId, r, 'recommendation'), measureId: idOf(p.code) }))
	);
	for (const r of files.recommendations.recommendations) {
		const n = recLinks.filter((l) => l.recommendationId === recId.get(r.code)).length;
		if (n < 1 || n > 6) throw new Error(`Seed (demo): recommendation ${r.code} is linked to ${n} measures (expected 1-6)`);
	}
	insertChunked(db, s.recommendationMeasures, recLinks);
	return { measureId, measureRows, recLinks };
}
