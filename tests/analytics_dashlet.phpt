--TEST--
The head-of-sales dashlet (CrmGuard\Analytics\Dashlet): a manager gets exactly his row, a supervisor his team's (the supervisor rule of CrmGuard\Rules), an admin all; every figure equals `crmguard report --json` for the same period and user; links to each CRM's own list; labels ru and en; both CRMs
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/analytics.inc';

use CrmGuard\Analytics\Dashlet;

/** a manager row of the dashlet without what the dashlet adds (links, display name) */
function figures(array $m): array
{
    unset($m['links'], $m['display_name']);
    return $m;
}

$period = ['--since', '2026-01-01', '--until', '2026-01-31', '--now', '2026-01-20'];
$params = ['since' => '2026-01-01', 'until' => '2026-01-31', 'now' => '2026-01-20', 'lang' => 'en'];
foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    $dsn = crmguard_analytics_db($crm);
    $db = new CrmGuard\Connection($dsn);
    $ids = [];
    foreach (crmguard_test_sql($dsn, 'SELECT id, user_name FROM ' . ($crm === 'espocrm' ? '`user`' : 'users')) as $u) {
        $ids[$u['user_name']] = $u['id'];
    }
    $login = array_flip($ids);
    $all = crmguard_analytics_report($dsn, $crm, $period);
    foreach (['alexey.smirnov', 'olga.head', 'admin'] as $who) {
        $d = Dashlet::build($db, $crm, $ids[$who], $params);
        $rows = array_map(fn ($m) => $login[$m['user_id']], $d['managers']);
        echo "$who: {$d['role']}: ", implode(', ', $rows), "\n";
        // each row: the same figures as the report for that manager and period
        $same = true;
        foreach ($d['managers'] as $m) {
            $r = crmguard_analytics_report($dsn, $crm, [...$period, '--manager', $m['user_id']]);
            $mine = array_values(array_filter($r['managers'], fn ($x) => $x['user_id'] === $m['user_id']));
            $same = $same && count($mine) === 1 && figures($m) === $mine[0];
        }
        echo '  rows equal the report per manager: ', json_encode($same), "\n";
        echo '  period: ', $d['period']['since'], ' .. ', $d['period']['until'], "\n";
    }
    // the admin's dashlet: all of the report's figures
    $d = Dashlet::build($db, $crm, $ids['admin'], $params);
    $strip = fn (array $rows, array $keys) => array_map(fn ($r) => array_diff_key($r, array_flip($keys)), $rows);
    echo 'admin totals = report totals: ', json_encode($d['totals'] === $all['totals']), "\n";
    echo 'admin sources = report sources: ', json_encode($strip($d['sources'], ['label', 'link']) === $all['sources']), "\n";
    echo 'admin lost reasons = report lost reasons: ',
        json_encode($strip($d['lost_reasons'], ['label', 'link']) === $all['lost_reasons']), "\n";
    $named = array_values(array_filter($all['managers'], fn ($m) => $m['user_id'] !== null));
    echo 'admin managers = report managers: ', json_encode(array_map('figures', $d['managers']) === $named), "\n";
    // the supervisor's team figures: the report of the same users
    $s = Dashlet::build($db, $crm, $ids['olga.head'], $params);
    echo 'supervisor totals: ', json_encode([$s['totals']['deals'], $s['totals']['successes'], $s['totals']['failures']]), "\n";
    $m = Dashlet::build($db, $crm, $ids['alexey.smirnov'], ['lang' => 'ru_RU'] + $params);
    echo 'manager totals hidden: ', json_encode($m['totals']), '; runs hidden: ', json_encode(isset($m['runs'])), "\n";
    echo 'labels: ', $m['labels']['title'], ' / ', $d['labels']['title'], ' / ', $m['labels']['stage:Closed Won'], "\n";
    // links: the manager's successes, his poor-quality failures, a lost reason over the team
    $a = $m['managers'][0]['links'];
    if ($crm === 'espocrm') {
        foreach (['successes', 'poor_quality_failures'] as $k) {
            echo "$k: {$a[$k]['url']} ", json_encode($a[$k]['search']['advanced'], JSON_UNESCAPED_UNICODE), "\n";
        }
    } else {
        foreach (['successes', 'poor_quality_failures'] as $k) {
            echo "$k: ", str_replace($ids['alexey.smirnov'], 'ALEXEY', $a[$k]['url']), "\n";
        }
    }
    echo 'stale exact: ', json_encode($a['stale_deals']['exact']), ', coefficient link: ',
        $crm === 'espocrm' ? $a['response_speed_coefficient']['url'] : substr($a['response_speed_coefficient']['url'], 0, 30), "\n";
    // a period without deals
    $e = Dashlet::build($db, $crm, $ids['alexey.smirnov'], ['since' => '2020-01-01', 'until' => '2020-01-02'] + $params);
    echo 'empty period: ', count($e['managers']), ' row, ', $e['managers'][0]['deals'], " deals\n";
    try {
        Dashlet::build($db, $crm, $ids['admin'], ['since' => '2026-13-01'] + $params);
    } catch (InvalidArgumentException $x) {
        echo 'bad date: ', $x->getMessage(), "\n";
    }
}
?>
--EXPECT--
== espocrm
alexey.smirnov: manager: alexey.smirnov
  rows equal the report per manager: true
  period: 2026-01-01 .. 2026-01-31
