import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as plan from '$lib/server/plan';
import { withSources } from '$lib/server/cited-sources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const found = plan.getPlan(getDb(), params.code);
	if (!found) error(404, { message: 'err_not_found' });
	return { ...found, plan: withSources(found.plan), axes: found.axes.map((r) => ({ ...r, axis: withSources(r.axis) })) };
};
