import { exportableReport, exportLocale } from '$lib/server/report-access';
import { reportDownload } from '$lib/server/exports';
import type { RequestHandler } from './$types';

/** One table of the report (`?table=`, default the indicators) as CSV, from its snapshot. */
export const GET: RequestHandler = (event) => reportDownload(exportableReport(event), 'csv', exportLocale(event), event.url.searchParams.get('table'));
