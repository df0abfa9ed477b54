<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

use CrmGuard\Connection;

/**
 * The head of sales' figures for a period, per manager, per lead source and
 * over time, read from the analytics views (sql/<crm>/100_analytics.sql), so
 * this code is the same for EspoCRM and SuiteCRM.  The period's deals and
 * inbound communications are counted while they stream (ReportPass); the
 * leads by source are one GROUP BY in the server; this class arranges them.
 *
 * Definitions (docs/reports.md, "Definitions"):
 *   - the period's deals are the deals created in it; the period's inbound
 *     communications are those received in it;
 *   - success_ratio = successes / (successes + failures), null without closed deals;
 *   - stale: an open deal whose current stage began more than stale_days before now;
 *   - response_speed_coefficient = inbound answered later than the SLA, or not
 *     answered by now, / all inbound; alarm above 0.3;
 *   - per lead source: leads = deals + leads that did not become a deal, won = deals
 *     won, conversion = won / leads, alarm outside the normal band.
 */
final class Report
{
    public const STAGE_NEW = 'New';
    public const STAGE_CALLING = 'Calling';
    public const STAGE_WON = 'Closed Won';
    public const STAGE_LOST = 'Closed Lost';
    public const POOR_QUALITY = 'poor_quality_contact';

    public function __construct(private readonly Connection $db)
    {
    }

    /** @return array<string, mixed> the report (the shape of `crmguard report --json`) */
    public function build(ReportOptions $o): array
    {
        $now = $o->nowTime();
        $staleBefore = gmdate('Y-m-d H:i:s', (int) strtotime("$now UTC") - $o->staleDays * 86400);

        $pass = ReportPass::read($this->db, $o, $staleBefore);
        $deals = array_values($pass->deals);
        $managers = $this->managers($o, $deals, array_values($pass->inbound));
        $period = $this->period($o, $now, $pass->firstDay);
        return [
            'period' => $period,
            'managers' => array_values($managers),
            'totals' => self::total($managers, $o),
            'sources' => $this->sources($o, $pass->sources),
            'lost_reasons' => self::lostReasons($deals),
            'trends' => self::trends($pass, $period['trend']),
        ];
    }

    /** @return array<string, mixed> */
    private function period(ReportOptions $o, string $now, ?string $firstDay): array
    {
        $since = $o->since ?? $firstDay;
        $until = $o->until ?? substr($now, 0, 10);
        return [
            'since' => $since,
            'until' => $until,
            'since_given' => $o->since !== null,
            'until_given' => $o->until !== null,
            'now' => $now,
            'manager' => $o->managerId,
            'team' => $o->teamId,
            'sla_minutes' => $o->slaMinutes,
            'stale_days' => $o->staleDays,
            'band' => [$o->bandLow, $o->bandHigh],
            'alarm_coefficient' => $o->alarmCoefficient,
            'trend' => $this->trendUnit($o, $since, $until),
        ];
    }

    /**
     * @param list<array<string, mixed>> $deals
     * @param list<array<string, mixed>> $inbound
     * @return array<string, array<string, mixed>>
     */
    private function managers(ReportOptions $o, array $deals, array $inbound): array
    {
        $names = [];
        foreach ($this->db->query('SELECT user_id, name, user_name FROM crmguard_v_user') as $u) {
            $names[(string) $u['user_id']] = ($u['name'] ?? '') !== '' ? $u['name'] : ($u['user_name'] ?? $u['user_id']);
        }
        $m = [];
        $get = function (?string $id) use (&$m, $names): string {
            $key = $id ?? '';
            if (!isset($m[$key])) {
                $m[$key] = self::emptyManager($id, $id === null || $id === '' ? null : ($names[$id] ?? $id));
            }
            return $key;
        };
        if ($o->managerId !== null) {
            $get($o->managerId);
        }
        foreach ($o->userIds ?? [] as $id) {
            $get((string) $id);
        }
        foreach ($deals as $r) {
            $k = $get($r['user_id'] === null ? null : (string) $r['user_id']);
            $n = (int) $r['n'];
            $stage = (string) $r['stage'];
            $m[$k]['deals'] += $n;
            $m[$k]['deals_by_stage'][$stage] = ($m[$k]['deals_by_stage'][$stage] ?? 0) + $n;
            $m[$k]['open_deals_without_open_task'] += (int) $r['without_task'];
            $m[$k]['stale_deals'] += (int) $r['stale'];
            if ($stage === self::STAGE_WON) {
                $m[$k]['successes'] += $n;
            } elseif ($stage === self::STAGE_LOST) {
                $m[$k]['failures'] += $n;
                $reason = $r['failure_reason'] === null ? '' : (string) $r['failure_reason'];
                $m[$k]['lost_reasons'][$reason] = ($m[$k]['lost_reasons'][$reason] ?? 0) + $n;
                if ($reason === self::POOR_QUALITY) {
                    $m[$k]['poor_quality_failures'] += $n;
                }
            } else {
                $m[$k]['open_deals'] += $n;
            }
        }
        foreach ($inbound as $r) {
            $k = $get($r['user_id'] === null ? null : (string) $r['user_id']);
            $m[$k]['inbound'] += (int) $r['n'];
            $m[$k]['inbound_late'] += (int) $r['late'];
            $m[$k]['inbound_unanswered'] += (int) $r['unanswered'];
        }
        foreach ($m as $k => $row) {
            $m[$k] = self::finish($row, $o);
        }
        uasort($m, fn ($a, $b) => [$a['name'] === null, (string) $a['name'], (string) $a['user_id']]
            <=> [$b['name'] === null, (string) $b['name'], (string) $b['user_id']]);
        return $m;
    }

