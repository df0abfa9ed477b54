<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

use CrmGuard\Connection;

/**
 * The job the CRMs run every two days (EspoCRM scheduled job CrmGuardSalesReport, SuiteCRM
 * scheduler function crmguard_sales_report): the HTML report of the last period (the
 * `period_days` whole days up to yesterday, UTC) mailed through the CRM's own outbound mail
 * (Mailer) to the recipients, and the period's QC sample given to the reviewer as review tasks
 * (QcSample::createTasks: a deal that already has its review task gets none).  Each period
 * leaves a row in crmguard_report_run (sql/<crm>/050_report_run.sql): a period already sent is
 * not mailed again; one whose mail failed is retried, with its error kept, by every later run
 * until it is sent.
 *
 * Config (EspoCRM config 'crmguardReport', SuiteCRM $sugar_config['crmguard_report']):
 *   period_days  2        the period (and the job's default interval)
 *   recipients   null     e-mail addresses; null: the admins and supervisors (Scope) with an address
 *   lang         'ru'     the report's language
 *   qc_percent   10       the QC sample, percent of each manager's deals (0: no tasks)
 *   qc_seed      16       the sample's seed
 *   qc_user      null     the reviewer (user id); null: the first active administrator (by id)
 *   due_days     2        the review tasks' due date, days after the run
 *   crm_url      null     the CRM's address, for links in the sample
 *   sla, stale_days, band as in the report
 *   now          null     the run's moment, 'YYYY-MM-DD HH:MM:SS' UTC (tests; null: the clock)
 */
final class ScheduledReport
{
    private const DEFAULTS = ['period_days' => 2, 'recipients' => null, 'lang' => 'ru', 'qc_percent' => 10.0,
                              'qc_seed' => 16, 'qc_user' => null, 'due_days' => 2, 'crm_url' => null,
                              'sla' => 60, 'stale_days' => 7, 'band' => [15.0, 20.0], 'now' => null];

    private readonly array $config;
    private ?Scope $scope = null;

    /**
     * @param array<string, mixed> $config see above
     * @param array<string, mixed> $ruleOptions the deployment's CrmGuard\Rules options (supervisor rule)
     */
    public function __construct(
        private readonly Connection $db,
        private readonly string $crm,
        private readonly Mailer $mailer,
        array $config = [],
        private readonly array $ruleOptions = [],
    ) {
        $unknown = array_diff(array_keys($config), array_keys(self::DEFAULTS));
        if ($unknown !== []) {
            throw new \InvalidArgumentException('crmguard report job: unknown setting ' . implode(', ', $unknown));
        }
        $this->config = $config + self::DEFAULTS;
        if ((int) $this->config['period_days'] < 1) {
            throw new \InvalidArgumentException('crmguard report job: period_days must be at least 1');
        }
    }

    /**
     * One run at $now ('YYYY-MM-DD HH:MM:SS' UTC; '' the clock).
     *
     * @return list<array<string, mixed>> what happened to each period (retried ones first)
     */
    public function run(string $now = ''): array
    {
        $now = $now !== '' ? $now : (string) ($this->config['now'] ?? gmdate('Y-m-d H:i:s'));
        $days = (int) $this->config['period_days'];
        $until = gmdate('Y-m-d', (int) strtotime(substr($now, 0, 10) . ' UTC') - 86400);
        $since = gmdate('Y-m-d', (int) strtotime("$until UTC") - ($days - 1) * 86400);

        $out = [];
        foreach ($this->db->query(
            "SELECT period_since, period_until FROM crmguard_report_run
             WHERE status <> 'sent' AND NOT (period_since = ? AND period_until = ?) ORDER BY period_since",
            [$since, $until]
        ) as $r) {
            $out[] = $this->period((string) $r['period_since'], (string) $r['period_until'], $now);
        }
        $out[] = $this->period($since, $until, $now);
        return $out;
    }

