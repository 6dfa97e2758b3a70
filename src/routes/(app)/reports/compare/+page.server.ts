import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/client';
import * as reports from '$lib/server/reports';
import { authorize } from '$lib/server/auth';
import { compareParamsSchema } from '$lib/schemas/report';
import { compareSnapshots } from '$lib/domain/report';
import type { PageServerLoad } from './$types';

/** Two published reports side by side: what moved per axis and per indicator, the earlier period first. */
export const load: PageServerLoad = (event) => {
	const user = authorize(event, 'report.read_published');
	const db = getDb();
	const q = compareParamsSchema.parse(Object.fromEntries(event.url.searchParams));
	const all = reports.list(db, user).filter((r) => r.state === 'published');
	const read = (id: number | undefined) => {
		if (!id) return null;
		const r = reports.get(db, user, id);
		if (r === 'gone') error(410, { message: 'err_report_withdrawn' });
		return r;
	};
	let a = read(q.a);
	let b = read(q.b);
	if (a && b && a.snapshot.period.end > b.snapshot.period.end) [a, b] = [b, a];
	return {
		choices: all,
		a,
		b,
		comparison: a && b ? compareSnapshots(a.snapshot, b.snapshot) : null
	};
};
