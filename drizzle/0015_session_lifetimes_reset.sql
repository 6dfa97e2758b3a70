-- Sessions opened before absolute and idle lifetimes existed carry neither: they end, and their
-- users sign in once more under the new rules. The old throttle keys (email:, ip:) mean nothing now.
DELETE FROM `sessions`;--> statement-breakpoint
DELETE FROM `login_throttle`;
