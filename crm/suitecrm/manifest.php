<?php
/*
 * crmguard for SuiteCRM 7.14 and SuiteCRM 8 (whose legacy backend, public/legacy, is a SuiteCRM 7.14):
 * a Module Loader package (Admin > Module Loader).  The Module Loader matches
 * acceptable_sugar_versions against $sugar_version (6.5.25 in 7.14.6 and in 8.8.0's legacy) and
 * acceptable_suitecrm_versions against $suitecrm_version (7.14.6; 8.8.0) — PackageManager.php
 * validateManifestVersion() 444-484.
 *
 * Literal arrays only: at upload the Module Loader scans this file with ModuleScanner::scanFile()
 * (modules/Administration/UpgradeWizard.php 146-157, ModuleInstall/ModuleScanner.php 590-720),
 * which refuses any call through a variable ($f(...)), echo, exit and the functions of its black
 * list ("Issue with the manifest").
 * The uninstall script is not named scripts/pre_uninstall.php: UpgradeWizard_commit.php 227-233
 * includes a file of that name itself and calls a function pre_uninstall() in it;
 * ModuleInstaller::pre_uninstall() runs the installdefs' file instead.
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
    'acceptable_php_versions' => ['regex_matches' => ['^8\.[24]\.']], // the PHPs the tests ran
    'readme' => '',
];

$installdefs = [
    'id' => 'crmguard',
    'copy' => [
        ['from' => '<basepath>/files/custom/include/CrmGuard', 'to' => 'custom/include/CrmGuard'],
        // The edit form's Save.php of each module with crmguard's phone duplicate check
        // (custom/include/CrmGuard/PhoneDuplicates.php); an admin's own file of that name is kept
        // in the Module Loader's backup and put back on uninstall (docs/install-suitecrm.md).
        ['from' => '<basepath>/files/custom/modules/Contacts', 'to' => 'custom/modules/Contacts'],
        ['from' => '<basepath>/files/custom/modules/Leads', 'to' => 'custom/modules/Leads'],
        ['from' => '<basepath>/files/custom/modules/Accounts', 'to' => 'custom/modules/Accounts'],
        // Admin > crmguard > Connector tokens (index.php?module=Administration&action=CrmGuardTokens,
        // custom/include/CrmGuard/TokenAdmin.php).  A directory, as the entries above: uninstall
        // removes only the files of a directory 'from' (ModuleInstaller.php uninstall_new_files()
        // 336-361 over dir_get_files() 2100-2121, which lists nothing for a file), and keeps the
        // directory while other files (the admin's, the Ext ones) are in it.
        ['from' => '<basepath>/files/custom/modules/Administration', 'to' => 'custom/modules/Administration'],
    ],
    // The Administration page's link to it: installExt('administration', 'Administration') puts the
    // file at custom/Extension/modules/Administration/Ext/Administration/crmguard.php
    // (ModuleInstall/extensions.php 49, ModuleInstaller.php 382-424).
    'administration' => [
        ['from' => '<basepath>/files/administration/crmguard.php'],
    ],
    'pre_execute' => ['<basepath>/scripts/pre_execute.php'],
    'post_execute' => ['<basepath>/scripts/post_execute.php'],
    'pre_uninstall' => ['<basepath>/scripts/before_uninstall.php'],
    'logic_hooks' => [
        [
            'module' => 'Contacts',
            'hook' => 'before_save',
            'order' => 80,
            'description' => 'crmguard: canonical phones and the red rule of the phone duplicate check',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'phoneBeforeSave',
        ],
        [
            'module' => 'Leads',
            'hook' => 'before_save',
            'order' => 80,
            'description' => 'crmguard: canonical phones and the red rule of the phone duplicate check',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'phoneBeforeSave',
        ],
        [
            'module' => 'Accounts',
            'hook' => 'before_save',
            'order' => 80,
            'description' => 'crmguard: canonical phones and the red rule of the phone duplicate check',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'phoneBeforeSave',
        ],
        [
            'module' => 'Accounts',
            'hook' => 'before_save',
            'order' => 90,
            'description' => 'crmguard: company status default and permission',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'accountBeforeSave',
        ],
        [
            'module' => 'Opportunities',
            'hook' => 'before_save',
            'order' => 90,
            'description' => 'crmguard: deal stage rules',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'opportunityBeforeSave',
        ],
        [
            'module' => 'Opportunities',
            'hook' => 'after_save',
            'order' => 90,
            'description' => 'crmguard: deal stage log',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'opportunityAfterSave',
        ],
        [
            'module' => 'Calls',
            'hook' => 'before_save',
            'order' => 90,
            'description' => 'crmguard: call card colour',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'callBeforeSave',
        ],
        [
            'module' => 'Leads',
            'hook' => 'after_save',
            'order' => 90,
            'description' => 'crmguard: phone index',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'reindex',
        ],
        [
            'module' => 'Leads',
            'hook' => 'after_delete',
            'order' => 90,
            'description' => 'crmguard: phone index',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'reindex',
        ],
        [
            'module' => 'Leads',
            'hook' => 'after_restore',
            'order' => 90,
            'description' => 'crmguard: phone index',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'reindex',
        ],
        [
            'module' => 'Contacts',
            'hook' => 'after_save',
            'order' => 90,
            'description' => 'crmguard: phone index',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'reindex',
        ],
        [
            'module' => 'Contacts',
            'hook' => 'after_delete',
            'order' => 90,
            'description' => 'crmguard: phone index',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'reindex',
        ],
        [
            'module' => 'Contacts',
            'hook' => 'after_restore',
            'order' => 90,
            'description' => 'crmguard: phone index',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'reindex',
        ],
        [
            'module' => 'Accounts',
            'hook' => 'after_save',
            'order' => 90,
            'description' => 'crmguard: phone index',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'reindex',
        ],
        [
            'module' => 'Accounts',
            'hook' => 'after_delete',
            'order' => 90,
            'description' => 'crmguard: phone index',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'reindex',
        ],
        [
            'module' => 'Accounts',
            'hook' => 'after_restore',
            'order' => 90,
            'description' => 'crmguard: phone index',
            'file' => 'custom/include/CrmGuard/LogicHooks.php',
            'class' => 'CrmGuardLogicHooks',
            'function' => 'reindex',
        ],
    ],
    // Created by post_execute through ModuleInstaller::install_custom_fields() (see there), again
    // by install() afterwards (ModuleInstaller.php 182-185), which then only re-applies them.
    'custom_fields' => [
        [
            'name' => 'crmguard_status_c',
            'label' => 'LBL_CRMGUARD_STATUS',
            'type' => 'enum',
            'module' => 'Accounts',
            'ext1' => 'crmguard_status_dom',
            'default_value' => 'waiting',
            'len' => 100,
            'required' => false,
            'audited' => true,
            'massupdate' => false,
            'importable' => 'true',
            'reportable' => true,
            'duplicate_merge' => 0,
            'help' => '',
            'comments' => 'crmguard',
        ],
        [
            'name' => 'crmguard_failure_reason_c',
            'label' => 'LBL_CRMGUARD_FAILURE_REASON',
            'type' => 'enum',
            'module' => 'Opportunities',
            'ext1' => 'crmguard_failure_reason_dom',
            'default_value' => '',
            'len' => 100,
            'required' => false,
            'audited' => true,
            'massupdate' => false,
            'importable' => 'true',
            'reportable' => true,
            'duplicate_merge' => 0,
            'help' => '',
            'comments' => 'crmguard',
        ],
        [
            'name' => 'crmguard_card_color_c',
            'label' => 'LBL_CRMGUARD_CARD_COLOR',
            'type' => 'enum',
            'module' => 'Calls',
            'ext1' => 'crmguard_card_color_dom',
            'default_value' => '',
            'len' => 100,
            'required' => false,
            'audited' => false,
            'massupdate' => false,
            'importable' => 'true',
            'reportable' => true,
            'duplicate_merge' => 0,
            'help' => '',
            'comments' => 'crmguard',
        ],
        [
            'name' => 'crmguard_card_owner_c',
            'label' => 'LBL_CRMGUARD_CARD_OWNER',
            'type' => 'varchar',
            'module' => 'Calls',
            'len' => 255,
            'required' => false,
            'audited' => false,
            'massupdate' => false,
            'importable' => 'false',
            'reportable' => true,
            'duplicate_merge' => 0,
            'help' => '',
            'comments' => 'crmguard',
        ],
    ],
    // Detail and edit views (ModuleInstaller::addFieldsToLayout); list views: Studio, see docs/install-suitecrm.md.
    'layoutfields' => [
        [
            'additional_fields' => [
                'Accounts' => 'crmguard_status_c',
                'Opportunities' => 'crmguard_failure_reason_c',
                'Calls' => 'crmguard_card_color_c',
            ],
        ],
        [
            'additional_fields' => ['Calls' => 'crmguard_card_owner_c'],
        ],
    ],
    'language' => [
        [
            'from' => '<basepath>/files/language/application/en_us.crmguard.php',
            'to_module' => 'application',
            'language' => 'en_us',
        ],
        [
            'from' => '<basepath>/files/language/application/ru_RU.crmguard.php',
            'to_module' => 'application',
            'language' => 'ru_RU',
        ],
        [
            'from' => '<basepath>/files/language/Accounts/en_us.crmguard.php',
            'to_module' => 'Accounts',
            'language' => 'en_us',
        ],
        [
            'from' => '<basepath>/files/language/Accounts/ru_RU.crmguard.php',
            'to_module' => 'Accounts',
            'language' => 'ru_RU',
        ],
        [
            'from' => '<basepath>/files/language/Opportunities/en_us.crmguard.php',
            'to_module' => 'Opportunities',
            'language' => 'en_us',
        ],
        [
            'from' => '<basepath>/files/language/Opportunities/ru_RU.crmguard.php',
            'to_module' => 'Opportunities',
            'language' => 'ru_RU',
        ],
        [
            'from' => '<basepath>/files/language/Administration/en_us.crmguard.php',
            'to_module' => 'Administration',
            'language' => 'en_us',
        ],
        [
            'from' => '<basepath>/files/language/Administration/ru_RU.crmguard.php',
            'to_module' => 'Administration',
            'language' => 'ru_RU',
        ],
        [
            'from' => '<basepath>/files/language/Calls/en_us.crmguard.php',
            'to_module' => 'Calls',
            'language' => 'en_us',
        ],
        [
            'from' => '<basepath>/files/language/Calls/ru_RU.crmguard.php',
            'to_module' => 'Calls',
            'language' => 'ru_RU',
        ],
        [
            'from' => '<basepath>/files/language/Schedulers/en_us.crmguard.php',
            'to_module' => 'Schedulers',
            'language' => 'en_us',
        ],
        [
            'from' => '<basepath>/files/language/Schedulers/ru_RU.crmguard.php',
            'to_module' => 'Schedulers',
            'language' => 'ru_RU',
        ],
        [
            'from' => '<basepath>/files/language/Home/en_us.crmguard.php',
            'to_module' => 'Home',
            'language' => 'en_us',
        ],
        [
            'from' => '<basepath>/files/language/Home/ru_RU.crmguard.php',
            'to_module' => 'Home',
            'language' => 'ru_RU',
        ],
    ],
    'entrypoints' => [
        ['from' => '<basepath>/files/entrypoints/crmguard.php', 'to_module' => 'application'],
    ],
    // The sales-control dashlet: ModuleInstaller::install_dashlets() copies it to
    // custom/modules/Home/Dashlets/<name>/ and rebuilds the dashlet cache (ModuleInstaller.php 789-806).
    'dashlets' => [
        ['name' => 'CrmGuardSalesControlDashlet', 'from' => '<basepath>/files/dashlets/CrmGuardSalesControlDashlet'],
    ],
    // The scheduler job function crmguard_sales_report (ModuleInstall/extensions.php 59: section
    // scheduledefs -> Schedulers/Ext/ScheduledTasks); post_execute creates its Schedulers record.
    'scheduledefs' => [
        ['from' => '<basepath>/files/scheduledtasks/crmguard.php'],
    ],
];
