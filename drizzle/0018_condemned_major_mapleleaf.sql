CREATE TABLE `measure_former_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`measure_id` integer NOT NULL,
	`moved_at` text NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_former_codes_measure_idx` ON `measure_former_codes` (`measure_id`);--> statement-breakpoint
ALTER TABLE `axes` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `measures` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `objectives` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `archived_at` text;