    /** @return array<string, mixed> */
    private static function emptyManager(?string $id, ?string $name): array
    {
        return [
            'user_id' => $id,
            'name' => $name,
            'deals' => 0,
            // The four stages of the process always, other stages when there are such deals.
            'deals_by_stage' => [self::STAGE_NEW => 0, self::STAGE_CALLING => 0, self::STAGE_WON => 0, self::STAGE_LOST => 0],
            'open_deals' => 0,
            'open_deals_without_open_task' => 0,
            'successes' => 0,
            'failures' => 0,
            'success_ratio' => null,
            'poor_quality_failures' => 0,
            'stale_deals' => 0,
            'lost_reasons' => [],
            'inbound' => 0,
            'inbound_late' => 0,
            'inbound_unanswered' => 0,
            'response_speed_coefficient' => null,
            'alarm' => false,
            'alarms' => [],
        ];
    }

    /** Ratios and alarms of a manager (or the totals) from the counts. */
    private static function finish(array $row, ReportOptions $o): array
    {
        $closed = $row['successes'] + $row['failures'];
        $row['success_ratio'] = $closed > 0 ? round($row['successes'] / $closed, 4) : null;
        $row['response_speed_coefficient'] = $row['inbound'] > 0
            ? round($row['inbound_late'] / $row['inbound'], 4) : null;
        ksort($row['lost_reasons'], SORT_STRING);
        $order = [self::STAGE_NEW => 0, self::STAGE_CALLING => 1, self::STAGE_WON => 2, self::STAGE_LOST => 3];
        uksort($row['deals_by_stage'], fn ($a, $b) => [$order[$a] ?? 9, $a] <=> [$order[$b] ?? 9, $b]);
        $alarms = [];
        if ($row['response_speed_coefficient'] !== null && $row['response_speed_coefficient'] > $o->alarmCoefficient) {
            $alarms[] = 'response_speed';
        }
        if ($row['open_deals_without_open_task'] > 0) {
            $alarms[] = 'deals_without_task';
        }
        if ($row['stale_deals'] > 0) {
            $alarms[] = 'stale_deals';
        }
        $row['alarms'] = $alarms;
        $row['alarm'] = $alarms !== [];
        return $row;
    }

    /** @param array<string, array<string, mixed>> $managers */
    private static function total(array $managers, ReportOptions $o): array
    {
        $t = self::emptyManager(null, null);
        foreach ($managers as $row) {
            foreach (['deals', 'open_deals', 'open_deals_without_open_task', 'successes', 'failures',
                      'poor_quality_failures', 'stale_deals', 'inbound', 'inbound_late', 'inbound_unanswered'] as $k) {
                $t[$k] += $row[$k];
            }
            foreach ($row['deals_by_stage'] as $s => $n) {
                $t['deals_by_stage'][$s] = ($t['deals_by_stage'][$s] ?? 0) + $n;
            }
            foreach ($row['lost_reasons'] as $s => $n) {
                $t['lost_reasons'][$s] = ($t['lost_reasons'][$s] ?? 0) + $n;
            }
        }
        $t = self::finish($t, $o);
        unset($t['user_id'], $t['name']);
        return $t;
    }

