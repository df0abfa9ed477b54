<?php
// The sales-control dashlet's name and description (dashlets/CrmGuardSalesControlDashlet).
$mod_strings['LBL_CRMGUARD_SALES_CONTROL'] = 'Sales control (crmguard)';
$mod_strings['LBL_CRMGUARD_SALES_CONTROL_DESC'] = 'Per manager: deals by stage, open deals without a task, successes and failures, stale deals, response speed; conversion by source; lost reasons';
