<?php
// The scheduler job's name in Admin > Schedulers (SuiteCRM labels a job function LBL_ + its name upper-cased,
// modules/Schedulers/Scheduler.php getJobsList()).
$mod_strings['LBL_CRMGUARD_SALES_REPORT'] = 'crmguard: sales report and QC review tasks';
