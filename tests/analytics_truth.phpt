--TEST--
crmguard report and audit on generated data agree with the generator's truth (tools/gendata/Truth.php), both CRMs
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/analytics.inc';
require __DIR__ . '/gendata.inc';

use CrmGuard\GenData\Truth;

$close = fn ($a, $b) => $a === null || $b === null ? $a === $b : abs($a - $b) < 1e-4;
foreach (['espocrm', 'suitecrm'] as $crm) {
    $tmp = sys_get_temp_dir() . "/crmguard-truth-$crm-" . getmypid();
    @mkdir($tmp);
    crmguard_gendata_run(['--crm', $crm, '--seed', '11', '--scale', 'tiny', '--out', "$tmp/a.sql", '--truth', "$tmp/a.json"]);
    $t = json_decode(file_get_contents("$tmp/a.json"), true, 512, JSON_THROW_ON_ERROR);
    $g = $t['generator'];
    $dsn = crmguard_analytics_db($crm, ['schema.sql', 'crmguard-fields.sql', "$tmp/a.sql"], "truth_$crm");

    // Report: every manager's KPIs, at the generator's as_of and SLA.
    $problems = [];
    foreach ([7, 30] as $days) {
        $r = crmguard_analytics_report($dsn, $crm, ['--now', $g['as_of'], '--sla', (string) $g['sla_minutes'], '--stale-days', (string) $days]);
        $mine = array_column($r['managers'], null, 'user_id');
        foreach ($t['kpi'] as $uid => $k) {
            $m = $mine[$uid] ?? null;
            if ($m === null) {
                $problems[] = "$uid: not in the report";
                continue;
            }
            $pairs = [
                'stale.' . $days => [$k['stale'][(string) $days], $m['stale_deals']],
            ];
            if ($days === 7) {
                $pairs += [
                    'deals_by_stage' => [$k['deals_by_stage'], $m['deals_by_stage']],
                    'open_without_open_task' => [$k['open_without_open_task'], $m['open_deals_without_open_task']],
                    'won' => [$k['won'], $m['successes']],
                    'lost' => [$k['lost'], $m['failures']],
                    'lost_by_reason' => [$k['lost_by_reason'], $m['lost_reasons']],
                    'poor_quality_failures' => [$k['poor_quality_failures'], $m['poor_quality_failures']],
                    'inbound' => [$k['response']['inbound'], $m['inbound']],
                    'late' => [$k['response']['late'], $m['inbound_late']],
                    'alarm' => [$k['response']['alarm'], in_array('response_speed', $m['alarms'], true)],
                ];
                if (!$close($k['win_ratio'], $m['success_ratio']) || !$close($k['response']['coefficient'], $m['response_speed_coefficient'])) {
                    $problems[] = "{$k['user_name']} ratios: truth " . json_encode([$k['win_ratio'], $k['response']['coefficient']])
                        . ' report ' . json_encode([$m['success_ratio'], $m['response_speed_coefficient']]);
                }
            }
            foreach ($pairs as $what => [$want, $got]) {
                $problems = array_merge($problems, crmguard_gendata_diff("{$k['user_name']} $what", $want, $got));
            }
        }
    }
    crmguard_gendata_report("$crm report KPIs of " . count($t['kpi']) . ' managers', $problems);

    // Audit: the generator's insult words, the phone and deal checks.
    file_put_contents("$tmp/words.txt", implode("\n", Truth::INSULT_WORDS) . "\n");
    [$rc, $out, $err] = crmguard_analytics_cli($dsn, $crm, ['audit', '--json', '--limit', '1000000', '--no-default-words',
        '--words', "$tmp/words.txt", '--require', 'Lead.phone,Contact.phone,Account.phone,Deal.comment,Deal.close_date,Deal.task']);
    $a = json_decode($out, true) ?? throw new RuntimeException("audit failed ($rc): $err");
    $records = [];
    foreach ($a['findings'] as $f) {
        $records[$f['code']][$f['entity_type']][$f['entity_id']] = true;
    }
    $n = fn (string $code, ?string $type = null) => $type === null
        ? array_sum(array_map('count', $records[$code] ?? [])) : count($records[$code][$type] ?? []);
    $want = $t['audit'];
    $problems = [];
    foreach (['Account', 'Contact', 'Lead'] as $type) {
        $problems = array_merge($problems,
            crmguard_gendata_diff("lowercase $type", $want['lowercase_names'][$type] ?? 0, $n('lowercase_name', $type)),
            crmguard_gendata_diff("missing phone $type", $want['missing_phone'][$type] ?? 0, $n('missing_phone', $type)));
        if ($type !== 'Account') {
            $problems = array_merge($problems, crmguard_gendata_diff("insult $type", $want['insult_names'][$type] ?? 0, $n('bad_word', $type)));
        }
    }
    $problems = array_merge($problems,
        crmguard_gendata_diff('phones messy', $want['phones']['messy'], $a['counts']['phone_not_canonical'] ?? 0),
        crmguard_gendata_diff('phones multiple', $want['phones']['multiple'], $a['counts']['phone_several_numbers'] ?? 0),
        crmguard_gendata_diff('phones invalid', $want['phones']['invalid'], $a['counts']['phone_invalid'] ?? 0),
        crmguard_gendata_diff('deals without comment', $want['deals_without_comment'], $n('no_comment')),
        crmguard_gendata_diff('deals without due date', $want['deals_without_due_date'], $n('no_close_date')),
        crmguard_gendata_diff('deals without task', $want['deals_without_task'], $n('no_task')));
    crmguard_gendata_report("$crm audit counts", $problems);
    exec('rm -rf ' . escapeshellarg($tmp));
}
?>
--EXPECT--
ok espocrm report KPIs of 4 managers
ok espocrm audit counts
ok suitecrm report KPIs of 4 managers
ok suitecrm audit counts
