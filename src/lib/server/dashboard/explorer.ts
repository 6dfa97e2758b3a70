/**
 * The indicator explorer: one indicator's series, regional values, breakdowns; SDG 16.2.2 rates per 100,000.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { suppressSmallCells } from '../../domain/confidentiality';
import { indicatorBreakdowns, type IndicatorBreakdowns } from '../breakdowns';
import { ratePer100k, type Source } from '../../domain/breakdown';
import { type Json, num, numOrNull, str, strOrNull, type Titles, type Names, namesOf } from './blocks';
import { parseDimensions, parseSources } from '../../schemas/json-columns';

export interface ValuePoint {
	period: string;
	value: number | null;
	/** 'validated', or 'submitted' when the switch includes values awaiting validation */
	state: 'validated' | 'submitted';
	isDemo: boolean;
	/** hidden by the confidentiality rule (shown "< 5") */
	masked: boolean;
	/** SDG 16.2.2: victims per 100,000 inhabitants (null when masked or without population) */
	rate?: number | null;
	/** where the figure comes from: the reporter's source line, the public sources (JSON), the note that qualifies it */
	source?: string | null;
	sources?: string;
	note?: string | null;
	/** published elsewhere and loaded with its source, not reported and validated here */
	publicRecord?: boolean;
}

export interface RegionValue extends ValuePoint, Names {
	iso: string;
	/** SDG 16.2.2: victims per 100,000 inhabitants of the region (null when masked or without population) */
	rate?: number | null;
}

/**
 * The total cells (no sex / age / exploitation / nationality breakdown) of one indicator: the
 * current validated value of each cell, or with `includeSubmitted` the newest value awaiting
 * validation where there is one, picked per cell with a window function.
 */
function cellValuesSql(indicatorId: number, includeSubmitted: boolean, where: SQL, partition: SQL): SQL {
	const states = includeSubmitted ? sql`(v.is_current = 1 OR v.state = 'submitted')` : sql`v.is_current = 1`;
	return sql`SELECT * FROM (
		SELECT v.period, v.period_start, v.region_id, v.value, v.state, v.is_demo, v.source, v.note, v.sources, v.public_record,
			row_number() OVER (PARTITION BY ${partition} ORDER BY v.state = 'submitted' DESC, v.id DESC) AS rn
		FROM indicator_values v
		WHERE v.indicator_id = ${indicatorId} AND ${states} AND ${where}
			AND v.sex IS NULL AND v.age_group IS NULL AND v.exploitation IS NULL AND v.nationality IS NULL
	) WHERE rn = 1`;
}

export interface IndicatorDetail extends Names {
	id: number;
	code: string;
	unit: string | null;
	unitAr: string | null;
	unitEn: string | null;
	kind: string;
	baselineValue: number | null;
	baselineYear: number | null;
	targetValue: number | null;
	targetYear: number | null;
	direction: 'up' | 'down';
	frequency: string;
	dimensions: string[];
	sensitive: boolean;
	sdgTarget: string | null;
	isDemo: boolean;
	measure: Titles & { code: string };
}

export interface IndicatorExplorer {
	indicator: IndicatorDetail;
	/** national values over periods */
	series: ValuePoint[];
	/** periods with regional values, latest first */
	regionalPeriods: string[];
	/** the period the regional values are for */
	regionPeriod: string | null;
	byRegion: RegionValue[];
	/** the breakdowns of one period and area (validated values), null when the indicator has none */
	breakdowns: IndicatorBreakdowns | null;
	/** SDG 16.2.2 indicators: the 2024 census population the rates per 100,000 divide by, with its source */
	census: Census | null;
	includeSubmitted: boolean;
	masked: boolean;
}

/**
 * The indicator explorer's data for one indicator: its national values over periods, and its value
 * per region for `regionPeriod` (default: the latest period with regional values). Validated values
 * only unless `includeSubmitted` (the caller checks the reader may see them). `mask` applies the
 * confidentiality rule to a sensitive indicator (public readers).
 */
