import { getDb } from '$lib/server/db/client';
import * as dashboard from '$lib/server/read-models';
import { parseDashboardParams } from '$lib/schemas/dashboard';
import { parsePeriod } from '$lib/domain/period';
import type { PageServerLoad } from './$types';
import { forLocale } from '$lib/server/locale-projection';
import { OVERVIEW_ROWS, preview } from '$lib/server/page-lists';

export const load: PageServerLoad = async ({ url, parent, locals }) => {
	const { today } = await parent();
	const db = getDb();
	const params = parseDashboardParams(url.searchParams);
	const f = dashboard.resolveFilters(db, params, today);
	const scope = f.plan ? ({ kind: 'plan', planId: f.plan.id } as const) : null;
	const layer = params.layer ?? 'progress';
	// The indicator layer shows the regional values of the period ended by the snapshot's day.
	const until = f.period ? (parsePeriod(f.period)?.end ?? null) : f.asOf;
	const overview = f.plan ? dashboard.overviewFor(db, locals.user, f.plan.code, f.opts) : null;
	return forLocale(
		{
			plans: f.plans,
			archivedPlan: f.archivedPlan,
			periods: f.periods,
			filters: { plan: f.plan?.code ?? null, period: f.period, asOf: f.asOf, pillar: f.pillar, layer, ind: params.ind ?? null },
			referenceDay: dashboard.referenceDay(f.opts),
			// The page shows the first rows of the deadline tables and the one measure whose roll-out it charts.
			overview: overview && {
				...overview,
				dueSoon: preview(overview.dueSoon, OVERVIEW_ROWS),
				overdue: preview(overview.overdue, OVERVIEW_ROWS),
				rollout: overview.rollout.slice(0, 1)
			},
			hasRegionalIndicators: scope ? dashboard.regionalIndicators(db, scope).total > 0 : false,
			indicatorLayer: scope && layer === 'indicator' ? dashboard.mapIndicatorLayerFor(db, locals.user, scope, { code: params.ind, until }) : null
		},
		locals.locale
	);
};
