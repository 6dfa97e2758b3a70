-- Hand-written (drizzle's schema cannot declare triggers). The audit trail is append-only: the database itself
-- refuses to change or remove an event, and refuses an event that does not extend the hash chain
-- (src/lib/server/audit.ts computes the hashes; `npm run audit:verify` recomputes them).
-- Deleting a user who has acted is refused too (the foreign key's SET NULL is an UPDATE): deactivate instead.
-- The one path around these triggers is resetDatabase (npm run seed -- --reset), which drops and re-creates them.
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events` BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events` BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_chain` BEFORE INSERT ON `audit_events`
WHEN NEW.`hash` IS NULL
  OR NEW.`prev_hash` IS NOT (SELECT `hash` FROM `audit_events` ORDER BY `id` DESC LIMIT 1)
  OR NEW.`id` IS NOT (SELECT coalesce(max(`id`), 0) + 1 FROM `audit_events`)
BEGIN SELECT RAISE(ABORT, 'audit_events: an event must extend the hash chain (write it with audit.record)'); END;
