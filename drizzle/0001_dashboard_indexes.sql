DROP INDEX `progress_updates_measure_idx`;--> statement-breakpoint
CREATE INDEX `progress_updates_measure_idx` ON `progress_updates` (`measure_id`,`state`,`reviewed_at`,`period`,`status`,`progress`);--> statement-breakpoint
CREATE INDEX `indicator_values_submitted_idx` ON `indicator_values` (`indicator_id`) WHERE "indicator_values"."state" = 'submitted';--> statement-breakpoint
CREATE INDEX `measures_dashboard_idx` ON `measures` (`lead_institution_id`,`objective_id`,`status`,`progress`,`weight`,`start_date`,`deadline`,`last_validated_at`,`is_demo`,`regional_rollout`);