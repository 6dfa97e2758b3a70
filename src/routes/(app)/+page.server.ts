import { getDb } from '$lib/server/db/client';
import * as dashboard from '$lib/server/dashboard';
import * as plan from '$lib/server/plan';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { today } = await parent();
	const db = getDb();
	return { kpis: dashboard.overviewKpis(db, today), plans: plan.listPlans(db) };
};
