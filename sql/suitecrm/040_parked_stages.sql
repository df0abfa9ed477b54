-- Deal stages parked while crmguard is uninstalled: the process's own stages New and Calling are
-- only listed by the CRM while the package is installed, so before an uninstall
-- CrmGuard\Crm\Guard::parkDealStages() moves deals in them to the CRM's own first stages
-- (New -> Prospecting, Calling -> Qualification: the same probability) and records here what each
-- deal had; a reinstall (Guard::restoreDealStages()) puts back every deal still in the stage it was
-- parked in and empties the table.  `field` is the CRM column (EspoCRM stage and last_stage;
-- SuiteCRM sales_stage).  Idempotent; touches no CRM table.

CREATE TABLE IF NOT EXISTS `crmguard_parked_stage` (
  `deal_id` varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `field` varchar(64) NOT NULL,
  `stage` varchar(100) NOT NULL,
  `parked_as` varchar(100) NOT NULL,
  `parked_at` datetime NOT NULL,
  PRIMARY KEY (`deal_id`, `field`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
