/**
 * Breakdowns of indicator values as pages show them (explorer, measure page, scorecards): the
 * current validated cells by sex, age group, form of exploitation, nationality and country, read
 * in one grouped query per request, turned into tables by `domain/breakdown.breakdownView`, which
 * masks them through `suppressTable` for readers without `dashboard.read_small_counts`.
 *
 * Relative imports only: the bench scripts run this module under tsx, outside Vite.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { parseDimensions, parseSources } from '../schemas/json-columns';
import { parsePeriod } from '../domain/period';
import { breakdownView, type BreakdownRow, type BreakdownView, type IndicatorBreakdowns, type Source } from '../domain/breakdown';

export type { IndicatorBreakdowns, Source };

type Raw = {
	code: string;
	dimensions: string;
	sensitive: number;
	iso: string | null;
	period: string;
	periodStart: string;
	sex: string | null;
	ageGroup: string | null;
	exploitation: string | null;
	nationality: string | null;
	value: number;
	isDemo: number;
	sources: string | null;
};

/** The sources of several rows, each once (by title and address). */
function sourcesOf(list: (string | null)[]): Source[] {
	const seen = new Map<string, Source>();
	for (const s of list) for (const x of parseSources(s)) seen.set(`${x.title}|${x.url ?? ''}`, x);
	return [...seen.values()];
}

/**
 * The breakdowns of each of `codes` (indicators with breakdown dimensions) for `regionIso` (null =
 * national) and `period` (null or unknown = the latest with breakdowns; with `until`, only periods
 * ended by that day are offered, as a report on a period takes them); `mask` applies the
 * confidentiality rule to the sensitive ones. One grouped query reads
 * every region and period of those indicators: with `mask`, each table of each region and period
 * is masked, so that a total some table has to hide is known for all of them (`maskedTotals`).
 * Indicators without any breakdown are left out.
 */
export function indicatorBreakdowns(
	db: Db,
	codes: readonly string[],
	opts: { regionIso?: string | null; period?: string | null; mask?: boolean; until?: string | null } = {}
): IndicatorBreakdowns[] {
	if (codes.length === 0) return [];
	const raw = db.all<Raw>(sql`
		WITH picked AS (
			SELECT i.id, i.code, i.dimensions, i.sensitive FROM indicators i
			WHERE i.code IN (${sql.join(
				codes.map((c) => sql`${c}`),
				sql`, `
			)})
				AND EXISTS (SELECT 1 FROM json_each(i.dimensions) d WHERE d.value IN ('sex', 'age_group', 'exploitation', 'nationality'))
		),
		cells AS (
			SELECT v.indicator_id, v.region_id, v.period, v.sex, v.age_group, v.exploitation, v.nationality,
				max(v.period_start) AS period_start, sum(v.value) AS value, max(v.is_demo) AS is_demo, group_concat(v.sources, char(31)) AS sources
			FROM indicator_values v
			WHERE v.indicator_id IN (SELECT id FROM picked) AND v.is_current = 1
			GROUP BY v.indicator_id, v.region_id, v.period, v.sex, v.age_group, v.exploitation, v.nationality
		),
		-- only the (indicator, region, period) that have at least one breakdown
		keys AS (
			SELECT DISTINCT indicator_id, region_id, period FROM cells
			WHERE sex IS NOT NULL OR age_group IS NOT NULL OR exploitation IS NOT NULL OR nationality IS NOT NULL
		)
		SELECT p.code, p.dimensions, p.sensitive, r.iso, c.period, c.period_start AS periodStart, c.sex, c.age_group AS ageGroup, c.exploitation, c.nationality,
			c.value, c.is_demo AS isDemo, c.sources
		FROM cells c
		JOIN keys k ON k.indicator_id = c.indicator_id AND k.region_id IS c.region_id AND k.period = c.period
		JOIN picked p ON p.id = c.indicator_id
		LEFT JOIN regions r ON r.id = c.region_id
		ORDER BY p.code, c.period_start DESC`);
	const wantIso = opts.regionIso ?? null;
	const byCode = new Map<string, Raw[]>();
	for (const r of raw) {
		const list = byCode.get(r.code);
		if (list) list.push(r);
		else byCode.set(r.code, [r]);
	}
	const out: IndicatorBreakdowns[] = [];
	for (const code of codes) {
		const rows = byCode.get(code);
		if (!rows) continue;
		const dimensions = parseDimensions(rows[0]!.dimensions);
		// The confidentiality rule is for counts of victims (sensitive indicators) only.
		const mask = !!opts.mask && !!rows[0]!.sensitive;
		// group by region × period
		const groups = new Map<string, Raw[]>();
		for (const r of rows) {
			const k = `${r.iso ?? ''}|${r.period}`;
			const g = groups.get(k);
			if (g) g.push(r);
			else groups.set(k, [r]);
		}
		const maskedTotals: string[] = [];
		const views = new Map<string, BreakdownView>();
		for (const [k, g] of groups) {
			const totalRow = g.find((r) => !r.sex && !r.ageGroup && !r.exploitation && !r.nationality);
			const parts: BreakdownRow[] = g
				.filter((r) => r !== totalRow)
				.map((r) => ({ sex: r.sex, ageGroup: r.ageGroup, exploitation: r.exploitation, nationality: r.nationality, value: r.value }));
			const v = breakdownView(parts, totalRow?.value ?? null, dimensions, mask);
			if (v.total.masked) maskedTotals.push(k);
			views.set(k, v);
		}
		const areas = [...new Set(rows.map((r) => r.iso ?? null))].sort((a, b) => (a == null ? -1 : b == null ? 1 : a.localeCompare(b)));
		const until = opts.until;
		const periods = [...new Set(rows.filter((r) => (r.iso ?? null) === wantIso).map((r) => r.period))].filter(
			(p) => !until || (parsePeriod(p)?.end ?? '9999') <= until
		);
		const period = opts.period && periods.includes(opts.period) ? opts.period : (periods[0] ?? null);
		const shown = period ? (groups.get(`${wantIso ?? ''}|${period}`) ?? []) : [];
		out.push({
			code,
			areas,
			area: wantIso,
			periods,
			period,
			view: period ? (views.get(`${wantIso ?? ''}|${period}`) ?? null) : null,
			sources: sourcesOf(shown.flatMap((r) => (r.sources ?? '').split('\u001f'))),
			isDemo: shown.some((r) => !!r.isDemo),
			maskedTotals
		});
	}
	return out;
}
