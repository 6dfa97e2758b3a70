/**
 * Times the dashboard read models (`src/lib/server/dashboard/`) on a bench database, and weighs the
 * JavaScript the overview page loads:
 *
 *   npx tsx bench/dashboard.ts [--db bench/out/national.db] [--runs 50] [--warmup 5] [--today 2026-07-20]
 *                              [--threshold 30] [--explain slow|all|none] [--client DIR] [--migrate]
 *
 * Any seeded Rasd database works (bench/generate.ts builds a national-scale one; a demo database from
 * `npm run seed` too). Each case is one page's server load: the overview (current, as of a date, at a
 * reporting period), each block of it alone, and the axis / institution / region / recommendation
 * scorecards (rotating over every axis, institution, region and recommendation so no single one is
 * favoured), the indicator explorer. Then p50/p95/max per case, against --threshold (the target: 30 ms).
 *
 * Page loads are timed twice: *cold*, the read models of `dashboard.ts` themselves (what the first
 * request after a write costs), and *served*, through `read-models.ts` as the pages call them (the
 * read cache, warm: every later request until the next write).
 *
 * The JS weight comes from the last production build (`npx vite build`): the overview's initial JS
 * (the entry, the root layout and the page, as SvelteKit preloads them), and apart the chunks it loads
 * lazily (ECharts when a chart mounts; the regions' GeoJSON when a map does), gzip-compressed:
 * bench/js-weight.ts, which also runs alone.
 *
 * Read-only unless --migrate (applies the committed migrations the database lacks, e.g. the dashboard
 * indexes on a database generated before them). Relative imports only (tsx, no `$lib`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { migrateDatabase, openDatabase, type Db } from '../src/lib/server/db/client';
import * as dashboard from '../src/lib/server/dashboard';
import * as readModels from '../src/lib/server/read-models';
import { readCacheStats } from '../src/lib/server/read-cache';
import { BENCH_TODAY, count, parseArgs, usageError } from './cli';
import { formatTiming, measure, type Timing } from './stats';
import { captureQueries, explain } from './capture';
import { weighJs } from './js-weight';

const USAGE = `Usage: npx tsx bench/dashboard.ts [options]

Times the dashboard read models on a seeded database and weighs the overview's JavaScript.

Options:
  --db PATH            database (default bench/out/national.db; build it with npx tsx bench/generate.ts)
  --runs N             timed runs per case (default 50)
  --warmup N           untimed runs per case first (default 5)
  --today YYYY-MM-DD   the "today" of the derived flags (default ${BENCH_TODAY}, the generator's)
  --threshold MS       p95 target; slower cases are marked (default 30)
  --explain WHICH      slow: print the query plans of the cases over the threshold (default); all; none
  --client DIR         the built client to weigh (default: build/client, else .svelte-kit/output/client)
  --migrate            apply the committed migrations the database lacks (writes to it)
  --help               show this help`;

// --migrate is a bare switch; the shared parser takes `--flag value` pairs.
const argv = process.argv.slice(2);
const migrate = argv.includes('--migrate');
const args = parseArgs(
	argv.filter((a) => a !== '--migrate'),
	{
		db: z.string().trim().min(1, 'expected a file path').default('bench/out/national.db'),
		runs: count(50, 1, 100_000),
		warmup: count(5, 0, 100_000),
		today: z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
			.default(BENCH_TODAY),
		threshold: z.coerce.number({ error: 'expected a number of milliseconds' }).positive('expected a positive number').default(30),
		explain: z.enum(['slow', 'all', 'none'], { error: 'expected slow, all or none' }).default('slow'),
		client: z.string().trim().min(1).optional()
	},
	USAGE
);

const dbPath = resolve(args.db);
if (!existsSync(dbPath)) usageError(`${args.db} does not exist: build it first with npx tsx bench/generate.ts`, USAGE);
const db: Db = openDatabase(dbPath);
if (migrate) migrateDatabase(db);

// ─── The database ───────────────────────────────────────────────────────────────────────────────

const counts = db.get<Record<string, number>>(sql`SELECT
	(SELECT count(*) FROM measures) AS measures, (SELECT count(*) FROM progress_updates) AS updates,
	(SELECT count(*) FROM indicators) AS indicators, (SELECT count(*) FROM indicator_values) AS "values",
	(SELECT count(*) FROM institutions) AS institutions, (SELECT count(*) FROM regions) AS regions`)!;
console.log(`database: ${dbPath}`);
console.log(
	`  ${Object.entries(counts)
		.map(([k, v]) => `${v} ${k}`)
		.join(', ')}`
);
const indexes = new Set(db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'index'`).map((r) => r.name));
for (const name of ['measures_dashboard_idx', 'indicator_values_submitted_idx']) {
	if (!indexes.has(name)) console.log(`  warning: index ${name} is missing (a database older than the migration): run with --migrate`);
}

const planCode = dashboard.planChoices(db).find((p) => p.code === dashboard.DEFAULT_PLAN)?.code ?? dashboard.planChoices(db).find((p) => p.hasMeasures)?.code;
if (!planCode) usageError('the database has no plan with measures: seed it first', USAGE);
const axisCodes = db.all<{ code: string }>(sql`SELECT code FROM axes ORDER BY sort_order, code`).map((r) => r.code);
const institutionCodes = db
	.all<{ code: string }>(sql`SELECT code FROM institutions i WHERE EXISTS (SELECT 1 FROM measures m WHERE m.lead_institution_id = i.id) ORDER BY code`)
	.map((r) => r.code);
const regionCodes = db.all<{ iso: string }>(sql`SELECT iso FROM regions ORDER BY iso`).map((r) => r.iso);
const recommendationCodes = db.all<{ code: string }>(sql`SELECT code FROM recommendations ORDER BY rank`).map((r) => r.code);
// Indicators spread over the table, so the explorer is not timed on one hot page.
const indicatorCodes = db
	.all<{ code: string }>(sql`SELECT code FROM indicators WHERE id % (SELECT max(1, count(*) / 50) FROM indicators) = 0 ORDER BY id LIMIT 50`)
	.map((r) => r.code);
const periods = dashboard.periodChoices(db);

const now: dashboard.SnapshotOptions = { today: args.today };
// A past day about a year back, and the reporting period before the latest.
const asOf = `${Number(args.today.slice(0, 4)) - 1}${args.today.slice(4)}`;
const period = periods[1] ?? periods[0] ?? null;
const planId = dashboard.planChoices(db).find((p) => p.code === planCode)!.id;
const scope: dashboard.Scope = { kind: 'plan', planId };

/** A function that calls `fn` on the next of `items` each time (round robin). */
function rotate<T>(items: readonly T[], fn: (item: T) => unknown): () => unknown {
	let i = 0;
	return () => fn(items[i++ % items.length]!);
}

