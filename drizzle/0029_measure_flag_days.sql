ALTER TABLE `measures` ADD `stale_from` text;--> statement-breakpoint
ALTER TABLE `measures` ADD `behind_from` text;--> statement-breakpoint
-- Hand-written from here: two dates derived from each measure's own columns, kept by triggers in the
-- writing statement's own transaction (a validation sets status, progress and last_validated_at: the
-- trigger recomputes both in the same statement), back-filled below. They are the day thresholds of
-- src/lib/server/flags-sql.ts (flagSql), so that the current dashboard compares them to the day:
-- stale    = open AND stale_from <= day
-- at risk  = status IN (planned, in_progress) AND deadline >= day AND behind_from <= day
-- stale_from: the last update (or the start) + STALE_AFTER_DAYS (180) + 1 day.
-- behind_from: the earlier of the last update (or the start) + AT_RISK_NO_UPDATE_DAYS (120) + 1 day and
-- the first day progress lags the schedule by more than AT_RISK_LAG_POINTS (15): expected progress on
-- day start + k is 100 k / span, so it lags from k = floor((progress + 15) span / 100) + 1 (integers,
-- exact); a measure due on its start day (span 0) lags from its deadline when 100 − progress > 15.
-- tests/integration/measure-flag-days.test.ts checks them against flagSql and against a rebuild.
-- The read cache's counters (migration 0025) leave these two columns out: they only change with the
-- columns they are derived from, in the same statement, which already move the `progress` or `plan` domain.
CREATE TRIGGER `measures_flag_days_ins` AFTER INSERT ON `measures` BEGIN
UPDATE `measures` SET
	`stale_from` = date(substr(coalesce(NEW.`last_validated_at`, NEW.`start_date`), 1, 10), '+181 days'),
	`behind_from` = min(date(substr(coalesce(NEW.`last_validated_at`, NEW.`start_date`), 1, 10), '+121 days'), coalesce(CASE
		WHEN NEW.`deadline` <= NEW.`start_date` THEN (CASE WHEN 100 - NEW.`progress` > 15 THEN NEW.`deadline` END)
		ELSE date(NEW.`start_date`, '+' || ((NEW.`progress` + 15) * CAST(round(julianday(NEW.`deadline`) - julianday(NEW.`start_date`)) AS INTEGER) / 100 + 1) || ' days')
	END, '9999-12-31'))
WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `measures_flag_days_upd` AFTER UPDATE OF `last_validated_at`, `start_date`, `deadline`, `progress` ON `measures` BEGIN
UPDATE `measures` SET
	`stale_from` = date(substr(coalesce(NEW.`last_validated_at`, NEW.`start_date`), 1, 10), '+181 days'),
	`behind_from` = min(date(substr(coalesce(NEW.`last_validated_at`, NEW.`start_date`), 1, 10), '+121 days'), coalesce(CASE
		WHEN NEW.`deadline` <= NEW.`start_date` THEN (CASE WHEN 100 - NEW.`progress` > 15 THEN NEW.`deadline` END)
		ELSE date(NEW.`start_date`, '+' || ((NEW.`progress` + 15) * CAST(round(julianday(NEW.`deadline`) - julianday(NEW.`start_date`)) AS INTEGER) / 100 + 1) || ' days')
	END, '9999-12-31'))
WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
UPDATE `measures` SET
	`stale_from` = date(substr(coalesce(`last_validated_at`, `start_date`), 1, 10), '+181 days'),
	`behind_from` = min(date(substr(coalesce(`last_validated_at`, `start_date`), 1, 10), '+121 days'), coalesce(CASE
		WHEN `deadline` <= `start_date` THEN (CASE WHEN 100 - `progress` > 15 THEN `deadline` END)
		ELSE date(`start_date`, '+' || ((`progress` + 15) * CAST(round(julianday(`deadline`) - julianday(`start_date`)) AS INTEGER) / 100 + 1) || ' days')
	END, '9999-12-31'));
