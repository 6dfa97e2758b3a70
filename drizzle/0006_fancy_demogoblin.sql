ALTER TABLE `institutions` ADD `acronym_ar` text;--> statement-breakpoint
ALTER TABLE `institutions` ADD `short_name_fr` text;--> statement-breakpoint
ALTER TABLE `institutions` ADD `short_name_ar` text;--> statement-breakpoint
ALTER TABLE `institutions` ADD `short_name_en` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `unit_ar` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `unit_en` text;