import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as evidence from '$lib/server/evidence';
import * as updates from '$lib/server/progress-updates';
import { authorize, can } from '$lib/server/auth';
import type { RequestHandler } from './$types';

/**
 * Evidence files are served only here, to those the rules allow, never from a public folder. Anyone
 * who may not see a file gets the same 404 as for an id that does not exist.
 */
export const GET: RequestHandler = (event) => {
	authorize(event, 'plan.read');
	const db = getDb();
	// A positive integer: the route's matcher (src/params/id.ts) let nothing else through.
	const id = Number(event.params.id);
	const row = evidence.getWithOwner(db, id);
	const measure = row?.measureId != null ? updates.measureTarget(db, row.measureId) : null;
	if (!row || !measure || row.e.kind !== 'file' || !row.e.storedName) error(404, { message: 'err_not_found' });
	if (!can(event.locals.user, 'evidence.read', evidence.evidenceTarget(measure, row.e, row.updateState))) error(404, { message: 'err_not_found' });
	const bytes = evidence.readStored(row.e.storedName);
	if (!bytes) error(404, { message: 'err_not_found' });
	const name = row.e.fileName ?? 'document';
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': row.e.mimeType ?? 'application/octet-stream',
			'content-length': String(bytes.length),
			// Always a download: a file is never rendered as a page of this site.
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
