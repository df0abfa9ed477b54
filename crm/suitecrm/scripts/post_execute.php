<?php
/*
 * Runs inside ModuleInstaller::post_execute() (after copy, extensions and logic hooks; before the
 * custom fields, which need none of this): crmguard's own tables from sql/suitecrm and a full
 * phone index, on the database of config.php / config_override.php.  Idempotent.
 */
require_once __DIR__ . '/../files/custom/include/CrmGuard/lib/Crm/autoload.php';
require_once __DIR__ . '/../files/custom/include/CrmGuard/SuiteGuard.php';

(static function (): void {
    \CrmGuard\Crm\Guard::requireExtension();
    $result = \CrmGuardSuite::guard()->install(__DIR__ . '/../files/custom/include/CrmGuard/lib/sql');
    $GLOBALS['log']->info('crmguard: applied ' . implode(', ', $result['applied']) . '; phone index rebuilt');
})();
