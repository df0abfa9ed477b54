--TEST--
crmguard: the extension loads and declares its functions and classes
--EXTENSIONS--
crmguard
--FILE--
<?php
var_dump(extension_loaded('crmguard'));
var_dump(phpversion('crmguard') === '0.2.0');
foreach (['normalize_phone', 'normalize_phones', 'parse_phone', 'extract_phones', 'csv_cell', 'message_language'] as $f) {
    var_dump(function_exists("CrmGuard\\$f"));
}
foreach (['Exception', 'DbException', 'CsvException'] as $c) {
    var_dump(class_exists("CrmGuard\\$c"));
}
$ext = new ReflectionExtension('crmguard');
var_dump(array_keys($ext->getFunctions()));
// Every branch adds classes: check the ones known here, in the registration order.
$classes = array_keys($ext->getClasses());
var_dump(array_values(array_intersect($classes, ['CrmGuard\\Exception', 'CrmGuard\\DbException', 'CrmGuard\\CsvException', 'CrmGuard\\Connection', 'CrmGuard\\PhoneIndex'])));
var_dump($ext->getINIEntries());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
array(6) {
  [0]=>
  string(24) "CrmGuard\normalize_phone"
  [1]=>
  string(25) "CrmGuard\normalize_phones"
  [2]=>
  string(20) "CrmGuard\parse_phone"
  [3]=>
  string(23) "CrmGuard\extract_phones"
  [4]=>
  string(17) "CrmGuard\csv_cell"
  [5]=>
  string(25) "CrmGuard\message_language"
}
array(5) {
  [0]=>
  string(18) "CrmGuard\Exception"
  [1]=>
  string(20) "CrmGuard\DbException"
  [2]=>
  string(21) "CrmGuard\CsvException"
  [3]=>
  string(19) "CrmGuard\Connection"
  [4]=>
  string(19) "CrmGuard\PhoneIndex"
}
array(0) {
}
