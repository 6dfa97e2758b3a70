/**
 * The funding view: per axis, region, recommendation and pillar, how many live measures have a partner
 * project behind them, the budget by donor (each project counted once per group, in its currency, then
 * converted to MAD centimes at the admin's rate for the chosen year), and the measures with no support.
 * Grouped SQL; the conversion of the few group sums uses integers only (domain/money).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { transaction } from './db/client';
import { exchangeRates } from './db/schema';
import * as audit from './audit';
import { conflict, type WriteResult } from './write-result';
import { NATIONAL, toMadMinor } from '../domain/money';

export const FUNDING_DIMENSIONS = ['axis', 'region', 'recommendation', 'pillar'] as const;
export type FundingDimension = (typeof FUNDING_DIMENSIONS)[number];

export { NATIONAL };

/** measure id → group key and names, for one dimension (live measures only). */
function groups(dim: FundingDimension) {
	const live = sql`m.archived_at IS NULL`;
	switch (dim) {
		case 'axis':
			return sql`SELECT m.id AS mid, a.code AS gkey, a.title_fr AS nameFr, a.title_ar AS nameAr, a.title_en AS nameEn, a.sort_order AS ord
				FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id WHERE ${live} AND a.archived_at IS NULL`;
		case 'region':
			// a measure with no region is national: its own group, not spread over the regions
			return sql`SELECT m.id AS mid, r.iso AS gkey, r.name_fr AS nameFr, r.name_ar AS nameAr, r.name_en AS nameEn, r.sort_order AS ord
				FROM measures m JOIN measure_regions mr ON mr.measure_id = m.id JOIN regions r ON r.id = mr.region_id WHERE ${live}
				UNION ALL SELECT m.id, ${NATIONAL}, NULL, NULL, NULL, 1e9 FROM measures m
				WHERE ${live} AND NOT EXISTS (SELECT 1 FROM measure_regions mr WHERE mr.measure_id = m.id)`;
		case 'recommendation':
			return sql`SELECT m.id AS mid, rc.code AS gkey, rc.title_fr AS nameFr, rc.title_ar AS nameAr, rc.title_en AS nameEn, rc.rank AS ord
				FROM measures m JOIN recommendation_measures rm ON rm.measure_id = m.id JOIN recommendations rc ON rc.id = rm.recommendation_id WHERE ${live}`;
		case 'pillar':
			return sql`SELECT m.id AS mid, COALESCE(m.pillar, a.pillar) AS gkey, NULL AS nameFr, NULL AS nameAr, NULL AS nameEn, 0 AS ord
				FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id WHERE ${live} AND COALESCE(m.pillar, a.pillar) IS NOT NULL`;
	}
}

/**
 * project id → group key. A project's budget goes to the groups of the measures it supports, except per region:
 * there it goes to the project's own regions (partner_project_regions), and a project with none is national.
 */
function projectGroups(dim: FundingDimension) {
	if (dim === 'region')
		return sql`SELECT pp.id AS pid, r.iso AS gkey
			FROM partner_projects pp JOIN partner_project_regions pr ON pr.project_id = pp.id JOIN regions r ON r.id = pr.region_id
			UNION SELECT pp.id, ${NATIONAL} FROM partner_projects pp WHERE NOT EXISTS (SELECT 1 FROM partner_project_regions pr WHERE pr.project_id = pp.id)`;
	return sql`SELECT DISTINCT pm.project_id AS pid, g.gkey FROM (${groups(dim)}) g JOIN partner_project_measures pm ON pm.measure_id = g.mid`;
}

export interface DonorBudget {
	donorCode: string | null;
	donorName: string | null;
	currency: string | null;
	/** sum in minor units of `currency` (null: projects without a known budget) */
	budgetMinor: number | null;
	projects: number;
	/** MAD centimes at the year's rate; null when no rate is set for the currency */
	madMinor: number | null;
}
export interface FundingGroup {
	key: string;
	nameFr: string | null;
	nameAr: string | null;
	nameEn: string | null;
	measures: number;
	supported: number;
	donors: DonorBudget[];
	/** MAD centimes of the donors that could be converted */
	madMinor: number;
}

