--TEST--
crmguard SuiteCRM package on SuiteCRM 8: the Module Loader accepts it (8.x as 7.14), and a refused change made in SuiteCRM 8's own UI comes back through SuiteCRM 8's error path instead of being reverted silently
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/suitecrm';
require __DIR__ . '/crm-standins/suitecrm/bootstrap.php';

echo "== the Module Loader's version check (PackageManager::validate_manifest)\n";
$manifest = [];
include "$tree/manifest.php";
// [$sugar_version, $suitecrm_version] as sugar_version.php / suitecrm_version.php set them.
foreach ([['6.5.25', '7.14.6'], ['6.5.25', '8.8.0'], ['6.5.25', '8.0.0'], ['6.5.25', '7.13.4'], ['6.5.25', '9.0.0']] as [$sugar, $suite]) {
    echo "SuiteCRM $suite (sugar $sugar): ", PackageManager::validate_manifest($manifest, $sugar, $suite) ? 'accepted' : 'refused', "\n";
}

$dsn = crmguard_test_db('suitecrm', crmguard_packages_fixture('suitecrm'));
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
ini_set('mysqli.default_socket', $q['socket']);
$sugar_config = ['dbconfig' => ['db_host_name' => 'localhost', 'db_user_name' => rawurldecode($parts['user']),
    'db_password' => rawurldecode($parts['pass']), 'db_name' => ltrim($parts['path'], '/'), 'db_type' => 'mysql', 'db_port' => '']];
$GLOBALS['log'] = new LoggerStandin();
$GLOBALS['current_language'] = 'en_us';
$_SESSION = [];
const M1 = 'c3418962-c328-524b-9bbc-6c70cd0f7d72', ROMASHKA = '5ddfddb8-c8d7-500a-89c3-36de29d59e46', DEAL = 'cb797176-ee89-5cc1-a049-1037a137d029';
$installer = new ModuleInstaller($tree);
$installer->pre_execute();
$installer->post_execute();
LogicHook::register($installer->installdefs, "$tree/files");
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);
$deal = fn () => implode(' / ', $sql("SELECT o.sales_stage, o.description, IFNULL(c.crmguard_failure_reason_c, '-') r FROM opportunities o LEFT JOIN opportunities_cstm c ON c.id_c = o.id WHERE o.id = '" . DEAL . "'")[0]);
$status = fn () => $sql("SELECT crmguard_status_c s FROM accounts_cstm WHERE id_c = '" . ROMASHKA . "'")[0]['s'];
$GLOBALS['current_user'] = new User(M1);

echo "== SuiteCRM 7.14 (and 8's classic /legacy pages): the message box, the rest of the record saved\n";
echo "stored: ", $deal(), "\n";
$d = SugarBeanStandin::retrieve($db, 'Opportunities', 'opportunities', DEAL);
$d->sales_stage = 'Closed Lost';
$d->description = 'typed in 7';
$d->save();
echo "Closed Lost without a reason: stored ", $deal(), "; message: ", implode(' | ', SugarApplication::getErrorMessages()), "\n";

echo "== SuiteCRM 8's own UI (RecordHandler::saveRecord over GraphQL)\n";
require __DIR__ . '/crm-standins/suitecrm8/bootstrap.php';
$handler = new App\Data\LegacyHandler\RecordHandler($db);
$save = function (string $module, string $table, string $id, array $attributes) use ($handler) {
    $answer = suitecrm8_graphql(fn () => $handler->saveRecord($module, $table, $id, $attributes));
    return json_encode($answer['errors'] ?? 'data', JSON_UNESCAPED_UNICODE) . "\n  the user sees: " . suitecrm8_ui_save($answer);
};
echo "Closed Lost without a reason: ", $save('Opportunities', 'opportunities', DEAL, ['sales_stage' => 'Closed Lost', 'description' => 'typed in 8']), "\n";
echo "  stored: ", $deal(), "; legacy session messages: ", count(SugarApplication::getErrorMessages()), "\n";
echo "Closed Lost with a reason: ", $save('Opportunities', 'opportunities', DEAL, ['sales_stage' => 'Closed Lost', 'crmguard_failure_reason_c' => 'competitor']), "\n";
echo "  stored: ", $deal(), "\n";
echo "manager 1 sets his company's status: ", $save('Accounts', 'accounts', ROMASHKA, ['crmguard_status_c' => 'waiting']), "\n";
echo "  stored: ", $status(), "\n";
echo "log: ", count(array_filter($GLOBALS['log']->lines, fn ($l) => str_starts_with($l, 'fatal: '))), " fatal lines\n";
?>
--EXPECT--
== the Module Loader's version check (PackageManager::validate_manifest)
SuiteCRM 7.14.6 (sugar 6.5.25): accepted
SuiteCRM 8.8.0 (sugar 6.5.25): accepted
SuiteCRM 8.0.0 (sugar 6.5.25): accepted
SuiteCRM 7.13.4 (sugar 6.5.25): refused
SuiteCRM 9.0.0 (sugar 6.5.25): refused
== SuiteCRM 7.14 (and 8's classic /legacy pages): the message box, the rest of the record saved
stored: New /  / -
Closed Lost without a reason: stored New / typed in 7 / -; message: A deal closed as "Failure" needs a failure reason: No interest, Poor-quality contact, No decision maker reached, Works with a competitor, Other.
== SuiteCRM 8's own UI (RecordHandler::saveRecord over GraphQL)
Closed Lost without a reason: [{"message":"A deal closed as \"Failure\" needs a failure reason: No interest, Poor-quality contact, No decision maker reached, Works with a competitor, Other.","extensions":{"status":422,"category":"user"}}]
  the user sees: danger message LBL_ERROR_SAVING
  stored: New / typed in 7 / -; legacy session messages: 0
Closed Lost with a reason: "data"
  the user sees: saved
  stored: Closed Lost / typed in 7 / competitor
manager 1 sets his company's status: [{"message":"You are responsible for this company: its status may be changed only by your supervisor or an administrator.","extensions":{"status":422,"category":"user"}}]
  the user sees: danger message LBL_ERROR_SAVING
  stored: in_work
log: 3 fatal lines