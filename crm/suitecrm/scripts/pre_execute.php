<?php
/*
 * Runs inside ModuleInstaller::pre_execute() before anything is copied: without the extension,
 * the logic hooks would break every save, so the install stops here with the reason
 * (ModuleInstaller::abort shows it on the Module Loader page).
 */
require_once __DIR__ . '/../files/custom/include/CrmGuard/lib/Crm/autoload.php';

try {
    \CrmGuard\Crm\Guard::requireExtension();
} catch (\CrmGuard\Crm\ExtensionMissing $e) {
    $GLOBALS['log']->fatal($e->getMessage());
    $this->abort([$e->getMessage()]);
}
