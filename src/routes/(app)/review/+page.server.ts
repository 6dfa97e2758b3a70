import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as review from '$lib/server/review';
import * as measures from '$lib/server/measures';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { reviewSchema, reviewFiltersSchema } from '$lib/schemas/reporting';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'submission.review');
	const db = getDb();
	// Filters, order and page live in the URL, so a filtered queue can be bookmarked and shared.
	const filters = reviewFiltersSchema.parse(Object.fromEntries(event.url.searchParams));
	const result = review.page(db, { ...filters, pageSize: 20 });
	return {
		queue: result.items,
		total: result.total,
		page: result.page,
		pages: result.pages,
		facets: result.facets,
		filters,
		institutions: measures.filterOptions(db).institutions
	};
};

export const actions: Actions = {
	decide: async (event) => {
		const user = authorize(event, 'submission.review');
		const raw = formObject(await event.request.formData());
		const parsed = reviewSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { review: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = review.decide(getDb(), user.id, parsed.data);
		if (!result.ok) return failFor('review', result, raw);
		return { review: { done: `${parsed.data.kind}-${parsed.data.id}`, decision: parsed.data.decision } };
	}
};
