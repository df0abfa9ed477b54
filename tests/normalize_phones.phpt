--TEST--
CrmGuard\normalize_phones(): batch, keys kept, ints read as decimal, other types null
--EXTENSIONS--
crmguard
--FILE--
<?php
$ref = '+375 29 123-45-67';
$in = [
    'a' => '8 (912) 345-67-89',
    7 => 89123456789,
    'int_no_trunk' => 9123456789,
    -3 => 'not a phone',
    'float' => 89123456789.0,
    'null' => null,
    'bool' => true,
    'array' => ['89123456789'],
    'object' => new stdClass(),
    'ref' => &$ref,
    0 => '+7 701 123 4567',
    'empty' => '',
];
var_dump(CrmGuard\normalize_phones($in));
var_dump(CrmGuard\normalize_phones([]));
var_dump(CrmGuard\normalize_phones(['030 1234567', 'not a phone'], 'DE'));
// The input is not changed.
var_dump($in['a'], $ref);
?>
--EXPECT--
array(12) {
  ["a"]=>
  string(12) "+79123456789"
  [7]=>
  string(12) "+79123456789"
  ["int_no_trunk"]=>
  string(12) "+79123456789"
  [-3]=>
  NULL
  ["float"]=>
  NULL
  ["null"]=>
  NULL
  ["bool"]=>
  NULL
  ["array"]=>
  NULL
  ["object"]=>
  NULL
  ["ref"]=>
  string(13) "+375291234567"
  [0]=>
  string(12) "+77011234567"
  ["empty"]=>
  NULL
}
array(0) {
}
array(2) {
  [0]=>
  string(12) "+49301234567"
  [1]=>
  NULL
}
string(17) "8 (912) 345-67-89"
string(17) "+375 29 123-45-67"
