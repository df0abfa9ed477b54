<?php
/*
 * bench/dashlet.php DSN CRM [RUNS] — the sales-control dashlet's answer (CrmGuard\Analytics\Dashlet
 * ::build, what the EspoCRM route and the SuiteCRM entry point call) for the manager with the
 * most deals, RUNS times (default 20) over the last 30 days of the data, then once for the first
 * admin (every manager): prints the median and p95 in ms and the peak memory.  Run by
 * bench/report --database.
 */
declare(strict_types=1);
require dirname(__DIR__) . '/src/Cli/autoload.php';

[, $dsn, $crm] = $argv;
$runs = (int) ($argv[3] ?? 20);
$db = new CrmGuard\Connection($dsn);
$top = $db->query('SELECT user_id, COUNT(*) AS n, MAX(created_at) AS last FROM crmguard_v_deal
                   WHERE user_id IS NOT NULL GROUP BY user_id ORDER BY n DESC LIMIT 1')[0];
$until = substr((string) $top['last'], 0, 10);
$since = gmdate('Y-m-d', (int) strtotime("$until UTC") - 29 * 86400);
$admin = $db->query($crm === 'espocrm'
    ? "SELECT id FROM `user` WHERE type IN ('admin', 'super-admin') AND deleted = 0 ORDER BY id LIMIT 1"
    : 'SELECT id FROM users WHERE is_admin = 1 AND deleted = 0 ORDER BY id LIMIT 1')[0]['id'] ?? null;
$params = ['since' => $since, 'until' => $until, 'now' => "$until 23:59:59"];
$times = [];
for ($i = 0; $i < $runs; $i++) {
    $t = hrtime(true);
    $d = CrmGuard\Analytics\Dashlet::build($db, $crm, (string) $top['user_id'], $params);
    $times[] = (hrtime(true) - $t) / 1e6;
}
sort($times);
$p = fn (float $q) => $times[min(count($times) - 1, (int) ceil($q * count($times)) - 1)];
printf("dashlet, one manager (%s, %d deals in all, %s..%s: %d deals, role %s): median %.0f ms, p95 %.0f ms over %d runs\n",
    $top['user_id'], $top['n'], $since, $until, $d['managers'][0]['deals'] ?? 0, $d['role'], $p(0.5), $p(0.95), $runs);
if ($admin !== null) {
    $t = hrtime(true);
    $d = CrmGuard\Analytics\Dashlet::build($db, $crm, (string) $admin, $params);
    printf("dashlet, admin (%d managers, %d deals): %.0f ms\n", count($d['managers']), $d['totals']['deals'],
        (hrtime(true) - $t) / 1e6);
}
printf("peak memory %.1f MB\n", memory_get_peak_usage(true) / 1048576);
