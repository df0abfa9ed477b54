--TEST--
bin/crmguard normalize: one output line per input line
--EXTENSIONS--
crmguard
--FILE--
<?php
require __DIR__ . '/cli.inc';

function show(array $r): void
{
    [$rc, $out, $err] = $r;
    echo "exit $rc\n", 'stdout ', json_encode($out), "\n", 'stderr ', json_encode($err), "\n";
}

// LF, CRLF, blank and invalid lines, a last line without a line end.
show(crmguard_cli(['normalize'], "8 (912) 345-67-89\r\n+7 912 3456789\n\nnot a phone\n89123456789\r\n9123456789"));
// No input: no output.
show(crmguard_cli(['normalize'], ''));
// A lone line end is one (empty) line.
show(crmguard_cli(['normalize'], "\n"));
// --region, both spellings.
show(crmguard_cli(['normalize', '--region', 'DE'], "030 1234567\n"));
show(crmguard_cli(['normalize', '--region=kz'], "8 701 123 4567\n"));
// An unknown region is a failure (exit 1), not a usage error.
show(crmguard_cli(['normalize', '--region', 'XX'], "89123456789\n"));
// A missing value, an unknown option, an argument: usage errors (exit 2).
show(crmguard_cli(['normalize', '--region'], ''));
show(crmguard_cli(['normalize', '--frob'], ''));
show(crmguard_cli(['normalize', 'file.txt'], ''));

// Huge lines, NUL bytes and invalid UTF-8 still give one line each.
$in = str_repeat('8', 3 << 20) . "\n" . "89123456789\0\n" . "\xff\xfe89123456789\n" . str_repeat("\xd0", 100000) . "\n+375 29 123-45-67";
[$rc, $out, $err] = crmguard_cli(['normalize'], $in);
var_dump($rc, substr_count($out, "\n"), explode("\n", $out)[0], explode("\n", $out)[4], $err);

// Many lines: the order is kept across batches.
$lines = [];
for ($i = 0; $i < 10000; $i++) {
    $lines[] = $i % 3 ? sprintf('8 912 %07d', $i) : 'junk';
}
[$rc, $out] = crmguard_cli(['normalize'], implode("\n", $lines) . "\n");
$got = explode("\n", substr($out, 0, -1)); // one "\n" per line; the last line is empty
$ok = count($got) === 10000;
foreach ($got as $i => $e164) {
    $ok = $ok && $e164 === ($i % 3 ? sprintf('+7912%07d', $i) : '');
}
var_dump($rc, $ok);
?>
--EXPECT--
exit 0
stdout "+79123456789\n+79123456789\n\n\n+79123456789\n+79123456789\n"
stderr ""
exit 0
stdout ""
stderr ""
exit 0
stdout "\n"
stderr ""
exit 0
stdout "+49301234567\n"
stderr ""
exit 0
stdout "+77011234567\n"
stderr ""
exit 1
stdout ""
stderr "crmguard: unknown region \"XX\": use an ISO 3166 alpha-2 code such as RU, KZ, BY\n"
exit 2
stdout ""
stderr "crmguard: option '--region' needs a value\nRun 'crmguard normalize --help' for its options.\n"
exit 2
stdout ""
stderr "crmguard: unknown option '--frob'\nRun 'crmguard normalize --help' for its options.\n"
exit 2
stdout ""
stderr "crmguard: unexpected argument 'file.txt' (input is read from standard input)\nRun 'crmguard normalize --help' for its options.\n"
int(0)
int(5)
string(0) ""
string(13) "+375291234567"
string(0) ""
int(0)
bool(true)
