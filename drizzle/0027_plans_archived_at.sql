ALTER TABLE `plans` ADD `archived_at` text;--> statement-breakpoint
-- Backfill: the plans' places 1..n in the order the plans' page lists them until now (sort_order, then the
-- start date; then the code), so that every list of plans (each broke ties its own way) and the editor's
-- move up / down agree from the start. Read from a copy: the update changes the column it orders by.
CREATE TEMP TABLE `plan_places` AS SELECT `id`, row_number() OVER (ORDER BY `sort_order`, `start_date`, `code`) AS `place` FROM `plans`;--> statement-breakpoint
UPDATE `plans` SET `sort_order` = (SELECT `place` FROM `plan_places` WHERE `plan_places`.`id` = `plans`.`id`);--> statement-breakpoint
DROP TABLE `plan_places`;
