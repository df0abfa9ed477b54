<?php
// crmguard's Calls labels (Russian): the call card's colour and number-owner fields.
$mod_strings['LBL_CRMGUARD_CARD_COLOR'] = 'Цвет карточки';
$mod_strings['LBL_CRMGUARD_CARD_OWNER'] = 'Владелец номера';
