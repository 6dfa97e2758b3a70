import { getDb } from '$lib/server/db/client';
import * as discipline from '$lib/server/discipline';
import { authorize } from '$lib/server/auth';
import type { PageServerLoad } from './$types';

/** Drafts, returns and submissions counted per institution: the commission's view (unvalidated work). */
export const load: PageServerLoad = async (event) => {
	authorize(event, 'dashboard.read_unvalidated');
	const { today } = await event.parent();
	const db = getDb();
	const periods = discipline.periodsOf(db, today);
	const period = discipline.choosePeriod(periods, event.url.searchParams);
	// Every listed period in one query each: the selected one's table and the others' rates (the trend).
	const institutions = discipline.byInstitution(db, periods);
	const regions = discipline.byRegion(db, periods);
	return { periods, period, institutions, regions: period ? regions.filter((r) => r.period === period.code) : [] };
};
