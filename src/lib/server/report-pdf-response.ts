import { error } from '@sveltejs/kit';
import { getDb } from './db/client';
import { getPdf } from './report-pdf';
import { reportFileName } from './exports';
import type { ReportView } from './reports';
import type { Locale } from '../domain/enums';

/** The PDF stored at publication (404 while it renders or where Chromium was absent). */
export function pdfResponse(r: ReportView, locale: Locale): Response {
	const pdf = getPdf(getDb(), r.id, locale);
	if (!pdf) error(404, { message: 'err_not_found' });
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${reportFileName(r, 'pdf', locale)}"`,
			'cache-control': 'private, max-age=3600'
		}
	});
}
