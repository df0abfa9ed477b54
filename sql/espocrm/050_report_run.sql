-- The scheduled report's runs (CrmGuard\Analytics\ScheduledReport; the CRM's job: EspoCRM
-- CrmGuardSalesReport, SuiteCRM's scheduler function crmguard_sales_report): one row per period,
-- what was sent, to whom, how many QC review tasks were created, and the last error.  A row in
-- status failed is retried by the next run; a period in status sent is not mailed again.
-- Admins read it in the dashlet (Dashlet::build(), role admin) or with any SQL tool.
-- Idempotent; touches no CRM table.

CREATE TABLE IF NOT EXISTS `crmguard_report_run` (
  `period_since` date NOT NULL,
  `period_until` date NOT NULL,
  `status` varchar(20) NOT NULL,
  `attempts` int unsigned NOT NULL DEFAULT 0,
  `first_run_at` datetime NOT NULL,
  `last_run_at` datetime NOT NULL,
  `sent_at` datetime NULL,
  `recipients` text NULL,
  `subject` varchar(255) NULL,
  `deals` int unsigned NOT NULL DEFAULT 0,
  `report_bytes` int unsigned NOT NULL DEFAULT 0,
  `tasks_created` int unsigned NOT NULL DEFAULT 0,
  `tasks_existing` int unsigned NOT NULL DEFAULT 0,
  `error` text NULL,
  PRIMARY KEY (`period_since`, `period_until`),
  KEY `crmguard_report_run_status` (`status`, `last_run_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
