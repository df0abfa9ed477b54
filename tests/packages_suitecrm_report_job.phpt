--TEST--
crmguard SuiteCRM package: the scheduler function crmguard_sales_report over the stand-ins (SugarPHPMailer captured): its Schedulers record on install, the report mailed (inline and attached) to the admins and supervisors, the period's QC review tasks, a second run in the same period creating and sending nothing, a mail failure recorded and retried next run, the record gone on uninstall
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/suitecrm';
require __DIR__ . '/crm-standins/suitecrm/bootstrap.php';
require __DIR__ . '/crm-standins/suitecrm/mail.php';

$dsn = crmguard_test_db('suitecrm', crmguard_packages_fixture('suitecrm'));
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
ini_set('mysqli.default_socket', $q['socket']);
const ADMIN = '1', HEAD = 'eda99cb9-f606-56c3-94ce-3ac7cd4775b1', M1 = 'c3418962-c328-524b-9bbc-6c70cd0f7d72';
$sugar_config = ['dbconfig' => ['db_host_name' => 'localhost', 'db_user_name' => rawurldecode($parts['user']),
    'db_password' => rawurldecode($parts['pass']), 'db_name' => ltrim($parts['path'], '/'), 'db_type' => 'mysql', 'db_port' => ''],
    'crmguard_report' => ['period_days' => 2, 'lang' => 'en', 'qc_percent' => 100, 'qc_user' => HEAD]];
$GLOBALS['log'] = new LoggerStandin();
$GLOBALS['current_language'] = 'en_us';
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);

$installer = new ModuleInstaller($tree);
$installer->pre_execute();
$installer->post_execute();
$installer->post_execute();
echo 'scheduler: ', json_encode($sql("SELECT name, job, status, job_interval, LENGTH(id) AS id_len FROM schedulers WHERE deleted = 0 AND job LIKE '%crmguard%'")), "\n";
echo 'manifest: scheduledefs ', json_encode($installer->installdefs['scheduledefs']), "\n";

