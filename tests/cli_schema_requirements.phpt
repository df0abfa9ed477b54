--TEST--
crmguard schema apply on a CRM without crmguard's custom fields: one sentence saying what to install, nothing applied; the "-- crmguard:requires" lists are complete; report, qc-sample and audit after the fields are gone (SuiteCRM "Remove tables") say why
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/cli.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';

$objects = fn (string $dsn) => implode(', ', array_column(crmguard_test_sql($dsn,
    "SELECT TABLE_NAME t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'crmguard\\_%'
     UNION SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME LIKE 'crmguard\\_%' ORDER BY 1"), 't')) ?: 'none';
// The columns each CRM's own table must get for the views: exactly what the requires lines name.
$add = ['suitecrm' => 'ALTER TABLE opportunities_cstm ADD COLUMN crmguard_failure_reason_c varchar(100) NULL',
    'espocrm' => 'ALTER TABLE opportunity ADD COLUMN c_crmguard_failure_reason varchar(255) NULL'];

foreach (['suitecrm', 'espocrm'] as $crm) {
    echo "== $crm without crmguard's fields\n";
    echo "requires: ", implode(' ', CrmGuard\Schema::requirements($crm)), "\n";
    $dsn = crmguard_test_db($crm, ['schema.sql']);
    [$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm', $crm, '--db', $dsn]);
    echo "exit $rc, ", substr_count(trim($err), "\n") + 1, " line: ", trim($err), "\n";
    echo "crmguard objects: ", $objects($dsn), "\n";
    // Complete: with only the named columns added to the CRM's own schema, everything applies.
    crmguard_test_sql($dsn, $add[$crm]);
    [$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm', $crm, '--db', $dsn, '--json']);
    echo "with only those columns: exit $rc, applied ", count(json_decode($out, true)['applied'] ?? []), " files $err\n";
}

echo "== a failing file leaves nothing it created\n";
$dsn = crmguard_test_db('suitecrm', ['schema.sql', 'crmguard-fields.sql']);
crmguard_test_sql($dsn, 'CREATE TABLE crmguard_v_deal (x int)');
[$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm', 'suitecrm', '--db', $dsn]);
echo "exit $rc: ", preg_replace('/\(mysql:[^)]*\)/', '(DSN)', trim($err)), "\n";
echo "crmguard objects: ", $objects($dsn), "\n";

echo "== SuiteCRM after an uninstall with \"Remove tables\"\n";
$dsn = crmguard_test_db('suitecrm');
crmguard_cli(['schema', 'apply', '--crm', 'suitecrm', '--db', $dsn]);
[$rc] = crmguard_cli(['report', '--crm', 'suitecrm', '--db', $dsn, '--json']);
echo "report before: exit $rc\n";
// What SuiteCRM's uninstall_custom_fields() does to the column (DynamicField::deleteField).
crmguard_test_sql($dsn, 'ALTER TABLE opportunities_cstm drop COLUMN crmguard_failure_reason_c');
try {
    crmguard_test_sql($dsn, 'SELECT COUNT(*) FROM crmguard_v_deal');
} catch (mysqli_sql_exception $e) {
    echo "the view: [", $e->getCode(), "]\n";
}
foreach (['report', 'qc-sample', 'audit'] as $cmd) {
    [$rc, $out, $err] = crmguard_cli([$cmd, '--crm', 'suitecrm', '--db', $dsn]);
    echo "$cmd: exit $rc, ", trim($err), "\n";
}
// The company status column goes too: the call card reads it.
crmguard_cli(['index', 'rebuild', '--crm', 'suitecrm', '--db', $dsn]);
crmguard_test_sql($dsn, 'ALTER TABLE accounts_cstm drop COLUMN crmguard_status_c');
[$rc, $out, $err] = crmguard_cli(['lookup', '+74951234567', '--caller', '1', '--crm', 'suitecrm', '--db', $dsn]);
echo "lookup: exit $rc, ", str_replace(crmguard_test_db_name($dsn), 'DB', preg_replace('/socket=[^)]*/', 'socket=S', trim($err))), "\n";
?>
--EXPECT--
== suitecrm without crmguard's fields
requires: opportunities_cstm.crmguard_failure_reason_c
exit 1, 1 line: crmguard: SuiteCRM has no field opportunities_cstm.crmguard_failure_reason_c (crmguard's custom field, read by crmguard's report views): install the crmguard package in SuiteCRM first (Admin > Module Loader), which adds it, then run 'crmguard schema apply'; nothing was applied.
crmguard objects: none
with only those columns: exit 0, applied 11 files 
== espocrm without crmguard's fields
requires: opportunity.c_crmguard_failure_reason
exit 1, 1 line: crmguard: EspoCRM has no field opportunity.c_crmguard_failure_reason (crmguard's custom field, read by crmguard's report views): install the crmguard extension in EspoCRM first (Administration > Extensions), which adds it, then run 'crmguard schema apply'; nothing was applied.
crmguard objects: none
with only those columns: exit 0, applied 11 files 
== a failing file leaves nothing it created
exit 1: crmguard: 100_analytics.sql: statement 3 (line 38): query failed (DSN): [1347] 'crmguard_t_cli_schema_requirements_suitecrm.crmguard_v_deal' is not of type 'VIEW' (16 object(s) this run had created were dropped again)
crmguard objects: crmguard_v_deal
== SuiteCRM after an uninstall with "Remove tables"
report before: exit 0
the view: [1356]
report: exit 1, crmguard: SuiteCRM has no field opportunities_cstm.crmguard_failure_reason_c (crmguard's custom field, read by crmguard's report views): install the crmguard package in SuiteCRM first (Admin > Module Loader), which adds it, then run 'crmguard schema apply'; the report cannot run until then.
qc-sample: exit 1, crmguard: SuiteCRM has no field opportunities_cstm.crmguard_failure_reason_c (crmguard's custom field, read by crmguard's report views): install the crmguard package in SuiteCRM first (Admin > Module Loader), which adds it, then run 'crmguard schema apply'; the QC sample cannot run until then.
audit: exit 1, crmguard: SuiteCRM has no field opportunities_cstm.crmguard_failure_reason_c (crmguard's custom field, read by crmguard's report views): install the crmguard package in SuiteCRM first (Admin > Module Loader), which adds it, then run 'crmguard schema apply'; the audit cannot run until then.
lookup: exit 1, crmguard: the CRM has no column crmguard_status_c, one of crmguard's custom fields: install the crmguard package in SuiteCRM (Admin > Module Loader), which adds them, then run 'crmguard index rebuild' (query failed (mysql://crmguard@localhost/DB?socket=S): [1054] Unknown column 's.crmguard_status_c' in 'SELECT')
