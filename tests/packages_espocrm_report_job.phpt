--TEST--
crmguard EspoCRM extension: the scheduled job CrmGuardSalesReport over the stand-ins (EmailSender captured): its ScheduledJob record on install, the report mailed to the admins and supervisors, the period's QC review tasks, a second run in the same period creating and sending nothing, a mail failure recorded and retried next run, the record gone on uninstall
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/espocrm';
require __DIR__ . '/crm-standins/espocrm/bootstrap.php';

use Espo\Core\Mail\EmailSender;
use Espo\Core\Utils\Log;

$dsn = crmguard_test_db('espocrm', crmguard_packages_fixture());
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
const ADMIN = '6955b900000000077', HEAD = '6955c71701eefe95b', M1 = '6955d52e03dde92f7';
$database = ['host' => 'localhost', 'dbname' => ltrim($parts['path'], '/'), 'user' => rawurldecode($parts['user']),
    'password' => rawurldecode($parts['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql'];
$config = fn (string $now) => new Espo\Core\Utils\Config([
    'database' => $database,
    'crmguardRules' => ['supervisor' => 'team_role:Supervisor'],
    'crmguardReport' => ['period_days' => 2, 'lang' => 'en', 'qc_percent' => 100, 'qc_user' => HEAD, 'now' => $now],
]);
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);

require "$tree/scripts/AfterInstall.php";
(new AfterInstall())->run(new Espo\Core\Container([Espo\Core\Utils\Config::class => $config('')]), []);
(new AfterInstall())->run(new Espo\Core\Container([Espo\Core\Utils\Config::class => $config('')]), []);
echo 'scheduled job: ', json_encode($sql("SELECT name, job, status, scheduling, LENGTH(id) AS id_len FROM scheduled_job WHERE deleted = 0 AND job LIKE 'CrmGuard%'")), "\n";

// The users' addresses as EspoCRM keeps them (email_address + entity_email_address, entity_type User).
$sql("INSERT INTO email_address (id, name, deleted, `lower`, invalid, opt_out) VALUES
      ('a0000000000000001', 'admin@example.com', 0, 'admin@example.com', 0, 0),
      ('a0000000000000002', 'olga@example.com', 0, 'olga@example.com', 0, 0),
      ('a0000000000000003', 'alexey@example.com', 0, 'alexey@example.com', 0, 0)");
$sql("INSERT INTO entity_email_address (entity_id, email_address_id, entity_type, `primary`, deleted) VALUES
      ('" . ADMIN . "', 'a0000000000000001', 'User', 1, 0), ('" . HEAD . "', 'a0000000000000002', 'User', 1, 0),
      ('" . M1 . "', 'a0000000000000003', 'User', 1, 0)");

$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$run = function (string $now, ?string $fail) use ($tree, $db, $config, $sql) {
    EmailSender::$sent = [];
    EmailSender::$fail = $fail;
    Log::$lines = [];
    $espo = new EspoStandin("$tree/files", $db, [Espo\Core\Utils\Config::class => $config($now),
        Espo\Core\Utils\Language::class => new Espo\Core\Utils\Language('en_US')]);
    $espo->with(Espo\ORM\EntityManager::class, new Espo\ORM\EntityManager($espo, $db));
    $espo->create(Espo\Modules\CrmGuard\Jobs\CrmGuardSalesReport::class)->run();
    echo "-- run at $now", $fail === null ? '' : " (mail fails: $fail)", "\n";
    foreach (Log::$lines as $l) {
        echo "  log $l\n";
    }
    foreach (EmailSender::$sent as $m) {
        echo '  mail to ', implode(', ', $m['to']), ': ', $m['subject'], ', html ', json_encode($m['isHtml']),
            ', an HTML page: ', json_encode(str_starts_with($m['body'], '<!DOCTYPE html>')),
            ', shows Смирнов: ', json_encode(str_contains($m['body'], 'Смирнов')), "\n";
    }
    echo '  QC review tasks of the reviewer: ', $sql("SELECT COUNT(*) AS n FROM task WHERE assigned_user_id = '" . HEAD . "' AND deleted = 0 AND name LIKE 'QC review:%'")[0]['n'], "\n";
    foreach ($sql('SELECT period_since, period_until, status, attempts, recipients, tasks_created, error FROM crmguard_report_run ORDER BY period_since') as $r) {
        echo '  run record: ', implode(' | ', array_map(fn ($v) => $v ?? '-', $r)), "\n";
    }
};
$run('2026-01-05 06:00:00', 'SMTP Error: Could not connect to SMTP host.');
$run('2026-01-05 08:00:00', null);
$run('2026-01-05 10:00:00', null);
$run('2026-01-07 06:00:00', 'SMTP Error: data not accepted.');
$run('2026-01-09 06:00:00', null);

require "$tree/scripts/BeforeUninstall.php";
(new BeforeUninstall())->run(new Espo\Core\Container([Espo\Core\Utils\Config::class => $config('')]), []);
echo 'after uninstall: ', json_encode($sql("SELECT COUNT(*) AS n FROM scheduled_job WHERE deleted = 0 AND job = 'CrmGuardSalesReport'")), "\n";
?>
--EXPECT--
scheduled job: [{"name":"crmguard: sales report and QC review tasks","job":"CrmGuardSalesReport","status":"Active","scheduling":"0 6 *\/2 * *","id_len":"17"}]
-- run at 2026-01-05 06:00:00 (mail fails: SMTP Error: Could not connect to SMTP host.)
  log error: crmguard sales report 2026-01-03..2026-01-04: failed: Espo\Core\Mail\Exceptions\SendingError: SMTP Error: Could not connect to SMTP host.
  QC review tasks of the reviewer: 2
  run record: 2026-01-03 | 2026-01-04 | failed | 1 | admin@example.com, olga@example.com | 2 | Espo\Core\Mail\Exceptions\SendingError: SMTP Error: Could not connect to SMTP host.
-- run at 2026-01-05 08:00:00
  log info: crmguard sales report 2026-01-03..2026-01-04: sent
  mail to admin@example.com, olga@example.com: Sales report 2026-01-03 — 2026-01-04, html true, an HTML page: true, shows Смирнов: true
  QC review tasks of the reviewer: 2
  run record: 2026-01-03 | 2026-01-04 | sent | 2 | admin@example.com, olga@example.com | 2 | -
-- run at 2026-01-05 10:00:00
  log info: crmguard sales report 2026-01-03..2026-01-04: already_sent
  QC review tasks of the reviewer: 2
  run record: 2026-01-03 | 2026-01-04 | sent | 2 | admin@example.com, olga@example.com | 2 | -
-- run at 2026-01-07 06:00:00 (mail fails: SMTP Error: data not accepted.)
  log error: crmguard sales report 2026-01-05..2026-01-06: failed: Espo\Core\Mail\Exceptions\SendingError: SMTP Error: data not accepted.
  QC review tasks of the reviewer: 2
  run record: 2026-01-03 | 2026-01-04 | sent | 2 | admin@example.com, olga@example.com | 2 | -
  run record: 2026-01-05 | 2026-01-06 | failed | 1 | admin@example.com, olga@example.com | 0 | Espo\Core\Mail\Exceptions\SendingError: SMTP Error: data not accepted.
-- run at 2026-01-09 06:00:00
  log info: crmguard sales report 2026-01-05..2026-01-06: sent
  log info: crmguard sales report 2026-01-07..2026-01-08: sent
  mail to admin@example.com, olga@example.com: Sales report 2026-01-05 — 2026-01-06, html true, an HTML page: true, shows Смирнов: true
  mail to admin@example.com, olga@example.com: Sales report 2026-01-07 — 2026-01-08, html true, an HTML page: true, shows Смирнов: false
  QC review tasks of the reviewer: 2
  run record: 2026-01-03 | 2026-01-04 | sent | 2 | admin@example.com, olga@example.com | 2 | -
  run record: 2026-01-05 | 2026-01-06 | sent | 2 | admin@example.com, olga@example.com | 0 | -
  run record: 2026-01-07 | 2026-01-08 | sent | 1 | admin@example.com, olga@example.com | 0 | -
after uninstall: [{"n":"0"}]
