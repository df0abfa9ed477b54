--TEST--
crmguard SuiteCRM package: logic hooks over the stand-ins, on the real database (stages, status, call colour, reindex, stage log)
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/suitecrm';
require __DIR__ . '/crm-standins/suitecrm/bootstrap.php';

$dsn = crmguard_test_db('suitecrm', crmguard_packages_fixture('suitecrm'));
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
ini_set('mysqli.default_socket', $q['socket']); // SuiteCRM on localhost: mysqli's default socket
$sugar_config = ['dbconfig' => ['db_host_name' => 'localhost', 'db_user_name' => rawurldecode($parts['user']),
    'db_password' => rawurldecode($parts['pass']), 'db_name' => ltrim($parts['path'], '/'), 'db_type' => 'mysql', 'db_port' => '']];
$GLOBALS['log'] = new LoggerStandin();
$GLOBALS['current_language'] = 'en_us';
$_SESSION = [];
const ADMIN = '1', HEAD = 'eda99cb9-f606-56c3-94ce-3ac7cd4775b1', M1 = 'c3418962-c328-524b-9bbc-6c70cd0f7d72', M2 = '950c04ab-be9e-53e8-97a5-0cafe8f3e7ac';
const ROMASHKA = '5ddfddb8-c8d7-500a-89c3-36de29d59e46', PETROV = '17089722-4b56-510a-a903-937789177f6f', ACME = '4ea1849f-8bb4-5469-b0d3-0befcf59e6b2';
const DEAL = 'cb797176-ee89-5cc1-a049-1037a137d029', LEAD = '51ac1777-db50-5ff4-ad67-d4d02017c98f', IVAN = 'bb2d0741-fa0b-5dc8-972a-c958695301c1';

// Install as the Module Loader does: pre_execute, (copy, hooks), post_execute.
$installer = new ModuleInstaller($tree);
$installer->pre_execute();
$installer->post_execute();
LogicHook::register($installer->installdefs, "$tree/files"); // the copied files, as under the instance root
$bundled = array_map('basename', glob("$tree/files/custom/include/CrmGuard/lib/sql/suitecrm/*.sql"));
echo "installed: sql/suitecrm bundled in full: ", $bundled === array_map('basename', glob(__DIR__ . '/../sql/suitecrm/*.sql')) ? 'yes' : 'no',
    ", stage log table: ", count(crmguard_test_sql($dsn, "SHOW TABLES LIKE 'crmguard_stage_log'")), "\n";

$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);
$as = function (string $id, bool $admin = false) { $GLOBALS['current_user'] = new User($id, $admin ? '1' : '0'); };
$messages = fn () => implode(' | ', SugarApplication::getErrorMessages()) ?: '-';
$opp = fn () => SugarBeanStandin::retrieve($db, 'Opportunities', 'opportunities', DEAL);
$stage = fn () => implode(' / ', $sql("SELECT o.sales_stage, IFNULL(c.crmguard_failure_reason_c, '-') r FROM opportunities o LEFT JOIN opportunities_cstm c ON c.id_c = o.id WHERE o.id = '" . DEAL . "'")[0]);

echo "== deal stages (manager 1)\n";
$as(M1);
$d = $opp();
echo "stored: ", $stage(), "\n";
$d->sales_stage = 'Calling';
$d->description = 'called twice';
$d->save();
echo "-> Calling: ", $stage(), ", messages: ", $messages(), "\n";
$d = $opp();
$d->sales_stage = 'Closed Lost';
$d->description = 'typed with the refused stage';
$d->save();
echo "-> Closed Lost without a reason: stored ", $stage(), ", description kept: ",
    $sql("SELECT description FROM opportunities WHERE id = '" . DEAL . "'")[0]['description'], "\n  message: ", $messages(), "\n";
$GLOBALS['current_language'] = 'ru_RU';
$d = $opp();
$d->sales_stage = 'Closed Lost';
$d->save();
echo "the same for a Russian user: ", preg_match('/\p{Cyrillic}/u', $messages()) ? 'a Russian message' : 'not Russian', "\n";
$GLOBALS['current_language'] = 'en_us';
$d = $opp();
$d->sales_stage = 'Closed Lost';
$d->crmguard_failure_reason_c = 'competitor';
$d->save();
echo "-> Closed Lost, competitor: ", $stage(), ", messages: ", $messages(), "\n";
$d = $opp();
$d->sales_stage = 'Prospecting';
$d->save();
echo "-> Prospecting: ", $stage(), "\n  message: ", $messages(), "\n";
echo "stage log:\n";
foreach ($sql("SELECT deal_id, user_id, IFNULL(from_stage, 'NULL'), to_stage, IFNULL(failure_reason, 'NULL') FROM crmguard_stage_log ORDER BY id") as $row) {
    echo '  ', implode(' | ', $row), "\n";
}

