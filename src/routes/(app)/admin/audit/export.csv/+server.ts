import { getDb } from '$lib/server/db/client';
import * as audit from '$lib/server/audit';
import { authorize } from '$lib/server/auth';
import { parseAuditFilters } from '$lib/schemas/audit';
import { csvLine } from '$lib/domain/csv';
import type { RequestHandler } from './$types';

const HEADER = ['id', 'at', 'user_id', 'user_email', 'user_name', 'action', 'entity', 'entity_id', 'before', 'after', 'hash'];

/** The filtered trail as CSV (UTF-8 with a BOM so spreadsheets read Arabic names), streamed page by page. */
export const GET: RequestHandler = (event) => {
	authorize(event, 'audit.read');
	const { filters } = parseAuditFilters(event.url.searchParams);
	const rows = audit.iterate(getDb(), filters);
	const encoder = new TextEncoder();
	let first = true;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			let chunk = first ? '\uFEFF' + csvLine(HEADER) : '';
			first = false;
			for (let i = 0; i < 500; i++) {
				const next = rows.next();
				if (next.done) {
					if (chunk) controller.enqueue(encoder.encode(chunk));
					controller.close();
					return;
				}
				const r = next.value;
				chunk += csvLine([r.id, r.at, r.userId, r.userEmail, r.userName, r.action, r.entity, r.entityId, r.before, r.after, r.hash]);
			}
			controller.enqueue(encoder.encode(chunk));
		}
	});
	const stamp = new Date().toISOString().slice(0, 10);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="rasd-audit-${stamp}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
