<?php
/*
 * crmguard for SuiteCRM 7.14 and SuiteCRM 8 (whose legacy backend, public/legacy, is a SuiteCRM 7.14):
 * a Module Loader package (Admin > Module Loader).  The Module Loader matches
 * acceptable_sugar_versions against $sugar_version (6.5.25 in 7.14.6 and in 8.8.0's legacy) and
 * acceptable_suitecrm_versions against $suitecrm_version (7.14.6; 8.8.0) — PackageManager.php
 * validateManifestVersion() 444-484.
 * @@version@@ and @@published_date@@ are filled in by tools/build-packages.
 */
$manifest = [
    'name' => 'crmguard',
    'description' => 'Telesales discipline over the crmguard PHP extension: call card colour by number ownership, company status only the manager\'s supervisor or an admin may change, deal stages New -> Calling -> Success / Failure with a required failure reason, a call-card entry point for telephony. Needs the crmguard extension loaded in the CRM\'s PHP.',
    'version' => '@@version@@',
    'author' => 'crmguard',
    'published_date' => '@@published_date@@',
    'type' => 'module',
    'is_uninstallable' => true,
    'acceptable_sugar_versions' => ['regex_matches' => ['^6\.5\.']],
    'acceptable_suitecrm_versions' => ['regex_matches' => ['^7\.14\.', '^8\.']],
    'acceptable_php_versions' => ['regex_matches' => ['^8\.[2-9]\.']],
    'readme' => '',
];

$crmguardHook = static fn (string $module, string $hook, string $function, string $what): array => [
    'module' => $module,
    'hook' => $hook,
    'order' => 90,
    'description' => "crmguard: $what",
    'file' => 'custom/include/CrmGuard/LogicHooks.php',
    'class' => 'CrmGuardLogicHooks',
    'function' => $function,
];

$crmguardField = static fn (string $module, string $name, string $label, string $options, string $default = '', bool $audited = true): array => [
    'name' => $name,
    'label' => $label,
    'type' => 'enum',
    'module' => $module,
    'ext1' => $options,
    'default_value' => $default,
    'len' => 100,
    'required' => false,
    'audited' => $audited,
    'massupdate' => false,
    'importable' => 'true',
    'reportable' => true,
    'duplicate_merge' => 0,
    'help' => '',
    'comments' => 'crmguard',
];

$installdefs = [
    'id' => 'crmguard',
    'copy' => [
        ['from' => '<basepath>/files/custom/include/CrmGuard', 'to' => 'custom/include/CrmGuard'],
    ],
    'pre_execute' => ['<basepath>/scripts/pre_execute.php'],
    'post_execute' => ['<basepath>/scripts/post_execute.php'],
    'pre_uninstall' => ['<basepath>/scripts/pre_uninstall.php'],
    'logic_hooks' => [
        $crmguardHook('Accounts', 'before_save', 'accountBeforeSave', 'company status default and permission'),
        $crmguardHook('Opportunities', 'before_save', 'opportunityBeforeSave', 'deal stage rules'),
        $crmguardHook('Opportunities', 'after_save', 'opportunityAfterSave', 'deal stage log'),
        $crmguardHook('Calls', 'before_save', 'callBeforeSave', 'call card colour'),
        $crmguardHook('Leads', 'after_save', 'reindex', 'phone index'),
        $crmguardHook('Leads', 'after_delete', 'reindex', 'phone index'),
        $crmguardHook('Leads', 'after_restore', 'reindex', 'phone index'),
        $crmguardHook('Contacts', 'after_save', 'reindex', 'phone index'),
        $crmguardHook('Contacts', 'after_delete', 'reindex', 'phone index'),
        $crmguardHook('Contacts', 'after_restore', 'reindex', 'phone index'),
        $crmguardHook('Accounts', 'after_save', 'reindex', 'phone index'),
        $crmguardHook('Accounts', 'after_delete', 'reindex', 'phone index'),
        $crmguardHook('Accounts', 'after_restore', 'reindex', 'phone index'),
    ],
    'custom_fields' => [
        $crmguardField('Accounts', 'crmguard_status_c', 'LBL_CRMGUARD_STATUS', 'crmguard_status_dom', 'waiting'),
        $crmguardField('Opportunities', 'crmguard_failure_reason_c', 'LBL_CRMGUARD_FAILURE_REASON', 'crmguard_failure_reason_dom'),
        $crmguardField('Calls', 'crmguard_card_color_c', 'LBL_CRMGUARD_CARD_COLOR', 'crmguard_card_color_dom', '', false),
        ['name' => 'crmguard_card_owner_c', 'label' => 'LBL_CRMGUARD_CARD_OWNER', 'type' => 'varchar',
            'module' => 'Calls', 'len' => 255, 'required' => false, 'audited' => false, 'massupdate' => false,
            'importable' => 'false', 'reportable' => true, 'duplicate_merge' => 0, 'help' => '', 'comments' => 'crmguard'],
    ],
    // Detail and edit views (ModuleInstaller::addFieldsToLayout); list views: Studio, see README.
    'layoutfields' => [
        ['additional_fields' => ['Accounts' => 'crmguard_status_c', 'Opportunities' => 'crmguard_failure_reason_c',
            'Calls' => 'crmguard_card_color_c']],
        ['additional_fields' => ['Calls' => 'crmguard_card_owner_c']],
    ],
    'language' => [
        ['from' => '<basepath>/files/language/application/en_us.crmguard.php', 'to_module' => 'application', 'language' => 'en_us'],
        ['from' => '<basepath>/files/language/application/ru_RU.crmguard.php', 'to_module' => 'application', 'language' => 'ru_RU'],
        ['from' => '<basepath>/files/language/Accounts/en_us.crmguard.php', 'to_module' => 'Accounts', 'language' => 'en_us'],
        ['from' => '<basepath>/files/language/Accounts/ru_RU.crmguard.php', 'to_module' => 'Accounts', 'language' => 'ru_RU'],
        ['from' => '<basepath>/files/language/Opportunities/en_us.crmguard.php', 'to_module' => 'Opportunities', 'language' => 'en_us'],
        ['from' => '<basepath>/files/language/Opportunities/ru_RU.crmguard.php', 'to_module' => 'Opportunities', 'language' => 'ru_RU'],
        ['from' => '<basepath>/files/language/Calls/en_us.crmguard.php', 'to_module' => 'Calls', 'language' => 'en_us'],
        ['from' => '<basepath>/files/language/Calls/ru_RU.crmguard.php', 'to_module' => 'Calls', 'language' => 'ru_RU'],
    ],
    'entrypoints' => [
        ['from' => '<basepath>/files/entrypoints/crmguard.php', 'to_module' => 'application'],
    ],
];
