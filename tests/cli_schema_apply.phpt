--TEST--
bin/crmguard schema apply: sql/<crm>/*.sql in order, idempotent, on both CRM fixtures; --db, CRMGUARD_DB, --crm-root
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/cli.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';

foreach (['espocrm', 'suitecrm'] as $crm) {
    $dsn = crmguard_test_db($crm);
    // The CRM's tables as they were: only those that get crmguard's indexes for the report
    // (090_report_indexes.sql, IDX_CRMGUARD_*) may change, by those indexes only.
    $indexed = $crm === 'espocrm' ? "'call', 'email', 'task'" : "'calls', 'emails', 'tasks', 'opportunities_audit'";
    $columns = fn () => crmguard_test_sql($dsn, "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ($indexed) ORDER BY 1, ORDINAL_POSITION");
    $columnsBefore = $columns();
    $before = crmguard_test_sql($dsn, "SELECT TABLE_NAME, CREATE_TIME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN ($indexed) ORDER BY TABLE_NAME");
    [$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm', $crm, '--db', $dsn, '--json']);
    $report = json_decode($out, true);
    // every sql/<crm>/*.sql, in order (other areas add their files: 020_import.sql, ...)
    echo "$crm: exit $rc, first ", json_encode($report['applied'][0] ?? null, JSON_UNESCAPED_SLASHES), ' ', $err, "\n";
    $expected = array_map(fn ($f) => "sql/$crm/" . basename($f), glob(dirname(__DIR__) . "/sql/$crm/*.sql"));
    var_dump($report['applied'] === $expected);
    // Again, through CRMGUARD_DB: nothing changes, no error.
    [$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm', $crm], '', true, ['CRMGUARD_DB' => $dsn]);
    echo "again: exit $rc, all files: ", json_encode(substr_count($out, 'applied sql/') === count($expected)), ", ", json_encode($err), "\n";
    $tables = array_column(crmguard_test_sql($dsn, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'crmguard%' ORDER BY 1"), 'TABLE_NAME');
    var_dump(in_array('crmguard_phone', $tables, true));
    // No CRM table was touched.
    $after = crmguard_test_sql($dsn, "SELECT TABLE_NAME, CREATE_TIME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT LIKE 'crmguard%' AND TABLE_NAME NOT IN ($indexed) ORDER BY TABLE_NAME");
    var_dump($after === $before);
    echo 'report indexes: ', json_encode(crmguard_test_sql($dsn, "SELECT TABLE_NAME t, INDEX_NAME i, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) c FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME LIKE 'IDX\\_CRMGUARD\\_%' AND TABLE_NAME NOT LIKE 'crmguard%' GROUP BY TABLE_NAME, INDEX_NAME ORDER BY 1, 2")),
        ', columns unchanged: ', json_encode($columns() === $columnsBefore), "\n";
    $idx = crmguard_test_sql($dsn, "SELECT INDEX_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) c FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'crmguard_phone' GROUP BY INDEX_NAME ORDER BY INDEX_NAME");
    echo json_encode($idx), "\n";
}

// --crm-root: a fake EspoCRM and SuiteCRM install whose config points at the test database.
$dsn = crmguard_test_db('suitecrm', ['schema.sql']);
$p = parse_url($dsn);
parse_str($p['query'], $q);
$tmp = sys_get_temp_dir() . '/crmguard-root-' . getmypid();
@mkdir("$tmp/suite", 0777, true);
@mkdir("$tmp/espo/data", 0777, true);
file_put_contents("$tmp/suite/config.php", '<?php $sugar_config = ' . var_export(['dbconfig' => ['db_host_name' => 'db.invalid', 'db_user_name' => 'crmguard', 'db_password' => 'wrong', 'db_name' => 'x', 'db_type' => 'mysql', 'db_port' => '']], true) . ';');
// config_override.php wins, as in SuiteCRM.
file_put_contents("$tmp/suite/config_override.php", "<?php\n\$sugar_config['dbconfig']['db_host_name'] = 'localhost';\n\$sugar_config['dbconfig']['db_password'] = 'crmguard-dev';\n\$sugar_config['dbconfig']['db_name'] = " . var_export(ltrim($p['path'], '/'), true) . ";\n");
file_put_contents("$tmp/suite/suitecrm_version.php", "<?php\n\$suitecrm_version = '7.14.6';\n");
// localhost: PHP's mysqli.default_socket, as SuiteCRM's own connection (tests/cli_crm_root_socket.phpt).
var_dump(CrmGuard\CrmConfig::dsnFromRoot('suitecrm', "$tmp/suite") === 'mysql://crmguard:crmguard-dev@localhost/' . ltrim($p['path'], '/')
    . (($s = CrmGuard\CrmConfig::defaultSocket('mysqli.default_socket')) !== null ? "?socket=$s" : ''));
// The socket comes from the CRM's PHP defaults in real life; here no server listens on the default
// socket, so the connection fails with a clear message and the password is not shown.
[$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm-root', "$tmp/suite"]);
echo "suite root: exit $rc, ", str_contains($err, 'crmguard-dev') ? 'PASSWORD SHOWN' : 'no password', ', ', str_contains($err, 'cannot connect (mysql://crmguard@localhost/') ? 'cannot connect' : $err, "\n";
file_put_contents("$tmp/espo/data/config.php", "<?php\nreturn ['database' => ['host' => 'ignored']];\n");
file_put_contents("$tmp/espo/data/config-internal.php", "<?php\nreturn " . var_export(['database' => ['host' => 'localhost', 'port' => '', 'charset' => null, 'dbname' => 'espo db', 'user' => 'u@x', 'password' => 'p:w/@?', 'platform' => 'Mysql']], true) . ";\n");
echo CrmGuard\CrmConfig::dsnFromRoot('espocrm', "$tmp/espo"), "\n";
echo CrmGuard\CrmConfig::detect("$tmp/espo"), ' ', CrmGuard\CrmConfig::detect("$tmp/suite"), ' ', var_export(CrmGuard\CrmConfig::detect($tmp), true), "\n";
echo CrmGuard\CrmConfig::dsnFromSuiteConfig(['dbconfig' => ['db_host_name' => 'db.example:3307', 'db_user_name' => 'suite', 'db_password' => '', 'db_name' => 'suitecrm']]), "\n";
try {
    CrmGuard\CrmConfig::dsnFromEspoConfig(['database' => ['host' => 'h', 'user' => 'u', 'password' => 'secret']]);
} catch (InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
// Usage errors.
foreach ([['schema', 'apply'], ['schema', 'apply', '--crm', 'x', '--db', $dsn], ['schema'], ['schema', 'drop', '--crm', 'espocrm', '--db', $dsn],
          ['schema', 'apply', '--db', $dsn, '--crm-root', $tmp]] as $args) {
    [$rc, , $err] = crmguard_cli($args, '', true, ['CRMGUARD_DB' => null]);
    echo "exit $rc: ", strtok($err, "\n"), "\n";
}
exec('rm -rf ' . escapeshellarg($tmp));
?>
--EXPECT--
espocrm: exit 0, first "sql/espocrm/000_schema_version.sql" 
bool(true)
again: exit 0, all files: true, ""
bool(true)
bool(true)
report indexes: [{"t":"call","i":"IDX_CRMGUARD_ANSWER","c":"parent_id,parent_type,assigned_user_id,direction,status,date_start,deleted"},{"t":"email","i":"IDX_CRMGUARD_ANSWER","c":"parent_id,parent_type,assigned_user_id,status,date_sent,deleted"},{"t":"task","i":"IDX_CRMGUARD_OPEN_TASK","c":"parent_id,parent_type,deleted,status"}], columns unchanged: true
[{"INDEX_NAME":"IDX_CRMGUARD_PHONE_E164","c":"e164"},{"INDEX_NAME":"PRIMARY","c":"entity_type,entity_id,e164"}]
suitecrm: exit 0, first "sql/suitecrm/000_schema_version.sql" 
bool(true)
again: exit 0, all files: true, ""
bool(true)
bool(true)
report indexes: [{"t":"calls","i":"IDX_CRMGUARD_ANSWER","c":"parent_id,parent_type,assigned_user_id,direction,status,date_start,deleted"},{"t":"calls","i":"IDX_CRMGUARD_CALL_USER_DATE","c":"assigned_user_id,date_start"},{"t":"emails","i":"IDX_CRMGUARD_ANSWER","c":"parent_id,parent_type,assigned_user_id,type,date_sent_received,deleted"},{"t":"opportunities_audit","i":"IDX_CRMGUARD_STAGE_AUDIT","c":"parent_id,field_name,after_value_string,date_created"},{"t":"tasks","i":"IDX_CRMGUARD_OPEN_TASK","c":"parent_id,parent_type,deleted,status"}], columns unchanged: true
[{"INDEX_NAME":"IDX_CRMGUARD_PHONE_E164","c":"e164"},{"INDEX_NAME":"PRIMARY","c":"entity_type,entity_id,e164"}]
bool(true)
suite root: exit 1, no password, cannot connect
mysql://u%40x:p%3Aw%2F%40%3F@localhost/espo%20db
espocrm suitecrm NULL
mysql://suite@db.example:3307/suitecrm
EspoCRM database.dbname is missing in the CRM's configuration
exit 2: crmguard: which database? give --db DSN, --crm-root DIR or set CRMGUARD_DB
exit 2: crmguard: --crm must be espocrm or suitecrm, not 'x'
exit 2: crmguard: what to do? ('schema apply')
exit 2: crmguard: unknown 'schema' action 'drop' (known: apply)
exit 2: crmguard: give either --db or --crm-root, not both