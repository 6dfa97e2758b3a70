/**
 * Times `listMeasures` (the /measures page: one count + one page of 50) on a bench database:
 *
 *   npx tsx bench/measures-list.ts [--db bench/out/national.db] [--runs 200] [--warmup 20]
 *                                  [--today 2026-07-20] [--threshold 30] [--explain all|default|none]
 *
 * First prints the EXPLAIN QUERY PLAN of the SQL listMeasures really runs (captured from better-sqlite3's
 * `prepare`, with its parameters) for the no-filter and institution-filter cases, then p50/p95/max per case.
 * Any case whose p95 is above --threshold ms gets its plans printed too, to see where the time goes.
 *
 * Read-only use of the database; relative imports only (tsx, no `$lib`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { openDatabase, type Db } from '../src/lib/server/db/client';
import { listMeasures } from '../src/lib/server/measures';
import { measureFiltersSchema, PAGE_SIZE, type MeasureFilters } from '../src/lib/schemas/measure';
import { BENCH_TODAY, count, parseArgs, usageError } from './cli';
import { formatTiming, measure, type Timing } from './stats';
import { captureQueries, explain } from './capture';

const USAGE = `Usage: npx tsx bench/measures-list.ts [options]

Times listMeasures for realistic filter combinations (build the database first: npx tsx bench/generate.ts).

Options:
  --db PATH            bench database (default bench/out/national.db)
  --runs N             timed runs per case (default 200)
  --warmup N           untimed runs per case first (default 20)
  --today YYYY-MM-DD   the "today" of the derived flags (default ${BENCH_TODAY}, the generator's)
  --threshold MS       p95 above which a case is reported slow and its plan printed (default 30)
  --explain WHICH      default: no-filter and institution cases; all: every case; none
  --help               show this help`;

const args = parseArgs(
	process.argv.slice(2),
	{
		db: z.string().trim().min(1, 'expected a file path').default('bench/out/national.db'),
		runs: count(200, 1, 100_000),
		warmup: count(20, 0, 100_000),
		today: z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
			.default(BENCH_TODAY),
		threshold: z.coerce.number({ error: 'expected a number of milliseconds' }).positive('expected a positive number').default(30),
		explain: z.enum(['default', 'all', 'none'], { error: 'expected default, all or none' }).default('default')
	},
	USAGE
);

const dbPath = resolve(args.db);
if (!existsSync(dbPath)) usageError(`${args.db} does not exist: build it first with npx tsx bench/generate.ts`, USAGE);

interface Case {
	name: string;
	filters: Record<string, string>;
	explain?: true;
}

const CASES: Case[] = [
	{ name: 'no filter, page 1', filters: {}, explain: true },
	{ name: 'no filter, page 50', filters: { page: '50' } },
	{ name: 'institution=MJ', filters: { institution: 'MJ' }, explain: true },
	{ name: 'region=MA-06', filters: { region: 'MA-06' } },
	{ name: 'status=in_progress + axis=A2', filters: { status: 'in_progress', axis: 'A2' } },
	{ name: 'overdue', filters: { overdue: '1' } },
	{ name: 'atRisk', filters: { atRisk: '1' } },
	{ name: "q='sensib'", filters: { q: 'sensib' } },
	{ name: 'recommendation=R2', filters: { recommendation: 'R2' } },
	{ name: 'sort=deadline', filters: { sort: 'deadline' } },
	{ name: 'sort=progress desc', filters: { sort: 'progress', dir: 'desc' } },
	{ name: 'sort=updated desc', filters: { sort: 'updated', dir: 'desc' } }
];

function printPlans(db: Db, c: Case, filters: MeasureFilters): void {
	const queries = captureQueries(db, () => listMeasures(db, filters, { today: args.today, locale: 'fr', pageSize: PAGE_SIZE }));
	console.log(`── ${c.name}: ${JSON.stringify(c.filters)}`);
	queries.forEach((q, i) => {
		const kind = /^select count\(\*\)/i.test(q.sql) ? 'count' : 'page';
		console.log(`[${i + 1}] ${kind} query:`);
		console.log(`    ${q.sql}`);
		console.log(`    params: ${JSON.stringify(q.params)}`);
		console.log(explain(db, q));
	});
	console.log('');
}

function main(): void {
	const db = openDatabase(dbPath);
	const c = db.$client;
	const meta = c.prepare("SELECT value FROM meta WHERE key = 'bench_generator'").get() as { value: string } | undefined;
	const n = (c.prepare('SELECT count(*) AS n FROM measures').get() as { n: number }).n;
	const stat1 = !!c.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get();
	console.log(`database: ${args.db} (${n} measures; generator ${meta?.value ?? 'unknown'})`);
	console.log(`today=${args.today}  locale=fr  pageSize=${PAGE_SIZE}  runs=${args.runs}  warmup=${args.warmup}  ANALYZE stats: ${stat1 ? 'yes' : 'no'}`);
	console.log(`node ${process.version}, SQLite ${(c.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v}`);
	console.log('');

	const parsed = CASES.map((k) => ({ case: k, filters: measureFiltersSchema.parse(k.filters) }));

	if (args.explain !== 'none') {
		console.log('EXPLAIN QUERY PLAN');
		console.log('');
		for (const p of parsed) if (args.explain === 'all' || p.case.explain) printPlans(db, p.case, p.filters);
	}

	const width = Math.max(...CASES.map((k) => k.name.length));
	const results: { case: Case; filters: MeasureFilters; timing: Timing; total: number; rows: number }[] = [];
	for (const p of parsed) {
		const run = () => listMeasures(db, p.filters, { today: args.today, locale: 'fr', pageSize: PAGE_SIZE });
		const sample = run();
		const timing = measure(p.case.name, run, { warmup: args.warmup, runs: args.runs, quiet: true });
		console.log(`${formatTiming(timing, width)}  total=${sample.total} rows=${sample.rows.length}`);
		results.push({ case: p.case, filters: p.filters, timing, total: sample.total, rows: sample.rows.length });
	}

	const slow = results.filter((r) => r.timing.p95 > args.threshold);
	console.log('');
	if (slow.length === 0) {
		console.log(`no case above p95 ${args.threshold} ms`);
	} else {
		console.log(`${slow.length} case(s) above p95 ${args.threshold} ms: ${slow.map((r) => r.case.name).join(', ')}`);
		console.log('');
		for (const r of slow) if (!(args.explain === 'all' || (args.explain === 'default' && r.case.explain))) printPlans(db, r.case, r.filters);
	}

	console.log('');
	console.log('| case | p50 (ms) | p95 (ms) | max (ms) | total |');
	console.log('|---|---:|---:|---:|---:|');
	for (const r of results)
		console.log(`| ${r.case.name} | ${r.timing.p50.toFixed(2)} | ${r.timing.p95.toFixed(2)} | ${r.timing.max.toFixed(2)} | ${r.total} |`);
	c.close();
}

main();
