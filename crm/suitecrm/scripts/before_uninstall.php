<?php
/*
 * Runs inside ModuleInstaller::pre_uninstall().  crmguard removes no data: its own tables
 * (crmguard_phone, crmguard_stage_log, ...) stay, and so do the custom fields' values unless the
 * admin ticks "Remove tables" in the Module Loader (SuiteCRM then drops the _c columns itself).
 * This only closes crmguard's cached connection before the code disappears.
 *
 * Not named scripts/pre_uninstall.php: the Module Loader includes a file of that name itself and
 * then calls a function pre_uninstall() (modules/Administration/UpgradeWizard_commit.php 227-233,
 * the name from UpgradeWizardCommon.php 75); the manifest's pre_uninstall list is the one place
 * this runs from.
 */
if (extension_loaded('crmguard') && class_exists(\CrmGuard\Crm\Guard::class, false)) {
    \CrmGuard\Crm\Guard::reset();
}
