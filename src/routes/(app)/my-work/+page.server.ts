import { getDb } from '$lib/server/db/client';
import * as measures from '$lib/server/measures';
import { periodContaining } from '$lib/domain/period';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { today } = await parent();
	const period = periodContaining(today, 'semester');
	const institutionId = locals.user?.institutionId ?? null;
	return { period, items: institutionId == null ? null : measures.workOf(getDb(), institutionId, today, period) };
};
