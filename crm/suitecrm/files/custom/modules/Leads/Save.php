<?php
/*
 * crmguard: SuiteCRM 7.14.6 modules/Leads/Save.php (lines 45-47) with LeadFormBase extended, not copied,
 * by crmguard's phone duplicate check (custom/include/CrmGuard/FormBases.php, PhoneDuplicates.php).
 * A deployment with its own custom/modules/Leads/Save.php: see docs/install-suitecrm.md.
 */
if (!defined('sugarEntry') || !sugarEntry) {
    return; // not through SuiteCRM's entry point (SuiteCRM's own files die here; the Module Loader's scanner refuses exit)
}

require_once('custom/include/CrmGuard/FormBases.php');
$leadForm = new CrmGuardLeadFormBase();
$leadForm->handleSave('', true, false);
