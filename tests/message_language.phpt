--TEST--
CrmGuard\message_language(): the CRMs' language tags read by the one rule the extension's messages use (cg_lang_from_tag)
--EXTENSIONS--
crmguard
--FILE--
<?php
foreach (['ru', 'RU', 'ru_RU', 'ru-RU', 'ru_ru', 'en_us', 'en_US', 'de_DE', '', 'rus', 'r', 'uk_UA'] as $tag) {
    echo var_export($tag, true), ' -> ', CrmGuard\message_language($tag), "\n";
}
?>
--EXPECT--
'ru' -> ru
'RU' -> ru
'ru_RU' -> ru
'ru-RU' -> ru
'ru_ru' -> ru
'en_us' -> en
'en_US' -> en
'de_DE' -> en
'' -> en
'rus' -> en
'r' -> en
'uk_UA' -> en
