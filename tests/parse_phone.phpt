--TEST--
CrmGuard\parse_phone(): every field, valid and invalid numbers
--EXTENSIONS--
crmguard
--FILE--
<?php
use function CrmGuard\parse_phone;

var_dump(parse_phone('8 (912) 345-67-89'));
var_dump(parse_phone('8 (495) 123-45-67 доб. 2'));
var_dump(parse_phone('+7 701 123 4567'));
var_dump(parse_phone('8 10 49 30 1234567'));
echo "-- extensions\n";
foreach (['8 912 345-67-89 доб. 123', '+7 495 123-45-67 ext. 45', '+7 495 123 45 67 x45'] as $raw) {
    $p = parse_phone($raw);
    echo $p['e164'], ' ext ', $p['extension'], "\n";
}
echo "-- errors\n";
foreach (['', '  -  ', '123', '+7 912 345 67 89 123 456 789', '+999 123 456 789',
          'call me maybe', '+7 012 345 67 89'] as $raw) {
    $p = parse_phone($raw);
    printf("%s: valid=%s e164=%s error=%s keys=%s\n", json_encode($raw), var_export($p['valid'], true),
        var_export($p['e164'], true), var_export($p['error'], true), implode(',', array_keys($p)));
    // Empty strings are reported as null, never as ''.
    foreach ($p as $k => $v) {
        if ($v === '') {
            echo "  $k is an empty string\n";
        }
    }
}
?>
--EXPECT--
array(7) {
  ["e164"]=>
  string(12) "+79123456789"
  ["country_code"]=>
  int(7)
  ["region"]=>
  string(2) "RU"
  ["national"]=>
  string(10) "9123456789"
  ["extension"]=>
  NULL
  ["valid"]=>
  bool(true)
  ["error"]=>
  NULL
}
array(7) {
  ["e164"]=>
  string(12) "+74951234567"
  ["country_code"]=>
  int(7)
  ["region"]=>
  string(2) "RU"
  ["national"]=>
  string(10) "4951234567"
  ["extension"]=>
  string(1) "2"
  ["valid"]=>
  bool(true)
  ["error"]=>
  NULL
}
array(7) {
  ["e164"]=>
  string(12) "+77011234567"
  ["country_code"]=>
  int(7)
  ["region"]=>
  string(2) "KZ"
  ["national"]=>
  string(10) "7011234567"
  ["extension"]=>
  NULL
  ["valid"]=>
  bool(true)
  ["error"]=>
  NULL
}
array(7) {
  ["e164"]=>
  string(12) "+49301234567"
  ["country_code"]=>
  int(49)
  ["region"]=>
  string(2) "DE"
  ["national"]=>
  string(9) "301234567"
  ["extension"]=>
  NULL
  ["valid"]=>
  bool(true)
  ["error"]=>
  NULL
}
-- extensions
+79123456789 ext 123
+74951234567 ext 45
+74951234567 ext 45
-- errors
"": valid=false e164=NULL error='empty' keys=e164,country_code,region,national,extension,valid,error
"  -  ": valid=false e164=NULL error='empty' keys=e164,country_code,region,national,extension,valid,error
"123": valid=false e164=NULL error='too_short' keys=e164,country_code,region,national,extension,valid,error
"+7 912 345 67 89 123 456 789": valid=false e164=NULL error='too_long' keys=e164,country_code,region,national,extension,valid,error
"+999 123 456 789": valid=false e164=NULL error='invalid_country_code' keys=e164,country_code,region,national,extension,valid,error
"call me maybe": valid=false e164=NULL error='not_a_number' keys=e164,country_code,region,national,extension,valid,error
"+7 012 345 67 89": valid=false e164=NULL error='invalid_for_region' keys=e164,country_code,region,national,extension,valid,error
