import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as reports from '$lib/server/reports';
import type { PageServerLoad } from './$types';

/** A report's public link: no account needed; 410 once the report is withdrawn (or the link removed). */
export const load: PageServerLoad = ({ params }) => {
	const report = reports.getByPublicToken(getDb(), params.token);
	if (report === 'gone') error(410, { message: 'err_report_withdrawn' });
	if (!report) error(404, { message: 'err_not_found' });
	return { report };
};
