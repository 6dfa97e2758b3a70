import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as reports from '$lib/server/reports';
import { checkPrintKey } from '$lib/server/report-pdf';
import type { PageServerLoad } from './$types';

/**
 * The print view Chromium renders a report's PDF from, at publication. It opens without a session
 * with the key derived for this report (see `report-pdf.ts`), and only for a published report: it
 * shows nothing a partner could not read.
 */
export const load: PageServerLoad = ({ params, url }) => {
	const db = getDb();
	const id = Number(params.id);
	if (!checkPrintKey(db, id, url.searchParams.get('key'))) error(404, { message: 'err_not_found' });
	const report = reports.get(db, reports.REPORT_VIEWER, id);
	if (report === 'gone') error(410, { message: 'err_report_withdrawn' });
	if (!report) error(404, { message: 'err_not_found' });
	return { report };
};
