<?php
// crmguard's Opportunities labels (English): the deal's failure reason field.
$mod_strings['LBL_CRMGUARD_FAILURE_REASON'] = 'Failure reason';
