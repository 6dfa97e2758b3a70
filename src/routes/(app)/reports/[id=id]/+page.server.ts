import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as reports from '$lib/server/reports';
import { authorize, can } from '$lib/server/auth';
import { failFor } from '$lib/server/form-result';
import { fieldErrors, formObject } from '$lib/schemas/common';
import { withdrawSchema } from '$lib/schemas/report';
import { sql } from 'drizzle-orm';
import { pdfAvailable, renderReportPdfs } from '$lib/server/report-pdf';
import type { Actions, PageServerLoad } from './$types';

/** The route's matcher (src/params/id.ts) lets only a positive integer through. */
const reportId = (raw: string): number => Number(raw);

export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'report.read_published');
	const db = getDb();
	const id = reportId(event.params.id);
	const report = reports.get(db, user, id);
	// A withdrawn report is gone for those who may only read published ones; a draft does not exist for them.
	if (report === 'gone') error(410, { message: 'err_report_withdrawn' });
	if (!report) error(404, { message: 'err_not_found' });
	// A report published without its PDF (the demonstration seed's, made before any server ran) gets it on its first reading, once.
	if (report.state === 'published' && report.pdfState == null && pdfAvailable()) {
		const claimed = db.run(sql`UPDATE reports SET pdf_state = 'pending' WHERE id = ${id} AND pdf_state IS NULL`).changes > 0;
		if (claimed) {
			report.pdfState = 'pending';
			void renderReportPdfs(db, id, event.url.origin);
		}
	}
	const others = reports.list(db, user, { plan: report.planCode }).filter((r) => r.id !== report.id && r.state === 'published' && r.scope === report.scope);
	return {
		report,
		others,
		canWithdraw: can(user, 'report.withdraw'),
		canPublish: can(user, 'report.publish'),
		pdf: pdfAvailable(),
		history: can(user, 'audit.read') ? reports.history(db, id) : []
	};
};

export const actions: Actions = {
	withdraw: async (event) => {
		const user = authorize(event, 'report.withdraw');
		const raw = formObject(await event.request.formData());
		const parsed = withdrawSchema.safeParse({ ...raw, id: event.params.id });
		if (!parsed.success) return fail(400, { withdraw: { values: raw, errors: fieldErrors(parsed.error) } });
		const result = reports.withdraw(getDb(), user.id, parsed.data);
		if (!result.ok) return failFor('withdraw', result, raw);
		return { withdraw: { done: true } };
	},
	share: async (event) => {
		const user = authorize(event, 'report.withdraw');
		const result = reports.share(getDb(), user.id, reportId(event.params.id));
		if (!result.ok) return failFor('share', result, {});
		return { share: { url: `${event.url.origin}/p/${result.value.token}` } };
	},
	unshare: async (event) => {
		const user = authorize(event, 'report.withdraw');
		const result = reports.unshare(getDb(), user.id, reportId(event.params.id));
		if (!result.ok) return failFor('share', result, {});
		return { share: { removed: true } };
	}
};
