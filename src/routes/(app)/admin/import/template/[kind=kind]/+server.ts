import { getDb } from '$lib/server/db/client';
import { authorize } from '$lib/server/auth';
import * as templates from '$lib/server/import-templates';
import * as structure from '$lib/server/structure-import';
import type { RequestHandler } from './$types';

/** The empty workbook to fill in, for one kind of import. */
export const GET: RequestHandler = async (event) => {
	authorize(event, 'plan.import');
	// The route's matcher (src/params/kind.ts) lets only a known kind through.
	const kind = event.params.kind;
	const bytes = kind === 'structure' ? await structure.template(getDb()) : await templates.valuesTemplate(getDb());
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': templates.XLSX_TYPE,
			'content-disposition': `attachment; filename="rasd-${kind}-template.xlsx"`,
			'cache-control': 'no-store'
		}
	});
};
