/**
 * Housekeeping of sign-in state: sessions past their idle or absolute deadline, throttle counters
 * forgotten, browsers and addresses no longer known. Expired sessions are already refused on sight;
 * this keeps the tables small and drops what no longer needs keeping.
 *
 * `purgeExpired` is the job (idempotent, cheap on indexed columns): background.ts runs it at start
 * and every 15 minutes, in one process only.
 */
import type { Db } from '../db/client';
import { transaction } from '../db/client';
import { deleteExpiredSessions } from './session';
import { deleteStaleThrottles } from './throttle';
import { deleteStaleClients } from './device';

export function purgeExpired(db: Db, now = Date.now()): { sessions: number; throttles: number; clients: number } {
	return transaction(db, (tx) => ({
		sessions: deleteExpiredSessions(tx, now),
		throttles: deleteStaleThrottles(tx, now),
		clients: deleteStaleClients(tx, now)
	}));
}