export function rates(db: Db, year: number) {
	return db.select().from(exchangeRates).where(eq(exchangeRates.year, year)).orderBy(asc(exchangeRates.currency)).all();
}
export function rateYears(db: Db): number[] {
	return db.all<{ year: number }>(sql`SELECT DISTINCT year FROM exchange_rates ORDER BY year`).map((r) => r.year);
}

export function byDimension(db: Db, dim: FundingDimension, year: number): FundingGroup[] {
	const g = groups(dim);
	const coverage = db.all<{
		gkey: string;
		nameFr: string | null;
		nameAr: string | null;
		nameEn: string | null;
		ord: number;
		measures: number;
		supported: number;
	}>(sql`
		WITH g AS (${g})
		SELECT gkey, nameFr, nameAr, nameEn, min(ord) AS ord, count(DISTINCT mid) AS measures,
			count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM partner_project_measures pm WHERE pm.measure_id = g.mid) THEN mid END) AS supported
		FROM g GROUP BY gkey ORDER BY min(ord), gkey`);
	const budgets = db.all<{
		gkey: string;
		donorCode: string | null;
		donorName: string | null;
		currency: string | null;
		budgetMinor: number | null;
		projects: number;
	}>(sql`
		WITH pg AS (${projectGroups(dim)}),
		gp AS (SELECT DISTINCT pg.gkey, pp.id, pp.donor_institution_id, pp.donor_name, pp.currency, pp.budget_minor
			FROM pg JOIN partner_projects pp ON pp.id = pg.pid)
		SELECT gp.gkey, d.code AS donorCode, CASE WHEN d.id IS NULL THEN gp.donor_name END AS donorName, gp.currency,
			sum(gp.budget_minor) AS budgetMinor, count(*) AS projects
		FROM gp LEFT JOIN institutions d ON d.id = gp.donor_institution_id
		GROUP BY gp.gkey, d.code, CASE WHEN d.id IS NULL THEN gp.donor_name END, gp.currency
		ORDER BY gp.gkey, d.code, gp.currency`);
	const rateOf = new Map(rates(db, year).map((r) => [r.currency, r.madPerUnitMicro]));
	const convert = (minor: number | null, currency: string | null) => {
		if (minor === null || currency === null) return null;
		if (currency === 'MAD') return minor;
		const r = rateOf.get(currency);
		return r === undefined ? null : toMadMinor(minor, currency, r);
	};
	const donorsOf = new Map<string, DonorBudget[]>();
	for (const b of budgets) {
		const list = donorsOf.get(b.gkey) ?? [];
		list.push({
			donorCode: b.donorCode,
			donorName: b.donorName,
			currency: b.currency,
			budgetMinor: b.budgetMinor,
			projects: b.projects,
			madMinor: convert(b.budgetMinor, b.currency)
		});
		donorsOf.set(b.gkey, list);
	}
	// a region where a project works but no measure is placed still shows its budget (only regions can differ)
	const shown = new Set(coverage.map((c) => c.gkey));
	const extra = [...donorsOf.keys()].filter((k) => !shown.has(k));
	if (extra.length) {
		const named = db.all<{ gkey: string; nameFr: string; nameAr: string | null; nameEn: string | null; ord: number }>(
			sql`SELECT iso AS gkey, name_fr AS nameFr, name_ar AS nameAr, name_en AS nameEn, sort_order AS ord FROM regions WHERE iso IN ${extra}`
		);
		coverage.push(...named.map((n) => ({ ...n, measures: 0, supported: 0 })));
		if (extra.includes(NATIONAL)) coverage.push({ gkey: NATIONAL, nameFr: null, nameAr: null, nameEn: null, ord: 1e9, measures: 0, supported: 0 });
		coverage.sort((x, y) => x.ord - y.ord || x.gkey.localeCompare(y.gkey));
	}
	return coverage.map((c) => {
		const donors = donorsOf.get(c.gkey) ?? [];
		return {
			key: c.gkey,
			nameFr: c.nameFr,
			nameAr: c.nameAr,
			nameEn: c.nameEn,
			measures: c.measures,
			supported: c.supported,
			donors,
			madMinor: donors.reduce((s, d) => s + (d.madMinor ?? 0), 0)
		};
	});
}

