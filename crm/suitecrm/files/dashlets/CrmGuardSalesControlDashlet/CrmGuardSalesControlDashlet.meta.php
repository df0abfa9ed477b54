<?php
// Installed by installdefs 'dashlets' into custom/modules/Home/Dashlets/CrmGuardSalesControlDashlet/
// (ModuleInstaller::install_dashlets() 789-806, then RebuildDashlets).
$dashletMeta['CrmGuardSalesControlDashlet'] = [
    'module' => 'Opportunities',
    'title' => translate('LBL_CRMGUARD_SALES_CONTROL', 'Home'),
    'description' => translate('LBL_CRMGUARD_SALES_CONTROL_DESC', 'Home'),
    'category' => 'Charts',
];
