<?php
/*
 * Runs inside ModuleInstaller::pre_uninstall() (installdefs 'pre_uninstall'; not named
 * scripts/pre_uninstall.php, which UpgradeWizard_commit.php 227-233 would include and call
 * pre_uninstall() in), $this being the ModuleInstaller.
 *
 * crmguard removes no data: its own tables (crmguard_phone, crmguard_stage_log, ...) stay, and
 * so do the custom fields' values unless the admin ticks "Remove tables" in the Module Loader:
 * SuiteCRM then drops the _c columns itself (ModuleInstaller::uninstall() 1697-1700 ->
 * DynamicField::deleteField()), which leaves the _override_sugarfield_<name>.php vardef files
 * that addFieldObject() wrote (DynamicField.php 681-785); those go here, before SuiteCRM's
 * rebuild at the end of uninstall().  crmguard's report views then read a missing column:
 * `crmguard report` says so (CrmGuard\Schema).  Also closes crmguard's cached connection before
 * the code disappears.
 *
 * The deal stages New and Calling are in sales_stage_dom only while crmguard's language files are
 * installed, so a deal left in them would show an empty stage and lose it on its next save: every
 * deal in New or Calling moves to SuiteCRM's own Prospecting or Qualification (the same
 * probability) and crmguard_parked_stage records what it had (CrmGuard\Crm\Guard::parkDealStages,
 * as in the EspoCRM package); installing again gives it back (post_execute).  pre_uninstall is the
 * first step of ModuleInstaller::uninstall() (1651-1663), so refusing here (abortInstaller(): the message on
 * the Module Loader page, then die, 2159-2166) leaves the package installed and listed.
 */
require_once __DIR__ . '/../files/custom/include/CrmGuard/lib/Crm/autoload.php';
require_once __DIR__ . '/../files/custom/include/CrmGuard/SuiteGuard.php';

if (!extension_loaded('crmguard')) {
    \CrmGuardSuite::abortInstaller($this, 'crmguard: the PHP extension "crmguard" is not loaded in this PHP (PHP ' . PHP_VERSION . '), so the deals in'
        . ' the stages New and Calling, which SuiteCRM lists only while crmguard is installed, cannot be moved to SuiteCRM\'s'
        . ' own stages before the uninstall. Load the extension again and uninstall, or first move them yourself:'
        . " UPDATE opportunities SET sales_stage = 'Prospecting' WHERE sales_stage = 'New';"
        . " UPDATE opportunities SET sales_stage = 'Qualification' WHERE sales_stage = 'Calling';");
}
try {
    $crmguardMoved = \CrmGuardSuite::guard()->parkDealStages();
    \CrmGuard\Crm\ReportSchedule::remove(\CrmGuardSuite::guard()->connection(), 'suitecrm');
    $GLOBALS['log']->info(sprintf('crmguard uninstall: %d deal(s) in New moved to Prospecting, %d in Calling to Qualification;'
        . ' installing crmguard again gives them their stage back.', $crmguardMoved['New'], $crmguardMoved['Calling']));
} catch (\Throwable $e) {
    \CrmGuard\Crm\Guard::reset();
    \CrmGuardSuite::abortInstaller($this, 'crmguard was not uninstalled: the deals in New and Calling could not be moved'
        . ' to SuiteCRM\'s own stages: ' . $e->getMessage());
}
if (!empty($GLOBALS['mi_remove_tables'])) {
    // The report views read the _c columns SuiteCRM is about to drop; left in place they would break
    // every mysqldump of the CRM's database. A reinstall (or `crmguard schema apply`) makes them again.
    try {
        \CrmGuard\Schema::dropViews(\CrmGuardSuite::guard()->connection());
    } catch (\Throwable $e) {
        $GLOBALS['log']->fatal('crmguard uninstall: could not drop crmguard\'s report views: ' . $e->getMessage());
    }
    foreach ($this->installdefs['custom_fields'] ?? [] as $crmguardField) {
        @unlink("custom/Extension/modules/{$crmguardField['module']}/Ext/Vardefs/_override_sugarfield_{$crmguardField['name']}.php");
    }
}
\CrmGuard\Crm\Guard::reset();
