import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as dashboard from '$lib/server/read-models';
import { parseDashboardParams, parseExplorerParams } from '$lib/schemas/dashboard';
import { forLocale } from '$lib/server/locale-projection';
import { pageOf, preview, ROLLOUT_PER_PAGE } from '$lib/server/page-lists';
import { withSources } from '$lib/server/cited-sources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, parent, locals }) => {
	const { today } = await parent();
	const db = getDb();
	const bp = parseExplorerParams(url.searchParams);
	const f = dashboard.resolveFilters(db, parseDashboardParams(url.searchParams), today);
	const scorecard = dashboard.regionScorecardFor(db, locals.user, params.iso, f.opts, { period: bp.bp ?? null, region: bp.br ?? null });
	if (!scorecard) error(404, { message: 'err_not_found' });
	// The region's roll-out stages (dozens of measures at national scale) a page at a time.
	const rollout = pageOf(scorecard.rollout, Number(url.searchParams.get('rp') ?? 1), ROLLOUT_PER_PAGE);
	return forLocale(
		{
			...scorecard,
			region: withSources(scorecard.region),
			measures: preview(scorecard.measures),
			rollout: rollout.items,
			rolloutPage: { page: rollout.page, pages: rollout.pages, total: rollout.total },
			periods: f.periods,
			filters: { period: f.period, asOf: f.asOf, pillar: f.pillar }
		},
		locals.locale
	);
};
