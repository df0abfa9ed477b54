--TEST--
CrmGuard\extract_phones(): distinct valid numbers of a free-text cell, in order
--EXTENSIONS--
crmguard
--FILE--
<?php
use function CrmGuard\extract_phones;

$texts = [
    '8-912-345-67-89, 8 (495) 123-45-67 доб. 2',
    '8 912 345 67 89 или 8 912 345 67 90',
    '89123456789/89123456790',
    '8 912 345 67 89; 8 912 345 67 90',
    "8 912 345 67 89\n8 912 345 67 90\r\n+375 29 123-45-67",
    // repeats are kept once, at their first place
    '8 912 345 67 90, +7 912 345-67-89, 89123456790, 8 (912) 345-67-89',
    // invalid parts are left out
    '123, 8 912 345 67 89, call me',
    '',
    'no numbers here',
];
foreach ($texts as $t) {
    echo json_encode(extract_phones($t)), "\n";
}
echo json_encode(extract_phones('030 1234567; +7 912 345 67 89', 'DE')), "\n";
// A list: keys 0..n-1.
var_dump(array_is_list(extract_phones('89123456789, 89123456790, 89123456789')));
?>
--EXPECT--
["+79123456789","+74951234567"]
["+79123456789","+79123456790"]
["+79123456789","+79123456790"]
["+79123456789","+79123456790"]
["+79123456789","+79123456790","+375291234567"]
["+79123456790","+79123456789"]
["+79123456789"]
[]
[]
["+49301234567","+79123456789"]
bool(true)
