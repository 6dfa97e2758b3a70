/**
 * The export "pour le questionnaire TIP": for one TIP year (TIP2025 = 1 April 2024 – 31 March
 * 2025), per pillar, the validated national figures that answer it (investigations, prosecutions,
 * convictions; victims identified, referred, assisted, with their breakdowns), then the status of
 * the measures and of the priority recommendations at the end of that year, as XLSX in the house
 * style of `./exports`. Readers without `dashboard.read_small_counts` get the breakdowns through
 * `breakdownView` (the confidentiality rule across dimensions) and small totals masked.
 *
 * Relative imports only: the bench runs this module under tsx.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { can, type Actor } from './auth/permissions';
import * as dashboard from './dashboard';
import { RATE_SDG } from './dashboard';
import { breakdownLabels, pillarLabel, tablesToXlsx, type CellValue, type Notes, type Table } from './exports';
import { m } from '../paraglide/messages';
import type { Locale } from '../domain/enums';
import { localized } from '../domain/localize';
import { formatPeriod, periodContaining } from '../domain/period';
import { answersTipYear, tipYear, TIP_FIGURES, TIP_PILLARS, type TipYear } from '../domain/tip';
import { breakdownView, type BreakdownRow, type ViewCell } from '../domain/breakdown';
import { isSmallCount, MASKED_LABEL, suppressBySet } from '../domain/confidentiality';
import { ratePer100k } from '../domain/breakdown';
import { institutionLabel } from '../domain/institution-label';
import { parseDimensions, parseSources } from '../schemas/json-columns';

interface Raw {
	code: string;
	nameFr: string;
	nameAr: string | null;
	nameEn: string | null;
	sensitive: number;
	dimensions: string;
	pillar: string | null;
	period: string;
	periodStart: string;
	sex: string | null;
	ageGroup: string | null;
	exploitation: string | null;
	nationality: string | null;
	value: number;
	isDemo: number;
	source: string | null;
	sources: string | null;
}

/** The period codes a TIP year's export reads: itself, the calendar year its report cites, the semesters and quarters inside it. */
function candidatePeriods(y: TipYear): string[] {
	const a = Number(y.calendarYear);
	return [y.code, y.calendarYear, `${a}-S2`, `${a}-Q2`, `${a}-Q3`, `${a}-Q4`, `${a + 1}-Q1`].filter((p) => answersTipYear(p, y));
}

export interface TipExport {
	year: TipYear;
	tables: Table[];
	notes: Notes;
	masked: boolean;
}

