<?php
// crmguard's Calls labels (English): the call card's colour and number-owner fields.
$mod_strings['LBL_CRMGUARD_CARD_COLOR'] = 'Card colour';
$mod_strings['LBL_CRMGUARD_CARD_OWNER'] = 'Number owner';
