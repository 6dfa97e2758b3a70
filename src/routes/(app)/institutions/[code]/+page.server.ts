import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as dashboard from '$lib/server/read-models';
import { parseDashboardParams, parseExplorerParams } from '$lib/schemas/dashboard';
import * as reference from '$lib/server/reference';
import * as partnerProjects from '$lib/server/partner-projects';
import { withSources } from '$lib/server/cited-sources';
import type { PageServerLoad } from './$types';
import { forLocale } from '$lib/server/locale-projection';
import { preview } from '$lib/server/page-lists';

export const load: PageServerLoad = async ({ params, url, parent, locals }) => {
	const { today } = await parent();
	const db = getDb();
	const bp = parseExplorerParams(url.searchParams);
	const f = dashboard.resolveFilters(db, parseDashboardParams(url.searchParams), today);
	const scorecard = dashboard.institutionScorecardFor(db, locals.user, params.code, f.opts, { period: bp.bp ?? null, region: bp.br ?? null });
	if (!scorecard) error(404, { message: 'err_not_found' });
	// A partner's projects (IOM's for /institutions/OIM), whatever the plan's measures it carries.
	const projects = partnerProjects.list(db, { partnerId: scorecard.institution.id });
	return forLocale(
		{
			...scorecard,
			institution: withSources(scorecard.institution),
			// The first measures of each list; the page links to the full list.
			lead: { ...scorecard.lead, measures: preview(scorecard.lead.measures) },
			contributes: { ...scorecard.contributes, measures: preview(scorecard.contributes.measures) },
			projects: projects.map(withSources),
			regionNames: scorecard.lead.breakdowns.length ? reference.regionNames(db) : [],
			periods: f.periods,
			filters: { period: f.period, asOf: f.asOf, pillar: f.pillar }
		},
		locals.locale
	);
};
