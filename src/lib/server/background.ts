/**
 * Background jobs: work no request waits for (purging expired sessions; the reminders' outbox when it
 * comes). They must run in exactly one process: with `npm start`'s workers (RASD_WORKERS > 1,
 * scripts/start.mjs) every worker runs the server's `init` hook, and two purges or two outbox
 * senders at once would race. So they run where `cluster.isWorker` is false — the single server
 * process (RASD_WORKERS=1, `node scripts/serve.mjs`, the benches), or the cluster's primary, which
 * prepares the database, serves no request and stays up as long as the workers do.
 *
 * A new job is one more entry in BACKGROUND_JOBS. Timers are unref'd: they never keep a process alive.
 */
import cluster from 'node:cluster';
import type { Db } from './db/client';
import { purgeExpired } from './auth/purge';
import { runScheduled as scheduledNotices } from './notifications';
import { localDay } from '../domain/calendar';
import { mailTick } from './mail';

export interface BackgroundJob {
	name: string;
	everyMs: number;
	run: (db: Db) => unknown;
}

export const BACKGROUND_JOBS: BackgroundJob[] = [
	// Expired sessions are refused on sight anyway; this keeps the tables small and forgets stale
	// sign-in counters and browsers no longer known (auth/purge.ts).
	{ name: 'purge expired sessions', everyMs: 15 * 60 * 1000, run: (db) => purgeExpired(db) },
	// Reminders (periods opened, deadlines in 30 and 7 days, periods due in 7 days): a day's check runs
	// once (it records the day it has done), so checking every quarter hour only catches midnight early.
	{ name: 'scheduled notices', everyMs: 15 * 60 * 1000, run: (db) => scheduledNotices(db, localDay()) },
	// E-mail digests and the outbox (mail.ts): only with SMTP_URL set; a tick never overlaps the last one.
	{ name: 'mail outbox', everyMs: 30 * 1000, run: (db) => mailTick(db) }
];

/** True in the one process that runs the background jobs (see above). */
export function runsBackgroundJobs(): boolean {
	return !cluster.isWorker;
}

let running: (() => void) | null = null;

/**
 * Runs each job once now, then every `everyMs`; a failing run is logged and retried next time. A
 * second call in the same process (an `init` run twice) starts nothing more and returns the same stop.
 */
export function startBackgroundJobs(db: Db, jobs: BackgroundJob[] = BACKGROUND_JOBS): () => void {
	if (running) return running;
	const timers = jobs.map((job) => {
		const tick = () => {
			try {
				// An async job (the mail outbox) handles its own errors; a rejection is still logged.
				const r = job.run(db);
				if (r instanceof Promise) r.catch((e) => console.error(`[rasd] background job "${job.name}" failed: ${(e as Error).message}`));
			} catch (e) {
				console.error(`[rasd] background job "${job.name}" failed: ${(e as Error).message}`);
			}
		};
		tick();
		return setInterval(tick, job.everyMs).unref();
	});
	running = () => {
		timers.forEach(clearInterval);
		running = null;
	};
	return running;
}
