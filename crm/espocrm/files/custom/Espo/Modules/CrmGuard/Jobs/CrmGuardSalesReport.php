<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Jobs;

use CrmGuard\Analytics\ScheduledReport;
use Espo\Core\Job\JobDataLess;
use Espo\Core\Utils\Config;
use Espo\Core\Utils\Log;
use Espo\Modules\CrmGuard\Tools\EspoMailer;
use Espo\Modules\CrmGuard\Tools\GuardProvider;

/**
 * The scheduled job CrmGuardSalesReport (Resources/metadata/app/scheduledJobs.json; default every
 * two days at 06:00, Administration > Scheduled Jobs changes it): CrmGuard\Analytics\ScheduledReport
 * with the config parameter 'crmguardReport' (period_days, recipients, lang, qc_percent, qc_user ...)
 * and EspoCRM's outbound mail (EspoMailer).  What each run did is in crmguard_report_run (the
 * admin's dashlet lists the last runs) and in EspoCRM's log; a failed mail is retried next run.
 */
class CrmGuardSalesReport implements JobDataLess
{
    public function __construct(
        private GuardProvider $guard,
        private EspoMailer $mailer,
        private Config $config,
        private Log $log,
    ) {}

    public function run(): void
    {
        $job = new ScheduledReport($this->guard->get()->connection(), 'espocrm', $this->mailer,
            (array) ($this->config->get('crmguardReport') ?? []), (array) ($this->config->get('crmguardRules') ?? []));
        foreach ($job->run() as $r) {
            $line = "crmguard sales report {$r['since']}..{$r['until']}: {$r['status']}";
            if (($r['error'] ?? null) !== null) {
                $this->log->error("$line: {$r['error']}");
            } else {
                $this->log->info($line);
            }
        }
    }
}
