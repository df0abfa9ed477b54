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
