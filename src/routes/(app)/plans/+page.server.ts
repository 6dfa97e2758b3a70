import { getDb } from '$lib/server/db/client';
import * as plan from '$lib/server/plan';
import { withSources } from '$lib/server/cited-sources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	plans: plan.listPlans(getDb()).map((r) => ({ ...r, plan: withSources(r.plan) })),
	archived: plan.listArchivedPlans(getDb())
});
