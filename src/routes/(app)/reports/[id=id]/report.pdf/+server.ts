import { exportableReport, exportLocale } from '$lib/server/report-access';
import { pdfResponse } from '$lib/server/report-pdf-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => pdfResponse(exportableReport(event), exportLocale(event));
