/** The append-only audit trail: every write records who, when, what, before and after. */
import type { Db } from './db/client';
import { auditEvents } from './db/schema';

export function record(
	db: Db,
	event: { userId: number | null; action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown }
): void {
	db.insert(auditEvents)
		.values({
			userId: event.userId,
			action: event.action,
			entity: event.entity,
			entityId: String(event.entityId),
			before: event.before === undefined ? null : JSON.stringify(event.before),
			after: event.after === undefined ? null : JSON.stringify(event.after)
		})
		.run();
}
