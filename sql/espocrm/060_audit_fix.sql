-- The journal of `crmguard audit --fix phones` (issue 14): every stored phone value the fix
-- rewrote into its canonical form, with the value it had, so `crmguard audit --undo RUN_ID` puts
-- each one back byte for byte.  One crmguard_audit_fix_run row per run: its state ('running' until
-- the last batch, then 'done'; 'undone' after an undo) and `progress`, the last row key done per
-- table, written in the same transaction as each batch's journal rows and rewrites, so a run killed
-- mid-way continues where it stopped and loses nothing.  crmguard_audit_fix: one row per run,
-- table, column and batch (first_row_id: the batch's first row key), `changes` the JSON list
-- [[row id, old value, new value], ...] (EspoCRM's phone_number.numeric also the phone value it
-- goes back with), read back with JSON_TABLE (MariaDB 10.6, MySQL 8.0) into the CRM's character
-- set and collation (utf8mb4_unicode_ci), so the rewrite and the undo join the CRM tables on their primary keys
-- and a value goes back exactly as it was.  Idempotent; touches no CRM table.

CREATE TABLE IF NOT EXISTS `crmguard_audit_fix_run` (
  `run_id` varchar(36) NOT NULL,
  `state` varchar(16) NOT NULL,
  `progress` text NOT NULL,
  `started_at` datetime NOT NULL,
  `finished_at` datetime DEFAULT NULL,
  `undone_at` datetime DEFAULT NULL,
  PRIMARY KEY (`run_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `crmguard_audit_fix` (
  `run_id` varchar(36) NOT NULL,
  `table_name` varchar(64) NOT NULL,
  `column_name` varchar(64) NOT NULL,
  `first_row_id` varchar(36) NOT NULL,
  `row_count` int(10) unsigned NOT NULL,
  `changes` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (`run_id`, `table_name`, `column_name`, `first_row_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