// The users' addresses as SuiteCRM keeps them (email_addresses + email_addr_bean_rel, bean_module Users).
$sql("INSERT INTO email_addresses (id, email_address, email_address_caps, deleted) VALUES
      ('e0000000-0000-4000-8000-000000000001', 'admin@example.com', 'ADMIN@EXAMPLE.COM', 0),
      ('e0000000-0000-4000-8000-000000000002', 'olga@example.com', 'OLGA@EXAMPLE.COM', 0),
      ('e0000000-0000-4000-8000-000000000003', 'alexey@example.com', 'ALEXEY@EXAMPLE.COM', 0)");
$sql("INSERT INTO email_addr_bean_rel (id, email_address_id, bean_id, bean_module, primary_address, deleted) VALUES
      ('r0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000001', '" . ADMIN . "', 'Users', 1, 0),
      ('r0000000-0000-4000-8000-000000000002', 'e0000000-0000-4000-8000-000000000002', '" . HEAD . "', 'Users', 1, 0),
      ('r0000000-0000-4000-8000-000000000003', 'e0000000-0000-4000-8000-000000000003', '" . M1 . "', 'Users', 1, 0)");

// SuiteCRM runs scheduler functions with the instance root as the current directory (cron.php).
chdir("$tree/files");
$job_strings = [];
require "$tree/files/scheduledtasks/crmguard.php";
echo 'job_strings: ', json_encode($job_strings), "\n";

$run = function (string $now, ?string $fail) use ($sql) {
    global $sugar_config;
    $sugar_config['crmguard_report']['now'] = $now;
    SugarPHPMailer::$sent = [];
    SugarPHPMailer::$fail = $fail;
    $ok = crmguard_sales_report();
    echo "-- run at $now", $fail === null ? '' : " (mail fails: $fail)", ': returned ', json_encode($ok), "\n";
    foreach (SugarPHPMailer::$sent as $m) {
        echo '  mail from ', $m['from'], ' by ', $m['mailer'], ' to ', implode(', ', $m['to']), ': ', $m['subject'],
            ', html ', json_encode($m['html']), ', shows Смирнов: ', json_encode(str_contains($m['body'], 'Смирнов')),
            ', attached: ', $m['attachments'][0]['name'], ' (', $m['attachments'][0]['type'], ', the body: ',
            json_encode($m['attachments'][0]['content'] === $m['body']), ")\n";
    }
    echo '  QC review tasks of the reviewer: ', $sql("SELECT COUNT(*) AS n FROM tasks WHERE assigned_user_id = '" . HEAD . "' AND deleted = 0 AND name LIKE 'QC review:%' AND parent_type = 'Opportunities'")[0]['n'], "\n";
    foreach ($sql('SELECT period_since, period_until, status, attempts, recipients, tasks_created, error FROM crmguard_report_run ORDER BY period_since') as $r) {
        echo '  run record: ', implode(' | ', array_map(fn ($v) => $v ?? '-', $r)), "\n";
    }
};
$run('2026-01-05 06:00:00', 'SMTP Error: Could not connect to SMTP host.');
$run('2026-01-05 08:00:00', null);
$run('2026-01-05 10:00:00', null);
$run('2026-01-07 06:00:00', 'SMTP Error: data not accepted.');
$run('2026-01-09 06:00:00', null);

\CrmGuard\Crm\ReportSchedule::remove(\CrmGuardSuite::guard()->connection(), 'suitecrm');
echo 'after uninstall: ', json_encode($sql("SELECT COUNT(*) AS n FROM schedulers WHERE deleted = 0 AND job = 'function::crmguard_sales_report'")), "\n";
?>
--EXPECT--
scheduler: [{"name":"crmguard: sales report and QC review tasks","job":"function::crmguard_sales_report","status":"Active","job_interval":"0::6::*\/2::*::*","id_len":"36"}]
manifest: scheduledefs [{"from":"<basepath>\/files\/scheduledtasks\/crmguard.php"}]
job_strings: ["crmguard_sales_report"]
-- run at 2026-01-05 06:00:00 (mail fails: SMTP Error: Could not connect to SMTP host.): returned false
  QC review tasks of the reviewer: 2
  run record: 2026-01-03 | 2026-01-04 | failed | 1 | admin@example.com, olga@example.com | 2 | RuntimeException: SuiteCRM mail: SMTP Error: Could not connect to SMTP host.
-- run at 2026-01-05 08:00:00: returned true
  mail from crm@example.com by smtp to admin@example.com, olga@example.com: Sales report 2026-01-03 — 2026-01-04, html true, shows Смирнов: true, attached: crmguard-report-2026-01-03-2026-01-04.html (text/html, the body: true)
  QC review tasks of the reviewer: 2
  run record: 2026-01-03 | 2026-01-04 | sent | 2 | admin@example.com, olga@example.com | 2 | -
-- run at 2026-01-05 10:00:00: returned true
  QC review tasks of the reviewer: 2
  run record: 2026-01-03 | 2026-01-04 | sent | 2 | admin@example.com, olga@example.com | 2 | -
-- run at 2026-01-07 06:00:00 (mail fails: SMTP Error: data not accepted.): returned false
  QC review tasks of the reviewer: 2
  run record: 2026-01-03 | 2026-01-04 | sent | 2 | admin@example.com, olga@example.com | 2 | -
  run record: 2026-01-05 | 2026-01-06 | failed | 1 | admin@example.com, olga@example.com | 0 | RuntimeException: SuiteCRM mail: SMTP Error: data not accepted.
-- run at 2026-01-09 06:00:00: returned true
  mail from crm@example.com by smtp to admin@example.com, olga@example.com: Sales report 2026-01-05 — 2026-01-06, html true, shows Смирнов: true, attached: crmguard-report-2026-01-05-2026-01-06.html (text/html, the body: true)
  mail from crm@example.com by smtp to admin@example.com, olga@example.com: Sales report 2026-01-07 — 2026-01-08, html true, shows Смирнов: false, attached: crmguard-report-2026-01-07-2026-01-08.html (text/html, the body: true)
  QC review tasks of the reviewer: 2
  run record: 2026-01-03 | 2026-01-04 | sent | 2 | admin@example.com, olga@example.com | 2 | -
  run record: 2026-01-05 | 2026-01-06 | sent | 2 | admin@example.com, olga@example.com | 0 | -
  run record: 2026-01-07 | 2026-01-08 | sent | 1 | admin@example.com, olga@example.com | 0 | -
after uninstall: [{"n":"0"}]
