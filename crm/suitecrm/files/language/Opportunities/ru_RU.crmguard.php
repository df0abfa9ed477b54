<?php
$mod_strings['LBL_CRMGUARD_FAILURE_REASON'] = 'Причина неудачи';