    /** @return array<string, mixed> */
    private function period(string $since, string $until, string $now): array
    {
        $row = $this->db->query('SELECT status FROM crmguard_report_run WHERE period_since = ? AND period_until = ?',
            [$since, $until])[0] ?? null;
        if ($row !== null && $row['status'] === 'sent') {
            return ['since' => $since, 'until' => $until, 'status' => 'already_sent'];
        }
        $this->db->exec(
            "INSERT INTO crmguard_report_run (period_since, period_until, status, attempts, first_run_at, last_run_at)
             VALUES (?, ?, 'running', 1, ?, ?)
             ON DUPLICATE KEY UPDATE status = 'running', attempts = attempts + 1, last_run_at = VALUES(last_run_at)",
            [$since, $until, $now, $now]
        );
        $c = $this->config;
        $lang = $c['lang'] === 'en' ? 'en' : 'ru';
        $l = new Labels($lang);
        $recipients = [];
        $subject = $l->get('mail_subject', $since, $until);
        $tasks = ['created' => 0, 'existing' => 0];
        $deals = 0;
        $bytes = 0;
        $note = null;            // what the admin should know of a run that was sent
        try {
            $o = new ReportOptions(since: $since, until: $until, slaMinutes: (int) $c['sla'],
                staleDays: (int) $c['stale_days'], bandLow: (float) $c['band'][0], bandHigh: (float) $c['band'][1],
                now: $now);
            $report = ['crm' => $this->crm] + (new Report($this->db))->build($o);
            $deals = (int) $report['totals']['deals'];
            $html = (new HtmlReport($l))->render($report);
            $bytes = strlen($html);
            $qcUser = $c['qc_user'] ?? $this->firstAdmin();
            if ((float) $c['qc_percent'] > 0 && $qcUser === null) {
                $note = 'no review tasks: no active administrator to give them to; set qc_user';
            }
            if ((float) $c['qc_percent'] > 0 && $qcUser !== null && $deals > 0) {
                $qc = new QcSample($this->db);
                $sample = $qc->draw($o, (float) $c['qc_percent'], (int) $c['qc_seed'], $c['crm_url']);
                $due = gmdate('Y-m-d H:i:s', (int) strtotime("$now UTC") + (int) $c['due_days'] * 86400);
                $tasks = $qc->createTasks($sample['sample'], (string) $qcUser, $lang, $due);
            }
            $recipients = $this->recipients();
            if ($recipients === []) {
                throw new \RuntimeException('no recipients: set recipients, or give an admin or supervisor an e-mail address');
            }
            $this->mailer->send($recipients, $subject, $html, "crmguard-report-$since-$until.html", $html);
            $status = 'sent';
            $error = $note;
        } catch (\Throwable $e) {
            $status = 'failed';
            $error = substr(get_class($e) . ': ' . $e->getMessage(), 0, 2000);
        }
        $this->db->exec(
            'UPDATE crmguard_report_run SET status = ?, sent_at = IF(? = \'sent\', ?, sent_at), recipients = ?,
                    subject = ?, deals = ?, report_bytes = ?, tasks_created = tasks_created + ?,
                    tasks_existing = ?, error = ?
             WHERE period_since = ? AND period_until = ?',
            [$status, $status, $now, implode(', ', $recipients), $subject, $deals, $bytes, $tasks['created'],
             $tasks['existing'], $error, $since, $until]
        );
        return ['since' => $since, 'until' => $until, 'status' => $status, 'recipients' => $recipients,
                'tasks_created' => $tasks['created'], 'tasks_existing' => $tasks['existing'], 'error' => $error];
    }

    /** @return list<string> */
    private function recipients(): array
    {
        if ($this->config['recipients'] !== null) {
            return array_values(array_unique(array_map('strval', (array) $this->config['recipients'])));
        }
        $emails = $this->db->query(
            'SELECT user_id, email, is_admin FROM crmguard_v_user_email ORDER BY user_id, is_primary DESC, email');
        $out = [];
        $seen = [];
        foreach ($emails as $e) {
            $u = (string) $e['user_id'];
            if (isset($seen[$u])) {
                continue;                                   // one address per user: the primary
            }
            $seen[$u] = true;
            if ((int) $e['is_admin'] === 1 || $this->scope()->seesOthers($u)) {
                $out[] = (string) $e['email'];
            }
        }
        sort($out);
        return array_values(array_unique($out));
    }

    /** The supervisor rule, built once per run for every user it is asked about. */
    private function scope(): Scope
    {
        return $this->scope ??= Scope::rule($this->db, $this->crm, $this->ruleOptions);
    }

    /** The reviewer when none is set: an administrator needs no e-mail address to be given tasks. */
    private function firstAdmin(): ?string
    {
        foreach ($this->db->query('SELECT user_id FROM crmguard_v_user WHERE is_active ORDER BY user_id') as $u) {
            if ($this->scope()->isAdmin((string) $u['user_id'])) {
                return (string) $u['user_id'];
            }
        }
        return null;
    }

    /** @return list<array<string, mixed>> the last $n runs, newest first (the admin's view) */
    public static function lastRuns(Connection $db, int $n = 5): array
    {
        return $db->query(
            'SELECT period_since, period_until, status, attempts, first_run_at, last_run_at, sent_at, recipients,
                    subject, deals, tasks_created, tasks_existing, error
             FROM crmguard_report_run ORDER BY last_run_at DESC, period_since DESC LIMIT ' . max(1, $n));
    }
}
