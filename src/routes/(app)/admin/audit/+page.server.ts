import { getDb } from '$lib/server/db/client';
import * as audit from '$lib/server/audit';
import { authorize } from '$lib/server/auth';
import { AUDIT_PAGE_SIZE, parseAuditFilters } from '$lib/schemas/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	authorize(event, 'audit.read');
	const { filters, errors } = parseAuditFilters(event.url.searchParams);
	const db = getDb();
	return { filters, filterErrors: errors, result: audit.list(db, filters, AUDIT_PAGE_SIZE), options: audit.filterOptions(db) };
};
