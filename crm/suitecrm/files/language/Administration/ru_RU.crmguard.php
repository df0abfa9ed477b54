<?php
// crmguard's Administration labels (Russian): the connector tokens page.
$mod_strings['LBL_CRMGUARD_ADMIN_HEADER'] = 'crmguard';
$mod_strings['LBL_CRMGUARD_ADMIN_DESC'] = 'Телефония: подключения карточки звонка crmguard';
$mod_strings['LBL_CRMGUARD_TOKENS_TITLE'] = 'Токены подключений';
$mod_strings['LBL_CRMGUARD_TOKENS_DESC'] = 'Создание и отзыв токенов, с которыми АТС (3CX, Asterisk, iTooLabs, Zadarma) запрашивают карточку звонка';
$mod_strings['LBL_CRMGUARD_TOKENS_HELP'] = 'Токен позволяет одному подключению телефонии запрашивать карточку звонка без входа в CRM. Он читает данные от имени выбранного здесь пользователя: видит цвет и менеджера любого номера, а названия записей — только те, что этот пользователь может читать. Токен показывается один раз, при создании; хранится только его SHA-256. Утёкший токен отзовите и создайте новый.';
$mod_strings['LBL_CRMGUARD_TOKENS_NAME'] = 'Имя';
$mod_strings['LBL_CRMGUARD_TOKENS_USER'] = 'Читает как пользователь';
$mod_strings['LBL_CRMGUARD_TOKENS_CREATED_AT'] = 'Создан (UTC)';
$mod_strings['LBL_CRMGUARD_TOKENS_LAST_USED'] = 'Последнее использование (UTC)';
$mod_strings['LBL_CRMGUARD_TOKENS_NEVER'] = 'никогда';
$mod_strings['LBL_CRMGUARD_TOKENS_NONE'] = 'Токенов нет.';
$mod_strings['LBL_CRMGUARD_TOKENS_NEW'] = 'Новый токен';
$mod_strings['LBL_CRMGUARD_TOKENS_CREATE'] = 'Создать';
$mod_strings['LBL_CRMGUARD_TOKENS_REVOKE'] = 'Отозвать';
$mod_strings['LBL_CRMGUARD_TOKENS_CREATED'] = 'Токен «%s» создан. Скопируйте его сейчас в настройки подключения: больше он показан не будет.';
$mod_strings['LBL_CRMGUARD_TOKENS_REVOKED'] = 'Токен «%s» отозван.';
$mod_strings['LBL_CRMGUARD_TOKENS_UNKNOWN'] = 'Токена с именем «%s» нет.';
$mod_strings['LBL_CRMGUARD_TOKENS_ADMIN_ONLY'] = 'Токенами подключений может управлять только администратор.';
$mod_strings['LBL_CRMGUARD_TOKENS_FORM_EXPIRED'] = 'Форма устарела: обновите страницу и повторите.';
$mod_strings['LBL_CRMGUARD_TOKENS_UNAVAILABLE'] = 'crmguard недоступен (подробности в журнале).';
