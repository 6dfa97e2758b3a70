import { getDb } from '$lib/server/db/client';
import { authorize } from '$lib/server/auth';
import * as fundingView from '$lib/server/funding';
import { CONTENT_TYPES, tablesToXlsx, type Table } from '$lib/server/exports';
import { fundingYear } from '$lib/schemas/partner-project';
import { localDay } from '$lib/domain/calendar';
import { minorToInput, rateMicroToString } from '$lib/domain/money';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

const nameIn = (r: { nameFr: string | null; nameAr: string | null; nameEn: string | null }, locale: string) =>
	(locale === 'ar' ? r.nameAr : locale === 'en' ? r.nameEn : null) ?? r.nameFr ?? '';

export const GET: RequestHandler = async (event) => {
	authorize(event, 'funding.read');
	const locale = event.locals.locale;
	const o = { locale };
	const year = fundingYear(event.url.searchParams.get('year'), Number(localDay().slice(0, 4)));
	const db = getDb();
	const f = fundingView.funding(db, year);
	const titles = {
		axis: m.funding_by_axis({}, o),
		region: m.funding_by_region({}, o),
		recommendation: m.funding_by_recommendation({}, o),
		pillar: m.funding_by_pillar({}, o)
	};
	const tables: Table[] = fundingView.FUNDING_DIMENSIONS.map((d) => ({
		key: d,
		name: titles[d],
		columns: [
			{ header: m.funding_col_group({}, o), kind: 'text' },
			{ header: m.funding_col_measures({}, o), kind: 'int' },
			{ header: m.funding_col_supported({}, o), kind: 'int' },
			{ header: m.funding_col_donor({}, o), kind: 'text' },
			{ header: m.project_currency({}, o), kind: 'text' },
			{ header: m.funding_col_budget_source({}, o), kind: 'number' },
			{ header: m.funding_col_budget_mad({}, o), kind: 'number' }
		],
		rows: f.dimensions[d].flatMap((g) => {
			const label =
				d === 'pillar'
					? m[`pillar_${g.key}` as 'pillar_prevention']({}, o)
					: d === 'region' && g.key === fundingView.NATIONAL
						? m.project_national({}, o)
						: `${g.key} ${nameIn(g, locale)}`.trim();
			if (!g.donors.length) return [[label, g.measures, g.supported, null, null, null, null]];
			return g.donors.map((b) => [
				label,
				g.measures,
				g.supported,
				b.donorCode ?? b.donorName ?? m.funding_unknown_donor({}, o),
				b.currency,
				b.budgetMinor === null || !b.currency ? null : Number(minorToInput(b.budgetMinor, b.currency)),
				b.madMinor === null ? null : b.madMinor / 100
			]);
		})
	}));
	tables.push({
		key: 'gaps',
		name: m.funding_gaps_title({}, o),
		columns: [
			{ header: 'Code', kind: 'text' },
			{ header: m.funding_col_group({}, o), kind: 'text' },
			{ header: m.project_measures({}, o), kind: 'text' }
		],
		// every unsupported measure, not the page the funding page shows
		rows: fundingView.unsupported(db).map((u) => [u.code, u.axis, (locale === 'ar' ? u.titleAr : locale === 'en' ? u.titleEn : null) ?? u.titleFr])
	});
	const body = await tablesToXlsx(tables, locale, {
		title: m.funding_rates_title({}, o),
		lines: f.rates.map((r) => [
			`${r.currency} ${r.year}`,
			m.funding_rate_line({ currency: r.currency, rate: rateMicroToString(r.madPerUnitMicro), year: String(r.year) }, o) +
				(r.isDemo ? ` (${m.demo_badge({}, o)})` : '')
		]),
		sources: []
	});
	return new Response(new Uint8Array(body), {
		headers: { 'content-type': CONTENT_TYPES.xlsx, 'content-disposition': `attachment; filename="rasd-funding-${year}.xlsx"` }
	});
};
