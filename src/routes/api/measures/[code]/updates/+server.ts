import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as measures from '$lib/server/measures';
import * as updates from '$lib/server/progress-updates';
import { authorize } from '$lib/server/auth';
import { fieldErrors } from '$lib/schemas/common';
import { progressUpdateSchema } from '$lib/schemas/reporting';
import type { RequestHandler } from './$types';

/**
 * The open progress update of a measure (or null), for integrations: to those who may report on
 * the measure or review it (403 to anyone else), with the evidence they may read.
 */
export const GET: RequestHandler = (event) => {
	const db = getDb();
	const m = measures.getMeasureRef(db, event.params.code);
	if (!m) error(404, { message: 'err_not_found' });
	const user = authorize(event, 'measure.read_open_work', updates.measureTarget(db, m.id) ?? undefined);
	return json({ measure: m.code, openUpdate: updates.openUpdate(db, m.id, user) });
};

/**
 * Saves or submits the measure's progress update from JSON, under the same rules as the form:
 * 200 with the new version, 400 with field errors (message keys), 409 on a stale version.
 */
export const POST: RequestHandler = async (event) => {
	const db = getDb();
	const m = measures.getMeasureRef(db, event.params.code);
	if (!m) error(404, { message: 'err_not_found' });
	const user = authorize(event, 'measure.report', updates.measureTarget(db, m.id) ?? undefined);
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		return json({ error: 'invalid_json' }, { status: 400 });
	}
	const parsed = progressUpdateSchema.safeParse(body);
	if (!parsed.success) return json({ error: 'invalid', fields: fieldErrors(parsed.error) }, { status: 400 });
	const result = updates.save(db, user, m.id, parsed.data);
	if (result.ok) return json(result.value);
	switch (result.kind) {
		case 'invalid':
			return json({ error: 'invalid', fields: result.errors }, { status: 400 });
		case 'conflict':
			return json({ error: 'conflict', current: result.current }, { status: 409 });
		case 'state':
			return json({ error: `state_${result.state}` }, { status: 409 });
		case 'forbidden':
			return json({ error: result.reason }, { status: 403 });
		case 'not_found':
			return json({ error: 'not_found' }, { status: 404 });
	}
};
