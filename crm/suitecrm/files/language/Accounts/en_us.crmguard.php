<?php
$mod_strings['LBL_CRMGUARD_STATUS'] = 'Company status';
