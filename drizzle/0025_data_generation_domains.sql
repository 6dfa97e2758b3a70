CREATE TABLE `data_generation_domains` (
	`domain` text PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Hand-written below: the four domain rows, and every data_generation trigger recreated so that it also counts
-- the change in its table's domain (the read cache keeps a read model until a domain it reads moves). A measure's
-- update counts in `progress` when its validated status, progress or date changed, in `plan` when anything else did.
INSERT INTO `data_generation_domains` (`domain`, `value`) VALUES ('plan', 0), ('progress', 0), ('values', 0), ('rollout', 0);
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_axes_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_axes_del` AFTER DELETE ON `axes` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_axes_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_axes_ins` AFTER INSERT ON `axes` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_axes_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_axes_upd` AFTER UPDATE ON `axes` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_indicator_values_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_indicator_values_del` AFTER DELETE ON `indicator_values` WHEN OLD.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'values'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_indicator_values_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_indicator_values_ins` AFTER INSERT ON `indicator_values` WHEN NEW.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'values'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_indicator_values_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_indicator_values_upd` AFTER UPDATE ON `indicator_values` WHEN NEW.`state` <> 'draft' OR OLD.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'values'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_indicators_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_indicators_del` AFTER DELETE ON `indicators` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'values'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_indicators_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_indicators_ins` AFTER INSERT ON `indicators` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'values'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_indicators_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_indicators_upd` AFTER UPDATE ON `indicators` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'values'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_institutions_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_institutions_del` AFTER DELETE ON `institutions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_institutions_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_institutions_ins` AFTER INSERT ON `institutions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_institutions_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_institutions_upd` AFTER UPDATE ON `institutions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_former_codes_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_former_codes_del` AFTER DELETE ON `measure_former_codes` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_former_codes_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_former_codes_ins` AFTER INSERT ON `measure_former_codes` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_former_codes_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_former_codes_upd` AFTER UPDATE ON `measure_former_codes` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_institutions_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_institutions_del` AFTER DELETE ON `measure_institutions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_institutions_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_institutions_ins` AFTER INSERT ON `measure_institutions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_institutions_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_institutions_upd` AFTER UPDATE ON `measure_institutions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_region_stages_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_region_stages_del` AFTER DELETE ON `measure_region_stages` WHEN OLD.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'rollout'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_region_stages_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_region_stages_ins` AFTER INSERT ON `measure_region_stages` WHEN NEW.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'rollout'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_region_stages_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_region_stages_upd` AFTER UPDATE ON `measure_region_stages` WHEN NEW.`state` <> 'draft' OR OLD.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'rollout'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_regions_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_regions_del` AFTER DELETE ON `measure_regions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_regions_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_regions_ins` AFTER INSERT ON `measure_regions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_regions_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_regions_upd` AFTER UPDATE ON `measure_regions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_semester_states_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_semester_states_del` AFTER DELETE ON `measure_semester_states` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'progress'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_semester_states_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_semester_states_ins` AFTER INSERT ON `measure_semester_states` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'progress'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measure_semester_states_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_semester_states_upd` AFTER UPDATE ON `measure_semester_states` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'progress'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measures_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measures_del` AFTER DELETE ON `measures` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measures_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measures_ins` AFTER INSERT ON `measures` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_measures_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measures_upd` AFTER UPDATE ON `measures` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'progress' AND (OLD.`status` IS NOT NEW.`status` OR OLD.`progress` IS NOT NEW.`progress` OR OLD.`last_validated_at` IS NOT NEW.`last_validated_at`); UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan' AND (OLD.`id` IS NOT NEW.`id` OR OLD.`objective_id` IS NOT NEW.`objective_id` OR OLD.`code` IS NOT NEW.`code` OR OLD.`title_fr` IS NOT NEW.`title_fr` OR OLD.`title_ar` IS NOT NEW.`title_ar` OR OLD.`title_en` IS NOT NEW.`title_en` OR OLD.`description_fr` IS NOT NEW.`description_fr` OR OLD.`description_ar` IS NOT NEW.`description_ar` OR OLD.`description_en` IS NOT NEW.`description_en` OR OLD.`lead_institution_id` IS NOT NEW.`lead_institution_id` OR OLD.`pillar` IS NOT NEW.`pillar` OR OLD.`start_date` IS NOT NEW.`start_date` OR OLD.`deadline` IS NOT NEW.`deadline` OR OLD.`weight` IS NOT NEW.`weight` OR OLD.`regional_rollout` IS NOT NEW.`regional_rollout` OR OLD.`sources` IS NOT NEW.`sources` OR OLD.`is_demo` IS NOT NEW.`is_demo` OR OLD.`created_at` IS NOT NEW.`created_at` OR OLD.`archived_at` IS NOT NEW.`archived_at` OR OLD.`sort_order` IS NOT NEW.`sort_order`); END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_objectives_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_objectives_del` AFTER DELETE ON `objectives` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_objectives_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_objectives_ins` AFTER INSERT ON `objectives` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_objectives_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_objectives_upd` AFTER UPDATE ON `objectives` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_plans_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_plans_del` AFTER DELETE ON `plans` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_plans_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_plans_ins` AFTER INSERT ON `plans` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_plans_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_plans_upd` AFTER UPDATE ON `plans` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_progress_updates_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_progress_updates_del` AFTER DELETE ON `progress_updates` WHEN OLD.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'progress'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_progress_updates_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_progress_updates_ins` AFTER INSERT ON `progress_updates` WHEN NEW.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'progress'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_progress_updates_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_progress_updates_upd` AFTER UPDATE ON `progress_updates` WHEN NEW.`state` <> 'draft' OR OLD.`state` <> 'draft' BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'progress'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_recommendation_measures_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_recommendation_measures_del` AFTER DELETE ON `recommendation_measures` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_recommendation_measures_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_recommendation_measures_ins` AFTER INSERT ON `recommendation_measures` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_recommendation_measures_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_recommendation_measures_upd` AFTER UPDATE ON `recommendation_measures` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_recommendations_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_recommendations_del` AFTER DELETE ON `recommendations` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_recommendations_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_recommendations_ins` AFTER INSERT ON `recommendations` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_recommendations_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_recommendations_upd` AFTER UPDATE ON `recommendations` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_regions_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_regions_del` AFTER DELETE ON `regions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_regions_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_regions_ins` AFTER INSERT ON `regions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_regions_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_regions_upd` AFTER UPDATE ON `regions` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_reporting_periods_del`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_reporting_periods_del` AFTER DELETE ON `reporting_periods` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_reporting_periods_ins`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_reporting_periods_ins` AFTER INSERT ON `reporting_periods` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `data_generation_reporting_periods_upd`;
--> statement-breakpoint
CREATE TRIGGER `data_generation_reporting_periods_upd` AFTER UPDATE ON `reporting_periods` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; UPDATE `data_generation_domains` SET `value` = `value` + 1 WHERE `domain` = 'plan'; END;
