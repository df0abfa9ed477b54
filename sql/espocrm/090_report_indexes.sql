-- Indexes the report's inbound answers read (crmguard_v_inbound, 100_analytics.sql): for each
-- missed inbound call or inbound e-mail, the first outbound call or sent e-mail of the same
-- manager on the same record after it is one index-only seek, not a walk over every call of the
-- record with a row read each.  Measured on SuiteCRM's schema, 1.1 M calls and 340,000 e-mails:
-- the report's inbound pass 14.6 s without them, 6.5 s with them (docs/benchmarks.md#reports).
-- Named, idempotent (IF NOT EXISTS).  EspoCRM's schema rebuild drops an index its metadata does
-- not declare (Core/Utils/Database/Schema/DiffModifier.php keeps the comparator's removed indexes),
-- so the package declares them in entityDefs Call.json and Email.json, indexes "crmguardAnswer"
-- (named IDX_ + CRMGUARD_ANSWER by Orm/IndexHelpers/MysqlIndexHelper.php 45), and Task.json,
-- "crmguardOpenTask" (IDX_CRMGUARD_OPEN_TASK, below):
-- the rebuild then finds them as they are; this file makes them for `crmguard schema apply`.
CREATE INDEX IF NOT EXISTS `IDX_CRMGUARD_ANSWER`
    ON `call` (`parent_id`, `parent_type`, `assigned_user_id`, `direction`, `status`, `date_start`, `deleted`);
CREATE INDEX IF NOT EXISTS `IDX_CRMGUARD_ANSWER`
    ON `email` (`parent_id`, `parent_type`, `assigned_user_id`, `status`, `date_sent`, `deleted`);

-- Whether a deal has an open task (crmguard_v_deal.has_open_task, asked once per deal by the report,
-- the dashlet and the audit): one index-only seek instead of the task rows of the deal.  Bench
-- scale (SuiteCRM, 363,000 deals, 318,000 tasks): that column 1.18 s -> 0.84 s.
CREATE INDEX IF NOT EXISTS `IDX_CRMGUARD_OPEN_TASK`
    ON `task` (`parent_id`, `parent_type`, `deleted`, `status`);
