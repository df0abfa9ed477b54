<?php
$mod_strings['LBL_CRMGUARD_CARD_COLOR'] = 'Цвет карточки';
$mod_strings['LBL_CRMGUARD_CARD_OWNER'] = 'Владелец номера';
