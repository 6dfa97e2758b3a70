/**
 * `npm run seed` — seeds the database named by DATABASE_URL (default data/rasd.db) unless it was seeded
 * before.
 *
 *   npm run seed                       public record + demonstration data
 *   npm run seed -- --public-only      public record only (no demonstration rows, no demo accounts)
 *   npm run seed -- --reset            delete every row first (asks for confirmation on a terminal)
 *   npm run seed -- --reset --yes      same, without asking (scripts, CI)
 *
 * Exit codes: 0 done (or nothing to do), 1 refused or failed, 2 bad arguments.
 */
import { createInterface } from 'node:readline/promises';
import { z } from 'zod';
import { openDatabase, migrateDatabase, resolveDatabasePath, DatabaseConfigError } from '../src/lib/server/db/client';
import { seedDatabase, resetDatabase, seededAt, loadSeedFiles, SeedFileError } from '../src/lib/server/seed/index';

const FLAGS = ['--reset', '--yes', '--public-only', '--help'] as const;

const USAGE = `Usage: npm run seed [-- options]

Seeds the database named by DATABASE_URL (default data/rasd.db) with the public record and the
demonstration data, unless it was seeded before.

Options:
  --public-only   seed the public record only (no demonstration rows, no demo accounts)
  --reset         delete every row of the database first (asks for confirmation)
  --yes           do not ask: confirm --reset (needed without a terminal)
  --help          show this help`;

const argsSchema = z
	.array(
		z.string().refine((a): a is (typeof FLAGS)[number] => (FLAGS as readonly string[]).includes(a), {
			error: (issue) => `unknown option "${String(issue.input)}" (expected one of ${FLAGS.join(', ')})`
		})
	)
	.transform((flags) => ({
		reset: flags.includes('--reset'),
		yes: flags.includes('--yes'),
		publicOnly: flags.includes('--public-only'),
		help: flags.includes('--help')
	}))
	.refine((o) => !o.yes || o.reset, { error: '--yes only confirms --reset; add --reset or drop --yes' });

async function confirmReset(path: string): Promise<boolean> {
	const rl = createInterface({ input: process.stdin, output: process.stdout });
	try {
		const answer = await rl.question(`This deletes every row of ${path}. Type 'yes' to continue: `);
		return answer.trim() === 'yes';
	} finally {
		rl.close();
	}
}

async function main(): Promise<number> {
	const parsed = argsSchema.safeParse(process.argv.slice(2));
	if (!parsed.success) {
		console.error(`seed: ${parsed.error.issues.map((i) => i.message).join('; ')}\n\n${USAGE}`);
		return 2;
	}
	const opts = parsed.data;
	if (opts.help) {
		console.log(USAGE);
		return 0;
	}

	const url = process.env.DATABASE_URL;
	const path = resolveDatabasePath(url);

	if (opts.reset && !opts.yes) {
		if (!process.stdin.isTTY) {
			console.error(`seed: refusing to delete every row of ${path} without confirmation: there is no terminal to ask. Re-run with --reset --yes to confirm.`);
			return 1;
		}
		if (!(await confirmReset(path))) {
			console.error('seed: reset cancelled; nothing was changed.');
			return 1;
		}
	}

	// Validate every seed file before touching the database: a bad file must not leave it empty after --reset.
	loadSeedFiles();
	const db = openDatabase(url);
	try {
		migrateDatabase(db);
		if (opts.reset) {
			resetDatabase(db);
			console.log(`Deleted every row of ${path}.`);
		}
		const when = seededAt(db);
		if (when) {
			console.log(`${path} was already seeded on ${when}: nothing to do (use --reset to start again).`);
			return 0;
		}
		const started = Date.now();
		const result = await seedDatabase(db, { demo: !opts.publicOnly, log: (line) => console.log(`  ${line}`) });
		if (!result.seeded) {
			console.log(`${path} was seeded by another process meanwhile: nothing to do.`);
			return 0;
		}
		console.log(`Seeded ${path} (${result.kind}) in ${Date.now() - started} ms:`);
		const width = Math.max(...Object.keys(result.counts).map((k) => k.length));
		for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(width)}  ${n}`);
		return 0;
	} finally {
		db.$client.close();
	}
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		if (e instanceof SeedFileError || e instanceof DatabaseConfigError) console.error(`seed: ${e.message}`);
		else console.error('seed: failed:', e);
		process.exit(1);
	}
);
