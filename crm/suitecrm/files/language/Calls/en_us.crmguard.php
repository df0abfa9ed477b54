<?php
$mod_strings['LBL_CRMGUARD_CARD_COLOR'] = 'Card colour';
$mod_strings['LBL_CRMGUARD_CARD_OWNER'] = 'Number owner';
