<?php
declare(strict_types=1);

namespace CrmGuard\Crm;

use CrmGuard\Connection;

/**
 * The scheduler record of crmguard's scheduled report (CrmGuard\Analytics\ScheduledReport) in each
 * CRM, made by the package install and removed by its uninstall.  A class of its own, not a Guard
 * method: an upgrade's install script may run in a PHP that has already loaded an older package's
 * Guard (tests/upgrade_packages.phpt), and a class the older package did not have always comes
 * from the new files.
 */
final class ReportSchedule
{
    /**
     * Creates the CRM's scheduler record that runs crmguard's scheduled report (CrmGuard\Analytics\
     * ScheduledReport), as the CRM's admin screen writes it, Active, every two days at 06:00,
     * unless one exists already, or gives back the one remove() put aside (an admin's changed
     * schedule or status survives a reinstall and an upgrade):
     * EspoCRM scheduled_job (job CrmGuardSalesReport, the package's metadata app/scheduledJobs;
     * cron scheduling; id as Espo\Core\Utils\Util::generateId(), Util.php 652-655), SuiteCRM
     * schedulers (job 'function::crmguard_sales_report', job_interval
     * 'min::hour::day::month::weekday', modules/Schedulers/Scheduler.php).  True when created.
     */
    public static function create(Connection $db, string $crm): bool
    {
        [$table, $job] = $crm === 'espocrm' ? ['scheduled_job', 'CrmGuardSalesReport'] : ['schedulers', 'function::crmguard_sales_report'];
        if ($db->query("SELECT id FROM $table WHERE job = ? AND deleted = 0", [$job]) !== []) {
            return false;
        }
        // The record an uninstall put aside (remove()), as it was: EspoCRM upgrades an extension by
        // running the old version's uninstall script first (Upgrades/Actions/Extension/Install.php
        // 47-56, 202-218, with no sign to the script that it is an upgrade).
        $kept = $db->query("SELECT id FROM $table WHERE job = ? AND deleted = 1 ORDER BY id DESC LIMIT 1", [$job]);
        if ($kept !== []) {
            $db->exec("UPDATE $table SET deleted = 0 WHERE id = ?", [$kept[0]['id']]);
            return true;
        }
        if ($crm === 'espocrm') {
            $db->exec("INSERT INTO scheduled_job (id, name, deleted, job, status, scheduling, created_at, modified_at, is_internal)
                       VALUES (?, 'crmguard: sales report and QC review tasks', 0, 'CrmGuardSalesReport', 'Active',
                               '0 6 */2 * *', UTC_TIMESTAMP(), UTC_TIMESTAMP(), 0)",
                [uniqid() . substr(md5((string) random_int(0, PHP_INT_MAX)), 0, 4)]);
            return true;
        }
        $db->exec("INSERT INTO schedulers (id, deleted, date_entered, date_modified, created_by, modified_user_id, name,
                       job, date_time_start, job_interval, status, catch_up)
                   VALUES (LOWER(UUID()), 0, UTC_TIMESTAMP(), UTC_TIMESTAMP(), '1', '1',
                       'crmguard: sales report and QC review tasks', 'function::crmguard_sales_report',
                       '2005-01-01 00:00:00', '0::6::*/2::*::*', 'Active', 0)");
        return true;
    }

    /**
     * Before an uninstall: the scheduler record of create() is marked deleted (as the CRM's admin
     * screen deletes it, nothing else changed), so the CRM's cron does not run a job whose code is
     * gone; create() gives it back.  Returns how many were.
     */
    public static function remove(Connection $db, string $crm): int
    {
        [$table, $job] = $crm === 'espocrm' ? ['scheduled_job', 'CrmGuardSalesReport'] : ['schedulers', 'function::crmguard_sales_report'];
        return $db->exec("UPDATE $table SET deleted = 1 WHERE job = ? AND deleted = 0", [$job]);
    }
}
