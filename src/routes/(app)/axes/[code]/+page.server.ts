import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as dashboard from '$lib/server/read-models';
import { parseDashboardParams } from '$lib/schemas/dashboard';
import { institutionLabel } from '$lib/domain/institution-label';
import { localized } from '$lib/domain/localize';
import { withSources } from '$lib/server/cited-sources';
import type { PageServerLoad } from './$types';
import { forLocale } from '$lib/server/locale-projection';
import { INSTITUTION_ROWS, OBJECTIVES_PER_PAGE, mostInvolved, pageOf, preview } from '$lib/server/page-lists';

export const load: PageServerLoad = async ({ params, url, parent, locals }) => {
	const { today } = await parent();
	const db = getDb();
	const found = dashboard.getAxis(db, params.code);
	if (!found) error(404, { message: 'err_not_found' });
	const f = dashboard.resolveFilters(db, parseDashboardParams(url.searchParams), today);
	// A national axis has dozens of objectives: they come a page at a time (`op`), each with its first measures.
	const objectives = pageOf(found.objectives, Number(url.searchParams.get('op') ?? 1), OBJECTIVES_PER_PAGE);
	const shown = new Set(objectives.items.map((o) => o.id));
	const scorecard = dashboard.axisScorecardFor(db, locals.user, params.code, f.opts)!;
	// the by-institution block: the most involved institutions, all of them with `?inst=all` (40 names, twice, were 25 KB)
	const allInstitutions = url.searchParams.get('inst') === 'all';
	// each named once, in the viewer's language (its acronyms and short names were the rest of the row)
	const byInstitution = (allInstitutions ? scorecard.byInstitution : mostInvolved(scorecard.byInstitution, INSTITUTION_ROWS)).map((i) => ({
		code: i.code,
		label: institutionLabel(i, locals.locale),
		name: localized(i, 'name', locals.locale).text,
		lead: i.lead,
		contributes: { measures: i.contributes.measures, progress: i.contributes.progress }
	}));
	return forLocale(
		{
			...found,
			axis: withSources(found.axis),
			plan: { code: found.plan.code }, // the breadcrumb's; the plan's texts are the plan page's
			objectives: objectives.items,
			objectivePage: { page: objectives.page, pages: objectives.pages, total: objectives.total, from: (objectives.page - 1) * OBJECTIVES_PER_PAGE + 1 },
			measures: found.measures.filter((x) => shown.has(x.objectiveId)),
			periods: f.periods,
			filters: { period: f.period, asOf: f.asOf, pillar: f.pillar },
			referenceDay: dashboard.referenceDay(f.opts),
			// the first indicators; the table says how many there are and links to the explorer
			scorecard: { ...scorecard, byInstitution, indicators: { ...scorecard.indicators, rows: preview(scorecard.indicators.rows) } },
			institutionCount: scorecard.byInstitution.length
		},
		locals.locale
	);
};