type Models = Pick<
	typeof dashboard,
	| 'overview'
	| 'axisScorecard'
	| 'institutionScorecard'
	| 'regionScorecard'
	| 'recommendationScorecard'
	| 'indicatorExplorer'
	| 'searchIndicators'
	| 'mapIndicatorLayer'
>;

interface Case {
	name: string;
	fn: () => unknown;
	/** the same page load through the read cache (page cases only) */
	served?: () => unknown;
	/** a representative single call for EXPLAIN */
	once: () => unknown;
	group: 'page' | 'block';
}

/** One page's server load, with the read models of `m` (uncached or through the cache). */
interface PageCase {
	name: string;
	fn: (m: Models) => () => unknown;
}
const PAGES: PageCase[] = [
	{ name: `overview (${planCode})`, fn: (m) => () => m.overview(db, planCode, now) },
	{ name: `overview as of ${asOf}`, fn: (m) => () => m.overview(db, planCode, { ...now, asOf }) },
	...(period ? [{ name: `overview at period ${period}`, fn: (m: Models) => () => m.overview(db, planCode, { ...now, period }) }] : []),
	{ name: `axis scorecard (${axisCodes.length} axes)`, fn: (m) => rotate(axisCodes, (c) => m.axisScorecard(db, c, now)) },
	{ name: `institution scorecard (${institutionCodes.length} leads)`, fn: (m) => rotate(institutionCodes, (c) => m.institutionScorecard(db, c, now)) },
	{ name: `region scorecard (${regionCodes.length} regions)`, fn: (m) => rotate(regionCodes, (c) => m.regionScorecard(db, c, now)) },
	{ name: `recommendation scorecard (${recommendationCodes.length})`, fn: (m) => rotate(recommendationCodes, (c) => m.recommendationScorecard(db, c, now)) },
	{
		name: `indicator explorer (${indicatorCodes.length} indicators)`,
		fn: (m) => rotate(indicatorCodes, (c) => m.indicatorExplorer(db, c, { includeSubmitted: false }))
	},
	{ name: 'indicator search', fn: (m) => () => m.searchIndicators(db, 'sensib') },
	{ name: `map indicator layer (${indicatorCodes.length} indicators)`, fn: (m) => rotate(indicatorCodes, (c) => m.mapIndicatorLayer(db, scope, { code: c })) }
];

