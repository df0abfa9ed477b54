--TEST--
Schema: the summary views older installs had (crmguard_v_manager_kpi, _lost_reason, _source_conversion) are dropped by `schema apply` and by the packages' install step over such an install
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/cli.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';

const RETIRED = ['crmguard_v_lost_reason', 'crmguard_v_manager_kpi', 'crmguard_v_source_conversion'];

/** crmguard's views in the database, sorted. */
function views(string $dsn): array
{
    return array_column(crmguard_test_sql($dsn, "SELECT TABLE_NAME FROM information_schema.VIEWS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'crmguard\\_%' ORDER BY 1"), 'TABLE_NAME');
}

/** An older install: the three views as it left them (their content does not matter, their names do). */
function old_install(string $dsn): void
{
    $m = crmguard_test_mysqli(crmguard_test_db_name($dsn));
    foreach (RETIRED as $view) {
        $m->query("CREATE OR REPLACE VIEW `$view` AS SELECT d.user_id, COUNT(*) AS deals FROM crmguard_v_deal d GROUP BY d.user_id");
    }
    $m->close();
}

foreach (['espocrm', 'suitecrm'] as $crm) {
    $dsn = crmguard_test_db($crm);
    [$rc, , $err] = crmguard_cli(['schema', 'apply', '--crm', $crm, '--db', $dsn]);
    echo "$crm: fresh apply exit $rc $err\n";
    $fresh = views($dsn);
    echo 'fresh install has none of them: ', json_encode(array_intersect(RETIRED, $fresh) === []), "\n";

    old_install($dsn);
    echo 'older install has them: ', json_encode(array_values(array_intersect(RETIRED, views($dsn))) === RETIRED), "\n";
    [$rc, , $err] = crmguard_cli(['schema', 'apply', '--crm', $crm, '--db', $dsn]);
    echo "schema apply over it: exit $rc $err, views as a fresh install: ", json_encode(views($dsn) === $fresh), "\n";

    // The CRM packages' install step (EspoCRM AfterInstall, SuiteCRM post_execute): Guard::install.
    old_install($dsn);
    $guard = new CrmGuard\Crm\Guard($crm, $dsn);
    $done = $guard->install(dirname(__DIR__) . '/sql');
    echo 'package install over it: ', json_encode(in_array('100_analytics.sql', $done['applied'], true)),
        ', views as a fresh install: ', json_encode(views($dsn) === $fresh), "\n";
    // The remaining views still answer.
    $rows = crmguard_test_sql($dsn, 'SELECT COUNT(*) AS n FROM crmguard_v_deal');
    echo 'crmguard_v_deal answers: ', json_encode($rows[0]['n'] > 0), "\n";
    CrmGuard\Crm\Guard::reset();
}
?>
--EXPECT--
espocrm: fresh apply exit 0 
fresh install has none of them: true
older install has them: true
schema apply over it: exit 0 , views as a fresh install: true
package install over it: true, views as a fresh install: true
crmguard_v_deal answers: true
suitecrm: fresh apply exit 0 
fresh install has none of them: true
older install has them: true
schema apply over it: exit 0 , views as a fresh install: true
package install over it: true, views as a fresh install: true
crmguard_v_deal answers: true
