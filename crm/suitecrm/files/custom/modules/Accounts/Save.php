<?php
/*
 * crmguard: SuiteCRM 7.14.6 modules/Accounts/Save.php (lines 52-55) with AccountFormBase extended, not copied,
 * by crmguard's phone duplicate check (custom/include/CrmGuard/FormBases.php, PhoneDuplicates.php).
 * A deployment with its own custom/modules/Accounts/Save.php: see docs/install-suitecrm.md.
 */
if (!defined('sugarEntry') || !sugarEntry) {
    return; // not through SuiteCRM's entry point (SuiteCRM's own files die here; the Module Loader's scanner refuses exit)
}

require_once('custom/include/CrmGuard/FormBases.php');
$accountForm = new CrmGuardAccountFormBase();
$prefix = empty($_REQUEST['dup_checked']) ? '' : 'Accounts';
$accountForm->handleSave($prefix, true, false);
