<?php
// index.php?module=Administration&action=CrmGuardTokens: crmguard's connector tokens (custom/include/CrmGuard/TokenAdmin.php).
if (!defined('sugarEntry') || !sugarEntry) {
    return; // not through SuiteCRM's entry point (SuiteCRM's own files die here; the Module Loader's scanner refuses exit)
}
require_once __DIR__ . '/../../include/CrmGuard/TokenAdmin.php';
CrmGuardTokenAdmin::page();
