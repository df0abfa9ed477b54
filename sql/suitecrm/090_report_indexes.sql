-- Indexes the report's inbound answers read (crmguard_v_inbound, 100_analytics.sql): for each
-- missed inbound call or inbound e-mail, the first outbound call or sent e-mail of the same
-- manager on the same record after it is one index-only seek, not a walk over every call of the
-- record with a row read each.  Measured on 1.1 M calls and 340,000 e-mails: the report's inbound
-- pass 14.6 s without them, 6.5 s with them (docs/benchmarks.md#reports).
-- Named (IDX_CRMGUARD_ANSWER), idempotent (IF NOT EXISTS).  SuiteCRM's Repair leaves them:
-- DBManager::repairTableParams() (include/database/DBManager.php 919-975) walks the indexes of
-- the vardefs only, so an index it does not know is neither dropped nor renamed.  They stay after
-- an uninstall, like crmguard's tables (DROP INDEX IDX_CRMGUARD_ANSWER ON calls, ON emails).
CREATE INDEX IF NOT EXISTS `IDX_CRMGUARD_ANSWER`
    ON `calls` (`parent_id`, `parent_type`, `assigned_user_id`, `direction`, `status`, `date_start`, `deleted`);
CREATE INDEX IF NOT EXISTS `IDX_CRMGUARD_ANSWER`
    ON `emails` (`parent_id`, `parent_type`, `assigned_user_id`, `type`, `date_sent_received`, `deleted`);

-- Whether a deal has an open task (crmguard_v_deal.has_open_task, asked once per deal by the report,
-- the dashlet and the audit): one index-only seek instead of the task rows of the deal.  Bench
-- scale (SuiteCRM, 363,000 deals, 318,000 tasks): that column 1.18 s -> 0.84 s.
CREATE INDEX IF NOT EXISTS `IDX_CRMGUARD_OPEN_TASK`
    ON `tasks` (`parent_id`, `parent_type`, `deleted`, `status`);

-- When a deal entered its stage, from SuiteCRM's own audit when crmguard's stage log has no row
-- (crmguard_v_deal.stage_since, once per deal): an index-only seek (forced in the view: the
-- optimizer prefers SuiteCRM's idx_opportunities_parent_id and reads each audit row).  Bench
-- scale (363,000 deals, 800,000 audit rows): 1.03 s -> 0.66 s.
CREATE INDEX IF NOT EXISTS `IDX_CRMGUARD_STAGE_AUDIT`
    ON `opportunities_audit` (`parent_id`, `field_name`, `after_value_string`, `date_created`);

-- One manager's calls of a period (the dashlet: crmguard_v_inbound_call for one user and 30 days).
-- SuiteCRM's idx_calls_assigned_del starts with `deleted`, which the views read as
-- COALESCE(deleted, 0) and so cannot seek; without this the period's calls of every manager are
-- read.  Bench scale (1.1 M calls): the report for one manager and 30 days 350 ms -> 110 ms.
CREATE INDEX IF NOT EXISTS `IDX_CRMGUARD_CALL_USER_DATE`
    ON `calls` (`assigned_user_id`, `date_start`);
