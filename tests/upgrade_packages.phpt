--TEST--
Upgrades: the 0.1.0 packages (built from git tag v0.1.0) installed, data made, today's installed over them with each CRM's installer (stand-ins): every table's data kept, the schema migrated once and recorded, a second install a no-op, downgrades refused
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/upgrade.inc';
$old = upgrade_previous_tree();
$new = crmguard_packages_tree();
echo "previous packages: ", json_decode(file_get_contents("$old/espocrm/manifest.json"))->version, "; today's: ",
    json_decode(file_get_contents("$new/espocrm/manifest.json"))->version, "\n";

// ---------------------------------------------------------------- EspoCRM
echo "== EspoCRM\n";
$dsn = crmguard_test_db('espocrm', crmguard_packages_fixture(), 'upgrade_espocrm');
$p = parse_url($dsn);
parse_str($p['query'], $q);
$database = ['host' => 'localhost', 'dbname' => ltrim($p['path'], '/'), 'user' => rawurldecode($p['user']),
    'password' => rawurldecode($p['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql'];
$espoRoot = sys_get_temp_dir() . '/crmguard-upgrade-espo-' . getmypid();
@mkdir("$espoRoot/data", 0777, true);
register_shutdown_function(static fn () => crmguard_packages_rm($espoRoot));
// One request of EspoCRM's extension installer: a PHP process in the CRM's root.
$espoInstall = function (string $pkg) use ($espoRoot, $database): string {
    [$code, $out, $err] = crmguard_packages_php("chdir('$espoRoot'); require '" . __DIR__ . "/crm-standins/espocrm/bootstrap.php';"
        . " require '" . __DIR__ . "/crm-standins/espocrm/ExtensionManager.php';"
        . " echo EspoExtensionManagerStandin::install('$pkg', new Espo\\Core\\Container([Espo\\Core\\Utils\\Config::class =>"
        . " new Espo\\Core\\Utils\\Config(" . var_export(['database' => $database], true) . ")]));");
    return trim($out . ($code !== 0 ? " (exit $code) $err" : ''));
};
echo "install 0.1.0: ", $espoInstall("$old/espocrm"), "\n";
echo "data: ", upgrade_make_data($dsn, 'espocrm', ['alexey.smirnov', 'dmitry.kuznetsov'], 'opportunity', 'stage'), "\n";
crmguard_test_sql($dsn, "UPDATE account SET c_crmguard_status = 'in_work' WHERE c_crmguard_status = 'waiting' LIMIT 1");
$before = upgrade_checksums($dsn);
$viewsBefore = upgrade_views($dsn);
echo "install today's over it: ", $espoInstall("$new/espocrm"), "\n";
$after = upgrade_checksums($dsn);
echo "tables changed: ", upgrade_diff($before, $after), "\n";
echo "schema versions:\n", upgrade_versions($dsn), "\n";
echo "views kept: ", json_encode(array_values(array_diff($viewsBefore, upgrade_views($dsn))) === array_values(array_diff($viewsBefore,
    crmguard_packages_sql_objects('espocrm')))), ", parked stages left: ", crmguard_test_sql($dsn, 'SELECT COUNT(*) n FROM crmguard_parked_stage')[0]['n'], "\n";
echo "install today's again: ", $espoInstall("$new/espocrm"), "\n";
echo "tables changed: ", upgrade_diff($after, upgrade_checksums($dsn)), ", versions recorded: ",
    crmguard_test_sql($dsn, 'SELECT COUNT(*) n FROM crmguard_schema_version')[0]['n'], "\n";
$after = upgrade_checksums($dsn);
echo "install 0.1.0 over it: ", $espoInstall("$old/espocrm"), "\n";
echo "tables changed: ", upgrade_diff($after, upgrade_checksums($dsn)), "\n";
// A schema newer than the package (a later crmguard installed, then uninstalled, its tables kept).
crmguard_test_sql($dsn, "INSERT INTO crmguard_schema_version (version, from_version, steps, applied_by, applied_at)
    VALUES ('9.0.0', '0.2.0', 'test', 'crmguard 9.0.0', '2030-01-02 03:04:05')");
@unlink("$espoRoot/data/crmguard-standin-extension.json");
crmguard_packages_rm("$espoRoot/custom");
$after = upgrade_checksums($dsn);
echo "install today's over a 9.0.0 schema: ", $espoInstall("$new/espocrm"), "\n";
echo "tables changed: ", upgrade_diff($after, upgrade_checksums($dsn)), ", files copied: ",
    json_encode(is_dir("$espoRoot/custom/Espo/Modules/CrmGuard/Lib")), "\n";
crmguard_test_sql($dsn, "DELETE FROM crmguard_schema_version WHERE version = '9.0.0'");

// ---------------------------------------------------------------- SuiteCRM
echo "== SuiteCRM\n";
$dsn = crmguard_test_db('suitecrm', crmguard_packages_fixture('suitecrm'), 'upgrade_suitecrm');
$p = parse_url($dsn);
parse_str($p['query'], $q);
$sugar_config = ['dbconfig' => ['db_host_name' => 'localhost', 'db_user_name' => rawurldecode($p['user']),
    'db_password' => rawurldecode($p['pass']), 'db_name' => ltrim($p['path'], '/'), 'db_type' => 'mysql', 'db_port' => '']];
$suiteRoot = sys_get_temp_dir() . '/crmguard-upgrade-suite-' . getmypid();
@mkdir($suiteRoot, 0777, true);
putenv("CRMGUARD_SUITECRM_ROOT=$suiteRoot"); // one SuiteCRM instance, several requests
register_shutdown_function(static fn () => crmguard_packages_rm($suiteRoot));
// One Module Loader install request (tests/crm-standins/suitecrm/ModuleLoader.php): SuiteCRM
// decides itself whether it is an upgrade (UpgradeHistory::determineIfUpgrade) and writes
// upgrade_history.  Each install uploads a zip of its own bytes ($n: the Module Loader does not
// offer a zip whose md5 is already installed, PackageManager.php 769-772).
$suiteInstall = function (string $pkg, string $n) use ($suiteRoot, $sugar_config, $q, $dsn): string {
    $zip = "$suiteRoot/upload/upgrades/module/crmguard-$n.zip";
    @mkdir(dirname($zip), 0777, true);
    file_put_contents($zip, "zip $n of $pkg");
    [$code, $out, $err] = crmguard_packages_php("chdir('$suiteRoot'); require '" . __DIR__ . "/crm-standins/suitecrm/bootstrap.php';"
        . " ini_set('mysqli.default_socket', " . var_export($q['socket'], true) . "); \$GLOBALS['sugar_config'] = " . var_export($sugar_config, true) . ";"
        . " \$GLOBALS['log'] = new LoggerStandin(); \$_SESSION = [];"
        . " try { \$prev = ModuleLoaderStandin::install('$pkg', '$zip'); echo 'installed', \$prev !== '' ? \" (upgrade of \$prev)\" : ''; }"
        . " catch (RuntimeException \$e) { echo 'refused: ', \$e->getMessage(); }");
    $rows = crmguard_test_sql($dsn, "SELECT version, filename FROM upgrade_history WHERE id_name = 'crmguard' ORDER BY version");
    return trim($out . ($code !== 0 ? " (exit $code) $err" : '')) . '; Module Loader lists: '
        . implode(', ', array_map(fn ($r) => "crmguard {$r['version']}" . (is_file($r['filename']) ? '' : ' (zip gone)'), $rows));
};
echo "install 0.1.0: ", $suiteInstall("$old/suitecrm", 'a'), "\n";
echo "data: ", upgrade_make_data($dsn, 'suitecrm', ['alexey.smirnov:2', 'dmitry.kuznetsov:1'], 'opportunities', 'sales_stage'), "\n";
$before = upgrade_checksums($dsn);
$viewsBefore = upgrade_views($dsn);
// SuiteCRM's own upgrade_history changes: its row of crmguard is the 0.2.0 one now.
echo "install today's over it: ", $suiteInstall("$new/suitecrm", 'b'), "\n";
$after = upgrade_checksums($dsn);
echo "tables changed: ", upgrade_diff($before, $after), "\n";
echo "schema versions:\n", upgrade_versions($dsn), "\n";
echo "views kept: ", json_encode(array_values(array_diff($viewsBefore, upgrade_views($dsn))) === array_values(array_diff($viewsBefore,
    crmguard_packages_sql_objects('suitecrm')))), "\n";
echo "install today's again: ", $suiteInstall("$new/suitecrm", 'c'), "\n";
echo "tables changed: ", upgrade_diff($after, upgrade_checksums($dsn), ['upgrade_history']), ", versions recorded: ",
    crmguard_test_sql($dsn, 'SELECT COUNT(*) n FROM crmguard_schema_version')[0]['n'], "\n";
// The Module Loader installs an older package as a new one (determineIfUpgrade finds no older
// version); 0.1.0's scripts check nothing: it installs, and keeps the data.
$after = upgrade_checksums($dsn);
echo "install 0.1.0 over it: ", $suiteInstall("$old/suitecrm", 'd'), "\n";
echo "tables changed: ", upgrade_diff($after, upgrade_checksums($dsn), ['upgrade_history']), ", schema still recorded at: ",
    crmguard_test_sql($dsn, 'SELECT MAX(version) v FROM crmguard_schema_version')[0]['v'], "\n";
echo "install today's again: ", $suiteInstall("$new/suitecrm", 'e'), "\n";
echo "tables changed: ", upgrade_diff($after, upgrade_checksums($dsn), ['upgrade_history']), "\n";
crmguard_test_sql($dsn, "INSERT INTO crmguard_schema_version (version, from_version, steps, applied_by, applied_at)
    VALUES ('9.0.0', '0.2.0', 'test', 'crmguard 9.0.0', '2030-01-02 03:04:05')");
$after = upgrade_checksums($dsn);
crmguard_packages_rm("$suiteRoot/custom");
echo "install today's over a 9.0.0 schema: ", $suiteInstall("$new/suitecrm", 'f'), "\n";
echo "tables changed: ", upgrade_diff($after, upgrade_checksums($dsn)), ", files copied: ", json_encode(is_dir("$suiteRoot/custom/include/CrmGuard")), "\n";

// ---------------------------------------------------------------- CLI
echo "== crmguard schema apply\n";
require_once __DIR__ . '/cli.inc';
[$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm', 'suitecrm', '--db', $dsn]);
echo "over the 9.0.0 schema: exit $rc, $err";
echo "tables changed: ", upgrade_diff($after, upgrade_checksums($dsn)), "\n";

// A SuiteCRM upgrade whose post_execute fails (here: a migration step that cannot run): the
// installed 0.1.0 keeps working (its files back, its hooks and entry), the schema stays 0.1.0.
$dsn = crmguard_test_db('suitecrm', crmguard_packages_fixture('suitecrm'), 'upgrade_suitecrm_fail');
$sugar_config['dbconfig']['db_name'] = ltrim(parse_url($dsn, PHP_URL_PATH), '/');
crmguard_packages_rm("$suiteRoot/custom");
crmguard_packages_rm("$suiteRoot/upload");
$broken = dirname($old) . '/broken';
crmguard_packages_run(['cp', '-R', "$new/suitecrm", $broken]);
file_put_contents("$broken/files/custom/include/CrmGuard/lib/sql/suitecrm/migrations/0.2.0.sql", "SELECT no_such_column FROM crmguard_phone;\n");
echo "== SuiteCRM: an upgrade that fails in post_execute\n";
$suiteInstall = function (string $pkg, string $n) use ($suiteRoot, $sugar_config, $q, $dsn): string {
    $zip = "$suiteRoot/upload/upgrades/module/crmguard-$n.zip";
    @mkdir(dirname($zip), 0777, true);
    file_put_contents($zip, "zip $n of $pkg");
    [$code, $out, $err] = crmguard_packages_php("chdir('$suiteRoot'); require '" . __DIR__ . "/crm-standins/suitecrm/bootstrap.php';"
        . " ini_set('mysqli.default_socket', " . var_export($q['socket'], true) . "); \$GLOBALS['sugar_config'] = " . var_export($sugar_config, true) . ";"
        . " \$GLOBALS['log'] = new LoggerStandin(); \$_SESSION = [];"
        . " try { ModuleLoaderStandin::install('$pkg', '$zip'); echo 'installed'; }"
        . " catch (RuntimeException \$e) { echo 'refused: ', preg_replace('/\\(mysql:[^)]*\\)/', '(DSN)', \$e->getMessage()); }");
    $rows = crmguard_test_sql($dsn, "SELECT version FROM upgrade_history WHERE id_name = 'crmguard' ORDER BY version");
    return trim($out . ($code !== 0 ? " (exit $code) $err" : '')) . '; Module Loader lists: '
        . implode(', ', array_map(fn ($r) => "crmguard {$r['version']}", $rows));
};
echo "install 0.1.0: ", $suiteInstall("$old/suitecrm", 'g'), "\n";
$before = upgrade_checksums($dsn);
$hooks = fn () => count(glob("$suiteRoot/custom/modules/*/logic_hooks.php")) . ' logic_hooks files, '
    . (is_file("$suiteRoot/custom/include/CrmGuard/lib/Schema.php") && !str_contains(file_get_contents("$suiteRoot/custom/include/CrmGuard/lib/Schema.php"), 'const VERSION')
        ? "0.1.0's files" : 'other files') . ', language ' . json_encode(is_file("$suiteRoot/custom/Extension/modules/Opportunities/Ext/Language/en_us.crmguard.php"));
echo "installed: ", $hooks(), "\n";
echo "install the broken 0.2.0: ", $suiteInstall($broken, 'h'), "\n";
echo "left: ", $hooks(), "; tables changed: ", upgrade_diff($before, upgrade_checksums($dsn)), "; schema: ",
    crmguard_test_sql($dsn, "SELECT COUNT(*) n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'crmguard_schema_version'")[0]['n'] ? 'recorded' : '0.1.0 (unversioned)', "\n";

?>
--EXPECTF--
previous packages: 0.1.0; today's: 0.2.0
== EspoCRM
install 0.1.0: installed 0.1.0
data: %d contacts imported, journal %d, stage log 2, phone index 1, deals in Calling %d
install today's over it: installed 0.2.0 (upgrade of 0.1.0)
tables changed: scheduled_job: changed, crmguard_audit_fix: new, crmguard_audit_fix_run: new, crmguard_call_journal: new, crmguard_connector_failure: new, crmguard_connector_token: new, crmguard_lock: new, crmguard_phone_dirty: new, crmguard_report_run: new, crmguard_schema_version: new
schema versions:
  0.2.0 from 0.1.0 by EspoCRM extension 0.2.0 (upgrade): migrations/0.2.0.sql; applied 000_schema_version.sql 010_phone_index.sql 020_import.sql 025_lock.sql 030_stage_log.sql 040_parked_stages.sql 050_connectors.sql 050_report_run.sql 060_audit_fix.sql 090_report_indexes.sql 100_analytics.sql
views kept: true, parked stages left: 0
install today's again: installed 0.2.0 (upgrade of 0.2.0)
tables changed: none, versions recorded: 1
install 0.1.0 over it: refused: You cannot install an older version of this extension.
tables changed: none
install today's over a 9.0.0 schema: failed: crmguard's tables in this EspoCRM database are at version 9.0.0 (since 2030-01-02 03:04:05 UTC, by crmguard 9.0.0), newer than this crmguard (0.2.0): a downgrade is not supported; nothing was changed. Install crmguard 9.0.0 or newer (the CRM package and the PHP extension), or restore the database backup taken before the upgrade together with the older crmguard.
tables changed: none, files copied: false
== SuiteCRM
install 0.1.0: installed; Module Loader lists: crmguard 0.1.0
data: %d contacts imported, journal %d, stage log 2, phone index 1, deals in Calling %d
install today's over it: installed; Module Loader lists: crmguard 0.2.0
tables changed: schedulers: changed, upgrade_history: changed, crmguard_audit_fix: new, crmguard_audit_fix_run: new, crmguard_call_journal: new, crmguard_connector_failure: new, crmguard_connector_token: new, crmguard_lock: new, crmguard_phone_dirty: new, crmguard_report_run: new, crmguard_schema_version: new
schema versions:
  0.2.0 from 0.1.0 by SuiteCRM package 0.2.0: migrations/0.2.0.sql; applied 000_schema_version.sql 010_phone_index.sql 020_import.sql 025_lock.sql 030_stage_log.sql 040_parked_stages.sql 050_connectors.sql 050_report_run.sql 060_audit_fix.sql 090_report_indexes.sql 100_analytics.sql
views kept: true
install today's again: installed; Module Loader lists: crmguard 0.2.0
tables changed: none, versions recorded: 1
install 0.1.0 over it: installed; Module Loader lists: crmguard 0.1.0, crmguard 0.2.0
tables changed: none, schema still recorded at: 0.2.0
install today's again: installed; Module Loader lists: crmguard 0.2.0
tables changed: none
install today's over a 9.0.0 schema: refused: ModuleInstaller::abort: crmguard's tables in this SuiteCRM database are at version 9.0.0 (since 2030-01-02 03:04:05 UTC, by crmguard 9.0.0), newer than this crmguard (0.2.0): a downgrade is not supported; nothing was changed. Install crmguard 9.0.0 or newer (the CRM package and the PHP extension), or restore the database backup taken before the upgrade together with the older crmguard.; Module Loader lists: crmguard 0.2.0
tables changed: none, files copied: false
== crmguard schema apply
over the 9.0.0 schema: exit 1, crmguard: crmguard's tables in this SuiteCRM database are at version 9.0.0 (since 2030-01-02 03:04:05 UTC, by crmguard 9.0.0), newer than this crmguard (0.2.0): a downgrade is not supported; nothing was changed. Install crmguard 9.0.0 or newer (the CRM package and the PHP extension), or restore the database backup taken before the upgrade together with the older crmguard.
tables changed: none
== SuiteCRM: an upgrade that fails in post_execute
install 0.1.0: installed; Module Loader lists: crmguard 0.1.0
installed: %d logic_hooks files, 0.1.0's files, language true
install the broken 0.2.0: refused: ModuleInstaller::abort: crmguard was not installed: migrations/0.2.0.sql: statement 1 (line 1): query failed (DSN): [1054] Unknown column 'no_such_column' in 'SELECT'; the schema stays at 0.1.0: fix the cause and apply again Everything this install had done was undone; fix the cause and install the package again.; Module Loader lists: crmguard 0.1.0
left: %d logic_hooks files, 0.1.0's files, language true; tables changed: none; schema: 0.1.0 (unversioned)