/** The TIP year's tables for `viewer` in `locale`, or null when `code` is not a TIP year. */
export function tipExport(db: Db, viewer: Actor | null | undefined, code: string, locale: Locale, today: string): TipExport | null {
	const y = tipYear(code);
	if (!y) return null;
	const mask = !can(viewer, 'dashboard.read_small_counts');
	const o = { locale };
	const periods = candidatePeriods(y);
	// One grouped query: each current validated national cell of a count indicator in those periods.
	const raw = db.all<Raw>(sql`
		SELECT i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.sensitive, i.dimensions, me.pillar,
			v.period, max(v.period_start) AS periodStart, v.sex, v.age_group AS ageGroup, v.exploitation, v.nationality,
			sum(v.value) AS value, max(v.is_demo) AS isDemo, max(v.source) AS source, group_concat(v.sources, char(31)) AS sources
		FROM indicator_values v
		JOIN indicators i ON i.id = v.indicator_id
		JOIN measures me ON me.id = i.measure_id
		WHERE v.is_current = 1 AND v.region_id IS NULL AND i.kind = 'count'
			AND v.period IN (${sql.join(
				periods.map((p) => sql`${p}`),
				sql`, `
			)})
		GROUP BY v.indicator_id, v.period, v.sex, v.age_group, v.exploitation, v.nationality
		ORDER BY i.code, periodStart`);

	const text = (row: object, field: string) => localized(row as Record<string, unknown>, field, locale).text;
	const { cell: cellText, category: catLabel, dimension: dimLabel } = breakdownLabels(locale);

	const sourceSet = new Map<string, { label: string; url: string | null }>();
	const byPillar = new Map<string, CellValue[][]>();
	let anyMasked = false;
	const groups = new Map<string, Raw[]>();
	for (const r of raw) {
		const k = `${r.code}|${r.period}`;
		const g = groups.get(k);
		if (g) g.push(r);
		else groups.set(k, [r]);
	}
	for (const g of groups.values()) {
		const first = g[0]!;
		const fig = TIP_FIGURES[first.code];
		const pillar = fig?.pillar ?? first.pillar ?? 'governance';
		const item = fig ? m[`tip_item_${fig.item}`]({}, o) : null;
		const totalRow = g.find((r) => !r.sex && !r.ageGroup && !r.exploitation && !r.nationality);
		const dims = parseDimensions(first.dimensions);
		const sensitiveMask = mask && !!first.sensitive;
		const parts: BreakdownRow[] = g
			.filter((r) => r !== totalRow)
			.map((r) => ({ sex: r.sex, ageGroup: r.ageGroup, exploitation: r.exploitation, nationality: r.nationality, value: r.value }));
		const view = breakdownView(parts, totalRow?.value ?? null, dims, sensitiveMask);
		// A total stands alone in this sheet: below the threshold it is masked like any small count.
		let total: ViewCell = view.total;
		if (sensitiveMask && !total.masked && isSmallCount(total.value)) total = { value: null, masked: true, small: true };
		const rows = byPillar.get(pillar) ?? [];
		const base = (dimension: string | null, category: string | null, c: ViewCell): CellValue[] => {
			if (c.masked) anyMasked = true;
			return [
				item,
				first.code,
				text(first, 'name'),
				formatPeriod(first.period, locale),
				dimension,
				category,
				cellText(c),
				totalRow?.source ?? null,
				first.isDemo ? m.demo_badge({}, o) : null
			];
		};
		if (totalRow) rows.push(base(m.grid_total({}, o), null, total));
		if (view.cross) {
			const x = view.cross;
			x.sexes.forEach((s, i) =>
				x.ages.forEach((a, j) => rows.push(base(m.breakdown_cross({}, o), `${catLabel('sex', s)} × ${catLabel('age_group', a)}`, x.cells[i]![j]!)))
			);
			x.sexes.forEach((s, i) => rows.push(base(dimLabel('sex'), catLabel('sex', s), x.bySex[i]!)));
			x.ages.forEach((a, j) => rows.push(base(dimLabel('age_group'), catLabel('age_group', a), x.byAge[j]!)));
		}
		for (const d of view.dimensions)
			for (const c of d.cells) if (c.value != null || c.masked) rows.push(base(dimLabel(d.dimension), catLabel(d.dimension, c.category), c));
		byPillar.set(pillar, rows);
		for (const r of g)
			for (const s of (r.sources ?? '').split('\u001f'))
				for (const x of parseSources(s)) sourceSet.set(`${x.title}|${x.url ?? ''}`, { label: x.title, url: x.url });
	}

	const figureColumns = [
		{ header: m.tip_col_item({}, o), kind: 'text' as const },
		{ header: m.col_code({}, o), kind: 'text' as const },
		{ header: m.report_col_indicator({}, o), kind: 'text' as const },
		{ header: m.col_period({}, o), kind: 'text' as const },
		{ header: m.indicator_breakdown({}, o), kind: 'text' as const },
		{ header: m.tip_col_category({}, o), kind: 'text' as const },
		{ header: m.dash_col_value({}, o), kind: 'int' as const },
		{ header: m.col_source({}, o), kind: 'text' as const },
		{ header: m.demo_badge({}, o), kind: 'text' as const }
	];
	const pillars = [...TIP_PILLARS, ...[...byPillar.keys()].filter((p) => !(TIP_PILLARS as readonly string[]).includes(p))];
	const tables: Table[] = pillars.map((p) => ({ key: `pillar-${p}`, name: pillarLabel(p, locale), columns: figureColumns, rows: byPillar.get(p) ?? [] }));

	tables.push(regionTable(db, periods, mask, locale));

	// Status at the end of the TIP year (today's when the year is not over).
	const snap: dashboard.SnapshotOptions = { today, asOf: y.end < today ? y.end : null };
	const measures = dashboard.measureTable(db, { kind: 'all' }, snap, 'all', 100_000);
	const pillarOf = new Map(db.all<{ code: string; pillar: string | null }>(sql`SELECT code, pillar FROM measures`).map((r) => [r.code, r.pillar]));
	const pillarRank = (p: string | null | undefined) => {
		const i = pillars.indexOf(p ?? '');
		return i < 0 ? pillars.length : i;
	};
	const pillarName = (p: string | null | undefined) => (p ? pillarLabel(p, locale) : null);
	measures.sort((a, b) => pillarRank(pillarOf.get(a.code)) - pillarRank(pillarOf.get(b.code)) || a.code.localeCompare(b.code));
	tables.push({
		key: 'measures',
		name: m.nav_measures({}, o),
		columns: [
			{ header: m.col_pillar({}, o), kind: 'text' },
			{ header: m.col_code({}, o), kind: 'text' },
			{ header: m.col_measure({}, o), kind: 'text' },
			{ header: m.col_institution({}, o), kind: 'text' },
			{ header: m.col_status({}, o), kind: 'text' },
			{ header: m.col_progress({}, o), kind: 'percent' },
			{ header: m.col_deadline({}, o), kind: 'date' },
			{ header: m.kpi_overdue({}, o), kind: 'text' },
			{ header: m.demo_badge({}, o), kind: 'text' }
		],
		rows: measures.map((r) => [
			pillarName(pillarOf.get(r.code)),
			r.code,
			text(r, 'title'),
			institutionLabel(r.lead, locale),
			m[`status_${r.status}`]({}, o),
			r.progress,
			r.deadline,
			r.flags.overdue ? m.kpi_overdue({}, o) : null,
			r.isDemo ? m.demo_badge({}, o) : null
		])
	});
	const recs = dashboard.recommendationCoverage(db, snap);
	recs.sort((a, b) => pillarRank(a.pillar) - pillarRank(b.pillar) || a.rank - b.rank);
	tables.push({
		key: 'recommendations',
		name: m.nav_recommendations({}, o),
		columns: [
			{ header: m.col_pillar({}, o), kind: 'text' },
			{ header: m.col_code({}, o), kind: 'text' },
			{ header: m.col_recommendation({}, o), kind: 'text' },
			{ header: m.plan_measures_count({}, o), kind: 'int' },
			{ header: m.dash_col_in_progress({}, o), kind: 'int' },
			{ header: m.dash_col_completed({}, o), kind: 'int' },
			{ header: m.col_progress({}, o), kind: 'percent' },
			{ header: m.demo_badge({}, o), kind: 'text' }
		],
		rows: recs.map((r) => [
			pillarName(r.pillar),
			r.code,
			text(r, 'title'),
			r.measures,
			r.inProgress,
			r.completed,
			r.measures ? r.progress : null,
			r.isDemo ? m.demo_badge({}, o) : null
		])
	});

	const notes: Notes = {
		title: m.report_sources_title({}, o),
		lines: [
			[m.tip_export_title({}, o), `${formatPeriod(y.code, locale)} (${y.start} – ${y.end})`],
			[m.field_period({}, o), m.tip_periods_note({ calendar: y.calendarYear, periods: periods.map((p) => formatPeriod(p, locale)).join(', ') }, o)],
			[m.report_data_label({}, o), m.tip_data_note({ day: snap.asOf ?? today }, o)],
			[m.tip_col_item({}, o), m.tip_mapping_note({}, o)],
			[m.masked_complement({}, o), mask ? m.masked_legend({}, o) : m.tip_unmasked_note({}, o)]
		],
		sources: [...sourceSet.values()]
	};
	return { year: y, tables, notes, masked: anyMasked };
}

