import { publicReport, exportLocale } from '$lib/server/report-access';
import { pdfResponse } from '$lib/server/report-pdf-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => pdfResponse(publicReport(event), exportLocale(event));
