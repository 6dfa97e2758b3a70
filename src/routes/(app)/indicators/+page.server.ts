import { getDb } from '$lib/server/db/client';
import * as dashboard from '$lib/server/read-models';
import { can } from '$lib/server/auth';
import { parseExplorerParams } from '$lib/schemas/dashboard';
import * as reference from '$lib/server/reference';
import { withSources } from '$lib/server/cited-sources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	const db = getDb();
	const p = parseExplorerParams(url.searchParams);
	// Values awaiting validation are for the commission (and admins) only; the switch is ignored for others.
	const canSeeSubmitted = can(locals.user, 'dashboard.read_unvalidated');
	const includeSubmitted = canSeeSubmitted && !!p.sub;
	const explorer = p.i
		? dashboard.indicatorExplorerFor(db, locals.user, p.i, {
				includeSubmitted,
				regionPeriod: p.rp ?? null,
				breakdownPeriod: p.bp ?? null,
				breakdownRegion: p.br ?? null
			})
		: null;
	const size = dashboard.EXPLORER_PAGE_SIZE;
	let page = p.page ?? 1;
	let search = dashboard.searchIndicators(db, p.q, size, (page - 1) * size);
	// A capped count ("500+") says nothing of the last page: a full page may have a next one.
	const pages = search.capped ? null : Math.max(1, Math.ceil(search.total / size));
	// A page past the end (an old link, a hand-typed URL) shows the last page rather than nothing.
	if (pages != null && page > pages) {
		page = pages;
		search = dashboard.searchIndicators(db, p.q, size, (page - 1) * size);
	}
	return {
		q: p.q ?? '',
		page,
		pages,
		/** past the end of a list whose count is capped: nothing here, the way back is the first page */
		pastEnd: page > 1 && search.rows.length === 0,
		hasNext: pages == null ? search.rows.length === size : page < pages,
		offset: (page - 1) * size,
		code: p.i ?? null,
		search,
		explorer: explorer && { ...explorer, series: explorer.series.map(withSources) },
		canSeeSubmitted,
		regions: explorer?.breakdowns ? reference.regionNames(db) : [],
		includeSubmitted,
		canExport: can(locals.user, 'data.export')
	};
};
