-- Hand-written (`drizzle-kit generate --custom`): drizzle's schema cannot model an FTS5 virtual table
-- or triggers, so src/lib/server/db/schema.ts does not declare any of this and the snapshot is unchanged.
--
-- indicator_search: the substring index of the indicator explorer's search box (`searchIndicators` in
-- src/lib/server/dashboard.ts). One row per indicator, rowid = indicators.id, with the indicator's
-- code, its measure's code (denormalized here, kept current by the measures trigger below) and its
-- names. The trigram tokenizer indexes every 3-character window (case-folded, accents kept), so a
-- phrase query of >= 3 characters is a substring match in any column through the index.
-- Contentless (content=''): the text stays in indicators/measures, the index stores no copy of it and
-- returns rowids only; contentless_delete=1 (SQLite >= 3.43) lets the triggers delete a row by rowid
-- without restating its old values. The triggers see plain INSERT / UPDATE / DELETE and upserts; an
-- INSERT OR REPLACE into indicators would delete the replaced row without its delete trigger
-- (recursive_triggers is off) and leave its entry behind: nothing writes indicators that way.
-- Each statement that fires a trigger writes a small index segment (FTS5 flushes at each statement's
-- savepoint): a bulk load of indicators is several times slower than without the index (see the bench
-- generator); one INSERT … SELECT, like the backfill below, is not. To rebuild the index by hand, run
--   INSERT INTO indicator_search(indicator_search) VALUES('delete-all');
-- then the backfill INSERT at the end of this file.
CREATE VIRTUAL TABLE `indicator_search` USING fts5(
	`code`, `measure_code`, `name_fr`, `name_ar`, `name_en`,
	content = '', contentless_delete = 1, tokenize = 'trigram'
);
--> statement-breakpoint
CREATE TRIGGER `indicator_search_ai` AFTER INSERT ON `indicators` BEGIN
	INSERT INTO `indicator_search` (rowid, `code`, `measure_code`, `name_fr`, `name_ar`, `name_en`)
	VALUES (new.`id`, new.`code`, (SELECT `code` FROM `measures` WHERE `id` = new.`measure_id`), new.`name_fr`, new.`name_ar`, new.`name_en`);
END;
--> statement-breakpoint
-- Only when an indexed value changes (an edit of the unit, the target… leaves the index alone).
CREATE TRIGGER `indicator_search_au` AFTER UPDATE OF `id`, `code`, `measure_id`, `name_fr`, `name_ar`, `name_en` ON `indicators` BEGIN
	DELETE FROM `indicator_search` WHERE rowid = old.`id`;
	INSERT INTO `indicator_search` (rowid, `code`, `measure_code`, `name_fr`, `name_ar`, `name_en`)
	VALUES (new.`id`, new.`code`, (SELECT `code` FROM `measures` WHERE `id` = new.`measure_id`), new.`name_fr`, new.`name_ar`, new.`name_en`);
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_search_ad` AFTER DELETE ON `indicators` BEGIN
	DELETE FROM `indicator_search` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
-- A measure's new code, on each of its indicators' rows.
CREATE TRIGGER `indicator_search_measure_au` AFTER UPDATE OF `code` ON `measures` WHEN new.`code` IS NOT old.`code` BEGIN
	DELETE FROM `indicator_search` WHERE rowid IN (SELECT `id` FROM `indicators` WHERE `measure_id` = new.`id`);
	INSERT INTO `indicator_search` (rowid, `code`, `measure_code`, `name_fr`, `name_ar`, `name_en`)
	SELECT i.`id`, i.`code`, new.`code`, i.`name_fr`, i.`name_ar`, i.`name_en` FROM `indicators` i WHERE i.`measure_id` = new.`id`;
END;
--> statement-breakpoint
-- Backfill the indicators that exist already.
INSERT INTO `indicator_search` (rowid, `code`, `measure_code`, `name_fr`, `name_ar`, `name_en`)
SELECT i.`id`, i.`code`, m.`code`, i.`name_fr`, i.`name_ar`, i.`name_en` FROM `indicators` i JOIN `measures` m ON m.`id` = i.`measure_id`;
