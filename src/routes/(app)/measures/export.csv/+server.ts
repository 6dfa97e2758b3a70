import { measuresExport } from '$lib/server/staff-export-routes';
import type { RequestHandler } from './$types';

/** Staff only ('data.export'): what the page shows, with its filters, as CSV. */
export const GET: RequestHandler = (event) => measuresExport(event, 'csv');
