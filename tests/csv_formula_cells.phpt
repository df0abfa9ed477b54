--TEST--
crmguard: no cell of the CSVs crmguard writes (rejects, report --csv, qc-sample --csv, audit --csv) starts with = + - @ tab or CR; CrmGuard\csv_cell is the rule
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/csv_outputs.inc';
foreach (['=1+1', '+7 912', '-1', '@A1', "\tx", "\rx", "'x", 'x', '', ' =1', 'a=1'] as $c) {
    echo json_encode($c), ' -> ', json_encode(CrmGuard\csv_cell($c)), "\n";
}
$dir = sys_get_temp_dir() . '/crmguard-csv-cells-' . getmypid();
mkdir($dir);
register_shutdown_function(static fn() => exec('rm -rf ' . escapeshellarg($dir)));
foreach (crmguard_csv_outputs($dir, 'csv_formula_cells') as $name => $path) {
    $bad = crmguard_csv_runnable_cells($path);
    $text = file_get_contents($path);
    printf("%-9s %d lines, runnable cells: %s; hostile text present: %s\n", $name, substr_count($text, "\n"),
        $bad ? json_encode($bad) : 'none', str_contains($text, 'evil.example') ? 'yes' : 'no');
}
echo "== --json and --csv together\n";
$dsn = crmguard_analytics_db('espocrm', name: 'csv_formula_cells');
foreach (['qc-sample', 'audit', 'report'] as $cmd) {
    [$rc, $out, $err] = crmguard_analytics_cli($dsn, 'espocrm', [$cmd, '--json', '--csv']);
    echo "$cmd: exit $rc: ", trim($err), "\n";
}
?>
--EXPECT--
"=1+1" -> "'=1+1"
"+7 912" -> "'+7 912"
"-1" -> "'-1"
"@A1" -> "'@A1"
"\tx" -> "'\tx"
"\rx" -> "'\rx"
"'x" -> "''x"
"x" -> "x"
"" -> ""
" =1" -> " =1"
"a=1" -> "a=1"
report    17 lines, runnable cells: none; hostile text present: yes
qc-sample 10 lines, runnable cells: none; hostile text present: yes
audit     33 lines, runnable cells: none; hostile text present: yes
rejects   7 lines, runnable cells: none; hostile text present: yes
== --json and --csv together
qc-sample: exit 2: crmguard: give --json or --csv, not both
Run 'crmguard qc-sample --help' for its options.
audit: exit 2: crmguard: give --json or --csv, not both
Run 'crmguard audit --help' for its options.
report: exit 2: crmguard: give --json or --csv, not both
Run 'crmguard report --help' for its options.
