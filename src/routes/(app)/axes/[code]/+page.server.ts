import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as plan from '$lib/server/plan';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const found = plan.getAxis(getDb(), params.code);
	if (!found) error(404, { message: 'err_not_found' });
	return found;
};
