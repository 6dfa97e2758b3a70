import { getDb } from '$lib/server/db/client';
import * as readModels from '$lib/server/read-models';
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
			result: readModels.listMeasures(db, filters, { today, locale: locals.locale, pageSize: PAGE_SIZE }),
			options: readModels.measureFilterOptions(db),
			canExport: can(locals.user, 'data.export')
		},
		locals.locale
	);
};
