CREATE TABLE `exchange_rates` (
	`year` integer NOT NULL,
	`currency` text NOT NULL,
	`mad_per_unit_micro` integer NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`year`, `currency`),
	CONSTRAINT "exchange_rates_rate_ck" CHECK("exchange_rates"."mad_per_unit_micro" > 0 AND typeof("exchange_rates"."mad_per_unit_micro") = 'integer'),
	CONSTRAINT "exchange_rates_currency_ck" CHECK("exchange_rates"."currency" GLOB '[A-Z][A-Z][A-Z]')
);
--> statement-breakpoint
CREATE TABLE `partner_project_regions` (
	`project_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	PRIMARY KEY(`project_id`, `region_id`),
	FOREIGN KEY (`project_id`) REFERENCES `partner_projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `partner_project_regions_region_idx` ON `partner_project_regions` (`region_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_partner_projects` (
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
	`budget_minor` integer,
	`currency` text,
	`status` text DEFAULT 'ongoing' NOT NULL,
	`iati_identifier` text,
	`note` text,
	`sources` text DEFAULT '[]' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`donor_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "partner_projects_budget_ck" CHECK("__new_partner_projects"."budget_minor" IS NULL OR ("__new_partner_projects"."budget_minor" >= 0 AND typeof("__new_partner_projects"."budget_minor") = 'integer')),
	CONSTRAINT "partner_projects_budget_currency_ck" CHECK("__new_partner_projects"."budget_minor" IS NULL OR "__new_partner_projects"."currency" IS NOT NULL),
	CONSTRAINT "partner_projects_status_ck" CHECK(status IN ('planned', 'ongoing', 'completed', 'suspended')),
	CONSTRAINT "partner_projects_currency_ck" CHECK("__new_partner_projects"."currency" IS NULL OR "__new_partner_projects"."currency" GLOB '[A-Z][A-Z][A-Z]'),
	CONSTRAINT "partner_projects_dates_ck" CHECK("__new_partner_projects"."start_date" IS NULL OR "__new_partner_projects"."end_date" IS NULL OR "__new_partner_projects"."start_date" <= "__new_partner_projects"."end_date")
);
--> statement-breakpoint
INSERT INTO `__new_partner_projects`("id", "code", "partner_institution_id", "donor_institution_id", "donor_name", "title_fr", "title_ar", "title_en", "start_date", "end_date", "budget_minor", "currency", "status", "iati_identifier", "note", "sources", "is_demo", "version", "created_at", "updated_at") SELECT "id", "code", "partner_institution_id", "donor_institution_id", "donor_name", "title_fr", "title_ar", "title_en", "start_date", "end_date", CASE WHEN "budget" IS NULL THEN NULL ELSE CAST(round("budget" * CASE "currency" WHEN 'JPY' THEN 1 ELSE 100 END) AS INTEGER) END, "currency", CASE WHEN "end_date" IS NOT NULL AND "end_date" < date('now') THEN 'completed' ELSE 'ongoing' END, NULL, "note", "sources", "is_demo", "version", "created_at", "updated_at" FROM `partner_projects`;--> statement-breakpoint
DROP TABLE `partner_projects`;--> statement-breakpoint
ALTER TABLE `__new_partner_projects` RENAME TO `partner_projects`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `partner_projects_code_uq` ON `partner_projects` (`code`);--> statement-breakpoint
CREATE INDEX `partner_projects_partner_idx` ON `partner_projects` (`partner_institution_id`);