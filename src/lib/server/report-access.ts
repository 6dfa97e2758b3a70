/** Shared by a report's download endpoints: who may read it, in which language. */
import { error, type RequestEvent } from '@sveltejs/kit';
import { getDb } from './db/client';
import * as reports from './reports';
import { authorize } from './auth';
import { isLocale } from '../domain/locale';
import type { Locale } from '../domain/enums';

/** The report of `/reports/[id]/…` as the signed-in reader may export it: 410 withdrawn, 404 unknown or draft. */
export function exportableReport(event: RequestEvent): reports.ReportView {
	const user = authorize(event, 'report.export');
	// `[id=id]`: the route's matcher (src/params/id.ts) let only a positive integer through.
	const r = reports.get(getDb(), user, Number(event.params.id));
	if (r === 'gone') error(410, { message: 'err_report_withdrawn' });
	if (!r) error(404, { message: 'err_not_found' });
	return r;
}

/** The report of a public link `/p/[token]/…`: 410 once withdrawn. */
export function publicReport(event: RequestEvent): reports.ReportView {
	const r = reports.getByPublicToken(getDb(), event.params.token ?? '');
	if (r === 'gone') error(410, { message: 'err_report_withdrawn' });
	if (!r) error(404, { message: 'err_not_found' });
	return r;
}

/** `?lang=` when it names a language, else the reader's. */
export function exportLocale(event: RequestEvent): Locale {
	const q = event.url.searchParams.get('lang');
	return q && isLocale(q) ? q : event.locals.locale;
}
