import { exportableReport, exportLocale } from '$lib/server/report-access';
import { reportDownload } from '$lib/server/exports';
import type { RequestHandler } from './$types';

/** The report's tables as XLSX, from its snapshot. */
export const GET: RequestHandler = (event) => reportDownload(exportableReport(event), 'xlsx', exportLocale(event));
