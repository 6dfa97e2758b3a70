import { fail, redirect } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { getDb } from '$lib/server/db/client';
import * as reports from '$lib/server/reports';
import * as dashboard from '$lib/server/dashboard';
import { renderReportPdfs } from '$lib/server/report-pdf';
import { authorize } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { narrativesOf, publishSchema, reportScopeSchema } from '$lib/schemas/report';
import { periodsBetween, parsePeriod } from '$lib/domain/period';
import type { Actions, PageServerLoad } from './$types';

const today = () => new Date().toISOString().slice(0, 10);

/** Semesters and years a report may cover: from 2023 to the one under way, latest first. */
function periodChoices(day: string): string[] {
	const year = Number(day.slice(0, 4));
	const codes = [...periodsBetween('semester', 2023, year), ...periodsBetween('annual', 2023, year)];
	return codes
		.map((c) => parsePeriod(c)!)
		.filter((p) => p.start <= day)
		.sort((a, b) => (a.end === b.end ? a.kind.localeCompare(b.kind) : b.end.localeCompare(a.end)))
		.map((p) => p.code);
}

export const load: PageServerLoad = (event) => {
	authorize(event, 'report.publish');
	const db = getDb();
	const raw = Object.fromEntries(event.url.searchParams);
	const plans = dashboard.planChoices(db).filter((p) => p.hasMeasures);
	const parsed = reportScopeSchema.safeParse(raw);
	const plan = plans.find((p) => p.code === (parsed.success ? parsed.data.plan : raw.plan)) ?? plans.find((p) => p.code === dashboard.DEFAULT_PLAN) ?? plans[0];
	const axes = plan
		? db.all<{ code: string; titleFr: string; titleAr: string | null; titleEn: string | null }>(
				sql`SELECT code, title_fr AS titleFr, title_ar AS titleAr, title_en AS titleEn FROM axes WHERE plan_id = ${plan.id} ORDER BY sort_order, code`
			)
		: [];
	const replaces = Number(raw.replaces) > 0 ? Number(raw.replaces) : null;
	const preview = parsed.success
		? reports.buildSnapshot(
				db,
				{ planCode: parsed.data.plan, period: parsed.data.period, scope: parsed.data.scope, axisCode: parsed.data.axis },
				{ today: today() }
			)
		: null;
	return {
		plans,
		axes,
		periods: periodChoices(today()),
		choice: {
			plan: plan?.code ?? '',
			period: parsed.success ? parsed.data.period : (raw.period ?? ''),
			scope: parsed.success ? parsed.data.scope : (raw.scope ?? 'plan'),
			axis: raw.axis ?? ''
		},
		errors: parsed.success || !raw.period ? undefined : fieldErrors(parsed.error),
		replaces: replaces ? reports.get(db, event.locals.user, replaces) : null,
		preview
	};
};

export const actions: Actions = {
	publish: async (event) => {
		const user = authorize(event, 'report.publish');
		const raw = formObject(await event.request.formData());
		const parsed = publishSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { publish: { values: raw, errors: fieldErrors(parsed.error) } });
		const db = getDb();
		const f = parsed.data;
		const result = reports.publish(
			db,
			user.id,
			{
				planCode: f.plan,
				period: f.period,
				scope: f.scope,
				axisCode: f.axis,
				narratives: narrativesOf(f),
				replaces: (f as { replaces?: number }).replaces ?? null
			},
			{ today: today() }
		);
		if (!result.ok) return failFor('publish', result, raw);
		// Rendered once, in the background: the report page shows the progress until it is ready.
		db.run(sql`UPDATE reports SET pdf_state = 'pending' WHERE id = ${result.value.id}`);
		void renderReportPdfs(db, result.value.id, event.url.origin);
		redirect(303, `/reports/${result.value.id}`);
	}
};