export interface UnsupportedMeasure {
	code: string;
	titleFr: string;
	titleAr: string | null;
	titleEn: string | null;
	axis: string;
}

const UNSUPPORTED_FROM = sql`FROM measures m JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id
	WHERE m.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM partner_project_measures pm WHERE pm.measure_id = m.id)`;

/** Live measures no partner project supports, with their axis, in plan order; a page of them with `page`. */
export function unsupported(db: Db, page?: { limit: number; offset: number }): UnsupportedMeasure[] {
	const window = page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``;
	return db.all<UnsupportedMeasure>(sql`
		SELECT m.code, m.title_fr AS titleFr, m.title_ar AS titleAr, m.title_en AS titleEn, a.code AS axis ${UNSUPPORTED_FROM}
		ORDER BY a.sort_order, a.code, o.sort_order, o.code, m.sort_order, m.code ${window}`);
}

/** Measures the funding page lists at a time under "no support" (`?gp=`); the export has them all. */
export const UNSUPPORTED_PER_PAGE = 50;

/**
 * The funding view for a year, with page `gapsPage` (1-based, clamped) of the unsupported measures:
 * at national scale they run to thousands, which rendered whole made the page weigh 1.7 MB.
 */
export function funding(db: Db, year: number, gapsPage = 1, perPage = UNSUPPORTED_PER_PAGE) {
	const total = db.get<{ n: number }>(sql`SELECT count(*) AS n ${UNSUPPORTED_FROM}`)?.n ?? 0;
	const pages = Math.max(1, Math.ceil(total / perPage));
	const page = Math.min(pages, Math.max(1, Number.isInteger(gapsPage) ? gapsPage : 1));
	return {
		year,
		years: rateYears(db),
		rates: rates(db, year),
		dimensions: Object.fromEntries(FUNDING_DIMENSIONS.map((d) => [d, byDimension(db, d, year)])) as Record<FundingDimension, FundingGroup[]>,
		unsupported: unsupported(db, { limit: perPage, offset: (page - 1) * perPage }),
		unsupportedPage: { page, pages, total }
	};
}

/** The admin sets (or changes) the MAD rate of a currency for a year. */
export function setRate(
	db: Db,
	actorId: number,
	input: { year: number; currency: string; madPerUnitMicro: number; version?: number }
): WriteResult<typeof exchangeRates.$inferSelect> {
	return transaction(db, (tx) => {
		const before = tx
			.select()
			.from(exchangeRates)
			.where(and(eq(exchangeRates.year, input.year), eq(exchangeRates.currency, input.currency)))
			.get();
		if (before && input.version !== undefined && before.version !== input.version) return conflict(before);
		const at = new Date().toISOString();
		const after = before
			? tx
					.update(exchangeRates)
					.set({ madPerUnitMicro: input.madPerUnitMicro, isDemo: false, version: before.version + 1, updatedAt: at })
					.where(and(eq(exchangeRates.year, input.year), eq(exchangeRates.currency, input.currency)))
					.returning()
					.get()
			: tx.insert(exchangeRates).values({ year: input.year, currency: input.currency, madPerUnitMicro: input.madPerUnitMicro }).returning().get();
		audit.record(tx, {
			userId: actorId,
			action: before ? 'update' : 'create',
			entity: 'exchange_rate',
			entityId: `${input.year}-${input.currency}`,
			before,
			after
		});
		return { ok: true, value: after };
	});
}
