--TEST--
crmguard: NUL bytes, invalid UTF-8 and megabyte strings do not crash
--EXTENSIONS--
crmguard
--INI--
memory_limit=512M
--FILE--
<?php
use function CrmGuard\{normalize_phone, normalize_phones, parse_phone, extract_phones};

$mb = 1 << 20;
$inputs = [
    'nul inside' => "8 912\0 345 67 89",
    'nuls' => str_repeat("\0", 64),
    'invalid utf-8' => "\xff\xfe8 912 345 67 89\xc3",
    'truncated utf-8' => "8 912 \xe2\x80 345 67 89",
    'overlong, surrogate' => "\xc0\xaf\xed\xa0\x80\xf8\x88\x80\x80\x80",
    '1 MB of digits' => str_repeat('8', $mb),
    '1 MB of spaces then a number' => str_repeat(' ', $mb) . '89123456789',
    '1 MB of numbers' => str_repeat('8 912 345 67 89, ', intdiv($mb, 17)),
    '1 MB of bytes' => implode('', array_map(fn ($i) => chr(($i * 131 + ($i >> 8)) & 0xff), range(0, $mb - 1))),
    '1 MB of fullwidth digits' => str_repeat("\u{FF18}", intdiv($mb, 3)),
];
foreach ($inputs as $name => $s) {
    $n = normalize_phone($s);
    $p = parse_phone($s);
    $b = normalize_phones([$s, $s]);
    $x = extract_phones($s);
    printf("%s: normalize %s, parse %s, batch %d, extract %d\n", $name,
        $n === null ? 'null' : 'string', $p['valid'] ? 'valid' : $p['error'], count($b), count($x));
}
// Many distinct numbers and repeats: each kept once, in order.
$text = '';
for ($i = 0; $i < 2000; $i++) {
    $text .= sprintf('8 912 %03d %02d %02d, ', 100 + $i % 500, 10 + $i % 90, 10 + intdiv($i, 90) % 90);
}
$numbers = extract_phones($text);
var_dump(count($numbers), count(array_unique($numbers)) === count($numbers), $numbers[0]);
$one = extract_phones(str_repeat('8 912 345 67 89, ', 10000));
var_dump($one);
?>
--EXPECTF--
nul inside: normalize %s, parse %s, batch 2, extract %d
nuls: normalize null, parse %s, batch 2, extract 0
invalid utf-8: normalize %s, parse %s, batch 2, extract %d
truncated utf-8: normalize %s, parse %s, batch 2, extract %d
overlong, surrogate: normalize null, parse %s, batch 2, extract 0
1 MB of digits: normalize null, parse %s, batch 2, extract %d
1 MB of spaces then a number: normalize null, parse %s, batch 2, extract 1
1 MB of numbers: normalize null, parse %s, batch 2, extract 1
1 MB of bytes: normalize null, parse %s, batch 2, extract %d
1 MB of fullwidth digits: normalize null, parse %s, batch 2, extract %d
int(2000)
bool(true)
string(12) "+79121001010"
array(1) {
  [0]=>
  string(12) "+79123456789"
}
