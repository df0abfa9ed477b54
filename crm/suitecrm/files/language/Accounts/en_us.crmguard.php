<?php
// crmguard's Accounts labels (English): the company status field.
$mod_strings['LBL_CRMGUARD_STATUS'] = 'Company status';
