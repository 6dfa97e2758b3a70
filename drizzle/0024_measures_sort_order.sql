DROP INDEX `measures_objective_idx`;--> statement-breakpoint
ALTER TABLE `measures` ADD `sort_order` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `measures_objective_idx` ON `measures` (`objective_id`,`sort_order`);--> statement-breakpoint
-- Backfill: each measure's place is its rank by code within its objective, the order every listing used
-- until now (plain ORDER BY code, SQLite's binary collation), so nothing moves on upgrade.
UPDATE `measures` SET `sort_order` = (SELECT count(*) FROM `measures` x WHERE x.`objective_id` = `measures`.`objective_id` AND x.`code` <= `measures`.`code`);
