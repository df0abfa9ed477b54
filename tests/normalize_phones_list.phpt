--TEST--
CrmGuard\normalize_phones(): lists (filled in place), lists with holes, references, appending after
--EXTENSIONS--
crmguard
--FILE--
<?php
$ref = '8 (495) 123-45-67';
$list = ['8 (912) 345-67-89', 89123456789, &$ref, null, 'not a phone', '+7 912 345-67-89 доб. 12', ''];
$r = CrmGuard\normalize_phones($list);
var_dump($r);
$r[] = 'appended';
var_dump(array_key_last($r));

// A list with a hole keeps its keys.
$holes = ['89123456789', 'x', '+79123456789'];
unset($holes[1]);
var_dump(CrmGuard\normalize_phones($holes));
var_dump(CrmGuard\normalize_phones([0 => '89123456789', 5 => '9123456789']));

// The same answers as one call per element, on many list elements.
$many = [];
for ($i = 0; $i < 2000; $i++) {
    $many[] = sprintf($i % 3 ? '8 (9%02d) %03d-%02d-%02d' : '+7%03d%07d', $i % 100, $i, $i % 97, $i % 89);
}
$batch = CrmGuard\normalize_phones($many);
$same = 0;
foreach ($many as $k => $s) {
    $same += $batch[$k] === CrmGuard\normalize_phone($s);
}
var_dump(count($batch), $same, array_is_list($batch));
?>
--EXPECT--
array(7) {
  [0]=>
  string(12) "+79123456789"
  [1]=>
  string(12) "+79123456789"
  [2]=>
  string(12) "+74951234567"
  [3]=>
  NULL
  [4]=>
  NULL
  [5]=>
  string(12) "+79123456789"
  [6]=>
  NULL
}
int(7)
array(2) {
  [0]=>
  string(12) "+79123456789"
  [2]=>
  string(12) "+79123456789"
}
array(2) {
  [0]=>
  string(12) "+79123456789"
  [5]=>
  string(12) "+79123456789"
}
int(2000)
int(2000)
bool(true)
