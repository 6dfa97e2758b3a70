import { getDb } from '$lib/server/db/client';
import { apiCaller, failure, notFound, reportDetail, respond } from '$lib/server/open-data';
import type { RequestHandler } from './$types';

/** One published report with its frozen figures; 410 once withdrawn, 404 for a draft or an unknown id. */
export const GET: RequestHandler = (event) => {
	const db = getDb();
	const caller = apiCaller(db, event);
	if ('error' in caller) return failure(caller);
	const id = Number(event.params.id);
	if (!Number.isInteger(id) || id <= 0 || id > 2 ** 31) return notFound();
	const body = reportDetail(db, id, event.url.origin);
	if (body === 'gone') return notFound('withdrawn');
	if (!body) return notFound();
	return respond(event, body);
};
