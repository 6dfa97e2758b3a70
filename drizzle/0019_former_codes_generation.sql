-- The measures search reads former codes: a change to them invalidates the read cache like any table a dashboard reads.
CREATE TRIGGER `data_generation_measure_former_codes_ins` AFTER INSERT ON `measure_former_codes` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_former_codes_upd` AFTER UPDATE ON `measure_former_codes` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_former_codes_del` AFTER DELETE ON `measure_former_codes` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
