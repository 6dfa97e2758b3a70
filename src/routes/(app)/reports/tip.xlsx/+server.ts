import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { authorize } from '$lib/server/auth';
import { exportLocale } from '$lib/server/report-access';
import { CONTENT_TYPES } from '$lib/server/exports';
import { currentTipYear, tipWorkbook } from '$lib/server/tip-export';
import { localDay } from '$lib/domain/calendar';
import type { RequestHandler } from './$types';

/** The export for the TIP questionnaire: `?year=TIP2025` (default: the current TIP year), `&lang=`. */
export const GET: RequestHandler = async (event) => {
	const user = authorize(event, 'tip.export');
	const today = localDay();
	const year = event.url.searchParams.get('year') || currentTipYear(today);
	const out = await tipWorkbook(getDb(), user, year, exportLocale(event), today);
	if (!out) error(400, { message: 'err_tip_year' });
	return new Response(new Uint8Array(out.body), {
		headers: { 'content-type': CONTENT_TYPES.xlsx, 'content-disposition': `attachment; filename="${out.fileName}"`, 'cache-control': 'private, no-store' }
	});
};
