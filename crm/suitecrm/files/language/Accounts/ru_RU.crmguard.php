<?php
// crmguard's Accounts labels (Russian): the company status field.
$mod_strings['LBL_CRMGUARD_STATUS'] = 'Статус компании';