olga.head: supervisor: alexey.smirnov, dmitry.kuznetsov, olga.head
  rows equal the report per manager: true
  period: 2026-01-01 .. 2026-01-31
admin: admin: alexey.smirnov, dmitry.kuznetsov
  rows equal the report per manager: true
  period: 2026-01-01 .. 2026-01-31
admin totals = report totals: true
admin sources = report sources: true
admin lost reasons = report lost reasons: true
admin managers = report managers: true
supervisor totals: [3,0,1]
manager totals hidden: null; runs hidden: false
labels: Контроль продаж / Sales control / Успех
successes: #Opportunity/list {"assignedUser":{"type":"equals","attribute":"assignedUserId","value":"6955d52e03dde92f7","data":{"type":"is"}},"createdAt":{"type":"between","value":["2026-01-01 00:00:00","2026-01-31 23:59:59"],"dateTime":true,"timeZone":"UTC","data":{"type":"between","dateValue":"2026-01-01","dateValueTo":"2026-01-31"}},"stage":{"type":"in","attribute":"stage","value":["Closed Won"],"data":{"type":"anyOf","valueList":["Closed Won"]}}}
poor_quality_failures: #Opportunity/list {"assignedUser":{"type":"equals","attribute":"assignedUserId","value":"6955d52e03dde92f7","data":{"type":"is"}},"createdAt":{"type":"between","value":["2026-01-01 00:00:00","2026-01-31 23:59:59"],"dateTime":true,"timeZone":"UTC","data":{"type":"between","dateValue":"2026-01-01","dateValueTo":"2026-01-31"}},"stage":{"type":"in","attribute":"stage","value":["Closed Lost"],"data":{"type":"anyOf","valueList":["Closed Lost"]}},"cCrmguardFailureReason":{"type":"in","attribute":"cCrmguardFailureReason","value":["poor_quality_contact"],"data":{"type":"anyOf","valueList":["poor_quality_contact"]}}}
stale exact: false, coefficient link: #Call/list
empty period: 1 row, 0 deals
bad date: since and until must be dates YYYY-MM-DD
== suitecrm
alexey.smirnov: manager: alexey.smirnov
  rows equal the report per manager: true
  period: 2026-01-01 .. 2026-01-31
olga.head: supervisor: alexey.smirnov, dmitry.kuznetsov, olga.head
  rows equal the report per manager: true
  period: 2026-01-01 .. 2026-01-31
admin: admin: alexey.smirnov, dmitry.kuznetsov
  rows equal the report per manager: true
  period: 2026-01-01 .. 2026-01-31
admin totals = report totals: true
admin sources = report sources: true
admin lost reasons = report lost reasons: true
admin managers = report managers: true
supervisor totals: [3,0,1]
manager totals hidden: null; runs hidden: false
labels: Контроль продаж / Sales control / Успех
successes: index.php?module=Opportunities&action=index&query=true&searchFormTab=advanced_search&assigned_user_id_advanced[]=ALEXEY&date_entered_advanced_range_choice=between&start_range_date_entered_advanced=2026-01-01&end_range_date_entered_advanced=2026-01-31&sales_stage_advanced[]=Closed%20Won
poor_quality_failures: index.php?module=Opportunities&action=index&query=true&searchFormTab=advanced_search&assigned_user_id_advanced[]=ALEXEY&date_entered_advanced_range_choice=between&start_range_date_entered_advanced=2026-01-01&end_range_date_entered_advanced=2026-01-31&sales_stage_advanced[]=Closed%20Lost&crmguard_failure_reason_c_advanced[]=poor_quality_contact
stale exact: false, coefficient link: index.php?module=Calls&action=
empty period: 1 row, 0 deals
bad date: since and until must be dates YYYY-MM-DD
