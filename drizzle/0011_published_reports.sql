CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `report_files` (
	`report_id` integer NOT NULL,
	`kind` text NOT NULL,
	`locale` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` blob NOT NULL,
	`render_ms` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`report_id`, `kind`, `locale`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `reports` ADD `scope` text DEFAULT 'plan' NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `axis_id` integer REFERENCES axes(id);--> statement-breakpoint
ALTER TABLE `reports` ADD `period_end` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `replaces_id` integer REFERENCES reports(id);--> statement-breakpoint
ALTER TABLE `reports` ADD `report_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `withdrawn_at` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `withdrawn_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `reports` ADD `withdrawn_reason` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `public_token_hash` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `pdf_state` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `is_demo` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `reports_plan_idx` ON `reports` (`plan_id`,`period_end`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_public_token_uq` ON `reports` (`public_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_replaces_uq` ON `reports` (`replaces_id`);