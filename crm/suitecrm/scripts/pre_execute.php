<?php
/*
 * Runs inside ModuleInstaller::pre_execute(), the first step of ModuleInstaller::install()
 * (SuiteCRM ModuleInstall/ModuleInstaller.php 123-136, 247-255), before anything is copied.
 * Everything that can be checked before the install changes anything is checked here, so that
 * a refusal leaves SuiteCRM exactly as it was: the extension (without it the logic hooks would
 * break every save) and crmguard's connection to SuiteCRM's database (post_execute needs it).
 * CrmGuardSuite::abortInstaller() shows the reason on the Module Loader page.
 */
require_once __DIR__ . '/../files/custom/include/CrmGuard/lib/Crm/autoload.php';
require_once __DIR__ . '/../files/custom/include/CrmGuard/SuiteGuard.php';

try {
    \CrmGuard\Crm\Guard::requireExtension();
    \CrmGuardSuite::guard()->connection();
} catch (\Throwable $e) {
    \CrmGuardSuite::abortInstaller($this, $e instanceof \CrmGuard\Crm\ExtensionMissing ? $e->getMessage()
        : 'crmguard: cannot reach SuiteCRM\'s database: ' . $e->getMessage() . '. Nothing was installed.');
}
