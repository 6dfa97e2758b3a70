import { getDb } from '$lib/server/db/client';
import * as reports from '$lib/server/reports';
import { authorize, can } from '$lib/server/auth';
import { reportListParamsSchema } from '$lib/schemas/report';
import { tipYears } from '$lib/domain/tip';
import { localDay } from '$lib/domain/calendar';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'report.read_published');
	const db = getDb();
	const filters = reportListParamsSchema.parse(Object.fromEntries(event.url.searchParams));
	return {
		filters: { plan: filters.plan ?? null, period: filters.period ?? null },
		choices: reports.listFilters(db),
		reports: reports.list(db, user, filters),
		canPublish: can(user, 'report.publish'),
		canDraftAnnual: can(user, 'report.draft_annual'),
		tipYears: can(user, 'tip.export') ? tipYears(2019, localDay()) : []
	};
};