const CASES: Case[] = [
	// A page case's EXPLAIN runs its first call (the first entity), uncached.
	...PAGES.map((p) => ({ group: 'page' as const, name: p.name, fn: p.fn(dashboard), once: p.fn(dashboard), served: p.fn(readModels) })),
	{ group: 'block', name: 'kpis', fn: () => dashboard.kpis(db, scope, now), once: () => dashboard.kpis(db, scope, now) },
	{ group: 'block', name: 'awaiting validation', fn: () => dashboard.awaitingValidation(db), once: () => dashboard.awaitingValidation(db) },
	{ group: 'block', name: 'progress by axis', fn: () => dashboard.progressByAxis(db, scope, now), once: () => dashboard.progressByAxis(db, scope, now) },
	{
		group: 'block',
		name: 'progress by institution',
		fn: () => dashboard.progressByInstitution(db, scope, now),
		once: () => dashboard.progressByInstitution(db, scope, now)
	},
	{ group: 'block', name: 'progress by region', fn: () => dashboard.progressByRegion(db, scope, now), once: () => dashboard.progressByRegion(db, scope, now) },
	{
		group: 'block',
		name: 'due in 90 days',
		fn: () => dashboard.measureTable(db, scope, now, 'due_soon'),
		once: () => dashboard.measureTable(db, scope, now, 'due_soon')
	},
	{
		group: 'block',
		name: 'overdue',
		fn: () => dashboard.measureTable(db, scope, now, 'overdue'),
		once: () => dashboard.measureTable(db, scope, now, 'overdue')
	},
	{
		group: 'block',
		name: 'recommendations coverage',
		fn: () => dashboard.recommendationCoverage(db, now),
		once: () => dashboard.recommendationCoverage(db, now)
	},
	{ group: 'block', name: 'regional roll-out', fn: () => dashboard.rolloutSummary(db, scope, now), once: () => dashboard.rolloutSummary(db, scope, now) },
	{ group: 'block', name: 'trend (whole plan)', fn: () => dashboard.progressTrend(db, scope, now), once: () => dashboard.progressTrend(db, scope, now) }
];

// ─── Timings ────────────────────────────────────────────────────────────────────────────────────

const width = Math.max(...CASES.map((c) => c.name.length)) + 2;
const results: (Timing & { group: Case['group']; slow: boolean })[] = [];
const mark = (t: Timing) => (t.p95 > args.threshold ? `  ✗ over ${args.threshold} ms` : '  ✓');
for (const group of ['page', 'block'] as const) {
	const title = group === 'page' ? 'page loads, cold (the read models uncached: the first request after a write)' : 'overview blocks, one by one (uncached)';
	console.log(`\n${title} — ${args.runs} runs after ${args.warmup} warm-up, today ${args.today}`);
	for (const c of CASES.filter((x) => x.group === group)) {
		const t = measure(c.name, c.fn, { runs: args.runs, warmup: args.warmup, quiet: true });
		const slow = t.p95 > args.threshold;
		results.push({ ...t, group, slow });
		console.log(`${formatTiming(t, width)}${group === 'page' ? mark(t) : ''}`);
	}
}

// The same loads as the pages make them, through the read cache: the warm-up fills it (a rotating
// case fills one entry per entity), then every timed run is a request between two writes.
const served: Timing[] = [];
console.log(`\npage loads, served (read-models.ts: the read cache, between writes) — ${args.runs} runs after ${args.warmup} warm-up`);
for (const c of CASES.filter((x) => x.served)) {
	const entities = Math.max(args.warmup, 60);
	const t = measure(c.name, c.served!, { runs: args.runs, warmup: entities, quiet: true });
	served.push(t);
	console.log(`${formatTiming(t, width)}${mark(t)}`);
}
const stats = readCacheStats(db);
console.log(`  read cache: ${stats.entries} entries, ${stats.hits} hits, ${stats.misses} misses`);

if (args.explain !== 'none') {
	for (const c of CASES) {
		const r = results.find((x) => x.name === c.name)!;
		if (args.explain === 'slow' && !r.slow) continue;
		console.log(`\n── ${c.name}: the statements it runs`);
		for (const q of captureQueries(db, () => void c.once())) {
			const t0 = performance.now();
			db.$client.prepare(q.sql).all(...q.params);
			console.log(`\n${(performance.now() - t0).toFixed(1)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 160)}…`);
			console.log(explain(db, q));
		}
	}
}

// ─── The overview's JavaScript (bench/js-weight.ts) ──────────────────────────────────────────────

weighJs({ client: args.client });

const slowPages = results.filter((r) => r.group === 'page' && r.slow);
const slowServed = served.filter((t) => t.p95 > args.threshold);
console.log(
	`\ncold: ${slowPages.length ? `${slowPages.length} page load(s) over ${args.threshold} ms at p95` : `every page load within ${args.threshold} ms at p95`}`
);
console.log(
	`served: ${slowServed.length ? `${slowServed.length} page load(s) over ${args.threshold} ms at p95` : `every page load within ${args.threshold} ms at p95`}`
);
