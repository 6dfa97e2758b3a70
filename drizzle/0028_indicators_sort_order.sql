DROP INDEX `indicators_measure_idx`;--> statement-breakpoint
ALTER TABLE `indicators` ADD `sort_order` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `indicators_measure_idx` ON `indicators` (`measure_id`,`sort_order`);--> statement-breakpoint
-- Backfill: each indicator's place is its rank by code within its measure, the order every listing used
-- until now (plain ORDER BY code, SQLite's binary collation), so nothing moves on upgrade.
UPDATE `indicators` SET `sort_order` = (SELECT count(*) FROM `indicators` x WHERE x.`measure_id` = `indicators`.`measure_id` AND x.`code` <= `indicators`.`code`);
