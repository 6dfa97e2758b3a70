import { getDb } from '$lib/server/db/client';
import * as measures from '$lib/server/measures';
import * as periods from '$lib/server/reporting-periods';
import { periodContaining } from '$lib/domain/period';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { today } = await parent();
	const db = getDb();
	// What is due is what the commission opened; with no period open, the current semester still shows what was reported.
	const open = periods.current(db, today);
	const period = open?.code ?? periodContaining(today, 'semester');
	const institutionId = locals.user?.institutionId ?? null;
	return { period, open, items: institutionId == null ? null : measures.workOf(db, institutionId, today, period) };
};
