import { error } from '@sveltejs/kit';
import { authorize, SESSION_COOKIE } from '$lib/server/auth';
import { annualSchema } from '$lib/schemas/annual';
import { pdfAvailable, renderPagePdf } from '$lib/server/report-pdf';
import type { RequestHandler } from './$types';

/**
 * The draft as a PDF, in `?lang=`: the annual page printed by Chromium with the requester's own
 * session (a few seconds; no PDF where Chromium is absent).
 */
export const GET: RequestHandler = async (event) => {
	authorize(event, 'report.draft_annual');
	if (!pdfAvailable()) error(404, { message: 'err_not_found' });
	const parsed = annualSchema.safeParse(Object.fromEntries(event.url.searchParams));
	if (!parsed.success || !parsed.data.plan || !parsed.data.year) error(400, { message: 'err_invalid' });
	const locale = parsed.data.lang ?? event.locals.locale;
	const origin = process.env.RASD_PDF_ORIGIN || event.url.origin;
	const url = `${origin}/reports/annual?plan=${encodeURIComponent(parsed.data.plan)}&year=${parsed.data.year}&all=1`;
	const pdf = await renderPagePdf(url, [
		{ name: SESSION_COOKIE, value: event.cookies.get(SESSION_COOKIE) ?? '' },
		{ name: 'rasd_locale', value: locale }
	]);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="rasd-rapport-annuel-${parsed.data.plan}-${parsed.data.year}-${locale}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
