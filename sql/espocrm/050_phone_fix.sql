-- The journal of `crmguard audit --fix phones` (issue 14): every stored phone value the fix
-- rewrote into its canonical form, with the value it had, so `crmguard audit --undo RUN_ID` puts
-- each one back byte for byte.  One crmguard_phone_fix_run row per run: its state ('running' until
-- the last batch, then 'done'; 'undone' after an undo) and `progress`, the last row key done per
-- table and column group, written in the same transaction as each batch's rewrites and journal
-- rows, so a run killed mid-way continues where it stopped and loses nothing.  row_id and the
-- values use the CRM's own character set and collation (utf8mb4_unicode_ci), so the journal, keyed by run, table,
-- column and row, joins the CRM tables on their primary keys and a value goes back exactly as it was.  Idempotent; touches no
-- CRM table.

CREATE TABLE IF NOT EXISTS `crmguard_phone_fix_run` (
  `run_id` varchar(36) NOT NULL,
  `state` varchar(16) NOT NULL,
  `progress` text NOT NULL,
  `started_at` datetime NOT NULL,
  `finished_at` datetime DEFAULT NULL,
  `undone_at` datetime DEFAULT NULL,
  PRIMARY KEY (`run_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `crmguard_phone_fix` (
  `run_id` varchar(36) NOT NULL,
  `table_name` varchar(64) NOT NULL,
  `column_name` varchar(64) NOT NULL,
  `row_id` varchar(36) NOT NULL,
  `old_value` varchar(255) DEFAULT NULL,
  `new_value` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`run_id`, `table_name`, `column_name`, `row_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
