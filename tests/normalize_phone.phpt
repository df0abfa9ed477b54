--TEST--
CrmGuard\normalize_phone(): E.164 or null, region RU by default
--EXTENSIONS--
crmguard
--FILE--
<?php
use function CrmGuard\normalize_phone;

$ru = [
    '8 (912) 345-67-89', '+7 912 3456789', '89123456789', '9123456789',
    '+7 (912) 345-67-89', "8\u{00A0}912\u{00A0}345\u{00A0}67\u{00A0}89",
    "8\u{2011}912\u{2011}345\u{2011}67\u{2011}89", "8 (912) 345\u{2013}67\u{2013}89",
    "\u{FF18}\u{FF19}\u{FF11}\u{FF12}\u{FF13}\u{FF14}\u{FF15}\u{FF16}\u{FF17}\u{FF18}\u{FF19}",
    'тел. 8 912 345-67-89', '8 912 345-67-89 (моб.)',
    '8 912 345-67-89 доб. 123', '+7 912 345-67-89 ext. 45', '+7 912 345 67 89 x45',
];
foreach ($ru as $raw) {
    echo json_encode($raw), ' => ', var_export(normalize_phone($raw), true), "\n";
}
echo "--\n";
var_dump(normalize_phone('8 10 49 30 1234567'));
var_dump(normalize_phone('+375 29 123-45-67'));
var_dump(normalize_phone('+7 701 123 4567'));
var_dump(normalize_phone('8 701 123 4567', 'KZ'));
var_dump(normalize_phone('030 1234567', 'DE'));
var_dump(normalize_phone('030 1234567', 'de'));
var_dump(normalize_phone('89123456789', 'RU') === normalize_phone('89123456789'));
echo "-- invalid\n";
foreach (['', '   ', '123', 'call me maybe', '+999 123 456 789', '+7 012 345 67 89', '+7 912 345 67 89 123 456 789'] as $raw) {
    var_dump(normalize_phone($raw));
}
?>
--EXPECT--
"8 (912) 345-67-89" => '+79123456789'
"+7 912 3456789" => '+79123456789'
"89123456789" => '+79123456789'
"9123456789" => '+79123456789'
"+7 (912) 345-67-89" => '+79123456789'
"8\u00a0912\u00a0345\u00a067\u00a089" => '+79123456789'
"8\u2011912\u2011345\u201167\u201189" => '+79123456789'
"8 (912) 345\u201367\u201389" => '+79123456789'
"\uff18\uff19\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19" => '+79123456789'
"\u0442\u0435\u043b. 8 912 345-67-89" => '+79123456789'
"8 912 345-67-89 (\u043c\u043e\u0431.)" => '+79123456789'
"8 912 345-67-89 \u0434\u043e\u0431. 123" => '+79123456789'
"+7 912 345-67-89 ext. 45" => '+79123456789'
"+7 912 345 67 89 x45" => '+79123456789'
--
string(12) "+49301234567"
string(13) "+375291234567"
string(12) "+77011234567"
string(12) "+77011234567"
string(12) "+49301234567"
string(12) "+49301234567"
bool(true)
-- invalid
NULL
NULL
NULL
NULL
NULL
NULL
NULL
