<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

use CrmGuard\Connection;

/**
 * A reproducible random sample of the period's deals for quality control,
 * stratified by manager: of each manager's n deals, ceil(n * percent / 100)
 * and at least one.  A deal's place in the draw is sha256("seed:deal id"), so
 * the same seed gives the same sample whatever order the database returns
 * rows in, and a deal added later does not reshuffle the others.
 */
final class QcSample
{
    public const TASK_NAME = ['en' => 'QC review: %s', 'ru' => 'Проверка качества: %s'];

    public function __construct(private readonly Connection $db)
    {
    }

    /**
     * @return array{seed: int, percent: float, deals: int, managers: list<array<string, mixed>>,
     *               sample: list<array<string, mixed>>}
     */
    public function draw(ReportOptions $o, float $percent, int $seed, ?string $crmUrl = null): array
    {
        if (!($percent > 0 && $percent <= 100)) {
            throw new \InvalidArgumentException("--percent must be more than 0 and at most 100, $percent given");
        }
        // The draw in the server: each deal's place is SHA2('seed:deal id') (the same lower-case
        // hex as PHP's hash('sha256')), numbered per manager; only the sample and the per-manager
        // counts come back, so memory does not grow with the CRM.
        [$where, $params] = $o->where('d.created_at', 'd.user_id');
        $key = (string) $seed . ':';
        $rows = $this->db->query(
            "SELECT r.deal_id, r.deal_name, r.user_id, r.stage, r.failure_reason, r.created_at, r.record_path, r.h, r.n
             FROM (SELECT d.deal_id, d.deal_name, d.user_id, d.stage, d.failure_reason, d.created_at, d.record_path,
                          SHA2(CONCAT(?, d.deal_id), 256) AS h,
                          ROW_NUMBER() OVER (PARTITION BY d.user_id ORDER BY SHA2(CONCAT(?, d.deal_id), 256), d.deal_id) AS k,
                          COUNT(*) OVER (PARTITION BY d.user_id) AS n
                   FROM crmguard_v_deal d WHERE $where) r
             WHERE r.k <= GREATEST(1, CEIL(r.n * ? / 100 - 1e-9))",
            [$key, $key, ...$params, ...[$percent]]
        );
        $names = [];
        foreach ($this->db->query('SELECT user_id, name FROM crmguard_v_user') as $u) {
            $names[(string) $u['user_id']] = $u['name'];
        }
        $by = [];
        $counts = [];
        foreach ($rows as $r) {
            $user = (string) ($r['user_id'] ?? '');
            $by[$user][] = $r;
            $counts[$user] = (int) $r['n'];
        }
        ksort($by, SORT_STRING);
        $sample = [];
        $managers = [];
        $all = 0;
        foreach ($by as $user => $deals) {
            $user = (string) $user;
            usort($deals, fn ($a, $b) => [$a['h'], $a['deal_id']] <=> [$b['h'], $b['deal_id']]);
            $all += $counts[$user];
            $managers[] = ['user_id' => $user === '' ? null : $user, 'name' => $names[$user] ?? null,
                           'deals' => $counts[$user], 'sampled' => count($deals)];
            foreach ($deals as $d) {
                $sample[] = [
                    'deal_id' => $d['deal_id'],
                    'name' => $d['deal_name'],
                    'user_id' => $d['user_id'],
                    'manager' => $names[$user] ?? null,
                    'stage' => $d['stage'],
                    'failure_reason' => $d['failure_reason'],
                    'created_at' => $d['created_at'],
                    'url' => $crmUrl === null ? null : rtrim($crmUrl, '/') . '/' . $d['record_path'],
                ];
            }
        }
        return ['seed' => $seed, 'percent' => $percent, 'deals' => $all, 'managers' => $managers,
                'sample' => $sample];
    }

    /** Sampled deals per statement of createTasks(): bound values stay far below MariaDB's 65,535. */
    private const BATCH = 500;

    /**
     * Gives the QC user a review task on every sampled deal that has no open
     * task of that user with the same name yet (so running twice creates
     * nothing twice), in a fixed number of statements per BATCH deals, not one
     * per deal: one query finds the deals that have such a task; the others go
     * into the temporary table of the CRM-specific procedure
     * crmguard_deal_task_batch, and crmguard_create_deal_tasks writes their
     * tasks the CRM's way (both in sql/<crm>/100_analytics.sql).
     *
     * @param list<array<string, mixed>> $sample
     * @return array{created: int, existing: int}
     */
    public function createTasks(array $sample, string $qcUserId, string $lang, string $due): array
    {
        $tasks = [];
        foreach ($sample as $d) {
            $tasks[] = [(string) $d['deal_id'], sprintf(self::TASK_NAME[$lang] ?? self::TASK_NAME['en'], (string) $d['name']),
                ($lang === 'ru' ? 'Выборочная проверка сделки (crmguard qc-sample). Менеджер: '
                    : 'Random quality-control review (crmguard qc-sample). Manager: ') . ($d['manager'] ?? $d['user_id'] ?? '-')];
        }
        $reviewed = $this->dealsWithOpenTask($tasks, $qcUserId);
        $new = array_values(array_filter($tasks, static fn (array $t): bool => !isset($reviewed[strtolower($t[0])])));
        if ($new !== []) {
            $this->db->exec('DROP TEMPORARY TABLE IF EXISTS crmguard_deal_task_batch');
            try {
                $this->db->exec('CALL crmguard_deal_task_batch()');
                foreach (array_chunk($new, self::BATCH) as $chunk) {
                    $this->db->exec('INSERT INTO crmguard_deal_task_batch (deal_id, name, description) VALUES '
                        . implode(', ', array_fill(0, count($chunk), '(?, ?, ?)')), array_merge(...$chunk));
                }
                $this->db->exec('CALL crmguard_create_deal_tasks(?, ?, ?)', [$qcUserId, $qcUserId, $due]);
            } finally {
                $this->db->exec('DROP TEMPORARY TABLE IF EXISTS crmguard_deal_task_batch');
            }
        }
        return ['created' => count($new), 'existing' => count($tasks) - count($new)];
    }

    /**
     * The deals of $tasks ([deal id, task name, description]) on which $userId has an open task
     * of that name already (the stored name may be the CRM's cut of it), as lower-case deal id
     * => true (ids compare as the CRM's collation compares them).
     *
     * @param list<array{0: string, 1: string, 2: string}> $tasks
     * @return array<string, true>
     */
    private function dealsWithOpenTask(array $tasks, string $userId): array
    {
        $found = [];
        foreach (array_chunk($tasks, self::BATCH) as $chunk) {
            $params = [$userId];
            foreach ($chunk as [$dealId, $name]) {
                array_push($params, $dealId, $name);
            }
            $rows = $this->db->query('SELECT DISTINCT deal_id FROM crmguard_v_deal_task WHERE user_id = ? AND is_open AND ('
                . implode(' OR ', array_fill(0, count($chunk), '(deal_id = ? AND name = LEFT(?, CHAR_LENGTH(name)))')) . ')', $params);
            foreach ($rows as $r) {
                $found[strtolower((string) $r['deal_id'])] = true;
            }
        }
        return $found;
    }
}
