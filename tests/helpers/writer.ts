/**
 * A second process that writes to a database until stopped (SIGTERM or stdin closed): each transaction appends an
 * audit event and moves the `meta` counter `writer_count` to the number of events it wrote, so a consistent copy
 * has exactly as many writer events as its counter says. Prints `ready` after its first 50 transactions, then
 * `wrote N` on each 500.
 *
 *   node --import tsx tests/helpers/writer.ts <database file>
 */
import { openDatabase, transaction } from '../../src/lib/server/db/client';
import * as audit from '../../src/lib/server/audit';
import { meta } from '../../src/lib/server/db/schema';

const db = openDatabase(process.argv[2]);
let n = 0;
let stop = false;
process.on('SIGTERM', () => (stop = true));
process.stdin.on('end', () => (stop = true));
process.stdin.resume();

function tick() {
	if (stop) {
		db.$client.close();
		process.stdout.write(`stopped ${n}\n`);
		process.exit(0);
	}
	for (let i = 0; i < 20; i++) {
		n++;
		transaction(db, (tx) => {
			audit.record(tx, { userId: null, action: 'writer', entity: 'meta', entityId: n, after: { n, padding: 'x'.repeat(200) } });
			tx.insert(meta)
				.values({ key: 'writer_count', value: String(n) })
				.onConflictDoUpdate({ target: meta.key, set: { value: String(n) } })
				.run();
		});
		if (n === 50) process.stdout.write('ready\n');
		if (n % 500 === 0) process.stdout.write(`wrote ${n}\n`);
	}
	setImmediate(tick);
}
tick();
