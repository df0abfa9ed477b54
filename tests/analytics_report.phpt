--TEST--
crmguard report: per-manager figures, SLA, staleness from the stage log, sources and lost reasons, on both CRMs' fixtures
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/analytics.inc';

/*
 * The sample fixtures hold the same story in both CRMs (tests/fixtures/<crm>/sample.sql):
 * alexey.smirnov: deal "Ромашка: поставка" (New since 2026-01-04, open task), an inbound call
 *   held at once and an inbound email on 2026-01-05 10:15 that nobody answered;
 * dmitry.kuznetsov: "Acme: pilot" (Calling since 2026-01-06, no task), "ИП Петров: лицензии"
 *   (Closed Lost, poor_quality_contact).
 * Measured at 2026-01-20 with the defaults (SLA 60 min, stale after 7 days).
 */
$ids = [
    'espocrm' => ['acme' => '6957193f305572d38', 'account' => '6955ff7309aab8a8b', 'user' => '6955d52e03dde92f7',
                  'call' => "INSERT INTO `call` (id, name, deleted, status, date_start, date_end, direction, parent_id, parent_type, assigned_user_id)
                             VALUES ('6957f0000000000aa', 'Ответ', 0, 'Held', '2026-01-05 12:00:00', '2026-01-05 12:05:00', 'Outbound', '6955ff7309aab8a8b', 'Account', '6955d52e03dde92f7')"],
    'suitecrm' => ['acme' => 'ce353aca-24a6-56c5-a152-4ede832666d7', 'account' => '5ddfddb8-c8d7-500a-89c3-36de29d59e46',
                   'user' => 'c3418962-c328-524b-9bbc-6c70cd0f7d72',
                   'call' => "INSERT INTO calls (id, name, deleted, status, date_start, date_end, direction, parent_id, parent_type, assigned_user_id)
                              VALUES ('aaaaaaaa-0000-4000-8000-000000000001', 'Ответ', 0, 'Held', '2026-01-05 12:00:00', '2026-01-05 12:05:00', 'Outbound', '5ddfddb8-c8d7-500a-89c3-36de29d59e46', 'Accounts', 'c3418962-c328-524b-9bbc-6c70cd0f7d72')"],
];
$pick = fn (array $m) => [$m['deals'], $m['deals_by_stage'], $m['open_deals_without_open_task'], $m['successes'],
    $m['failures'], $m['success_ratio'], $m['poor_quality_failures'], $m['stale_deals'], $m['inbound'],
    $m['inbound_late'], $m['response_speed_coefficient'], $m['alarms']];

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    $dsn = crmguard_analytics_db($crm);
    $r = crmguard_analytics_report($dsn, $crm, ['--now', '2026-01-20']);
    $m = crmguard_analytics_by_login($dsn, $r, $crm);
    echo json_encode($pick($m['alexey.smirnov'])), "\n", json_encode($pick($m['dmitry.kuznetsov'])), "\n";
    echo json_encode([$r['totals']['deals'], $r['totals']['stale_deals'], $r['totals']['response_speed_coefficient']]), "\n";
    echo json_encode($r['lost_reasons']), "\n";
    $src = array_column($r['sources'], null, 'source');
    echo json_encode([$src['Cold Call'], $src['Partner']]), "\n";
    echo json_encode([$r['period']['since'], $r['period']['until'], $r['trends']['unit'], count($r['trends']['points'])]), "\n";

    // The stage log decides when a deal entered its stage: Acme moved to Calling yesterday.
    $db = new CrmGuard\Connection($dsn);
    $db->exec("INSERT INTO crmguard_stage_log (deal_id, user_id, from_stage, to_stage, changed_at) VALUES (?, NULL, 'New', 'Calling', '2026-01-19 10:00:00')",
        [$ids[$crm]['acme']]);
    // The email of 10:15 is answered by a call at 12:00: 105 minutes, late for 60, in time for 120.
    $db->exec($ids[$crm]['call']);
    $m = crmguard_analytics_by_login($dsn, crmguard_analytics_report($dsn, $crm, ['--now', '2026-01-20']), $crm);
    echo 'after: stale ', $m['dmitry.kuznetsov']['stale_deals'], ', late ', $m['alexey.smirnov']['inbound_late'],
        ', unanswered ', $m['alexey.smirnov']['inbound_unanswered'];
    $m = crmguard_analytics_by_login($dsn, crmguard_analytics_report($dsn, $crm, ['--now', '2026-01-20', '--sla', '120']), $crm);
    echo '; sla 120: late ', $m['alexey.smirnov']['inbound_late'], ', coefficient ',
        json_encode($m['alexey.smirnov']['response_speed_coefficient']), "\n";

    // Period and scope.
    $r = crmguard_analytics_report($dsn, $crm, ['--now', '2026-01-20', '--since', '2026-01-04', '--until', '2026-01-04']);
    echo 'since 01-04: ', $r['totals']['deals'], ' deals, ', $r['totals']['inbound'], " inbound\n";
    $r = crmguard_analytics_report($dsn, $crm, ['--now', '2026-01-20', '--manager', $ids[$crm]['user']]);
    echo 'one manager: ', count($r['managers']), ' ', $r['totals']['deals'], "\n";
    $team = crmguard_test_sql($dsn, 'SELECT team_id FROM crmguard_v_user_team LIMIT 1')[0]['team_id'];
    $r = crmguard_analytics_report($dsn, $crm, ['--now', '2026-01-20', '--team', $team]);
    echo 'team: ', $r['totals']['deals'], "\n";
    $r = crmguard_analytics_report($dsn, $crm, ['--now', '2026-01-20', '--team', 'no-such-team']);
    echo 'other team: ', $r['totals']['deals'], "\n";
}

// Text, CSV and usage errors.
[$rc, $out] = crmguard_analytics_cli($dsn, 'suitecrm', ['report', '--now', '2026-01-20', '--lang', 'ru']);
echo $rc, ' ', str_contains($out, 'Дмитрий Кузнецов') && str_contains($out, 'Некачественный контакт') ? 'text ok' : $out, "\n";
[$rc, $out] = crmguard_analytics_cli($dsn, 'suitecrm', ['report', '--now', '2026-01-20', '--csv']);
echo $rc, ' ', explode("\n", $out)[0], "\n";
foreach ([['--since', '2026-13-01'], ['--band', '20-15'], ['--sla', 'x'], ['--lang', 'de'], ['--json', '--csv']] as $bad) {
    [$rc, , $err] = crmguard_analytics_cli($dsn, 'suitecrm', ['report', ...$bad]);
    echo $rc, ' ', strtok($err, "\n"), "\n";
}
?>
--EXPECT--
== espocrm
[1,{"New":1,"Calling":0,"Closed Won":0,"Closed Lost":0},0,0,0,null,0,1,2,1,0.5,["response_speed","stale_deals"]]
[2,{"New":0,"Calling":1,"Closed Won":0,"Closed Lost":1},1,0,1,0,1,1,0,0,null,["deals_without_task","stale_deals"]]
[3,2,0.5]
[{"reason":"poor_quality_contact","deals":1,"share":1}]
[{"source":"Cold Call","leads":2,"deals":1,"won":0,"conversion":0,"band":"below","alarm":true},{"source":"Partner","leads":1,"deals":1,"won":0,"conversion":0,"band":"below","alarm":true}]
["2026-01-02","2026-01-20","day",6]
after: stale 0, late 1, unanswered 0; sla 120: late 0, coefficient 0
since 01-04: 2 deals, 0 inbound
one manager: 1 1
team: 3
other team: 0
== suitecrm
[1,{"New":1,"Calling":0,"Closed Won":0,"Closed Lost":0},0,0,0,null,0,1,2,1,0.5,["response_speed","stale_deals"]]
[2,{"New":0,"Calling":1,"Closed Won":0,"Closed Lost":1},1,0,1,0,1,1,0,0,null,["deals_without_task","stale_deals"]]
[3,2,0.5]
[{"reason":"poor_quality_contact","deals":1,"share":1}]
[{"source":"Cold Call","leads":2,"deals":1,"won":0,"conversion":0,"band":"below","alarm":true},{"source":"Partner","leads":1,"deals":1,"won":0,"conversion":0,"band":"below","alarm":true}]
["2026-01-02","2026-01-20","day",6]
after: stale 0, late 1, unanswered 0; sla 120: late 0, coefficient 0
since 01-04: 2 deals, 0 inbound
one manager: 1 1
team: 3
other team: 0
0 text ok
0 section,user_id,manager,deals,new,calling,successes,failures,other,success_ratio,poor_quality_failures,open_deals_without_open_task,stale_deals,inbound,inbound_late,response_speed_coefficient,alarms
2 crmguard: --since must be a date YYYY-MM-DD, '2026-13-01' given
2 crmguard: --band must be LOW-HIGH percent with 0 <= LOW <= HIGH <= 100
2 crmguard: --sla must be a whole number, 'x' given
2 crmguard: --lang must be ru or en, 'de' given
2 crmguard: give --json or --csv, not both