echo "== company status (Ромашка: manager 1, in_work; managers report to the head of sales)\n";
foreach ([['manager 1 (responsible)', M1, false], ['manager 2', M2, false], ['head of sales (reports_to)', HEAD, false], ['admin', ADMIN, true]] as [$who, $id, $admin]) {
    $as($id, $admin);
    $a = SugarBeanStandin::retrieve($db, 'Accounts', 'accounts', ROMASHKA);
    $to = $a->crmguard_status_c === 'in_work' ? 'waiting' : 'in_work';
    $a->crmguard_status_c = $to;
    $a->save();
    $m = $messages();
    echo "$who sets $to: stored ", $sql("SELECT crmguard_status_c s FROM accounts_cstm WHERE id_c = '" . ROMASHKA . "'")[0]['s'],
        $m === '-' ? '' : ' (refused with a message)', "\n";
}
$as(M1);
$a = new SugarBeanStandin('Accounts', 'accounts', $db);
$a->name = 'ООО Вектор (from a lead)';
$a->assigned_user_id = M1;
$a->deleted = 0;
$id = $a->save();
echo "new company (as a lead conversion makes it): ", $sql("SELECT crmguard_status_c s FROM accounts_cstm WHERE id_c = '$id'")[0]['s'], "\n";

echo "== call card colour\n";
foreach ([['Accounts', ACME, M1], ['Leads', LEAD, M1], ['Contacts', IVAN, M1], ['Accounts', ROMASHKA, M2]] as [$ptype, $pid, $user]) {
    $c = new SugarBeanStandin('Calls', 'calls', $db);
    $c->name = 'call';
    $c->parent_type = $ptype;
    $c->parent_id = $pid;
    $c->assigned_user_id = $user;
    $c->deleted = 0;
    $id = $c->save();
    $row = $sql("SELECT crmguard_card_color_c c, crmguard_card_owner_c o FROM calls_cstm WHERE id_c = '$id'")[0];
    echo "$ptype for ", $user === M1 ? 'manager 1' : 'manager 2', ": {$row['c']}, owner {$row['o']}\n";
}

echo "== phone index follows saves, deletions, restores\n";
$index = fn (string $id) => implode(',', array_column($sql("SELECT e164 FROM crmguard_phone WHERE entity_id = '$id' ORDER BY e164"), 'e164'));
echo "lead: ", $index(LEAD), "\n";
$l = SugarBeanStandin::retrieve($db, 'Leads', 'leads', LEAD);
$l->phone_work = '+7 912 000-00-07';
$l->save();
echo "after a new work phone: ", $index(LEAD), "\n";
$l->mark_deleted(LEAD);
echo "after deletion: '", $index(LEAD), "'\n";
$l->mark_undeleted(LEAD);
echo "after restore: ", $index(LEAD), "\n";
echo "log lines: ", count(array_filter($GLOBALS['log']->lines, fn ($l) => str_starts_with($l, 'fatal'))), " fatal\n";
?>
--EXPECTF--
installed: sql/suitecrm bundled in full: yes, stage log table: 1
== deal stages (manager 1)
stored: New / -
-> Calling: Calling / -, messages: -
-> Closed Lost without a reason: stored Calling / -, description kept: typed with the refused stage
  message: A deal closed as "Failure" needs a failure reason%s
the same for a Russian user: a Russian message
-> Closed Lost, competitor: Closed Lost / competitor, messages: -
-> Prospecting: Closed Lost / competitor
  message: "Prospecting" is not a stage%s
stage log:
  cb797176-ee89-5cc1-a049-1037a137d029 | c3418962-c328-524b-9bbc-6c70cd0f7d72 | New | Calling | NULL
  cb797176-ee89-5cc1-a049-1037a137d029 | c3418962-c328-524b-9bbc-6c70cd0f7d72 | Calling | Closed Lost | competitor
== company status (Ромашка: manager 1, in_work; managers report to the head of sales)
manager 1 (responsible) sets waiting: stored in_work (refused with a message)
manager 2 sets waiting: stored in_work (refused with a message)
head of sales (reports_to) sets waiting: stored waiting
admin sets in_work: stored in_work
new company (as a lead conversion makes it): waiting
== call card colour
Accounts for manager 1: red, owner Дмитрий Кузнецов
Leads for manager 1: blue, owner Алексей Смирнов
Contacts for manager 1: yellow, owner Алексей Смирнов
Accounts for manager 2: red, owner Алексей Смирнов
== phone index follows saves, deletions, restores
lead: 78432001010,79991112233
after a new work phone: 79120000007,79991112233
after deletion: ''
after restore: 79120000007,79991112233
log lines: 5 fatal
