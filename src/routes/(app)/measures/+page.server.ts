import { getDb } from '$lib/server/db/client';
import * as measures from '$lib/server/measures';
import { parseMeasureFilters, PAGE_SIZE } from '$lib/schemas/measure';
import { can } from '$lib/server/auth';
import type { PageServerLoad } from './$types';
import { forLocale } from '$lib/server/locale-projection';

export const load: PageServerLoad = async ({ url, parent, locals }) => {
	const { today } = await parent();
	const { filters, errors } = parseMeasureFilters(url.searchParams);
	const db = getDb();
	return forLocale(
		{
			filters,
			filterErrors: errors,
			result: measures.listMeasures(db, filters, { today, locale: locals.locale, pageSize: PAGE_SIZE }),
			options: measures.filterOptions(db),
			canExport: can(locals.user, 'data.export')
		},
		locals.locale
	);
};
