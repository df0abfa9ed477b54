--TEST--
crmguard: Importer — default limits: a 100 MB field and a 1 GB line without a line end stop the import at their line (the limit: 64 MiB a row), after the rows before them
--EXTENSIONS--
crmguard
mysqli
--SKIPIF--
<?php
// under valgrind (run-tests -m) reading a gigabyte takes too long; scripts/test runs this file
// again without it
if (getenv('USE_ZEND_ALLOC') === '0') die('skip slow under valgrind');
?>
--FILE--
<?php
require __DIR__ . '/import.inc';
[$dsn, $db] = import_test_db('espocrm', 'import_size_limits_big');
$mb = str_repeat("0123456789abcdef", 65536); // 1 MiB

foreach (['field' => [100, 1], 'line' => [1024, 2]] as $what => [$size, $n]) {
    $csv = import_tmp("big-$what.csv");
    $f = fopen($csv, 'w');
    fwrite($f, "Name,Phone,Comment\nFirst {$what},8 913 30{$n} 00 01,ok\nSecond {$what},8 913 30{$n} 00 02,ok\n");
    if ($what === 'field') {
        fwrite($f, "Big Field,8 913 30{$n} 00 03,\"");
        for ($i = 0; $i < $size; $i++) {
            fwrite($f, $mb);
        }
        fwrite($f, "\"\nAfter,8 913 30{$n} 00 04,fine\n");
    } else {
        for ($i = 0; $i < $size; $i++) {
            fwrite($f, $mb);
        }
    }
    fclose($f);
    echo "$what: ", round(filesize($csv) / 1048576), " MiB\n";
    try {
        (new CrmGuard\Importer($db, 'espocrm', ['assign' => 'alexey.smirnov']))->run($csv);
        echo "imported?!\n";
    } catch (CrmGuard\CsvException $e) {
        echo str_replace(dirname($csv) . '/', '', $e->getMessage()), "\n";
    }
    unlink($csv);
    import_sql_lines($dsn, "SELECT GROUP_CONCAT(CONCAT(c.first_name, ' ', c.last_name) ORDER BY c.id SEPARATOR ', ')
        FROM contact c WHERE c.created_at > '2026-01-31'");
}
// the reader kept none of it: the process stays small (C memory is outside PHP's allocator)
var_dump(getrusage()['ru_maxrss'] / 1024 < 80);
?>
--EXPECT--
field: 100 MiB
big-field.csv: line 4: the row starting here is longer than 67108864 bytes, the limit (64 x max_field); nothing from this line on is read. Run the same import again with a larger max_field (--max-field) to go on: the rows already imported are skipped (or delete the row from the file: the rows before it then count as already in the CRM)
First field, Second field
line: 1024 MiB
big-line.csv: line 4: the row starting here is longer than 67108864 bytes, the limit (64 x max_field); nothing from this line on is read. Run the same import again with a larger max_field (--max-field) to go on: the rows already imported are skipped (or delete the row from the file: the rows before it then count as already in the CRM)
First field, Second field, First line, Second line
bool(true)

