-- Evidence already stored belongs to the institution of the user who uploaded it (or, for an account
-- without one, the institution the update was reported for). Later edits of the update never change it.
UPDATE `evidence` SET `institution_id` = coalesce(
	(SELECT `institution_id` FROM `users` WHERE `users`.`id` = `evidence`.`uploaded_by`),
	(SELECT `institution_id` FROM `progress_updates` WHERE `progress_updates`.`id` = `evidence`.`progress_update_id`)
) WHERE `institution_id` IS NULL;
