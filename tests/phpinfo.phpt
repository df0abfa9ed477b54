--TEST--
crmguard: phpinfo() section (version, phone metadata, regions; no secrets)
--EXTENSIONS--
crmguard
--ENV--
CRMGUARD_DB=mysql://crmguard:s3cret-pw@localhost/espocrm
--FILE--
<?php
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
// The crmguard section: from its title to the next blank line pair.
if (!preg_match('/^crmguard\n\n(.*?)\n\n/ms', $info, $m)) {
    echo "no crmguard section\n";
    exit;
}
$section = $m[1];
echo preg_replace(['/^(Phone regions => )\d+$/m', '/^(MariaDB client library => ).+$/m', '/^(libcsv => ).+$/m'],
    ['$1N', '$1X', '$1X'], $section), "\n";
preg_match('/^Phone regions => (\d+)$/m', $section, $r);
var_dump((int) $r[1] > 200);
var_dump(stripos($section, 's3cret') === false, stripos($section, 'pass') === false);
// ReflectionExtension::info() prints the same.
ob_start();
(new ReflectionExtension('crmguard'))->info();
var_dump(str_contains(ob_get_clean(), 'Phone metadata source => libphonenumber 8.12.57'));
?>
--EXPECT--
crmguard support => enabled
Version => 0.2.0
Phone metadata source => libphonenumber 8.12.57
Phone regions => N
Default region => RU
MariaDB client library => X
Persistent database links => 0
libcsv => X
bool(true)
bool(true)
bool(true)
bool(true)
