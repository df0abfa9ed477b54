--TEST--
bin/crmguard without the extension: re-runs PHP with it, or says how to get it
--EXTENSIONS--
crmguard
--FILE--
<?php
require __DIR__ . '/cli.inc';

// Not loaded and not found: a clear error, exit 1.
[$rc, $out, $err] = crmguard_cli(['normalize'], "89123456789\n", false, ['CRMGUARD_EXTENSION' => '/nonexistent/crmguard.so']);
var_dump($rc, $out);
echo str_replace(dirname(__DIR__), 'REPO', $err);

// Not loaded but found: the CLI re-runs PHP with -d extension=... and works.
[$rc, $out, $err] = crmguard_cli(['normalize'], "8 (912) 345-67-89\n", false, ['CRMGUARD_EXTENSION' => crmguard_so()]);
var_dump($rc, $out, $err);
// Exit codes pass through the re-run.
[$rc] = crmguard_cli(['frob'], '', false, ['CRMGUARD_EXTENSION' => crmguard_so()]);
var_dump($rc);
?>
--EXPECT--
int(1)
string(0) ""
crmguard: the crmguard extension is not loaded: build it with `phpize && ./configure && make` in REPO (or run scripts/test), or add extension=crmguard.so to php.ini
int(0)
string(13) "+79123456789
"
string(0) ""
int(2)
