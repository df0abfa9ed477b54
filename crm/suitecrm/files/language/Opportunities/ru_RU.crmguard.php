<?php
// crmguard's Opportunities labels (Russian): the deal's failure reason field.
$mod_strings['LBL_CRMGUARD_FAILURE_REASON'] = 'Причина неудачи';
