-- After the rebuild of indicator_values (0009): the evidence of indicator values back in place,
-- and the read cache's triggers on indicator_values (0003), which went with the old table.
INSERT INTO `evidence` SELECT * FROM `_evidence_of_values_hold` WHERE `id` NOT IN (SELECT `id` FROM `evidence`);
--> statement-breakpoint
DROP TABLE `_evidence_of_values_hold`;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `data_generation_indicator_values_ins` AFTER INSERT ON `indicator_values` WHEN NEW.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `data_generation_indicator_values_upd` AFTER UPDATE ON `indicator_values` WHEN NEW.`state` <> 'draft' OR OLD.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `data_generation_indicator_values_del` AFTER DELETE ON `indicator_values` WHEN OLD.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
