--TEST--
crmguard: an unknown region is a ValueError naming the argument and the value
--EXTENSIONS--
crmguard
--FILE--
<?php
$calls = [
    'CrmGuard\normalize_phone' => '8 912 345 67 89',
    'CrmGuard\normalize_phones' => ['8 912 345 67 89'],
    'CrmGuard\parse_phone' => '8 912 345 67 89',
    'CrmGuard\extract_phones' => '8 912 345 67 89',
];
foreach ($calls as $f => $arg) {
    foreach (['XX', '', 'RUS', 'R', "R\0", '001', str_repeat("\xff", 1 << 20)] as $region) {
        try {
            $f($arg, $region);
            echo "no error\n";
        } catch (ValueError $e) {
            echo $e->getMessage(), "\n";
        }
    }
}
// Wrong types are TypeErrors, as for any internal function.
try {
    CrmGuard\normalize_phone([]);
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
try {
    CrmGuard\normalize_phones('x');
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
try {
    CrmGuard\parse_phone('x', 'RU', 1);
} catch (ArgumentCountError $e) {
    echo $e->getMessage(), "\n";
}
// Region codes are case-insensitive.
var_dump(CrmGuard\normalize_phone('89123456789', 'ru'));
?>
--EXPECT--
CrmGuard\normalize_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "XX" given
CrmGuard\normalize_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "" given
CrmGuard\normalize_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "RUS" given
CrmGuard\normalize_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "R" given
CrmGuard\normalize_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "R\x00" given
CrmGuard\normalize_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "001" given
CrmGuard\normalize_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF..." given
CrmGuard\normalize_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "XX" given
CrmGuard\normalize_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "" given
CrmGuard\normalize_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "RUS" given
CrmGuard\normalize_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "R" given
CrmGuard\normalize_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "R\x00" given
CrmGuard\normalize_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "001" given
CrmGuard\normalize_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF..." given
CrmGuard\parse_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "XX" given
CrmGuard\parse_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "" given
CrmGuard\parse_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "RUS" given
CrmGuard\parse_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "R" given
CrmGuard\parse_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "R\x00" given
CrmGuard\parse_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "001" given
CrmGuard\parse_phone(): Argument #2 ($region) must be a known ISO 3166 region code, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF..." given
CrmGuard\extract_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "XX" given
CrmGuard\extract_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "" given
CrmGuard\extract_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "RUS" given
CrmGuard\extract_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "R" given
CrmGuard\extract_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "R\x00" given
CrmGuard\extract_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "001" given
CrmGuard\extract_phones(): Argument #2 ($region) must be a known ISO 3166 region code, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF..." given
CrmGuard\normalize_phone(): Argument #1 ($raw) must be of type string, array given
CrmGuard\normalize_phones(): Argument #1 ($raw) must be of type array, string given
CrmGuard\parse_phone() expects at most 2 arguments, 3 given
string(12) "+79123456789"
