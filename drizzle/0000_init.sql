CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_events` (`entity`,`entity_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE TABLE `axes` (
	`id` integer PRIMARY KEY NOT NULL,
	`plan_id` integer NOT NULL,
	`code` text NOT NULL,
	`title_fr` text NOT NULL,
	`title_ar` text,
	`title_en` text,
	`pillar` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`reconstructed` integer DEFAULT false NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "axes_pillar_ck" CHECK(pillar IS NULL OR pillar IN ('prevention', 'protection', 'prosecution', 'partnership', 'governance'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `axes_code_uq` ON `axes` (`code`);--> statement-breakpoint
CREATE INDEX `axes_plan_idx` ON `axes` (`plan_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY NOT NULL,
	`progress_update_id` integer,
	`indicator_value_id` integer,
	`kind` text NOT NULL,
	`url` text,
	`label` text,
	`file_name` text,
	`stored_name` text,
	`mime_type` text,
	`size_bytes` integer,
	`visibility` text DEFAULT 'restricted' NOT NULL,
	`uploaded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`progress_update_id`) REFERENCES `progress_updates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_value_id`) REFERENCES `indicator_values`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "evidence_kind_ck" CHECK("evidence"."kind" IN ('link','file')),
	CONSTRAINT "evidence_visibility_ck" CHECK(visibility IN ('public', 'restricted')),
	CONSTRAINT "evidence_parent_ck" CHECK("evidence"."progress_update_id" IS NOT NULL OR "evidence"."indicator_value_id" IS NOT NULL),
	CONSTRAINT "evidence_link_ck" CHECK("evidence"."kind" <> 'link' OR "evidence"."url" IS NOT NULL),
	CONSTRAINT "evidence_file_ck" CHECK("evidence"."kind" <> 'file' OR ("evidence"."stored_name" IS NOT NULL AND "evidence"."size_bytes" BETWEEN 0 AND 10485760))
);
--> statement-breakpoint
CREATE INDEX `evidence_update_idx` ON `evidence` (`progress_update_id`);--> statement-breakpoint
CREATE INDEX `evidence_value_idx` ON `evidence` (`indicator_value_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_stored_uq` ON `evidence` (`stored_name`);--> statement-breakpoint
CREATE TABLE `indicator_values` (
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
	CONSTRAINT "indicator_values_period_ck" CHECK("indicator_values"."period" GLOB '[0-9][0-9][0-9][0-9]' OR "indicator_values"."period" GLOB '[0-9][0-9][0-9][0-9]-S[12]' OR "indicator_values"."period" GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' OR "indicator_values"."period" GLOB 'TIP[0-9][0-9][0-9][0-9]'),
	CONSTRAINT "indicator_values_sex_ck" CHECK(sex IS NULL OR sex IN ('female', 'male')),
	CONSTRAINT "indicator_values_age_ck" CHECK(age_group IS NULL OR age_group IN ('child', 'adult')),
	CONSTRAINT "indicator_values_exploitation_ck" CHECK(exploitation IS NULL OR exploitation IN ('sexual', 'forced_labour', 'begging', 'domestic_servitude', 'other')),
	CONSTRAINT "indicator_values_current_ck" CHECK("indicator_values"."is_current" = 0 OR "indicator_values"."state" = 'validated')
);
--> statement-breakpoint
CREATE INDEX `indicator_values_cell_idx` ON `indicator_values` (`indicator_id`,`period`,`region_id`);--> statement-breakpoint
CREATE INDEX `indicator_values_current_idx` ON `indicator_values` (`indicator_id`,`region_id`,`period_start`) WHERE "indicator_values"."is_current" = 1;--> statement-breakpoint
CREATE INDEX `indicator_values_region_idx` ON `indicator_values` (`region_id`,`indicator_id`) WHERE "indicator_values"."is_current" = 1;--> statement-breakpoint
CREATE INDEX `indicator_values_state_idx` ON `indicator_values` (`state`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `indicator_values_validated_idx` ON `indicator_values` (`indicator_id`,`validated_at`) WHERE "indicator_values"."state" = 'validated';--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY NOT NULL,
	`measure_id` integer NOT NULL,
	`code` text NOT NULL,
	`name_fr` text NOT NULL,
	`name_ar` text,
	`name_en` text,
	`unit` text,
	`kind` text NOT NULL,
	`baseline_value` real,
	`baseline_year` integer,
	`target_value` real,
	`target_year` integer,
	`direction` text DEFAULT 'up' NOT NULL,
	`frequency` text NOT NULL,
	`dimensions` text DEFAULT '[]' NOT NULL,
	`sensitive` integer DEFAULT false NOT NULL,
	`sdg_target` text,
	`plausible_min` real,
	`plausible_max` real,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "indicators_kind_ck" CHECK(kind IN ('count', 'percent', 'amount', 'boolean')),
	CONSTRAINT "indicators_direction_ck" CHECK(direction IN ('up', 'down')),
	CONSTRAINT "indicators_frequency_ck" CHECK(frequency IN ('annual', 'semester', 'quarter', 'tip_year')),
	CONSTRAINT "indicators_dimensions_ck" CHECK(json_valid("indicators"."dimensions") AND json_type("indicators"."dimensions") = 'array'),
	CONSTRAINT "indicators_sdg_ck" CHECK("indicators"."sdg_target" IS NULL OR "indicators"."sdg_target" GLOB '[0-9]*.[0-9a-z]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_code_uq` ON `indicators` (`code`);--> statement-breakpoint
CREATE INDEX `indicators_measure_idx` ON `indicators` (`measure_id`);--> statement-breakpoint
CREATE TABLE `institutions` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`acronym_fr` text,
	`acronym_en` text,
	`name_fr` text NOT NULL,
	`name_ar` text,
	`name_en` text,
	`kind` text NOT NULL,
	`is_member` integer DEFAULT true NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`note` text,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "institutions_kind_ck" CHECK(kind IN ('ministry', 'security', 'judiciary', 'public_body', 'nhri', 'ngo', 'international_partner'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `institutions_code_uq` ON `institutions` (`code`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `measure_institutions` (
	`measure_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `institution_id`),
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `measure_institutions_inst_idx` ON `measure_institutions` (`institution_id`,`measure_id`);--> statement-breakpoint
CREATE TABLE `measure_region_stages` (
	`id` integer PRIMARY KEY NOT NULL,
	`measure_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	`stage` text NOT NULL,
	`since` text NOT NULL,
	`note` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`author_id` integer,
	`reviewer_id` integer,
	`review_comment` text,
	`submitted_at` text,
	`reviewed_at` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "measure_region_stages_stage_ck" CHECK(stage IN ('not_started', 'preparation', 'pilot', 'operational')),
	CONSTRAINT "measure_region_stages_state_ck" CHECK(state IN ('draft', 'submitted', 'validated', 'returned')),
	CONSTRAINT "measure_region_stages_since_ck" CHECK(since IS NULL OR since GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `measure_region_stages_idx` ON `measure_region_stages` (`measure_id`,`region_id`,`state`,`since`);--> statement-breakpoint
CREATE INDEX `measure_region_stages_state_idx` ON `measure_region_stages` (`state`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `measure_regions` (
	`measure_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `region_id`),
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `measure_regions_region_idx` ON `measure_regions` (`region_id`,`measure_id`);--> statement-breakpoint
CREATE TABLE `measures` (
	`id` integer PRIMARY KEY NOT NULL,
	`objective_id` integer NOT NULL,
	`code` text NOT NULL,
	`title_fr` text NOT NULL,
	`title_ar` text,
	`title_en` text,
	`description_fr` text,
	`description_ar` text,
	`description_en` text,
	`lead_institution_id` integer NOT NULL,
	`pillar` text,
	`start_date` text NOT NULL,
	`deadline` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`weight` real DEFAULT 1 NOT NULL,
	`regional_rollout` integer DEFAULT false NOT NULL,
	`last_validated_at` text,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`lead_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "measures_status_ck" CHECK(status IN ('planned', 'in_progress', 'completed', 'suspended', 'cancelled')),
	CONSTRAINT "measures_pillar_ck" CHECK(pillar IS NULL OR pillar IN ('prevention', 'protection', 'prosecution', 'partnership', 'governance')),
	CONSTRAINT "measures_progress_ck" CHECK("measures"."progress" BETWEEN 0 AND 100),
	CONSTRAINT "measures_weight_ck" CHECK("measures"."weight" > 0),
	CONSTRAINT "measures_dates_ck" CHECK("measures"."start_date" <= "measures"."deadline"),
	CONSTRAINT "measures_start_ck" CHECK(start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "measures_deadline_ck" CHECK(deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "measures_completed_ck" CHECK("measures"."status" <> 'completed' OR "measures"."progress" = 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measures_code_uq` ON `measures` (`code`);--> statement-breakpoint
CREATE INDEX `measures_objective_idx` ON `measures` (`objective_id`);--> statement-breakpoint
CREATE INDEX `measures_lead_idx` ON `measures` (`lead_institution_id`);--> statement-breakpoint
CREATE INDEX `measures_status_idx` ON `measures` (`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `measures_deadline_idx` ON `measures` (`deadline`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`read_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `objectives` (
	`id` integer PRIMARY KEY NOT NULL,
	`axis_id` integer NOT NULL,
	`code` text NOT NULL,
	`title_fr` text NOT NULL,
	`title_ar` text,
	`title_en` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`axis_id`) REFERENCES `axes`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `objectives_code_uq` ON `objectives` (`code`);--> statement-breakpoint
CREATE INDEX `objectives_axis_idx` ON `objectives` (`axis_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`to_email` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`dedupe_key` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`sent_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`sent_at`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE TABLE `partner_project_measures` (
	`project_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	PRIMARY KEY(`project_id`, `measure_id`),
	FOREIGN KEY (`project_id`) REFERENCES `partner_projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `partner_project_measures_measure_idx` ON `partner_project_measures` (`measure_id`,`project_id`);--> statement-breakpoint
CREATE TABLE `partner_projects` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`partner_institution_id` integer NOT NULL,
	`donor_institution_id` integer,
	`donor_name` text,
	`title_fr` text NOT NULL,
	`title_ar` text,
	`title_en` text,
	`start_date` text,
	`end_date` text,
	`budget` real,
	`currency` text,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`donor_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "partner_projects_budget_ck" CHECK("partner_projects"."budget" IS NULL OR "partner_projects"."budget" >= 0),
	CONSTRAINT "partner_projects_currency_ck" CHECK("partner_projects"."currency" IS NULL OR "partner_projects"."currency" GLOB '[A-Z][A-Z][A-Z]'),
	CONSTRAINT "partner_projects_dates_ck" CHECK("partner_projects"."start_date" IS NULL OR "partner_projects"."end_date" IS NULL OR "partner_projects"."start_date" <= "partner_projects"."end_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_projects_code_uq` ON `partner_projects` (`code`);--> statement-breakpoint
CREATE INDEX `partner_projects_partner_idx` ON `partner_projects` (`partner_institution_id`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`title_fr` text NOT NULL,
	`title_ar` text,
	`title_en` text,
	`description_fr` text,
	`description_ar` text,
	`description_en` text,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`adopted_on` text,
	`parent_id` integer,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "plans_kind_ck" CHECK(kind IN ('national_plan', 'action_plan', 'priority_plan')),
	CONSTRAINT "plans_dates_ck" CHECK("plans"."start_date" <= "plans"."end_date"),
	CONSTRAINT "plans_start_ck" CHECK(start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "plans_end_ck" CHECK(end_date IS NULL OR end_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plans_code_uq` ON `plans` (`code`);--> statement-breakpoint
CREATE TABLE `progress_updates` (
	`id` integer PRIMARY KEY NOT NULL,
	`measure_id` integer NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`progress` integer NOT NULL,
	`narrative_fr` text,
	`narrative_ar` text,
	`narrative_en` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`base_version` integer,
	`author_id` integer,
	`institution_id` integer,
	`reviewer_id` integer,
	`review_comment` text,
	`submitted_at` text,
	`reviewed_at` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "progress_updates_status_ck" CHECK(status IN ('planned', 'in_progress', 'completed', 'suspended', 'cancelled')),
	CONSTRAINT "progress_updates_state_ck" CHECK(state IN ('draft', 'submitted', 'validated', 'returned')),
	CONSTRAINT "progress_updates_progress_ck" CHECK("progress_updates"."progress" BETWEEN 0 AND 100),
	CONSTRAINT "progress_updates_completed_ck" CHECK("progress_updates"."status" <> 'completed' OR "progress_updates"."progress" = 100)
);
--> statement-breakpoint
CREATE INDEX `progress_updates_measure_idx` ON `progress_updates` (`measure_id`,`state`,`reviewed_at`);--> statement-breakpoint
CREATE INDEX `progress_updates_state_idx` ON `progress_updates` (`state`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `progress_updates_author_idx` ON `progress_updates` (`author_id`,`state`);--> statement-breakpoint
CREATE TABLE `recommendation_measures` (
	`recommendation_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	PRIMARY KEY(`recommendation_id`, `measure_id`),
	FOREIGN KEY (`recommendation_id`) REFERENCES `recommendations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recommendation_measures_measure_idx` ON `recommendation_measures` (`measure_id`,`recommendation_id`);--> statement-breakpoint
CREATE TABLE `recommendations` (
	`id` integer PRIMARY KEY NOT NULL,
	`plan_id` integer,
	`code` text NOT NULL,
	`rank` integer NOT NULL,
	`source_report` text NOT NULL,
	`source_year` integer NOT NULL,
	`priority_period` text,
	`pillar` text,
	`title_fr` text NOT NULL,
	`title_ar` text,
	`title_en` text,
	`summary_fr` text,
	`summary_ar` text,
	`summary_en` text,
	`official_text` text,
	`official_text_status` text DEFAULT 'not_retrieved' NOT NULL,
	`official_url` text,
	`sdg_targets` text DEFAULT '[]' NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "recommendations_pillar_ck" CHECK(pillar IS NULL OR pillar IN ('prevention', 'protection', 'prosecution', 'partnership', 'governance')),
	CONSTRAINT "recommendations_text_status_ck" CHECK(official_text_status IN ('verbatim_complete', 'verbatim_truncated', 'not_retrieved')),
	CONSTRAINT "recommendations_sdg_ck" CHECK(json_valid("recommendations"."sdg_targets"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recommendations_code_uq` ON `recommendations` (`code`);--> statement-breakpoint
CREATE INDEX `recommendations_plan_idx` ON `recommendations` (`plan_id`,`rank`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` integer PRIMARY KEY NOT NULL,
	`iso` text NOT NULL,
	`name_fr` text NOT NULL,
	`name_ar` text,
	`name_en` text,
	`capital_fr` text,
	`capital_ar` text,
	`population` integer,
	`households` integer,
	`foreigners` integer,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	CONSTRAINT "regions_iso_ck" CHECK("regions"."iso" GLOB 'MA-[0-1][0-9]'),
	CONSTRAINT "regions_population_ck" CHECK("regions"."population" IS NULL OR "regions"."population" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_iso_uq` ON `regions` (`iso`);--> statement-breakpoint
CREATE TABLE `reporting_periods` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`opens_on` text NOT NULL,
	`due_on` text NOT NULL,
	`closed_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "reporting_periods_dates_ck" CHECK("reporting_periods"."opens_on" <= "reporting_periods"."due_on")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reporting_periods_code_uq` ON `reporting_periods` (`code`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY NOT NULL,
	`title_fr` text NOT NULL,
	`title_ar` text,
	`title_en` text,
	`period` text NOT NULL,
	`plan_id` integer,
	`narrative_fr` text,
	`narrative_ar` text,
	`narrative_en` text,
	`frozen_data` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`created_by` integer,
	`published_by` integer,
	`published_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "reports_state_ck" CHECK("reports"."state" IN ('draft','published','withdrawn')),
	CONSTRAINT "reports_frozen_ck" CHECK("reports"."state" <> 'published' OR ("reports"."frozen_data" IS NOT NULL AND json_valid("reports"."frozen_data")))
);
--> statement-breakpoint
CREATE INDEX `reports_state_idx` ON `reports` (`state`,`published_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expiry_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`institution_id` integer,
	`password_hash` text NOT NULL,
	`locale` text DEFAULT 'fr' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`last_login_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "users_role_ck" CHECK(role IN ('admin', 'commission', 'focal_point', 'partner')),
	CONSTRAINT "users_locale_ck" CHECK(locale IN ('fr', 'ar', 'en')),
	CONSTRAINT "users_email_ck" CHECK("users"."email" = lower("users"."email") AND "users"."email" LIKE '%_@_%'),
	CONSTRAINT "users_institution_ck" CHECK("users"."role" NOT IN ('focal_point','partner') OR "users"."institution_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_institution_idx` ON `users` (`institution_id`);