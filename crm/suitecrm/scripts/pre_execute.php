<?php
/*
 * Runs inside ModuleInstaller::pre_execute(), the first step of ModuleInstaller::install()
 * (SuiteCRM ModuleInstall/ModuleInstaller.php 123-136, 247-255), before anything is copied.
 * Everything that can be checked before the install changes anything is checked here, so that
 * a refusal leaves SuiteCRM exactly as it was: the extension (without it the logic hooks would
 * break every save), its version (a crmguard.so older than this package: not upgraded, or PHP not
 * reloaded after it was), crmguard's connection to SuiteCRM's database (post_execute needs it),
 * and that the database's crmguard schema is not newer than this package (a downgrade:
 * crmguard_schema_version, CrmGuard\Schema).  CrmGuardSuite::abortInstaller() shows the reason on
 * the Module Loader page.
 *
 * The Module Loader itself does not refuse an older package: UpgradeHistory::determineIfUpgrade()
 * (modules/Administration/UpgradeHistory.php 133-154) reports a previous install only when the new
 * version is greater, and PackageManager::performInstall() (ModuleInstall/PackageManager/
 * PackageManager.php 626-640) then runs a plain install() over the newer files; so this check is
 * what refuses a downgrade.  Over an older crmguard it is an upgrade, install($dir, true,
 * $previous_version), the same steps (no upgrade_manifest): post_execute migrates the schema.
 */
require_once __DIR__ . '/../files/custom/include/CrmGuard/lib/Crm/autoload.php';
require_once __DIR__ . '/../files/custom/include/CrmGuard/SuiteGuard.php';

try {
    \CrmGuard\Crm\Guard::requireExtension();
    \CrmGuard\Schema::requireNotNewer(\CrmGuardSuite::guard()->connection(), 'suitecrm');
} catch (\Throwable $e) {
    \CrmGuard\Crm\Guard::reset();
    \CrmGuardSuite::abortInstaller($this, $e instanceof \CrmGuard\Crm\ExtensionMissing || $e instanceof \CrmGuard\Crm\ExtensionTooOld
        || $e instanceof \CrmGuard\SchemaTooNew ? $e->getMessage()
        : 'crmguard: cannot reach SuiteCRM\'s database: ' . $e->getMessage() . '. Nothing was installed.');
}
