--TEST--
crmguard: Importer — a 50 MB field rejects its row (memory stays bounded) and the rows after it import
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
[$dsn, $db] = import_test_db('espocrm', 'import_big_field');
$csv = import_tmp('big.csv');
$f = fopen($csv, 'w');
fwrite($f, "Name,Phone,Comment\nFirst Row,8 912 400 00 01,ok\nHuge Comment,8 912 400 00 02,\"");
$chunk = str_repeat("0123456789abcdef\n", 65536); // 1 MiB, 65536 lines
for ($i = 0; $i < 50; $i++) {
    fwrite($f, $chunk);
}
fwrite($f, "\"\nAfter Huge,8 912 400 00 03,fine\n");
fclose($f);
echo filesize($csv), " bytes\n";

$r = (new CrmGuard\Importer($db, 'espocrm', ['assign' => 'alexey.smirnov']))->run($csv);
import_show($r);
$rej = file($r['rejects_file'], FILE_IGNORE_NEW_LINES);
echo count($rej), " rejects lines\n", $rej[1], "\n";
import_sql_lines($dsn, "SELECT c.first_name, c.last_name, c.description FROM contact c
    WHERE c.created_at > '2026-01-31' ORDER BY c.id");
// the rows after the field carry their real line numbers
import_sql_lines($dsn, "SELECT line FROM crmguard_import_row ORDER BY line");
// C memory is outside PHP's allocator: getrusage() shows the process peak (well below the 50 MB field)
$peak_mb = getrusage()['ru_maxrss'] / 1024;
// (under valgrind, run-tests -m, the process is valgrind: its size says nothing)
var_dump(getenv("USE_ZEND_ALLOC") === "0" || $peak_mb < 45);
?>
--EXPECT--
55705712 bytes
{"rows_read":3,"contacts_created":2,"deals_created":2,"tasks_created":2,"companies_created":0,"companies_reused":0,"duplicates_in_file":0,"duplicates_in_crm":0,"invalid_phone":0,"malformed_rows":1,"manager_errors":0,"already_imported":0,"rejected_rows":1,"dry_run":false,"encoding":"utf-8","delimiter":",","batches":1,"write_method":"load_data","connections":3,"bytes":55705712}
2 rejects lines
Huge Comment,8 912 400 00 02,,3,"field 3 is 55705600 bytes long, over the limit of 1048576 bytes (left out here)"
First | Row | ok
After | Huge | fine
2
3276804
bool(true)
