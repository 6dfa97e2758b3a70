import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as recommendations from '$lib/server/recommendations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const found = recommendations.getRecommendation(getDb(), params.code);
	if (!found) error(404, { message: 'err_not_found' });
	return found;
};
