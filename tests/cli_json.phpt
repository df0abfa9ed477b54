--TEST--
bin/crmguard normalize --json: one JSON object per line
--EXTENSIONS--
crmguard
--FILE--
<?php
require __DIR__ . '/cli.inc';

[$rc, $out, $err] = crmguard_cli(['normalize', '--json'],
    "8 (912) 345-67-89\r\n123\n\n+999 123 456 789\nтел. 8 912 345-67-89 доб. 5\n\xff89123456789\n/path\\x \"q\"");
var_dump($rc, $err);
echo $out;
foreach (explode("\n", rtrim($out, "\n")) as $line) {
    $o = json_decode($line, true, 4, JSON_THROW_ON_ERROR);
    if (array_keys($o) !== ['input', 'e164', 'valid', 'error']) {
        echo "bad keys: $line\n";
    }
}
[$rc, $out] = crmguard_cli(['normalize', '--json', '--region', 'DE'], '030 1234567');
var_dump($rc);
echo $out;
?>
--EXPECTF--
int(0)
string(0) ""
{"input":"8 (912) 345-67-89","e164":"+79123456789","valid":true,"error":null}
{"input":"123","e164":null,"valid":false,"error":"too_short"}
{"input":"","e164":null,"valid":false,"error":"empty"}
{"input":"+999 123 456 789","e164":null,"valid":false,"error":"invalid_country_code"}
{"input":"тел. 8 912 345-67-89 доб. 5","e164":"+79123456789","valid":true,"error":null}
{"input":"�89123456789",%s}
{"input":"/path\\x \"q\"","e164":null,"valid":false,"error":%s}
int(0)
{"input":"030 1234567","e164":"+49301234567","valid":true,"error":null}
