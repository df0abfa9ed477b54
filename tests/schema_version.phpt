--TEST--
Schema versions: crmguard_schema_version on a fresh database, over a 0.1.0 schema (migration once), again (no-op), over a newer one (refused, nothing changed); a failing migration records nothing; the version is the extension's
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require_once dirname(__DIR__) . '/src/Schema.php';
require_once dirname(__DIR__) . '/src/Crm/autoload.php';
use CrmGuard\Schema;

echo "versions agree: ", json_encode(Schema::VERSION === phpversion('crmguard') && CrmGuard\Crm\Guard::VERSION === Schema::VERSION), "\n";
$rows = fn (string $dsn) => implode(' | ', array_map(fn ($r) => "{$r['version']} from " . ($r['from_version'] ?? 'NULL') . " by {$r['applied_by']}",
    crmguard_test_sql($dsn, 'SELECT version, from_version, applied_by FROM crmguard_schema_version ORDER BY id')));
$show = fn (array $r) => 'from ' . ($r['from'] ?? 'NULL') . " to {$r['to']}, migrations [" . implode(' ', $r['migrations']) . '], '
    . count($r['files']) . ' files, recorded ' . json_encode($r['recorded']);

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    $dsn = crmguard_test_db($crm);
    $db = new CrmGuard\Connection($dsn);
    echo "fresh: installed ", json_encode(Schema::installed($db)), "; ", $show(Schema::migrate($db, $crm, null, 'test')), "\n";
    echo "again: ", $show(Schema::migrate($db, $crm, null, 'test')), "; rows: ", $rows($dsn), "\n";

    // A 0.1.0 schema: the tables without crmguard_schema_version, the views 0.1.0 had.
    crmguard_test_sql($dsn, 'DROP TABLE crmguard_schema_version');
    crmguard_test_sql($dsn, 'CREATE OR REPLACE VIEW crmguard_v_manager_kpi AS SELECT 1 AS x');
    echo "0.1.0 found: ", Schema::installed($db)['version'], "; steps: ", json_encode(array_map('basename', Schema::migrations($crm, '0.1.0'))), "\n";
    $r = Schema::migrate($db, $crm, null, 'test');
    echo "over 0.1.0: ", $show($r), "; rows: ", $rows($dsn), "\n";

    // A migration step that fails: nothing recorded, the message says where.
    $dir = sys_get_temp_dir() . "/crmguard-schema-version-$crm-" . getmypid();
    @mkdir("$dir/$crm/migrations", 0777, true);
    foreach (Schema::files($crm) as $f) {
        copy($f, "$dir/$crm/" . basename($f));
    }
    file_put_contents("$dir/$crm/migrations/0.2.0.sql", "SELECT no_such_column FROM crmguard_phone;\n");
    crmguard_test_sql($dsn, 'DROP TABLE crmguard_schema_version');
    try {
        Schema::migrate($db, $crm, $dir, 'test');
    } catch (CrmGuard\DbException $e) {
        echo "failing step: ", preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $e->getMessage()), "\n";
    }
    echo "still 0.1.0: ", Schema::installed($db)['version'], "\n";
    exec('rm -rf ' . escapeshellarg($dir));
    Schema::migrate($db, $crm, null, 'test');

    // A newer schema: refused before anything runs.
    crmguard_test_sql($dsn, "INSERT INTO crmguard_schema_version (version, from_version, steps, applied_by, applied_at) VALUES ('0.10.0', '0.2.0', '', 'crmguard 0.10.0', '2030-01-02 03:04:05')");
    crmguard_test_sql($dsn, 'DROP VIEW crmguard_v_deal');
    try {
        Schema::apply($db, $crm);
    } catch (CrmGuard\SchemaTooNew $e) {
        echo "newer: {$e->installedVersion}: ", $e->getMessage(), "\n";
    }
    echo "nothing applied: ", json_encode(crmguard_test_sql($dsn, "SELECT COUNT(*) n FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'crmguard_v_deal'")[0]['n'] === '0'), "\n";
    $db->close();
}
?>
--EXPECTF--
versions agree: true
== espocrm
fresh: installed null; from NULL to 0.2.0, migrations [], 11 files, recorded true
again: from 0.2.0 to 0.2.0, migrations [], 11 files, recorded false; rows: 0.2.0 from NULL by test
0.1.0 found: 0.1.0; steps: {"0.2.0":"0.2.0.sql"}
over 0.1.0: from 0.1.0 to 0.2.0, migrations [0.2.0.sql], 11 files, recorded true; rows: 0.2.0 from 0.1.0 by test
failing step: migrations/0.2.0.sql: statement 1 (line 1): query failed (DSN): [1054] Unknown column 'no_such_column' in 'SELECT'; the schema stays at 0.1.0: fix the cause and apply again
still 0.1.0: 0.1.0
newer: 0.10.0: crmguard's tables in this EspoCRM database are at version 0.10.0 (since 2030-01-02 03:04:05 UTC, by crmguard 0.10.0), newer than this crmguard (0.2.0): a downgrade is not supported; nothing was changed. Install crmguard 0.10.0 or newer (the CRM package and the PHP extension), or restore the database backup taken before the upgrade together with the older crmguard.
nothing applied: true
== suitecrm
fresh: installed null; from NULL to 0.2.0, migrations [], 11 files, recorded true
again: from 0.2.0 to 0.2.0, migrations [], 11 files, recorded false; rows: 0.2.0 from NULL by test
0.1.0 found: 0.1.0; steps: {"0.2.0":"0.2.0.sql"}
over 0.1.0: from 0.1.0 to 0.2.0, migrations [0.2.0.sql], 11 files, recorded true; rows: 0.2.0 from 0.1.0 by test
failing step: migrations/0.2.0.sql: statement 1 (line 1): query failed (DSN): [1054] Unknown column 'no_such_column' in 'SELECT'; the schema stays at 0.1.0: fix the cause and apply again
still 0.1.0: 0.1.0
newer: 0.10.0: crmguard's tables in this SuiteCRM database are at version 0.10.0 (since 2030-01-02 03:04:05 UTC, by crmguard 0.10.0), newer than this crmguard (0.2.0): a downgrade is not supported; nothing was changed. Install crmguard 0.10.0 or newer (the CRM package and the PHP extension), or restore the database backup taken before the upgrade together with the older crmguard.
nothing applied: true
