<?php
/*
 * Runs inside ModuleInstaller::pre_uninstall() (installdefs 'pre_uninstall'; not named
 * scripts/pre_uninstall.php, which UpgradeWizard_commit.php 227-233 would include and call
 * pre_uninstall() in).  crmguard removes no data: its own tables
 * (crmguard_phone, crmguard_stage_log, ...) stay, and so do the custom fields' values unless the
 * admin ticks "Remove tables" in the Module Loader (SuiteCRM then drops the _c columns itself).
 * This only closes crmguard's cached connection before the code disappears.
 */
if (extension_loaded('crmguard') && class_exists(\CrmGuard\Crm\Guard::class, false)) {
    \CrmGuard\Crm\Guard::reset();
}