export function indicatorExplorer(
	db: Db,
	code: string,
	opts: { includeSubmitted?: boolean; regionPeriod?: string | null; mask?: boolean; breakdownPeriod?: string | null; breakdownRegion?: string | null } = {}
): IndicatorExplorer | null {
	const i = db.get<Json>(sql`
		SELECT i.id, i.code, i.name_fr AS nameFr, i.name_ar AS nameAr, i.name_en AS nameEn,
			i.unit, i.unit_ar AS unitAr, i.unit_en AS unitEn, i.kind, i.baseline_value AS baselineValue,
			i.baseline_year AS baselineYear, i.target_value AS targetValue, i.target_year AS targetYear, i.direction, i.frequency, i.dimensions,
			i.sensitive, i.sdg_target AS sdgTarget, i.is_demo AS isDemo,
			m.code AS measureCode, m.title_fr AS mTitleFr, m.title_ar AS mTitleAr, m.title_en AS mTitleEn
		FROM indicators i JOIN measures m ON m.id = i.measure_id WHERE i.code = ${code}`);
	if (!i) return null;
	const id = num(i.id);
	const includeSubmitted = !!opts.includeSubmitted;
	const dimensions = parseDimensions(strOrNull(i.dimensions));
	const indicator: IndicatorDetail = {
		id,
		code: str(i.code),
		...namesOf(i),
		unit: strOrNull(i.unit),
		unitAr: strOrNull(i.unitAr),
		unitEn: strOrNull(i.unitEn),
		kind: str(i.kind),
		baselineValue: numOrNull(i.baselineValue),
		baselineYear: numOrNull(i.baselineYear),
		targetValue: numOrNull(i.targetValue),
		targetYear: numOrNull(i.targetYear),
		direction: i.direction === 'down' ? 'down' : 'up',
		frequency: str(i.frequency),
		dimensions,
		sensitive: !!i.sensitive,
		sdgTarget: strOrNull(i.sdgTarget),
		isDemo: !!i.isDemo,
		measure: { code: str(i.measureCode), titleFr: str(i.mTitleFr), titleAr: strOrNull(i.mTitleAr), titleEn: strOrNull(i.mTitleEn) }
	};
	const point = (r: Json, period: string): ValuePoint => ({
		period,
		value: numOrNull(r.value),
		state: r.state === 'submitted' ? 'submitted' : 'validated',
		isDemo: !!r.is_demo,
		masked: false
	});
	const series = db.all<Json>(sql`${cellValuesSql(id, includeSubmitted, sql`v.region_id IS NULL`, sql`v.period`)} ORDER BY period_start`).map((r) => ({
		...point(r, str(r.period)),
		source: strOrNull(r.source),
		sources: str(r.sources) || '[]',
		note: strOrNull(r.note),
		publicRecord: !!r.public_record
	}));
	const regionalPeriods = db
		.all<{ period: string }>(
			sql`
			SELECT period FROM (${cellValuesSql(id, includeSubmitted, sql`v.region_id IS NOT NULL`, sql`v.period, v.region_id`)})
			GROUP BY period ORDER BY max(period_start) DESC`
		)
		.map((r) => r.period);
	const regionPeriod = opts.regionPeriod && regionalPeriods.includes(opts.regionPeriod) ? opts.regionPeriod : (regionalPeriods[0] ?? null);
	let byRegion: RegionValue[] = regionPeriod
		? db
				.all<Json>(
					sql`
			WITH c AS (${cellValuesSql(id, includeSubmitted, sql`v.region_id IS NOT NULL AND v.period = ${regionPeriod}`, sql`v.region_id`)})
			SELECT g.iso, g.name_fr AS nameFr, g.name_ar AS nameAr, g.name_en AS nameEn, c.value, c.state, c.is_demo
			FROM regions g LEFT JOIN c ON c.region_id = g.id ORDER BY g.iso`
				)
				.map((r) => ({ ...point(r, regionPeriod), iso: str(r.iso), ...namesOf(r) }))
		: [];
	const masked = !!opts.mask && indicator.sensitive;
	let seriesOut = series;
	if (masked) {
		// Each national value stands alone; the regions add up to the national figure shown beside them.
		seriesOut = suppressSmallCells(series, { partOfTotal: false });
		byRegion = suppressSmallCells(byRegion);
	}
	const breakdowns =
		indicatorBreakdowns(db, [indicator.code], { regionIso: opts.breakdownRegion ?? null, period: opts.breakdownPeriod ?? null, mask: masked })[0] ?? null;
	if (breakdowns?.maskedTotals.length) {
		// A total that a breakdown table hides (its parts would give it back) is hidden here too.
		const hidden = new Set(breakdowns.maskedTotals);
		const hide = <T extends ValuePoint>(p: T): T => ({ ...p, value: null, masked: true });
		seriesOut = seriesOut.map((p) => (hidden.has(`|${p.period}`) ? hide(p) : p));
		byRegion = byRegion.map((r) => (hidden.has(`${r.iso}|${r.period}`) ? hide(r) : r));
	}
	// a masked figure keeps its source but not its note, which may describe the figure
	seriesOut = seriesOut.map((p) => (p.masked ? { ...p, note: null } : p));
	let census: Census | null = null;
	if (indicator.sdgTarget === RATE_SDG) {
		census = censusPopulation(db);
		const c = census;
		// A masked count has no rate: the rate would give the count back.
		seriesOut = seriesOut.map((p) => ({ ...p, rate: p.masked ? null : ratePer100k(p.value, c.national) }));
		byRegion = byRegion.map((r) => ({ ...r, rate: r.masked ? null : ratePer100k(r.value, c.byIso[r.iso]) }));
	}
	return { indicator, series: seriesOut, regionalPeriods, regionPeriod, byRegion, breakdowns, census, includeSubmitted, masked };
}

// ─── SDG 16.2.2: rates per 100,000 ──────────────────────────────────────────────────────────────

/** The SDG indicator whose views show a rate per 100,000 population beside the count. */
export const RATE_SDG = '16.2.2';

/** The 2024 census (RGPH) legal population: the nation (sum of its 12 regions), each region, and the sources. */
export interface Census {
	national: number | null;
	byIso: Record<string, number | null>;
	sources: Source[];
}

/** The census population, nationally (summed in SQL) and per region, with the census releases the regions cite. */
export function censusPopulation(db: Db): Census {
	const rows = db.all<{ iso: string; population: number | null; sources: string; national: number | null }>(sql`
		SELECT iso, population, sources, sum(population) OVER () AS national FROM regions ORDER BY iso`);
	const seen = new Map<string, Source>();
	for (const r of rows) {
		// A region's sources are the ISO code list, the 2015 decree and the census releases (November 2024): the rate cites the last.
		for (const x of parseSources(r.sources)) if (x.date?.startsWith('2024')) seen.set(`${x.title}|${x.url ?? ''}`, x);
	}
	return { national: rows[0]?.national ?? null, byIso: Object.fromEntries(rows.map((r) => [r.iso, r.population])), sources: [...seen.values()] };
}
