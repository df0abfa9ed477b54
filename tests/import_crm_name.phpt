--TEST--
crmguard: Importer names its CRM as PhoneIndex does (cg_crm_from_name: either case), reads its options once
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
[$dsn, $db] = import_test_db('espocrm', 'import_crm_name');
$csv = import_tmp('names.csv');
file_put_contents($csv, "Имя,Телефон\nИван,8 912 700 00 01\n");

echo "== 'EspoCRM' is espocrm\n";
$r = (new CrmGuard\Importer($db, 'EspoCRM', ['assign' => 'alexey.smirnov', 'dry_run' => true]))->run($csv);
echo $r['rows_read'], " read, ", $r['contacts_created'], " to create, write_method ", $r['write_method'], "\n";

echo "== an unknown CRM is refused by the constructor\n";
try {
    new CrmGuard\Importer($db, 'vtiger');
} catch (ValueError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}

echo "== options are checked once, by the constructor; run() uses what it read\n";
try {
    new CrmGuard\Importer($db, 'espocrm', ['task_due' => 'not a date at all']);
} catch (ValueError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
$i = new CrmGuard\Importer($db, 'espocrm', ['assign' => 'alexey.smirnov', 'dry_run' => true, 'task_due' => '+2 days']);
echo $i->run($csv)['rows_read'], " read; again: ", $i->run($csv)['rows_read'], " read\n";
?>
--EXPECT--
== 'EspoCRM' is espocrm
1 read, 1 to create, write_method none
== an unknown CRM is refused by the constructor
ValueError: CrmGuard\Importer::__construct(): Argument #2 ($crm) must be "espocrm" or "suitecrm"
== options are checked once, by the constructor; run() uses what it read
ValueError: CrmGuard\Importer::__construct(): Argument #3 ($options) option "task_due" must be seconds from now or a relative date such as "+1 day"
1 read; again: 1 read
