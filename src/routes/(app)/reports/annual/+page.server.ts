import { getDb } from '$lib/server/db/client';
import * as dashboard from '$lib/server/dashboard';
import { annualReport, annualYears } from '$lib/server/annual-report';
import { authorize } from '$lib/server/auth';
import { pdfAvailable } from '$lib/server/report-pdf';
import { annualSchema } from '$lib/schemas/annual';
import { ANNUAL_PREVIEW_ROWS, preview } from '$lib/server/page-lists';
import { forLocale } from '$lib/server/locale-projection';
import type { PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);

/** The annual report's draft for a plan and year: what the DOCX holds, shown before downloading it. */
export const load: PageServerLoad = (event) => {
	authorize(event, 'report.draft_annual');
	const db = getDb();
	const parsed = annualSchema.safeParse(Object.fromEntries(event.url.searchParams));
	const choice = parsed.success ? parsed.data : {};
	const plans = dashboard.planChoices(db).filter((p) => p.hasMeasures);
	const plan = plans.find((p) => p.code === choice.plan) ?? plans.find((p) => p.code === dashboard.DEFAULT_PLAN) ?? plans[0];
	const years = plan ? annualYears(db, plan.code, today()) : [];
	// the last year that has ended, by default
	const year = choice.year && years.includes(choice.year) ? choice.year : (years.find((y) => `${y}-12-31` < today()) ?? years[0]);
	const draft = plan && year ? annualReport(db, { planCode: plan.code, year }, { today: today() }) : null;
	// At national scale an axis lists a thousand measures: the screen shows each list's first rows
	// (with its count), the print view that the PDF is made from shows them all.
	const all = event.url.searchParams.get('all') === '1';
	const cut = <T>(rows: readonly T[]) => (all ? [...rows] : preview(rows, ANNUAL_PREVIEW_ROWS));
	return forLocale(
		{
			all,
			previewRows: ANNUAL_PREVIEW_ROWS,
			plans,
			years,
			choice: { plan: plan?.code ?? '', year: year ?? null },
			pdf: pdfAvailable(),
			draft: draft
				? {
						year: draft.year,
						plan: draft.plan,
						referenceDay: draft.referenceDay,
						axes: draft.axes.map((a) => ({ ...a, rows: cut(a.rows), total: a.rows.length })),
						totals: draft.totals,
						progress: draft.snapshot.kpis.progress,
						demo: draft.demo,
						indicators: cut(draft.snapshot.indicators.rows),
						indicatorsTotal: draft.snapshot.indicators.rows.length,
						recommendations: draft.snapshot.recommendations
					}
				: null
		},
		event.locals.locale
	);
};
