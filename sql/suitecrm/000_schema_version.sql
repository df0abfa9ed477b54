-- crmguard's schema versions: one row per crmguard version this database's crmguard tables were
-- brought to, written by CrmGuard\Schema::migrate() (`crmguard schema apply`, the CRM packages'
-- install step) after every step succeeded.  from_version: the version found before (NULL: a fresh
-- install; 0.1.0, the first release, kept no such table); steps: the migration steps run
-- (sql/<crm>/migrations/<version>.sql) and the files applied; applied_by: who ran it; applied_at:
-- UTC.  A schema newer than the code is refused (no downgrade).  Idempotent; touches no CRM table.

CREATE TABLE IF NOT EXISTS `crmguard_schema_version` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `version` varchar(32) NOT NULL,
  `from_version` varchar(32) DEFAULT NULL,
  `steps` text NOT NULL,
  `applied_by` varchar(64) NOT NULL,
  `applied_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `UNIQ_CRMGUARD_SCHEMA_VERSION` (`version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
