/**
 * `npm run audit:verify` — recomputes the audit trail's hash chain of the database named by DATABASE_URL
 * (default data/rasd.db) and says where it breaks. Read-only; safe while the app runs.
 *
 * Exit codes: 0 the chain holds, 1 it is broken (or the database cannot be read), 2 bad arguments.
 */
import { openDatabase, resolveDatabasePath, DatabaseConfigError } from '../src/lib/server/db/client';
import { verifyChain } from '../src/lib/server/audit';

function main(): number {
	const args = process.argv.slice(2);
	if (args.includes('--help')) {
		console.log('Usage: npm run audit:verify [-- <database file>]   (default: DATABASE_URL, then data/rasd.db)');
		return 0;
	}
	if (args.length > 1 || args.some((a) => a.startsWith('--'))) {
		console.error('audit:verify: expected at most one argument, a database file');
		return 2;
	}
	const url = args[0] ?? process.env.DATABASE_URL;
	const path = resolveDatabasePath(url);
	const db = openDatabase(url);
	try {
		const r = verifyChain(db);
		const scope = r.unhashed ? ` (${r.unhashed} older events predate the chain and are not covered)` : '';
		if (r.breaks.length === 0) {
			console.log(`audit:verify: ${path}: ${r.events} events, chain intact${scope}.`);
			if (r.head) console.log(`  last event ${r.lastId}, head hash ${r.head}`);
			return 0;
		}
		console.error(`audit:verify: ${path}: ${r.events} events, chain BROKEN at event ${r.breaks[0]!.id}${scope}:`);
		for (const b of r.breaks) console.error(`  [${b.problem}] ${b.detail}`);
		return 1;
	} finally {
		db.$client.close();
	}
}

try {
	process.exit(main());
} catch (e) {
	console.error(`audit:verify: ${e instanceof DatabaseConfigError ? e.message : String(e)}`);
	process.exit(1);
}
