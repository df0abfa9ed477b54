-- crmguard's import journal (espocrm): what `crmguard import` / CrmGuard\Importer created from which
-- file, so that a killed or disconnected import can be run again without creating anything twice.
--
-- crmguard_import: one row per file (id = the SHA-256 of its bytes), updated at each run's start
-- and end.  crmguard_import_row: one row per created contact, written in the same transaction
-- as the contact, its deal, task, company links and phone-index rows; a re-run of the same file
-- skips the lines found here.  The id columns match the CRM's own (collation included) so that
-- joins with the CRM tables use their indexes.  Idempotent; touches no CRM table.

CREATE TABLE IF NOT EXISTS `crmguard_import` (
  `id` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `file_name` varchar(255) NOT NULL,
  `file_size` bigint(20) unsigned NOT NULL,
  `crm` varchar(16) NOT NULL,
  `state` varchar(16) NOT NULL,
  `runs` int(10) unsigned NOT NULL DEFAULT 1,
  `started_at` datetime NOT NULL,
  `finished_at` datetime DEFAULT NULL,
  `rows_read` int(10) unsigned NOT NULL DEFAULT 0,
  `contacts_created` int(10) unsigned NOT NULL DEFAULT 0,
  `rejected_rows` int(10) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS `crmguard_import_row` (
  `import_id` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `line` int(10) unsigned NOT NULL,
  `state` varchar(16) NOT NULL,
  `contact_id` varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `deal_id` varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `task_id` varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `account_id` varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`import_id`, `line`),
  KEY `IDX_CRMGUARD_IMPORT_ROW_CONTACT` (`contact_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