    /**
     * @param array<string, array{source: ?string, deals: int, won: int}> $deals the period's deals by lead source
     * @return list<array<string, mixed>>
     */
    private function sources(ReportOptions $o, array $deals): array
    {
        [$where, $params] = $o->where('l.created_at', 'l.user_id');
        $leads = $this->db->query(
            "SELECT l.lead_source AS source, COUNT(*) AS n FROM crmguard_v_lead l WHERE $where GROUP BY l.lead_source",
            $params
        );
        $by = [];
        foreach ($deals as $key => $r) {
            $by[$key] = ['source' => $r['source'], 'leads' => $r['deals'], 'deals' => $r['deals'], 'won' => $r['won']];
        }
        foreach ($leads as $r) {
            $key = (string) ($r['source'] ?? '');
            $by[$key] ??= ['source' => $r['source'], 'leads' => 0, 'deals' => 0, 'won' => 0];
            $by[$key]['leads'] += (int) $r['n'];
        }
        $out = [];
        foreach ($by as $s) {
            $conversion = $s['leads'] > 0 ? round(100 * $s['won'] / $s['leads'], 2) : null;
            $band = $conversion === null ? null
                : ($conversion < $o->bandLow ? 'below' : ($conversion > $o->bandHigh ? 'above' : 'normal'));
            $out[] = $s + ['conversion' => $conversion, 'band' => $band, 'alarm' => $band !== null && $band !== 'normal'];
        }
        usort($out, fn ($a, $b) => [$b['leads'], (string) $a['source']] <=> [$a['leads'], (string) $b['source']]);
        return $out;
    }

    /**
     * @param list<array<string, mixed>> $deals
     * @return list<array{reason: string, deals: int, share: float}>
     */
    private static function lostReasons(array $deals): array
    {
        $by = [];
        $all = 0;
        foreach ($deals as $r) {
            if ((string) $r['stage'] !== self::STAGE_LOST) {
                continue;
            }
            $reason = $r['failure_reason'] === null ? '' : (string) $r['failure_reason'];
            $by[$reason] = ($by[$reason] ?? 0) + (int) $r['n'];
            $all += (int) $r['n'];
        }
        arsort($by);
        $out = [];
        foreach ($by as $reason => $n) {
            $out[] = ['reason' => (string) $reason, 'deals' => $n, 'share' => round($n / $all, 4)];
        }
        return $out;
    }

    private function trendUnit(ReportOptions $o, ?string $since, ?string $until): string
    {
        if ($o->trend !== null) {
            return $o->trend;
        }
        if ($since === null || $until === null) {
            return 'day';
        }
        return (strtotime($until) - strtotime($since)) / 86400 <= 62 ? 'day' : 'week';
    }

    /**
     * Per day from the pass, then per week here when the unit is a week.  Deals created and
     * closed are those of the period's deals, by the day they were created and the day they
     * entered Closed Won / Closed Lost.
     *
     * @return array{unit: string, points: list<array<string, mixed>>}
     */
    private static function trends(ReportPass $pass, string $unit): array
    {
        $points = [];
        $add = function (array $byDay, array $map) use (&$points, $unit): void {
            foreach ($byDay as $day => $r) {
                $b = substr((string) $day, 0, 10);
                if ($unit === 'week') {
                    $t = (int) strtotime("$b UTC");
                    $b = gmdate('Y-m-d', $t - ((int) gmdate('N', $t) - 1) * 86400);
                }
                $points[$b] ??= ['date' => $b, 'deals_created' => 0, 'successes' => 0, 'failures' => 0,
                                 'inbound' => 0, 'inbound_late' => 0];
                foreach ($map as $col => $key) {
                    $points[$b][$key] += (int) (is_array($r) ? $r[$col] : $r);
                }
            }
        };
        $add($pass->created, ['n' => 'deals_created']);
        $add($pass->closed, ['won' => 'successes', 'lost' => 'failures']);
        $add($pass->inboundDays, ['n' => 'inbound', 'late' => 'inbound_late']);

        ksort($points, SORT_STRING);
        // Every day (week) from the first to the last, so that the x axis is time.
        if ($points !== []) {
            $step = $unit === 'week' ? 7 * 86400 : 86400;
            $last = (int) strtotime(array_key_last($points) . ' UTC');
            for ($t = (int) strtotime(array_key_first($points) . ' UTC'); $t < $last; $t += $step) {
                $b = gmdate('Y-m-d', $t);
                $points[$b] ??= ['date' => $b, 'deals_created' => 0, 'successes' => 0, 'failures' => 0,
                                 'inbound' => 0, 'inbound_late' => 0];
            }
            ksort($points, SORT_STRING);
        }
        return ['unit' => $unit, 'points' => array_values($points)];
    }
}
