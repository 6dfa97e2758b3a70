import { error } from '@sveltejs/kit';
import { REFUSAL_MESSAGE, REFUSED_ORIGIN_HEADER } from '$lib/server/refusal';
import type { PageServerLoad } from './$types';

/** The error page of a refused request (see $lib/server/refusal.ts); never a page of its own. */
export const load: PageServerLoad = ({ url, request }) => {
	if (url.searchParams.get('reason') === 'origin') {
		error(403, {
			message: REFUSAL_MESSAGE.origin,
			params: { origin: request.headers.get(REFUSED_ORIGIN_HEADER) ?? 'null', expected: url.origin }
		});
	}
	error(403, { message: REFUSAL_MESSAGE.forbidden });
};
