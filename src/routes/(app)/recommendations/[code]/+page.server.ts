import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as recommendations from '$lib/server/recommendations';
import * as dashboard from '$lib/server/read-models';
import { parseDashboardParams } from '$lib/schemas/dashboard';
import { forLocale } from '$lib/server/locale-projection';
import { preview } from '$lib/server/page-lists';
import { withSources } from '$lib/server/cited-sources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, parent, locals }) => {
	const { today } = await parent();
	const db = getDb();
	const found = recommendations.getRecommendation(db, params.code);
	if (!found) error(404, { message: 'err_not_found' });
	const f = dashboard.resolveFilters(db, parseDashboardParams(url.searchParams), today);
	const scorecard = dashboard.recommendationScorecardFor(db, locals.user, params.code, f.opts)!;
	return forLocale(
		{
			...found,
			recommendation: withSources(found.recommendation),
			periods: f.periods,
			filters: { period: f.period, asOf: f.asOf, pillar: f.pillar },
			scorecard: { ...scorecard, measures: preview(scorecard.measures) }
		},
		locals.locale
	);
};
