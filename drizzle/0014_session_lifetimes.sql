CREATE TABLE `known_clients` (
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`last_success_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `kind`, `value`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "known_clients_kind_ck" CHECK("known_clients"."kind" IN ('device','address'))
);
--> statement-breakpoint
CREATE INDEX `known_clients_last_idx` ON `known_clients` (`last_success_at`);--> statement-breakpoint
ALTER TABLE `login_throttle` ADD `last_failure_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `login_throttle_last_idx` ON `login_throttle` (`last_failure_at`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `absolute_expires_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_seen_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `address` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `device` text;--> statement-breakpoint
CREATE INDEX `sessions_absolute_idx` ON `sessions` (`absolute_expires_at`);