--TEST--
crmguard SuiteCRM package through the Module Loader's real install order on a SuiteCRM that never had crmguard: installs, uninstalls (with and without "Remove tables"), reinstalls; a failed install leaves nothing
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/suitecrm';
// A SuiteCRM 7.14.6 database without crmguard's custom fields (no crmguard-fields.sql, no
// package-fields.sql), with the installer's own tables (upgrade_history, fields_meta_data).
$dsn = crmguard_test_db('suitecrm', ['schema.sql']);
$p = parse_url($dsn);
parse_str($p['query'], $q);
$sugar_config = ['dbconfig' => ['db_host_name' => 'localhost', 'db_user_name' => rawurldecode($p['user']),
    'db_password' => rawurldecode($p['pass']), 'db_name' => ltrim($p['path'], '/'), 'db_type' => 'mysql', 'db_port' => '']];
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);
// The instance root: SuiteCRM runs with its root as the current directory.
$root = sys_get_temp_dir() . '/crmguard-suite-' . getmypid();
@mkdir("$root/upload/upgrades/module", 0777, true);
$zip = "$root/upload/upgrades/module/crmguard-suitecrm.zip";
file_put_contents($zip, file_get_contents("$tree/manifest.php")); // only its md5 matters to the Module Loader
register_shutdown_function(fn () => crmguard_packages_rm($root));

// One Module Loader request (a separate PHP process each, as SuiteCRM serves them).
$loader = function (string $call, ?array $sugar_config_override = null) use ($tree, $sugar_config, $q, $root, $zip): string {
    $sugar_config = $sugar_config_override ?? $sugar_config;
    [, $out, $err] = crmguard_packages_php("require '" . __DIR__ . "/crm-standins/suitecrm/bootstrap.php';"
        . " ini_set('mysqli.default_socket', " . var_export($q['socket'], true) . "); \$GLOBALS['sugar_config'] = " . var_export($sugar_config, true) . ";"
        . " \$GLOBALS['log'] = new LoggerStandin(); \$_SESSION = []; chdir(" . var_export($root, true) . ");"
        . " \$tree = " . var_export($tree, true) . "; \$zip = " . var_export($zip, true) . ";"
        . " try { $call; echo 'done'; } catch (Throwable \$e) { echo get_class(\$e), ': ', \$e->getMessage(); }"
        . " echo ' | steps: ', implode(', ', ModuleInstaller::\$steps);"
        // the Module Loader page prints only SuiteCRM's message box (PackageManagerDisplay.php 118)
        . " if (\$shown = SugarApplication::getErrorMessages()) { echo ' | message box: ', implode(' | ', \$shown); }");
    return trim(preg_replace('/\s+/', ' ', $out . $err));
};
$columns = fn () => implode(', ', array_map(fn ($r) => "{$r['TABLE_NAME']}.{$r['COLUMN_NAME']} {$r['COLUMN_TYPE']}" . ($r['COLUMN_DEFAULT'] !== null ? " default {$r['COLUMN_DEFAULT']}" : ''),
    $sql("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME LIKE 'crmguard%' ORDER BY 1, 2"))) ?: 'none';
