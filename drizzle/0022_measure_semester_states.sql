CREATE TABLE `measure_semester_states` (
	`measure_id` integer NOT NULL,
	`semester_end` text NOT NULL,
	`status` text NOT NULL,
	`progress` integer NOT NULL,
	`reviewed_at` text,
	`d_completed` integer NOT NULL,
	`d_active` integer NOT NULL,
	`d_progress` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `semester_end`),
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_semester_states_trend_idx` ON `measure_semester_states` (`measure_id`,`semester_end`,`d_completed`,`d_active`,`d_progress`);
--> statement-breakpoint
-- Hand-written from here: the rows are derived from the validated updates, kept by triggers on every
-- change of a validated update (one measure rebuilt from its history in the writing statement's own
-- transaction), back-filled from history below. A period counts at the first semester end on or after its
-- own end (src/lib/server/dashboard/snapshot.ts, periodEndSql): a quarter or TIP year within a semester
-- counts at that semester's end.
CREATE TRIGGER `measure_semester_states_ins` AFTER INSERT ON `progress_updates` WHEN NEW.`state` = 'validated' BEGIN
DELETE FROM `measure_semester_states` WHERE `measure_id` = NEW.`measure_id`;
INSERT INTO `measure_semester_states` (`measure_id`, `semester_end`, `status`, `progress`, `reviewed_at`, `d_completed`, `d_active`, `d_progress`)
SELECT measure_id, semester_end, status, progress, reviewed_at,
	completed - coalesce(lag(completed) OVER w, 0), active - coalesce(lag(active) OVER w, 1), active * progress - coalesce(lag(active * progress) OVER w, 0)
FROM (
	SELECT c.measure_id, c.semester_end, u.status, u.progress, u.reviewed_at, (u.status = 'completed') AS completed, (u.status <> 'cancelled') AS active,
		row_number() OVER (PARTITION BY c.measure_id, c.semester_end ORDER BY u.reviewed_at DESC, u.period DESC, u.status DESC, u.progress DESC) AS rn
	FROM (SELECT DISTINCT measure_id, (CASE
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-S1' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-S2' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]' THEN period || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q1' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q2' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q3' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q4' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB 'TIP[0-9][0-9][0-9][0-9]' THEN substr(period, 4, 4) || '-06-30'
	END) AS semester_end FROM `progress_updates` WHERE state = 'validated' AND measure_id = NEW.measure_id) c
	JOIN `progress_updates` u ON u.measure_id = c.measure_id AND u.state = 'validated' AND (CASE
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-S1' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-S2' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]' THEN u.period || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q1' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q2' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q3' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q4' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB 'TIP[0-9][0-9][0-9][0-9]' THEN substr(u.period, 4, 4) || '-06-30'
	END) <= c.semester_end
	WHERE c.semester_end IS NOT NULL AND EXISTS (SELECT 1 FROM `measures` m WHERE m.id = c.measure_id)
) WHERE rn = 1
WINDOW w AS (PARTITION BY measure_id ORDER BY semester_end);
END;
--> statement-breakpoint
CREATE TRIGGER `measure_semester_states_del` AFTER DELETE ON `progress_updates` WHEN OLD.`state` = 'validated' BEGIN
DELETE FROM `measure_semester_states` WHERE `measure_id` = OLD.`measure_id`;
INSERT INTO `measure_semester_states` (`measure_id`, `semester_end`, `status`, `progress`, `reviewed_at`, `d_completed`, `d_active`, `d_progress`)
SELECT measure_id, semester_end, status, progress, reviewed_at,
	completed - coalesce(lag(completed) OVER w, 0), active - coalesce(lag(active) OVER w, 1), active * progress - coalesce(lag(active * progress) OVER w, 0)
FROM (
	SELECT c.measure_id, c.semester_end, u.status, u.progress, u.reviewed_at, (u.status = 'completed') AS completed, (u.status <> 'cancelled') AS active,
		row_number() OVER (PARTITION BY c.measure_id, c.semester_end ORDER BY u.reviewed_at DESC, u.period DESC, u.status DESC, u.progress DESC) AS rn
	FROM (SELECT DISTINCT measure_id, (CASE
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-S1' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-S2' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]' THEN period || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q1' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q2' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q3' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q4' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB 'TIP[0-9][0-9][0-9][0-9]' THEN substr(period, 4, 4) || '-06-30'
	END) AS semester_end FROM `progress_updates` WHERE state = 'validated' AND measure_id = OLD.measure_id) c
	JOIN `progress_updates` u ON u.measure_id = c.measure_id AND u.state = 'validated' AND (CASE
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-S1' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-S2' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]' THEN u.period || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q1' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q2' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q3' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q4' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB 'TIP[0-9][0-9][0-9][0-9]' THEN substr(u.period, 4, 4) || '-06-30'
	END) <= c.semester_end
	WHERE c.semester_end IS NOT NULL AND EXISTS (SELECT 1 FROM `measures` m WHERE m.id = c.measure_id)
) WHERE rn = 1
WINDOW w AS (PARTITION BY measure_id ORDER BY semester_end);
END;
--> statement-breakpoint
CREATE TRIGGER `measure_semester_states_upd` AFTER UPDATE OF `measure_id`, `state`, `period`, `status`, `progress`, `reviewed_at` ON `progress_updates` WHEN OLD.`state` = 'validated' OR NEW.`state` = 'validated' BEGIN
DELETE FROM `measure_semester_states` WHERE `measure_id` IN (OLD.`measure_id`, NEW.`measure_id`);
INSERT INTO `measure_semester_states` (`measure_id`, `semester_end`, `status`, `progress`, `reviewed_at`, `d_completed`, `d_active`, `d_progress`)
SELECT measure_id, semester_end, status, progress, reviewed_at,
	completed - coalesce(lag(completed) OVER w, 0), active - coalesce(lag(active) OVER w, 1), active * progress - coalesce(lag(active * progress) OVER w, 0)
FROM (
	SELECT c.measure_id, c.semester_end, u.status, u.progress, u.reviewed_at, (u.status = 'completed') AS completed, (u.status <> 'cancelled') AS active,
		row_number() OVER (PARTITION BY c.measure_id, c.semester_end ORDER BY u.reviewed_at DESC, u.period DESC, u.status DESC, u.progress DESC) AS rn
	FROM (SELECT DISTINCT measure_id, (CASE
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-S1' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-S2' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]' THEN period || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q1' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q2' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q3' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q4' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB 'TIP[0-9][0-9][0-9][0-9]' THEN substr(period, 4, 4) || '-06-30'
	END) AS semester_end FROM `progress_updates` WHERE state = 'validated' AND measure_id IN (OLD.measure_id, NEW.measure_id)) c
	JOIN `progress_updates` u ON u.measure_id = c.measure_id AND u.state = 'validated' AND (CASE
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-S1' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-S2' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]' THEN u.period || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q1' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q2' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q3' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q4' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB 'TIP[0-9][0-9][0-9][0-9]' THEN substr(u.period, 4, 4) || '-06-30'
	END) <= c.semester_end
	WHERE c.semester_end IS NOT NULL AND EXISTS (SELECT 1 FROM `measures` m WHERE m.id = c.measure_id)
) WHERE rn = 1
WINDOW w AS (PARTITION BY measure_id ORDER BY semester_end);
END;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_semester_states_ins` AFTER INSERT ON `measure_semester_states` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_semester_states_upd` AFTER UPDATE ON `measure_semester_states` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_generation_measure_semester_states_del` AFTER DELETE ON `measure_semester_states` BEGIN UPDATE `data_generation` SET `value` = `value` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
INSERT INTO `measure_semester_states` (`measure_id`, `semester_end`, `status`, `progress`, `reviewed_at`, `d_completed`, `d_active`, `d_progress`)
SELECT measure_id, semester_end, status, progress, reviewed_at,
	completed - coalesce(lag(completed) OVER w, 0), active - coalesce(lag(active) OVER w, 1), active * progress - coalesce(lag(active * progress) OVER w, 0)
