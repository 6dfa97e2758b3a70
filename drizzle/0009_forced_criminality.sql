PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_indicator_values` (
	`id` integer PRIMARY KEY NOT NULL,
	`indicator_id` integer NOT NULL,
	`period` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`region_id` integer,
	`sex` text,
	`age_group` text,
	`exploitation` text,
	`nationality` text,
	`value` real NOT NULL,
	`source` text,
	`note` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`is_current` integer DEFAULT false NOT NULL,
	`reported_by` integer,
	`validated_by` integer,
	`review_comment` text,
	`submitted_at` text,
	`validated_at` text,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`reported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`validated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "indicator_values_state_ck" CHECK(state IN ('draft', 'submitted', 'validated', 'returned')),
	CONSTRAINT "indicator_values_period_ck" CHECK("__new_indicator_values"."period" GLOB '[0-9][0-9][0-9][0-9]' OR "__new_indicator_values"."period" GLOB '[0-9][0-9][0-9][0-9]-S[12]' OR "__new_indicator_values"."period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' OR "__new_indicator_values"."period" GLOB 'TIP[0-9][0-9][0-9][0-9]'),
	CONSTRAINT "indicator_values_sex_ck" CHECK(sex IS NULL OR sex IN ('female', 'male')),
	CONSTRAINT "indicator_values_age_ck" CHECK(age_group IS NULL OR age_group IN ('child', 'adult')),
	CONSTRAINT "indicator_values_exploitation_ck" CHECK(exploitation IS NULL OR exploitation IN ('sexual', 'forced_labour', 'begging', 'domestic_servitude', 'forced_criminality', 'other')),
	CONSTRAINT "indicator_values_current_ck" CHECK("__new_indicator_values"."is_current" = 0 OR "__new_indicator_values"."state" = 'validated')
);
--> statement-breakpoint
INSERT INTO `__new_indicator_values`("id", "indicator_id", "period", "period_start", "period_end", "region_id", "sex", "age_group", "exploitation", "nationality", "value", "source", "note", "state", "is_current", "reported_by", "validated_by", "review_comment", "submitted_at", "validated_at", "sources", "is_demo", "version", "created_at", "updated_at") SELECT "id", "indicator_id", "period", "period_start", "period_end", "region_id", "sex", "age_group", "exploitation", "nationality", "value", "source", "note", "state", "is_current", "reported_by", "validated_by", "review_comment", "submitted_at", "validated_at", "sources", "is_demo", "version", "created_at", "updated_at" FROM `indicator_values`;--> statement-breakpoint
DROP TABLE `indicator_values`;--> statement-breakpoint
ALTER TABLE `__new_indicator_values` RENAME TO `indicator_values`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `indicator_values_cell_idx` ON `indicator_values` (`indicator_id`,`period`,`region_id`);--> statement-breakpoint
CREATE INDEX `indicator_values_current_idx` ON `indicator_values` (`indicator_id`,`region_id`,`period_start`) WHERE "indicator_values"."is_current" = 1;--> statement-breakpoint
CREATE INDEX `indicator_values_region_idx` ON `indicator_values` (`region_id`,`indicator_id`) WHERE "indicator_values"."is_current" = 1;--> statement-breakpoint
CREATE INDEX `indicator_values_state_idx` ON `indicator_values` (`state`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `indicator_values_submitted_idx` ON `indicator_values` (`indicator_id`) WHERE "indicator_values"."state" = 'submitted';--> statement-breakpoint
CREATE INDEX `indicator_values_validated_idx` ON `indicator_values` (`indicator_id`,`validated_at`) WHERE "indicator_values"."state" = 'validated';