$objects = crmguard_packages_sql_objects('suitecrm');
$state = function () use ($sql, $columns, $root, $objects) {
    $have = array_column($sql("SELECT TABLE_NAME t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'crmguard\\_%' ORDER BY 1"), 't');
    $hooks = 0;
    foreach (glob("$root/custom/modules/*/logic_hooks.php") as $f) {
        $hook_array = [];
        include $f;
        foreach ($hook_array as $list) {
            $hooks += count(array_filter($list, fn ($h) => str_starts_with($h[1], 'crmguard:')));
        }
    }
    $registry = "$root/custom/application/Ext/EntryPointRegistry/entry_point_registry.ext.php";
    return "  custom fields: " . $columns() . "\n"
        . "  fields_meta_data: " . implode(', ', array_column($sql("SELECT id FROM fields_meta_data WHERE deleted = 0 ORDER BY id"), 'id') ?: ['none']) . "\n"
        . "  crmguard tables and views: " . ($have === [] ? 'none' : ($have === $objects ? 'all ' . count($have) . ' of sql/suitecrm' : implode(', ', $have)
            . (in_array('crmguard_phone', $have, true) && $sql("SELECT COUNT(*) n FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()")[0]['n'] == 0 ? ' (the report views dropped with the columns they read)' : ''))) . "\n"
        . "  files: " . (is_dir("$root/custom/include/CrmGuard") ? count(glob("$root/custom/include/CrmGuard/*.php")) . ' in custom/include/CrmGuard' : 'none')
        . ", language files: " . count(glob("$root/custom/Extension/modules/*/Ext/Language/*.crmguard.php")) + count(glob("$root/custom/Extension/application/Ext/Language/*.crmguard.php"))
        . ", crmguard hooks: $hooks, vardef files: " . count(glob("$root/custom/Extension/modules/*/Ext/Vardefs/*crmguard*.php"))
        . ", entry point: " . (is_file($registry) && str_contains(file_get_contents($registry), 'crmguardCallCard') ? 'registered' : 'no')
        . ", token admin: " . (is_file("$root/custom/modules/Administration/CrmGuardTokens.php") ? 'page' : 'no page') . ' and '
        . (is_file($admin = "$root/custom/modules/Administration/Ext/Administration/administration.ext.php") && str_contains(file_get_contents($admin), 'CrmGuardTokens') ? 'panel link' : 'no panel link') . "\n"
        . "  deals by stage: " . implode(', ', array_map(fn ($r) => "{$r['sales_stage']} {$r['n']}", $sql('SELECT sales_stage, COUNT(*) n FROM opportunities GROUP BY 1 ORDER BY 1')))
        . (in_array('crmguard_parked_stage', $have, true) ? ', parked ' . $sql('SELECT COUNT(*) n FROM crmguard_parked_stage')[0]['n'] : '') . "\n"
        . "  upgrade_history: " . (implode(', ', array_map(fn ($r) => "{$r['id_name']} {$r['status']}", $sql('SELECT id_name, status FROM upgrade_history'))) ?: 'none') . "\n";
};

// Deals SuiteCRM's own process left, then crmguard's stages once it is installed (the uninstall
// must not leave a deal in a stage the CRM no longer lists; the reinstall gives them back).
foreach (['d1' => 'Prospecting', 'd2' => 'Closed Won'] as $id => $stage) {
    $sql("INSERT INTO opportunities (id, name, sales_stage, deleted) VALUES ('$id', 'deal $id', '$stage', 0)");
}
echo "== before\n", $state();
echo "== a failed install: pre_execute cannot reach the database (wrong password), nothing is copied\n";
$wrong = $sugar_config;
$wrong['dbconfig']['db_password'] = 'not-the-password';
echo $loader('ModuleLoaderStandin::install($tree, $zip)', $wrong), "\n", $state();
echo "== a failed install: post_execute cannot create a view (a table of that name is in its way)\n";
$sql('CREATE TABLE crmguard_v_deal (x int)');
echo $loader('ModuleLoaderStandin::install($tree, $zip)'), "\n", $state();
$sql('DROP TABLE crmguard_v_deal');
echo "== install once the obstacle is gone\n", $loader('ModuleLoaderStandin::install($tree, $zip)'), "\n", $state();
foreach (['d3' => 'New', 'd4' => 'New', 'd5' => 'Calling'] as $id => $stage) {
    $sql("INSERT INTO opportunities (id, name, sales_stage, deleted) VALUES ('$id', 'deal $id', '$stage', 0)");
}
echo "== uninstall, keeping the tables\n", $loader('ModuleLoaderStandin::uninstall($tree, $zip, false)'), "\n", $state();
echo "== install again\n", $loader('ModuleLoaderStandin::install($tree, $zip)'), "\n", $state();
echo "== uninstall with Remove tables\n", $loader('ModuleLoaderStandin::uninstall($tree, $zip, true)'), "\n", $state();
echo "== install again\n", $loader('ModuleLoaderStandin::install($tree, $zip)'), "\n", $state();
?>
--EXPECTF--
== before
  custom fields: none
  fields_meta_data: none
  crmguard tables and views: none
  files: none, language files: 0, crmguard hooks: 0, vardef files: 0, entry point: no, token admin: no page and no panel link
  deals by stage: Closed Won 1, Prospecting 1
  upgrade_history: none
