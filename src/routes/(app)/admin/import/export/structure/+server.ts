import { getDb } from '$lib/server/db/client';
import { authorize } from '$lib/server/auth';
import { XLSX_TYPE } from '$lib/server/import-templates';
import * as structure from '$lib/server/structure-import';
import type { RequestHandler } from './$types';

/** The stored structure in the import's own workbook format: edit it, import it again. */
export const GET: RequestHandler = async (event) => {
	authorize(event, 'plan.import');
	const bytes = await structure.exportWorkbook(getDb());
	const day = new Date().toISOString().slice(0, 10);
	return new Response(new Uint8Array(bytes), {
		headers: { 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename="rasd-structure-${day}.xlsx"`, 'cache-control': 'no-store' }
	});
};
