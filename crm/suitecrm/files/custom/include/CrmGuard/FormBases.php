<?php
/*
 * The FormBase classes of the edit form's Save.php (custom/modules/<M>/Save.php), each SuiteCRM's
 * own class extended — not copied — with crmguard's phone duplicate check
 * (PhoneDuplicates.php): SuiteCRM's checkForDuplicates() answer plus the phone holders.
 * Loaded with require_once by the three Save.php files, so it is declared once a request.
 */
if (!defined('sugarEntry') || !sugarEntry) {
    return; // not through SuiteCRM's entry point (SuiteCRM's own files die here; the Module Loader's scanner refuses exit)
}

require_once('custom/include/CrmGuard/PhoneDuplicates.php');

require_once('modules/Contacts/ContactFormBase.php');

class CrmGuardContactFormBase extends ContactFormBase
{
    use CrmGuardPhoneDuplicates;

    public function checkForDuplicates($prefix = '')
    {
        return $this->crmguardPhoneDuplicates(parent::checkForDuplicates($prefix), $prefix, 'Contacts');
    }
}

require_once('modules/Leads/LeadFormBase.php');

class CrmGuardLeadFormBase extends LeadFormBase
{
    use CrmGuardPhoneDuplicates;

    public function checkForDuplicates($prefix = '')
    {
        return $this->crmguardPhoneDuplicates(parent::checkForDuplicates($prefix), $prefix, 'Leads');
    }
}

require_once('modules/Accounts/AccountFormBase.php');

class CrmGuardAccountFormBase extends AccountFormBase
{
    use CrmGuardPhoneDuplicates;

    public function checkForDuplicates($prefix)
    {
        return $this->crmguardPhoneDuplicates(parent::checkForDuplicates($prefix), $prefix, 'Accounts');
    }
}
