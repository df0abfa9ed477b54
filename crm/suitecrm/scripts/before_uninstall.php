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
 */
if (!empty($GLOBALS['mi_remove_tables'])) {
    foreach ($this->installdefs['custom_fields'] ?? [] as $crmguardField) {
        @unlink("custom/Extension/modules/{$crmguardField['module']}/Ext/Vardefs/_override_sugarfield_{$crmguardField['name']}.php");
    }
}
if (extension_loaded('crmguard') && class_exists(\CrmGuard\Crm\Guard::class, false)) {
    \CrmGuard\Crm\Guard::reset();
}
