import { publicReport, exportLocale } from '$lib/server/report-access';
import { reportDownload } from '$lib/server/exports';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => reportDownload(publicReport(event), 'xlsx', exportLocale(event));
