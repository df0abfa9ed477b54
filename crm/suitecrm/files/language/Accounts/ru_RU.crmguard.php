<?php
$mod_strings['LBL_CRMGUARD_STATUS'] = 'Статус компании';
