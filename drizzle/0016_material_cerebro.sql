ALTER TABLE `notifications` ADD `dedupe_key` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `updated_at` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `mailed_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_uq` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_unmailed_idx` ON `notifications` (`mailed_at`,`user_id`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `user_id` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `locale` text DEFAULT 'fr' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `next_attempt_at` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `failed_at` text;--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`sent_at`,`failed_at`,`next_attempt_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `email_notices` integer DEFAULT true NOT NULL;