FROM (
	SELECT c.measure_id, c.semester_end, u.status, u.progress, u.reviewed_at, (u.status = 'completed') AS completed, (u.status <> 'cancelled') AS active,
		row_number() OVER (PARTITION BY c.measure_id, c.semester_end ORDER BY u.reviewed_at DESC, u.period DESC, u.status DESC, u.progress DESC) AS rn
	FROM (SELECT DISTINCT measure_id, (CASE
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-S1' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-S2' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]' THEN period || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q1' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q2' THEN substr(period, 1, 4) || '-06-30'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q3' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB '[0-9][0-9][0-9][0-9]-Q4' THEN substr(period, 1, 4) || '-12-31'
		WHEN period GLOB 'TIP[0-9][0-9][0-9][0-9]' THEN substr(period, 4, 4) || '-06-30'
	END) AS semester_end FROM `progress_updates` WHERE state = 'validated' AND 1) c
	JOIN `progress_updates` u ON u.measure_id = c.measure_id AND u.state = 'validated' AND (CASE
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-S1' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-S2' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]' THEN u.period || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q1' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q2' THEN substr(u.period, 1, 4) || '-06-30'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q3' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB '[0-9][0-9][0-9][0-9]-Q4' THEN substr(u.period, 1, 4) || '-12-31'
		WHEN u.period GLOB 'TIP[0-9][0-9][0-9][0-9]' THEN substr(u.period, 4, 4) || '-06-30'
	END) <= c.semester_end
	WHERE c.semester_end IS NOT NULL AND EXISTS (SELECT 1 FROM `measures` m WHERE m.id = c.measure_id)
) WHERE rn = 1
WINDOW w AS (PARTITION BY measure_id ORDER BY semester_end);