== a failed install: pre_execute cannot reach the database (wrong password), nothing is copied
RuntimeException: ModuleInstaller::abort: crmguard: cannot reach SuiteCRM's database: cannot connect (mysql://%s): [1045] Access denied for user 'crmguard'@'localhost' (using password: YES). Nothing was installed. | steps: pre_execute | message box: crmguard: cannot reach SuiteCRM's database: cannot connect (mysql://%s): [1045] Access denied for user 'crmguard'@'localhost' (using password: YES). Nothing was installed.
  custom fields: none
  fields_meta_data: none
  crmguard tables and views: none
  files: none, language files: 0, crmguard hooks: 0, vardef files: 0, entry point: no, token admin: no page and no panel link
  deals by stage: Closed Won 1, Prospecting 1
  upgrade_history: none
== a failed install: post_execute cannot create a view (a table of that name is in its way)
RuntimeException: ModuleInstaller::abort: crmguard was not installed: 100_analytics.sql: statement 3 (line 38): query failed (mysql://%s): [1347] 'crmguard_t_packages_suitecrm_install_order_suitecrm.crmguard_v_deal' is not of type 'VIEW' (16 object(s) this run had created were dropped again) Everything this install had done was undone; fix the cause and install the package again. | steps: pre_execute, install_copy, install_extensions, install_images, install_dcactions, install_dashlets, install_connectors, install_layoutfields, install_relationships, enable_manifest_logichooks, post_execute | message box: crmguard was not installed: 100_analytics.sql: statement 3 (line 38): query failed (mysql://%s): [1347] 'crmguard_t_packages_suitecrm_install_order_suitecrm.crmguard_v_deal' is not of type 'VIEW' (16 object(s) this run had created were dropped again) Everything this install had done was undone; fix the cause and install the package again.
  custom fields: none
  fields_meta_data: none
  crmguard tables and views: crmguard_v_deal
  files: none, language files: 0, crmguard hooks: 0, vardef files: 0, entry point: no, token admin: no page and no panel link
  deals by stage: Closed Won 1, Prospecting 1
  upgrade_history: none
== install once the obstacle is gone
done | steps: pre_execute, install_copy, install_extensions, install_images, install_dcactions, install_dashlets, install_connectors, install_layoutfields, install_relationships, enable_manifest_logichooks, post_execute, reset_opcodes, install_custom_fields
  custom fields: accounts_cstm.crmguard_status_c varchar(100) default 'waiting', calls_cstm.crmguard_card_color_c varchar(100) default NULL, calls_cstm.crmguard_card_owner_c varchar(255) default NULL, opportunities_cstm.crmguard_failure_reason_c varchar(100) default NULL
  fields_meta_data: Accountscrmguard_status_c, Callscrmguard_card_color_c, Callscrmguard_card_owner_c, Opportunitiescrmguard_failure_reason_c
  crmguard tables and views: all 29 of sql/suitecrm
  files: 10 in custom/include/CrmGuard, language files: 14, crmguard hooks: 16, vardef files: 4, entry point: registered, token admin: page and panel link
  deals by stage: Closed Won 1, Prospecting 1, parked 0
  upgrade_history: crmguard installed
== uninstall, keeping the tables
done | steps: pre_uninstall, uninstall_relationships, uninstall_copy, uninstall_dcactions, uninstall_dashlets, uninstall_connectors, uninstall_layoutfields, uninstall_extensions, uninstall_global_search, disable_manifest_logichooks, post_uninstall
  custom fields: accounts_cstm.crmguard_status_c varchar(100) default 'waiting', calls_cstm.crmguard_card_color_c varchar(100) default NULL, calls_cstm.crmguard_card_owner_c varchar(255) default NULL, opportunities_cstm.crmguard_failure_reason_c varchar(100) default NULL
  fields_meta_data: Accountscrmguard_status_c, Callscrmguard_card_color_c, Callscrmguard_card_owner_c, Opportunitiescrmguard_failure_reason_c
  crmguard tables and views: all 29 of sql/suitecrm
  files: none, language files: 0, crmguard hooks: 0, vardef files: 4, entry point: no, token admin: no page and no panel link
  deals by stage: Closed Won 1, Prospecting 3, Qualification 1, parked 3
  upgrade_history: none
== install again
done | steps: pre_execute, install_copy, install_extensions, install_images, install_dcactions, install_dashlets, install_connectors, install_layoutfields, install_relationships, enable_manifest_logichooks, post_execute, reset_opcodes, install_custom_fields
  custom fields: accounts_cstm.crmguard_status_c varchar(100) default 'waiting', calls_cstm.crmguard_card_color_c varchar(100) default NULL, calls_cstm.crmguard_card_owner_c varchar(255) default NULL, opportunities_cstm.crmguard_failure_reason_c varchar(100) default NULL
  fields_meta_data: Accountscrmguard_status_c, Callscrmguard_card_color_c, Callscrmguard_card_owner_c, Opportunitiescrmguard_failure_reason_c
  crmguard tables and views: all 29 of sql/suitecrm
  files: 10 in custom/include/CrmGuard, language files: 14, crmguard hooks: 16, vardef files: 4, entry point: registered, token admin: page and panel link
  deals by stage: Calling 1, Closed Won 1, New 2, Prospecting 1, parked 0
  upgrade_history: crmguard installed
== uninstall with Remove tables
done | steps: pre_uninstall, uninstall_relationships, uninstall_copy, uninstall_dcactions, uninstall_dashlets, uninstall_connectors, uninstall_layoutfields, uninstall_extensions, uninstall_global_search, disable_manifest_logichooks, post_uninstall, uninstall_custom_fields
  custom fields: none
  fields_meta_data: none
  crmguard tables and views: crmguard_audit_fix, crmguard_audit_fix_run, crmguard_call_journal, crmguard_connector_failure, crmguard_connector_token, crmguard_import, crmguard_import_row, crmguard_lock, crmguard_parked_stage, crmguard_phone, crmguard_phone_dirty, crmguard_report_run, crmguard_schema_version, crmguard_stage_log (the report views dropped with the columns they read)
  files: none, language files: 0, crmguard hooks: 0, vardef files: 0, entry point: no, token admin: no page and no panel link
  deals by stage: Closed Won 1, Prospecting 3, Qualification 1, parked 3
  upgrade_history: none
== install again
done | steps: pre_execute, install_copy, install_extensions, install_images, install_dcactions, install_dashlets, install_connectors, install_layoutfields, install_relationships, enable_manifest_logichooks, post_execute, reset_opcodes, install_custom_fields
  custom fields: accounts_cstm.crmguard_status_c varchar(100) default 'waiting', calls_cstm.crmguard_card_color_c varchar(100) default NULL, calls_cstm.crmguard_card_owner_c varchar(255) default NULL, opportunities_cstm.crmguard_failure_reason_c varchar(100) default NULL
  fields_meta_data: Accountscrmguard_status_c, Callscrmguard_card_color_c, Callscrmguard_card_owner_c, Opportunitiescrmguard_failure_reason_c
  crmguard tables and views: all 29 of sql/suitecrm
  files: 10 in custom/include/CrmGuard, language files: 14, crmguard hooks: 16, vardef files: 4, entry point: registered, token admin: page and panel link
  deals by stage: Calling 1, Closed Won 1, New 2, Prospecting 1, parked 0
  upgrade_history: crmguard installed