interface RegionalRaw {
	code: string;
	nameFr: string;
	nameAr: string | null;
	nameEn: string | null;
	sensitive: number;
	sdgTarget: string | null;
	period: string;
	iso: string;
	regionFr: string;
	regionAr: string | null;
	regionEn: string | null;
	population: number | null;
	value: number;
	isDemo: number;
}

/**
 * The same figures per region: each indicator's validated regional totals in the TIP year's periods
 * (one grouped query), with the rate per 100,000 of the region's 2024 census population for SDG
 * 16.2.2 indicators. For readers who may not see small counts a sensitive region is masked as it
 * is among the regions of its indicator and period (the explorer's rule), and a masked count has no rate.
 */
function regionTable(db: Db, periods: string[], mask: boolean, locale: Locale): Table {
	const o = { locale };
	const raw = db.all<RegionalRaw>(sql`
		SELECT i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn, i.sensitive, i.sdg_target AS sdgTarget, v.period,
			r.iso, r.name_fr AS regionFr, r.name_ar AS regionAr, r.name_en AS regionEn, r.population, sum(v.value) AS value, max(v.is_demo) AS isDemo
		FROM indicator_values v
		JOIN indicators i ON i.id = v.indicator_id
		JOIN regions r ON r.id = v.region_id
		WHERE v.is_current = 1 AND i.kind = 'count' AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL
			AND v.period IN (${sql.join(
				periods.map((p) => sql`${p}`),
				sql`, `
			)})
		GROUP BY v.indicator_id, v.period, v.region_id
		ORDER BY i.code, min(v.period_start), r.sort_order`);
	const cells = mask
		? suppressBySet(
				raw,
				(r) => !!r.sensitive,
				(r) => `${r.code} ${r.period}`
			)
		: raw.map((r) => ({ ...r, masked: false }));
	const text = (row: object, field: string) => localized(row as Record<string, unknown>, field, locale).text;
	return {
		key: 'regions',
		name: m.col_region({}, o),
		columns: [
			{ header: m.tip_col_item({}, o), kind: 'text' },
			{ header: m.col_code({}, o), kind: 'text' },
			{ header: m.report_col_indicator({}, o), kind: 'text' },
			{ header: m.col_period({}, o), kind: 'text' },
			{ header: m.col_region({}, o), kind: 'text' },
			{ header: m.dash_col_value({}, o), kind: 'int' },
			{ header: `${m.rate_col({}, o)} (${m.sdg_indicator({}, o)} 16.2.2)`, kind: 'number' },
			{ header: m.demo_badge({}, o), kind: 'text' }
		],
		rows: cells.map((c, i) => {
			const fig = TIP_FIGURES[c.code];
			return [
				fig ? m[`tip_item_${fig.item}`]({}, o) : null,
				c.code,
				text(c, 'name'),
				formatPeriod(c.period, locale),
				localized({ nameFr: c.regionFr, nameAr: c.regionAr, nameEn: c.regionEn }, 'name', locale).text,
				c.masked ? (isSmallCount(raw[i]!.value) ? MASKED_LABEL : m.masked_complement({}, o)) : c.value,
				c.sdgTarget === RATE_SDG && !c.masked ? ratePer100k(c.value, c.population) : null,
				c.isDemo ? m.demo_badge({}, o) : null
			];
		})
	};
}

/** The workbook and its file name (`rasd-TIP2025-fr.xlsx`). */
export async function tipWorkbook(
	db: Db,
	viewer: Actor | null | undefined,
	code: string,
	locale: Locale,
	today: string
): Promise<{ body: Buffer; fileName: string } | null> {
	const x = tipExport(db, viewer, code, locale, today);
	if (!x) return null;
	return { body: await tablesToXlsx(x.tables, locale, x.notes), fileName: `rasd-${x.year.code}-${locale}.xlsx` };
}

/** The TIP year a day falls in (the default of the export's picker). */
export function currentTipYear(today: string): string {
	return periodContaining(today, 'tip_year');
}
