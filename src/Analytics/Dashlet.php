<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

use CrmGuard\Connection;

/**
 * What the head-of-sales dashlet shows (EspoCRM GET /api/v1/CrmGuard/dashlet, SuiteCRM entry
 * point crmguardDashlet): the report (CrmGuard\Analytics\Report, the same code and figures as
 * `crmguard report --json`) for the period the user picked, limited to the rows the user may see
 * (CrmGuard\Analytics\Scope), with, for each figure, a link to the CRM's own list of those
 * records, and the labels in the user's language.  The front ends (EspoCRM view, SuiteCRM
 * dashlet) only render this JSON.
 *
 * Links: what each CRM's list can filter by.  EspoCRM's list URL takes no filter
 * (client/src/controllers/record.js actionList(): only primaryFilter); its list reads the search
 * from the browser storage under 'listSearch' / scope (client/src/search-manager.js 342-361), so a
 * link is {url: '#Opportunity/list', scope, search: {advanced: ...}} and the dashlet view stores
 * the search before it navigates.  SuiteCRM's ListView takes the advanced search in the query
 * string (query=true, searchFormTab=advanced_search, <field>_advanced[], date ranges), so a link
 * is a plain URL.  A figure the list cannot express exactly (open deals without an open task,
 * stale deals, late inbound) links to the smallest list that holds those records, marked
 * exact: false.
 */
final class Dashlet
{
    private const DEAL_FIELDS = [
        'espocrm' => ['scope' => 'Opportunity', 'user' => 'assignedUser', 'stage' => 'stage',
                      'reason' => 'cCrmguardFailureReason', 'source' => 'leadSource', 'created' => 'createdAt'],
        'suitecrm' => ['module' => 'Opportunities', 'user' => 'assigned_user_id', 'stage' => 'sales_stage',
                       'reason' => 'crmguard_failure_reason_c', 'source' => 'lead_source', 'created' => 'date_entered'],
    ];

    /**
     * @param array<string, mixed> $ruleOptions the deployment's CrmGuard\Rules options (supervisor rule)
     * @param array{since?: ?string, until?: ?string, lang?: string, now?: string, date_format?: string,
     *              sla?: int, stale_days?: int, band?: array{0: float, 1: float}} $params
     *        date_format: the PHP date format SuiteCRM's list search expects (the user's preference)
     * @return array<string, mixed>
     */
    public static function build(Connection $db, string $crm, string $userId, array $params = [],
                                 array $ruleOptions = []): array
    {
        if (!isset(self::DEAL_FIELDS[$crm])) {
            throw new \InvalidArgumentException("unknown CRM '$crm'");
        }
        $scope = Scope::of($db, $crm, $userId, $ruleOptions);
        $now = (string) ($params['now'] ?? '');
        $today = substr($now !== '' ? $now : gmdate('Y-m-d'), 0, 10);
        $until = self::date($params['until'] ?? null) ?? $today;
        $since = self::date($params['since'] ?? null)
            ?? gmdate('Y-m-d', (int) strtotime("$until UTC") - 29 * 86400);
        [$low, $high] = $params['band'] ?? [15.0, 20.0];
        $o = new ReportOptions(
            since: $since,
            until: $until,
            slaMinutes: (int) ($params['sla'] ?? 60),
            staleDays: (int) ($params['stale_days'] ?? 7),
            bandLow: (float) $low,
            bandHigh: (float) $high,
            now: $now,
            userIds: $scope['user_ids'],
        );
        $r = (new Report($db))->build($o);
        $lang = str_starts_with(strtolower((string) ($params['lang'] ?? 'en')), 'ru') ? 'ru' : 'en';
        $l = new Labels($lang);
        $link = new DashletLinks($crm, $since, $until, (string) ($params['date_format'] ?? 'Y-m-d'));
        $onlyMine = $scope['user_ids'];

        $managers = [];
        foreach ($r['managers'] as $m) {
            if ($m['user_id'] === null) {
                continue;                       // deals of nobody: the admin's totals hold them
            }
            $u = [(string) $m['user_id']];
            $open = array_values(array_filter(array_keys($m['deals_by_stage']),
                static fn ($s) => $s !== Report::STAGE_WON && $s !== Report::STAGE_LOST));
            $byStage = [];
            foreach ($m['deals_by_stage'] as $stage => $n) {
                $byStage[(string) $stage] = $link->deals($u, [(string) $stage]);
            }
            $m['display_name'] = $l->manager($m);
            $m['links'] = [
                'deals' => $link->deals($u),
                'deals_by_stage' => $byStage,
                'open_deals_without_open_task' => $link->deals($u, $open, exact: false),
                'successes' => $link->deals($u, [Report::STAGE_WON]),
                'failures' => $link->deals($u, [Report::STAGE_LOST]),
                'poor_quality_failures' => $link->deals($u, [Report::STAGE_LOST], Report::POOR_QUALITY),
                'stale_deals' => $link->deals($u, $open, exact: false),
                'response_speed_coefficient' => $link->inboundCalls($u),
            ];
            $managers[] = $m;
        }
        $sources = [];
        foreach ($r['sources'] as $s) {
            $s['label'] = $l->source($s['source']);
            $s['link'] = $link->deals($onlyMine, null, null, $s['source'] ?? '', exact: false);
            $sources[] = $s;
        }
        $reasons = [];
        foreach ($r['lost_reasons'] as $x) {
            $x['label'] = $l->reason($x['reason']);
            $x['link'] = $link->deals($onlyMine, [Report::STAGE_LOST], $x['reason']);
            $reasons[] = $x;
        }
        $out = [
            'crm' => $crm,
            'user_id' => $userId,
            'role' => $scope['role'],
            'lang' => $lang,
            'period' => $r['period'],
            'managers' => $managers,
            'totals' => $scope['role'] === 'manager' ? null : $r['totals'],
            'sources' => $sources,
            'lost_reasons' => $reasons,
            'labels' => self::labels($l),
        ];
        if ($scope['role'] === 'admin') {
            $out['runs'] = ScheduledReport::lastRuns($db, 5);
        }
        return $out;
    }

    private static function date(mixed $v): ?string
    {
        if ($v === null || $v === '') {
            return null;
        }
        if (!is_string($v) || !ReportOptions::isDate($v)) {
            throw new \InvalidArgumentException('since and until must be dates YYYY-MM-DD');
        }
        return $v;
    }

    /** @return array<string, string> the front end's captions, in the user's language */
    private static function labels(Labels $l): array
    {
        $keys = ['title', 'manager', 'deals', 'open_deals_without_open_task', 'successes', 'failures',
                 'success_ratio', 'poor_quality_failures', 'stale_deals', 'response_speed_coefficient',
                 'alarm', 'sources', 'lost_reasons', 'conversion', 'band', 'leads', 'won', 'share', 'since',
                 'until', 'show', 'runs', 'run_at', 'status', 'recipients', 'error', 'nothing', 'totals',
                 'not_exact'];
        $out = [];
        foreach ($keys as $k) {
            $out[$k] = $l->get('dashlet_' . $k);
        }
        foreach ([Report::STAGE_NEW, Report::STAGE_CALLING, Report::STAGE_WON, Report::STAGE_LOST] as $s) {
            $out['stage:' . $s] = $l->stage($s);
        }
        return $out;
    }
}
