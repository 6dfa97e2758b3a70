import { getDb } from '$lib/server/db/client';
import { apiCaller, failure, reportList, respond } from '$lib/server/open-data';
import { apiReportFiltersSchema } from '$lib/schemas/open-data';
import type { RequestHandler } from './$types';

/** Published reports, newest period first; `?plan=` and `?period=` narrow the list. */
export const GET: RequestHandler = (event) => {
	const db = getDb();
	const caller = apiCaller(db, event);
	if ('error' in caller) return failure(caller);
	const parsed = apiReportFiltersSchema.safeParse(Object.fromEntries(event.url.searchParams));
	if (!parsed.success)
		return new Response(JSON.stringify({ apiVersion: 1, error: 'invalid_filter' }), { status: 400, headers: { 'content-type': 'application/json' } });
	return respond(event, reportList(db, parsed.data, event.url.origin));
};
