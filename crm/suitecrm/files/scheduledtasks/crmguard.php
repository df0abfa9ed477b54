<?php
/*
 * crmguard's scheduler job (installdefs 'scheduledefs' -> custom/Extension/modules/Schedulers/
 * Ext/ScheduledTasks/, compiled into custom/modules/Schedulers/Ext/ScheduledTasks/
 * scheduledtasks.ext.php, which modules/Schedulers/_AddJobsHere.php includes): the function
 * named in $job_strings runs as "function::crmguard_sales_report" (SchedulersJob::runJob()).
 * It makes the last period's HTML report, mails it with SugarPHPMailer, gives the QC reviewer
 * the period's review tasks (CrmGuard\Analytics\ScheduledReport; settings in
 * $sugar_config['crmguard_report']) and records the run in crmguard_report_run.  Returns false
 * (the scheduler marks the job failed) when a period's mail failed; the next run retries it.
 */
$job_strings[] = 'crmguard_sales_report';

function crmguard_sales_report()
{
    global $sugar_config;
    require_once 'custom/include/CrmGuard/SuiteGuard.php';
    require_once 'custom/include/CrmGuard/SuiteMailer.php';
    $job = new \CrmGuard\Analytics\ScheduledReport(CrmGuardSuite::guard()->connection(), 'suitecrm',
        new CrmGuardSuiteMailer(), (array) ($sugar_config['crmguard_report'] ?? []),
        (array) ($sugar_config['crmguard_rules'] ?? []));
    $ok = true;
    foreach ($job->run() as $r) {
        $line = "crmguard sales report {$r['since']}..{$r['until']}: {$r['status']}";
        if (($r['error'] ?? null) !== null) {
            $GLOBALS['log']->fatal("$line: {$r['error']}");
            $ok = false;
        } else {
            $GLOBALS['log']->info($line);
        }
    }
    return $ok;
}
