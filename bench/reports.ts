/**
 * Published reports at national scale: time to build a report's snapshot and to publish it (the
 * snapshot frozen in one transaction), the XLSX and CSV made from it (size, time), the PDF rendered
 * by Chromium from the print view of the real server (size and render time per language), the
 * annual report's DOCX, and the open-data API's indicator values (json_each over the snapshots).
 *
 *   npx tsx bench/generate.ts                 # bench/out/national.db first
 *   npx tsx bench/reports.ts [--db bench/out/national.db] [--runs 10] [--pdf 1]
 *
 * Works on a copy of the database (in a temporary folder): the bench database is left as it was.
 * `--pdf 0` skips the PDF (no server started).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { openDatabase } from '../src/lib/server/db/client';
import * as reports from '../src/lib/server/reports';
import { reportTables, reportNotes, tablesToXlsx, tableToCsv } from '../src/lib/server/exports';
import { renderReportPdfs, pdfAvailable } from '../src/lib/server/report-pdf';
import { annualReport } from '../src/lib/server/annual-report';
import { annualDocx } from '../src/lib/server/annual-docx';
import { indicatorValues } from '../src/lib/server/open-data';
import { BENCH_TODAY, count, parseArgs } from './cli';
import { measure } from './stats';

const USAGE = `Usage: npx tsx bench/reports.ts [--db bench/out/national.db] [--runs 10] [--pdf 1]`;
const args = parseArgs(process.argv.slice(2), { db: z.string().default('bench/out/national.db'), runs: count(10, 1, 1000), pdf: count(1, 0, 1) }, USAGE);
if (!existsSync(args.db)) {
	console.error(`no ${args.db}: run npx tsx bench/generate.ts first`);
	process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'rasd-bench-reports-'));
const file = join(dir, 'national.db');
copyFileSync(args.db, file);
for (const ext of ['-wal', '-shm']) if (existsSync(args.db + ext)) copyFileSync(args.db + ext, file + ext);
const db = openDatabase(file);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const counts = db.$client
	.prepare(
		`SELECT (SELECT count(*) FROM measures) AS measures, (SELECT count(*) FROM indicators) AS indicators, (SELECT count(*) FROM indicator_values) AS vals`
	)
	.get() as Record<string, number>;
console.log(`database: ${counts.measures} measures, ${counts.indicators} indicators, ${counts.vals} indicator values; today ${BENCH_TODAY}`);

const PLAN = 'PN-2023-2030';
const input = { planCode: PLAN, period: '2025-S2', scope: 'plan' as const };
measure('buildSnapshot (whole plan, 2025-S2)', () => reports.buildSnapshot(db, input, { today: BENCH_TODAY }), { warmup: 1, runs: args.runs });

// Publishing: once per semester (a second publication of the same one would be a correction).
const publishMs: number[] = [];
let lastId = 0;
for (const period of ['2023-S1', '2023-S2', '2024-S1', '2024-S2', '2025-S1', '2025-S2']) {
	const t0 = performance.now();
	const r = reports.publish(db, null, { ...input, period, narratives: { summary: { fr: 'Synthèse', ar: 'ملخص', en: null } } }, { today: BENCH_TODAY });
	publishMs.push(performance.now() - t0);
	if (!r.ok) throw new Error(`publish ${period}: ${r.kind}`);
	lastId = r.value.id;
}
const sorted = [...publishMs].sort((a, b) => a - b);
console.log(
	`publish (whole plan, one semester)  median=${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms  max=${sorted.at(-1)!.toFixed(0)} ms  (${publishMs.length} semesters)`
);
const view = reports.get(db, reports.REPORT_VIEWER, lastId) as reports.ReportView;
const snapshotBytes = Buffer.byteLength(JSON.stringify(view.snapshot));
console.log(
	`snapshot: ${kb(snapshotBytes)} of JSON, ${view.snapshot.indicators.rows.length} indicator rows (of ${view.snapshot.indicators.total}), ${view.snapshot.byInstitution.length} institutions`
);

for (const locale of ['fr', 'ar'] as const) {
	const t0 = performance.now();
	const xlsx = await tablesToXlsx(reportTables(view.snapshot, locale), locale, reportNotes(view, locale));
	const ms = performance.now() - t0;
	const csv = tableToCsv(reportTables(view.snapshot, locale).find((t) => t.key === 'indicators')!);
	console.log(`XLSX ${locale}: ${kb(xlsx.length)} in ${ms.toFixed(0)} ms; CSV (indicators) ${kb(Buffer.byteLength(csv))}`);
}

{
	const t0 = performance.now();
	const draft = annualReport(db, { planCode: PLAN, year: 2025 }, { today: BENCH_TODAY })!;
	const built = performance.now() - t0;
	const docx = await annualDocx(draft, 'ar');
	console.log(
		`annual report 2025: built in ${built.toFixed(0)} ms (${draft.totals.planned} due, ${draft.totals.late} late), DOCX ar ${kb(docx.length)} in ${(performance.now() - t0 - built).toFixed(0)} ms`
	);
}
measure('open data: every published indicator value', () => indicatorValues(db, {}), { warmup: 1, runs: args.runs });

if (args.pdf && pdfAvailable()) {
	// The real server on the copy, one worker; the PDF is rendered from its print view.
	const port = await new Promise<number>((res) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const p = (s.address() as { port: number }).port;
			s.close(() => res(p));
		});
	});
	const server = spawn(process.execPath, ['scripts/start.mjs'], {
		env: { ...process.env, PORT: String(port), DATABASE_URL: file, RASD_WORKERS: '1', RASD_SEED: 'none' },
		stdio: 'ignore'
	});
	try {
		const origin = `http://127.0.0.1:${port}`;
		for (let i = 0; i < 600; i++) {
			if (
				await fetch(`${origin}/healthz`).then(
					(r) => r.ok,
					() => false
				)
			)
				break;
			await new Promise((r) => setTimeout(r, 500));
		}
		const figures = await renderReportPdfs(db, lastId, origin, ['fr', 'ar']);
		for (const f of figures) console.log(`PDF ${f.locale}: ${kb(f.bytes)} rendered in ${f.ms} ms`);
		if (figures.length === 0) console.log('PDF: not rendered (see the server log)');
	} finally {
		server.kill();
	}
} else console.log('PDF: skipped (--pdf 0, or no Chromium)');

db.$client.close();
rmSync(dir, { recursive: true, force: true });
