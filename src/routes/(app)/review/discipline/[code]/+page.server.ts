import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db/client';
import { institutions } from '$lib/server/db/schema';
import * as discipline from '$lib/server/discipline';
import { authorize } from '$lib/server/auth';
import type { PageServerLoad } from './$types';

/** One lead institution's reporting discipline: its counts per period and its expected items in one. */
export const load: PageServerLoad = async (event) => {
	authorize(event, 'dashboard.read_unvalidated');
	const { today } = await event.parent();
	const db = getDb();
	const institution = db.select().from(institutions).where(eq(institutions.code, event.params.code)).get();
	if (!institution) error(404, { message: 'err_not_found' });
	const periods = discipline.periodsOf(db, today);
	const period = discipline.choosePeriod(periods, event.url.searchParams);
	const rows = discipline.byInstitution(db, periods, institution.id);
	return { institution, periods, period, rows, items: period ? discipline.itemsOf(db, period, institution.id) : [] };
};
