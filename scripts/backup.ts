/**
 * `npm run backup -- <file>` — an online backup of the database named by DATABASE_URL (default data/rasd.db)
 * and of the evidence files under EVIDENCE_DIR (default data/evidence), safe while the app runs:
 * `<file>`, `<file>.evidence/`, `<file>.manifest.json` (see src/lib/server/backup.ts).
 *
 * Exit codes: 0 done and checked, 1 failed (nothing is left behind), 2 bad arguments.
 */
import { resolveDatabasePath, DatabaseConfigError } from '../src/lib/server/db/client';
import { backup, BackupError } from '../src/lib/server/backup';
import { evidenceDir } from '../src/lib/server/evidence';

const USAGE = `Usage: npm run backup -- <file>

Copies the database of DATABASE_URL (default data/rasd.db) to <file> with SQLite's online backup API,
checks the copy, and copies the evidence files it refers to into <file>.evidence/, with <file>.manifest.json.
Safe while the server runs. Never overwrites: give a new name, e.g. backups/rasd-$(date +%F-%H%M).db`;

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	if (args.includes('--help')) {
		console.log(USAGE);
		return 0;
	}
	if (args.length !== 1 || args[0]!.startsWith('-')) {
		console.error(`backup: expected one argument, the backup file\n\n${USAGE}`);
		return 2;
	}
	const source = resolveDatabasePath(process.env.DATABASE_URL);
	if (source === ':memory:') {
		console.error('backup: DATABASE_URL is :memory:, there is no file to back up');
		return 1;
	}
	const m = await backup(source, args[0]!, { evidenceDir: evidenceDir() });
	console.log(
		`backup: ${source} -> ${args[0]} (${m.database.bytes} bytes, integrity ok, audit chain intact: ${m.audit.events} events, head ${m.audit.head ?? '-'})`
	);
	console.log(`  evidence: ${m.evidence.files.length} file(s) in ${m.evidence.dir}/`);
	if (m.evidence.missing.length)
		console.warn(
			`  warning: ${m.evidence.missing.length} evidence file(s) the database refers to were not found in ${evidenceDir()}: ${m.evidence.missing.slice(0, 5).join(', ')}`
		);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(`backup: ${e instanceof BackupError || e instanceof DatabaseConfigError ? e.message : String(e)}`);
		process.exit(1);
	}
);
