/**
 * The demonstration partner projects of the catalogue (the public ones come from `partner-projects.json`),
 * their links to measures and regions, demonstration links of the public projects, and demonstration
 * exchange rates to MAD (badged on the funding view).
 */
import * as s from '../../db/schema';
import { majorToMinor } from '../../../domain/money';
import { codeIds } from '../public';
import { insertChunked, type DemoContext } from './common';

/** Inserts the projects (an existing code is kept), their links and the rates; returns how many projects were new. */
export function insertPartnerProjects(ctx: DemoContext, measureId: Map<string, number>): number {
	const { db, need, instId, created, catalogue } = ctx;
	const projects = catalogue.partnerProjects;
	let inserted = 0;
	for (const d of projects) {
		inserted += db
			.insert(s.partnerProjects)
			.values({
				code: d.code,
				partnerInstitutionId: need(instId, d.partner, 'institution'),
				donorInstitutionId: need(instId, d.donor, 'institution'),
				donorName: null,
				titleFr: d.title.fr,
				titleAr: d.title.ar,
				titleEn: d.title.en,
				startDate: d.startDate,
				endDate: d.endDate,
				budgetMinor: majorToMinor(d.budget, d.currency),
				currency: d.currency,
				status: d.status,
				isDemo: true,
				createdAt: created,
				updatedAt: created
			})
			.onConflictDoNothing({ target: s.partnerProjects.code })
			.run().changes;
	}
	const projectId = codeIds(db, s.partnerProjects);
	const idOf = (code: string) => need(projectId, code, 'partner project');
	const projectLinks = [
		...projects.flatMap((d) => d.measures.map((m) => [d.code, m] as const)),
		...Object.entries(catalogue.publicProjectLinks).flatMap(([code, ms]) => (projectId.has(code) ? ms.map((m) => [code, m] as const) : []))
	].map(([code, m]) => ({ projectId: idOf(code), measureId: need(measureId, m, 'measure') }));
	insertChunked(db, s.partnerProjectMeasures, projectLinks);
	insertChunked(
		db,
		s.partnerProjectRegions,
		projects.flatMap((d) => d.regions.map((r) => ({ projectId: idOf(d.code), regionId: need(ctx.regionId, r, 'region') })))
	);
	insertChunked(
		db,
		s.exchangeRates,
		catalogue.exchangeRates.flatMap(({ year, madPerUnitMicro }) =>
			Object.entries(madPerUnitMicro).map(([currency, micro]) => ({ year, currency, madPerUnitMicro: micro, isDemo: true }))
		)
	);
	return inserted;
}
