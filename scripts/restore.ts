/**
 * `npm run restore -- <file>` — checks the backup <file> (integrity, audit chain, manifest hashes, evidence
 * files), then puts it in place of the database named by DATABASE_URL (default data/rasd.db) and of
 * EVIDENCE_DIR (default data/evidence). Refuses while the server (or anything) has the database open.
 * What is replaced is kept, renamed `*.before-restore-<time>`.
 *
 * Exit codes: 0 restored, 1 refused or failed (nothing was changed), 2 bad arguments.
 */
import { resolveDatabasePath, DatabaseConfigError } from '../src/lib/server/db/client';
import { restore, verifyBackup, BackupError } from '../src/lib/server/backup';
import { evidenceDir } from '../src/lib/server/evidence';

const USAGE = `Usage: npm run restore -- <file> [--check]

Checks the backup <file> (and <file>.evidence/, <file>.manifest.json), then replaces the database of
DATABASE_URL (default data/rasd.db) and the EVIDENCE_DIR folder with it. Stop the server first: the restore
refuses while the database is open. --check only checks the backup.`;

function main(): number {
	const args = process.argv.slice(2);
	if (args.includes('--help')) {
		console.log(USAGE);
		return 0;
	}
	const files = args.filter((a) => !a.startsWith('-'));
	const flags = args.filter((a) => a.startsWith('-'));
	if (files.length !== 1 || flags.some((f) => f !== '--check')) {
		console.error(`restore: expected one backup file and optionally --check\n\n${USAGE}`);
		return 2;
	}
	if (flags.includes('--check')) {
		const v = verifyBackup(files[0]!);
		console.log(
			`restore --check: ${files[0]} is sound (integrity ok, ${v.chain.events} audit events chained, ${v.evidenceFiles} evidence file(s)${v.manifest ? ', matches its manifest' : ', no manifest'})`
		);
		return 0;
	}
	const target = resolveDatabasePath(process.env.DATABASE_URL);
	const r = restore(files[0]!, target, { evidenceDir: evidenceDir() });
	console.log(`restore: ${files[0]} -> ${r.target} (${r.events} audit events, ${r.evidenceFiles} evidence file(s))`);
	if (r.previous.database) console.log(`  the database it replaced: ${r.previous.database}`);
	if (r.previous.evidence) console.log(`  the evidence folder it replaced: ${r.previous.evidence}`);
	console.log('  start the server: it applies any newer migrations on start.');
	return 0;
}

try {
	process.exit(main());
} catch (e) {
	console.error(`restore: ${e instanceof BackupError || e instanceof DatabaseConfigError ? e.message : String(e)}`);
	process.exit(1);
}
