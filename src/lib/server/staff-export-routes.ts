/** The request handlers behind `/measures/export.*` and `/indicators/export.*` (staff only). */
import { error, type RequestEvent } from '@sveltejs/kit';
import { getDb } from './db/client';
import { authorize } from './auth';
import * as measures from './measures';
import * as readModels from './read-models';
import { can } from './auth/permissions';
import { parseMeasureFilters } from '../schemas/measure';
import { parseExplorerParams } from '../schemas/dashboard';
import { localeSchema } from '../schemas/common';
import { m } from '../paraglide/messages';
import * as dashboard from './dashboard';
import * as reference from './reference';
import { localized } from '../domain/localize';
import { explorerTables, indicatorListTable, measuresTable, staffDownload, staffNotes } from './staff-exports';

/** every matching measure, not a page of them */
const ALL = 1_000_000;

const localeOf = (event: RequestEvent) => {
	const l = localeSchema.safeParse(event.url.searchParams.get('lang'));
	return l.success ? l.data : event.locals.locale;
};
/** The filters as the URL had them (the export's own parameters left out). */
const filtersOf = (event: RequestEvent) =>
	Object.fromEntries([...event.url.searchParams].filter(([k, v]) => v !== '' && !['lang', 'table', 'page'].includes(k)));

export async function measuresExport(event: RequestEvent, format: 'xlsx' | 'csv'): Promise<Response> {
	authorize(event, 'data.export');
	const locale = localeOf(event);
	const { filters } = parseMeasureFilters(event.url.searchParams);
	const today = new Date().toISOString().slice(0, 10);
	const result = measures.listMeasures(getDb(), { ...filters, page: 1 }, { today, locale, pageSize: ALL });
	const notes = staffNotes(m.export_measures_what({ count: result.total }, { locale }), filtersOf(event), locale, { demo: result.rows.some((r) => r.isDemo) });
	return staffDownload([measuresTable(result.rows, locale)], notes, format, locale, 'rasd-mesures');
}

export async function indicatorExport(event: RequestEvent, format: 'xlsx' | 'csv'): Promise<Response> {
	const user = authorize(event, 'data.export');
	const locale = localeOf(event);
	const p = parseExplorerParams(event.url.searchParams);
	if (!p.i) {
		// no indicator chosen: the explorer's list, as its search narrows it
		const found = dashboard.searchIndicators(getDb(), p.q, ALL);
		const notes = staffNotes(m.export_indicators_what({ count: found.rows.length }, { locale }), filtersOf(event), locale, {
			demo: found.rows.some((r) => r.isDemo)
		});
		return staffDownload([indicatorListTable(found.rows, locale)], notes, format, locale, 'rasd-indicateurs');
	}
	const includeSubmitted = can(user, 'dashboard.read_unvalidated') && !!p.sub;
	// the breakdowns of the period and area the page shows (`bp`, `br`), as the page masks them for this viewer
	const x = readModels.indicatorExplorerFor(getDb(), user, p.i, {
		includeSubmitted,
		regionPeriod: p.rp ?? null,
		breakdownPeriod: p.bp ?? null,
		breakdownRegion: p.br ?? null
	});
	if (!x) error(404, { message: 'err_not_found' });
	const demo = x.series.some((s) => s.isDemo) || x.byRegion.some((r) => r.isDemo) || x.indicator.isDemo || !!x.breakdowns?.isDemo;
	const notes = staffNotes(m.export_indicator_what({ code: x.indicator.code }, { locale }), filtersOf(event), locale, {
		includeSubmitted,
		demo,
		masked: x.masked
	});
	const regionNames = new Map(reference.regionNames(getDb()).map((r) => [r.iso, localized(r, 'name', locale).text]));
	return staffDownload(
		explorerTables(x, locale, regionNames),
		notes,
		format,
		locale,
		`rasd-indicateur-${x.indicator.code}`,
		event.url.searchParams.get('table')
	);
}
