import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import { authorize } from '$lib/server/auth';
import * as templates from '$lib/server/import-templates';
import * as structure from '$lib/server/structure-import';
import { importKind } from '$lib/schemas/import';
import type { RequestHandler } from './$types';

/** The empty workbook to fill in, for one kind of import. */
export const GET: RequestHandler = async (event) => {
	authorize(event, 'plan.import');
	const kind = importKind.safeParse(event.params.kind);
	if (!kind.success) error(404, { message: 'err_not_found' });
	const bytes = kind.data === 'structure' ? await structure.template(getDb()) : await templates.valuesTemplate(getDb());
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': templates.XLSX_TYPE,
			'content-disposition': `attachment; filename="rasd-${kind.data}-template.xlsx"`,
			'cache-control': 'no-store'
		}
	});
};
