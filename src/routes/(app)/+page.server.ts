import { getDb } from '$lib/server/db/client';
import * as dashboard from '$lib/server/read-models';
import { parseDashboardParams } from '$lib/schemas/dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, parent }) => {
	const { today } = await parent();
	const db = getDb();
	const params = parseDashboardParams(url.searchParams);
	const f = dashboard.resolveFilters(db, params, today);
	return {
		plans: f.plans,
		periods: f.periods,
		filters: { plan: f.plan?.code ?? null, period: f.period, asOf: f.asOf, layer: params.layer ?? 'progress' },
		referenceDay: dashboard.referenceDay(f.opts),
		overview: f.plan ? dashboard.overview(db, f.plan.code, f.opts) : null
	};
};
