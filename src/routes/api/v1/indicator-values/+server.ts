import { getDb } from '$lib/server/db/client';
import { apiCaller, failure, indicatorValues, respond } from '$lib/server/open-data';
import { apiValueFiltersSchema } from '$lib/schemas/open-data';
import type { RequestHandler } from './$types';

/** The indicator values published reports froze; `?plan=`, `?period=` (the report's) and `?indicator=` narrow them. */
export const GET: RequestHandler = (event) => {
	const db = getDb();
	const caller = apiCaller(db, event);
	if ('error' in caller) return failure(caller);
	const parsed = apiValueFiltersSchema.safeParse(Object.fromEntries(event.url.searchParams));
	if (!parsed.success)
		return new Response(JSON.stringify({ apiVersion: 1, error: 'invalid_filter' }), { status: 400, headers: { 'content-type': 'application/json' } });
	return respond(event, indicatorValues(db, parsed.data));
};
