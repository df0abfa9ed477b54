<?php
// The sales-control dashlet's name and description (dashlets/CrmGuardSalesControlDashlet).
$mod_strings['LBL_CRMGUARD_SALES_CONTROL'] = 'Контроль продаж (crmguard)';
$mod_strings['LBL_CRMGUARD_SALES_CONTROL_DESC'] = 'По менеджерам: сделки по этапам, открытые без задачи, успехи и неудачи, зависшие сделки, быстрота ответов; конверсия по источникам; причины неудач';
