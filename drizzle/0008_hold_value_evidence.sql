-- 0009 rebuilds indicator_values (SQLite cannot change a CHECK in place) to add the form of
-- exploitation `forced_criminality`. Its DROP TABLE runs inside the migrator's transaction, where
-- PRAGMA foreign_keys=OFF does nothing, so the implicit DELETE would cascade to the evidence files
-- attached to indicator values. Keep them aside here; 0010 puts them back.
CREATE TABLE `_evidence_of_values_hold` AS SELECT * FROM `evidence` WHERE `indicator_value_id` IS NOT NULL;
