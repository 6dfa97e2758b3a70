/**
 * Time to read, validate (dry run) and apply an import of 10,000 indicator-value rows, and peak memory:
 *
 *   npx tsx bench/import-values.ts [--rows 10000] [--format xlsx|csv]
 *
 * Builds a fresh database (migrations + demonstration seed) in a temporary folder, writes a workbook
 * with one row per distinct cell (indicator × period × region), then times readTable, dryRunValues and
 * applyValues separately. Target: validate + apply ≤ 1 s for 10,000 rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { openDatabase, migrateDatabase } from '../src/lib/server/db/client';
import { seedDatabase } from '../src/lib/server/seed/index';
import * as imports from '../src/lib/server/imports';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1]! : fallback;
};
const ROWS = Number(arg('rows', '10000'));
const FORMAT = arg('format', 'xlsx');

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 5);

const dir = mkdtempSync(join(tmpdir(), 'rasd-bench-import-'));
const db = openDatabase(join(dir, 'bench.db'));
migrateDatabase(db);
await seedDatabase(db, { demo: true });
const adminId = db.get<{ id: number }>(sql`SELECT id FROM users WHERE role = 'admin' LIMIT 1`)!.id;

const inds = db.all<{ code: string; frequency: string; dimensions: string; kind: string; min: number | null; start: string; end: string }>(sql`
	SELECT i.code, i.frequency, i.dimensions, i.kind, i.plausible_min AS min, p.start_date AS start, p.end_date AS "end"
	FROM indicators i JOIN measures m ON m.id = i.measure_id JOIN objectives o ON o.id = m.objective_id JOIN axes a ON a.id = o.axis_id JOIN plans p ON p.id = a.plan_id ORDER BY i.code`);
const regions = db.all<{ iso: string }>(sql`SELECT iso FROM regions ORDER BY iso`).map((r) => r.iso);
const periodsOf = (frequency: string, from: number, to: number) => {
	const out: string[] = [];
	for (let y = from; y <= to; y++) {
		if (frequency === 'annual') out.push(String(y));
		else if (frequency === 'semester') out.push(`${y}-S1`, `${y}-S2`);
		else if (frequency === 'quarter') out.push(`${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`);
	}
	return out;
};
const rows: (string | number)[][] = [['indicator', 'period', 'region', 'value', 'source']];
outer: for (const ind of inds) {
	const periods = periodsOf(ind.frequency, Number(ind.start.slice(0, 4)) + 1, Number(ind.end.slice(0, 4)) - 1);
	const where = JSON.parse(ind.dimensions).includes('region') ? ['', ...regions] : [''];
	const value = ind.kind === 'boolean' ? 1 : Math.max(1, ind.min ?? 1);
	for (const p of periods)
		for (const r of where) {
			rows.push([ind.code, p, r, value, 'bench']);
			if (rows.length > ROWS) break outer;
		}
}
let bytes: Buffer;
if (FORMAT === 'csv') bytes = Buffer.from(rows.map((r) => r.join(';')).join('\r\n'));
else {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('values');
	for (const r of rows) ws.addRow(r);
	bytes = Buffer.from(await wb.xlsx.writeBuffer());
}
sample();
const base = peak;

const t0 = performance.now();
const read = await imports.readTable(bytes, `bench.${FORMAT}`);
const t1 = performance.now();
if (!read.ok) throw new Error(`unreadable: ${JSON.stringify(read.issues)}`);
const plan = imports.dryRunValues(db, read.table, bytes, { publicRecord: false });
const t2 = performance.now();
if (!plan.ok) throw new Error(`${plan.issues.length} issues, first: ${JSON.stringify(plan.issues[0])}`);
const applied = imports.applyValues(db, adminId, plan, { fileName: `bench.${FORMAT}`, publicRecord: false });
const t3 = performance.now();
sample();
clearInterval(timer);
if (!applied.ok) throw new Error('apply failed');

const ms = (a: number, b: number) => `${(b - a).toFixed(0)} ms`;
console.log(
	`import of ${read.table.rows.length} indicator-value rows (${FORMAT}, ${(bytes.length / 1024).toFixed(0)} KB): create ${plan.counts.create}, update ${plan.counts.update}, unchanged ${plan.counts.unchanged}`
);
console.log(`  read file        ${ms(t0, t1)}`);
console.log(`  validate (dry)   ${ms(t1, t2)}`);
console.log(`  apply            ${ms(t2, t3)}`);
console.log(`  validate + apply ${ms(t1, t3)}   (target ≤ 1000 ms, floor 3000 ms)`);
console.log(`  peak RSS         ${(peak / 1048576).toFixed(0)} MB (${((peak - base) / 1048576).toFixed(0)} MB above the process before reading)`);
db.$client.close();
rmSync(dir, { recursive: true, force: true });
