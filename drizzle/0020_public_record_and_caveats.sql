ALTER TABLE `regions` ADD `note` text;--> statement-breakpoint
ALTER TABLE `plans` ADD `note` text;--> statement-breakpoint
ALTER TABLE `indicator_values` ADD `public_record` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `recommendations` ADD `note` text;--> statement-breakpoint
ALTER TABLE `partner_projects` ADD `note` text;