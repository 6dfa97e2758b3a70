/**
 * Checks on a bench database that the day thresholds kept with each measure (`stale_from`, `behind_from`,
 * triggers of migration 0029) equal the ones rebuilt from the measure's columns, and that the flags the
 * current dashboard derives from them are `flagSql`'s on every measure, every `--step` days:
 *
 *   npx tsx bench/flag-days.ts [--db bench/out/national.db] [--from 2023-01-01] [--to 2031-12-31] [--step 7] [--migrate]
 *
 * Prints "maintained == rebuilt: true" (exit 0) or the mismatches (exit 1). Read-only unless --migrate.
 * Relative imports only (tsx, no `$lib`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { flagSql, storedFlagSql, flagDaysSql } from '../src/lib/server/flags-sql';
import { count, parseArgs, usageError } from './cli';

const USAGE = `Usage: npx tsx bench/flag-days.ts [--db PATH] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--step DAYS] [--migrate]`;
const argv = process.argv.slice(2);
const migrate = argv.includes('--migrate');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const args = parseArgs(
	argv.filter((a) => a !== '--migrate'),
	{
		db: z.string().trim().min(1).default('bench/out/national.db'),
		from: day.default('2023-01-01'),
		to: day.default('2031-12-31'),
		step: count(7, 1, 366)
	},
	USAGE
);
const dbPath = resolve(args.db);
if (!existsSync(dbPath)) usageError(`${args.db} does not exist`, USAGE);
const db = openDatabase(dbPath);
if (migrate) migrateDatabase(db);

const r = flagDaysSql('m');
const stored = db.get<{ n: number; drifted: number }>(
	sql`SELECT count(*) AS n, coalesce(sum(m.stale_from IS NOT ${r.staleFrom} OR m.behind_from IS NOT ${r.behindFrom}), 0) AS drifted FROM measures m`
)!;
console.log(`${stored.n} measures, ${stored.drifted} with stored thresholds differing from the rebuilt ones`);

let days = 0;
let mismatches = 0;
let flagged = 0;
for (let d = new Date(`${args.from}T00:00:00Z`); d.toISOString().slice(0, 10) <= args.to; d.setUTCDate(d.getUTCDate() + args.step)) {
	const today = d.toISOString().slice(0, 10);
	const a = flagSql(today, 'm');
	const b = storedFlagSql(today, 'm');
	const x = db.get<{ bad: number; flagged: number }>(
		sql`SELECT coalesce(sum((${a.atRisk}) IS NOT (${b.atRisk}) OR (${a.stale}) IS NOT (${b.stale}) OR (${a.overdue}) IS NOT (${b.overdue})), 0) AS bad,
			coalesce(sum((${a.atRisk}) OR (${a.stale})), 0) AS flagged FROM measures m`
	)!;
	days++;
	mismatches += x.bad;
	flagged += x.flagged;
}
console.log(`${days} days from ${args.from} to ${args.to} every ${args.step}: ${mismatches} (measure, day) flag mismatches, ${flagged} at risk or stale`);
const ok = stored.drifted === 0 && mismatches === 0;
console.log(`maintained == rebuilt: ${ok}`);
process.exit(ok ? 0 : 1);
