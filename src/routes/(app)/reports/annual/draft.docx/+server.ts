import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { annualReport } from '$lib/server/annual-report';
import { annualDocx, annualFileName } from '$lib/server/annual-docx';
import { authorize } from '$lib/server/auth';
import { annualSchema } from '$lib/schemas/annual';
import type { RequestHandler } from './$types';

/** The draft as a Word document in `?lang=` (the reader's language by default). */
export const GET: RequestHandler = async (event) => {
	authorize(event, 'report.draft_annual');
	const parsed = annualSchema.safeParse(Object.fromEntries(event.url.searchParams));
	if (!parsed.success || !parsed.data.plan || !parsed.data.year) error(400, { message: 'err_invalid' });
	const draft = annualReport(getDb(), { planCode: parsed.data.plan, year: parsed.data.year }, { today: new Date().toISOString().slice(0, 10) });
	if (!draft) error(404, { message: 'err_not_found' });
	const locale = parsed.data.lang ?? event.locals.locale;
	const body = await annualDocx(draft, locale);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="${annualFileName(draft, locale)}"`,
			'cache-control': 'private, no-store'
		}
	});
};
