--TEST--
crmguard SuiteCRM logic hooks (issue 13): an emptied sales_stage cannot reopen a closed deal; one company-status rule with the is-new flag (fetched_row, else the stored row: an account without an accounts_cstm row, or a bean saved by id without retrieve(), is not new)
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
ini_set('mysqli.default_socket', $q['socket']);
$sugar_config = ['dbconfig' => ['db_host_name' => 'localhost', 'db_user_name' => rawurldecode($parts['user']),
    'db_password' => rawurldecode($parts['pass']), 'db_name' => ltrim($parts['path'], '/'), 'db_type' => 'mysql', 'db_port' => '']];
$GLOBALS['log'] = new LoggerStandin();
$GLOBALS['current_language'] = 'en_us';
$_SESSION = [];
const ADMIN = '1', HEAD = 'eda99cb9-f606-56c3-94ce-3ac7cd4775b1', M1 = 'c3418962-c328-524b-9bbc-6c70cd0f7d72', M2 = '950c04ab-be9e-53e8-97a5-0cafe8f3e7ac';
const ROMASHKA = '5ddfddb8-c8d7-500a-89c3-36de29d59e46';
const DEAL = 'cb797176-ee89-5cc1-a049-1037a137d029';

$installer = new ModuleInstaller($tree);
$installer->pre_execute();
$installer->post_execute();
LogicHook::register($installer->installdefs, "$tree/files");

$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);
$as = function (string $id, bool $admin = false) { $GLOBALS['current_user'] = new User($id, $admin ? '1' : '0'); };
$messages = fn () => implode(' | ', SugarApplication::getErrorMessages()) ?: '-';

echo "== 9a: a closed deal cannot be reopened by emptying its stage first (manager 1, over the deal's own saves)\n";
$as(M1);
$stage = fn () => var_export($sql("SELECT sales_stage FROM opportunities WHERE id = '" . DEAL . "'")[0]['sales_stage'], true);
$save = function (array $values) use ($db, $stage, $messages) {
    $d = SugarBeanStandin::retrieve($db, 'Opportunities', 'opportunities', DEAL);
    foreach ($values as $k => $v) {
        $d->$k = $v;
    }
    $d->save();
    echo "-> ", json_encode($values), ": stored ", $stage(), ", message: ", $messages(), "\n";
};
$save(['sales_stage' => 'Closed Won']);
$save(['sales_stage' => '']);
$save(['sales_stage' => null]);   // unset: not part of the update, as SugarBean writes it
$save(['sales_stage' => 'Calling']);
// A bean given the deal's id and saved without retrieve(): SugarBean updates it (no new_with_id).
$d = new SugarBeanStandin('Opportunities', 'opportunities', $db);
$d->id = DEAL;
$d->sales_stage = 'Calling';
$d->save();
echo "-> Calling, a bean saved by id without retrieve(): stored ", $stage(), ", message: ", $messages(), "\n";
$d = new SugarBeanStandin('Opportunities', 'opportunities', $db);
$d->name = 'no stage';
$d->assigned_user_id = M1;
$d->deleted = 0;
$d->sales_stage = '';
$id = $d->save();
echo "a new deal saved without a stage: ", $sql("SELECT sales_stage FROM opportunities WHERE id = '$id'")[0]['sales_stage'], ", message: ", $messages(), "\n";
// A lost deal saved by id without retrieve(), only its description set: stage and reason are not part of it.
$lost = SugarBeanStandin::retrieve($db, 'Opportunities', 'opportunities', $id);
$lost->sales_stage = 'Closed Lost';
$lost->crmguard_failure_reason_c = 'competitor';
$lost->save();
$d = new SugarBeanStandin('Opportunities', 'opportunities', $db);
$d->id = $id;
$d->description = 'note';
$d->save();
echo "a lost deal saved by id with only a description: ", implode(' / ', $sql("SELECT o.sales_stage, c.crmguard_failure_reason_c FROM opportunities o
    JOIN opportunities_cstm c ON c.id_c = o.id WHERE o.id = '$id'")[0]), ", message: ", $messages(), "\n";
echo "stage log:\n";
foreach ($sql("SELECT deal_id = '" . DEAL . "' AS this_deal, IFNULL(from_stage, 'NULL'), to_stage FROM crmguard_stage_log ORDER BY id") as $row) {
    echo '  ', implode(' | ', $row), "\n";
}

echo "== 9b: company status, one rule (Ромашка: manager 1, in_work; the managers report to the head of sales)\n";
$status = function (string $id) use ($sql): string {
    $rows = $sql("SELECT crmguard_status_c s FROM accounts_cstm WHERE id_c = '$id'");
    return $rows === [] ? 'no accounts_cstm row' : var_export($rows[0]['s'], true);
};
$n = 0;
$create = function (string $who, string $actor, bool $admin, array $values) use ($as, $db, $status, $messages, &$n) {
    $as($actor, $admin);
    $a = new SugarBeanStandin('Accounts', 'accounts', $db);
    $a->name = 'Новая ' . ++$n;
    $a->assigned_user_id = M1;
    $a->deleted = 0;
    foreach ($values as $k => $v) {
        $a->$k = $v;
    }
    $id = $a->save();
    echo "new, ", json_encode($values), " by $who: stored ", $status($id), ", message: ", $messages(), "\n";
};
$create('manager 1', M1, false, []);
$create('manager 1', M1, false, ['crmguard_status_c' => '']);
$create('manager 1', M1, false, ['crmguard_status_c' => 'waiting']);
$create('manager 1 (its owner)', M1, false, ['crmguard_status_c' => 'in_work']);
$create('manager 2', M2, false, ['crmguard_status_c' => 'in_work']);
$create('head of sales', HEAD, false, ['crmguard_status_c' => 'in_work']);
$create('admin', ADMIN, true, ['crmguard_status_c' => 'in_work']);
$change = function (string $who, string $actor, bool $admin, string $id, ?string $to, bool $touch = true) use ($as, $db, $status, $messages) {
    $as($actor, $admin);
    $a = SugarBeanStandin::retrieve($db, 'Accounts', 'accounts', $id);
    if ($touch) {
        $a->crmguard_status_c = $to;
    }
    $a->description = 'edited';
    $a->save();
    echo "existing, ", $touch ? 'set to ' . var_export($to, true) : 'saved without touching the status',
        " by $who: stored ", $status($id), ", message: ", $messages(), "\n";
};
$change('manager 1', M1, false, ROMASHKA, '');
$change('manager 1', M1, false, ROMASHKA, null);
$change('manager 1', M1, false, ROMASHKA, null, false);
$change('manager 1 (owner)', M1, false, ROMASHKA, 'waiting');
$change('manager 2', M2, false, ROMASHKA, 'waiting');
$change('head of sales', HEAD, false, ROMASHKA, 'waiting');
$change('admin', ADMIN, true, ROMASHKA, 'in_work');
$change('admin', ADMIN, true, ROMASHKA, 'hot');
// An account without an accounts_cstm row (made before crmguard, or by code that wrote only
// accounts): an existing company in waiting, not a new one.
$nocstm = function () use ($db) {
    $db->query("DELETE FROM accounts_cstm WHERE id_c = 'cg-account-no-cstm'");
    $db->query("INSERT IGNORE INTO accounts (id, name, deleted, assigned_user_id) VALUES ('cg-account-no-cstm', 'Без строки', 0, '" . M1 . "')");
};
$nocstm();
$change('manager 2', M2, false, 'cg-account-no-cstm', 'in_work');
$nocstm();
$change('manager 1 (owner)', M1, false, 'cg-account-no-cstm', 'in_work');
$nocstm();
$change('manager 1 (owner)', M1, false, 'cg-account-no-cstm', null, false);
$nocstm();
$change('head of sales', HEAD, false, 'cg-account-no-cstm', 'in_work');
// Beans saved without retrieve(): given an existing id (an update), or marked new_with_id (an insert).
$blind = function (string $who, string $actor, string $id, ?string $to, bool $newWithId = false) use ($as, $db, $status, $messages) {
    $as($actor);
    $a = new SugarBeanStandin('Accounts', 'accounts', $db);
    $a->id = $id;
    $a->new_with_id = $newWithId;
    $a->name = 'by id';
    $a->assigned_user_id = M1;
    $a->deleted = 0;
    if ($to !== null) {
        $a->crmguard_status_c = $to;
    }
    $a->save();
    echo $newWithId ? 'new_with_id' : 'by id, no retrieve()', ', ', $to === null ? 'no status' : "set to '$to'",
        " by $who: stored ", $status($id), ", message: ", $messages(), "\n";
};
$blind('manager 1', M1, ROMASHKA, null);
$blind('manager 1 (owner)', M1, ROMASHKA, 'in_work');
$blind('manager 2', M2, ROMASHKA, 'waiting');
$blind('manager 1', M1, 'cg-account-new-with-id', null, true);

echo "== a refused stage brings its probability back (the edit view sets it from the stage picked)\n";
$app_list_strings = [];
include "$tree/files/language/application/en_us.crmguard.php";
$GLOBALS['app_list_strings'] = $app_list_strings;
$as(M1);
$d = new SugarBeanStandin('Opportunities', 'opportunities', $db);
$d->name = 'won at once';
$d->assigned_user_id = M1;
$d->deleted = 0;
$d->sales_stage = 'Closed Won';
$d->probability = 100;
$id = $d->save();
$prob = fn (string $id) => implode(' ', $sql("SELECT sales_stage, probability FROM opportunities WHERE id = '$id'")[0]);
echo "new deal asked as Closed Won at 100: ", $prob($id), "\n";
$messages();
$d = SugarBeanStandin::retrieve($db, 'Opportunities', 'opportunities', $id);
$d->sales_stage = 'Calling';
$d->probability = 20;
$d->save();
$d = SugarBeanStandin::retrieve($db, 'Opportunities', 'opportunities', $id);
$d->sales_stage = 'Closed Lost';
$d->probability = 0;
$d->save();
echo "Calling -> Closed Lost without a reason, at 0: ", $prob($id), "\n";
$d = SugarBeanStandin::retrieve($db, 'Opportunities', 'opportunities', $id);
$d->sales_stage = 'New';
$d->probability = 55;
$d->save();
echo "Calling -> New with a probability typed by hand (55): ", $prob($id), "\n";
$messages();
?>
--EXPECT--
== 9a: a closed deal cannot be reopened by emptying its stage first (manager 1, over the deal's own saves)
-> {"sales_stage":"Closed Won"}: stored 'Closed Won', message: -
-> {"sales_stage":""}: stored 'Closed Won', message: A deal's stage cannot be emptied: it stays "Success".
-> {"sales_stage":null}: stored 'Closed Won', message: -
-> {"sales_stage":"Calling"}: stored 'Closed Won', message: The deal is closed ("Success"): only an administrator may reopen it or change its result.
-> Calling, a bean saved by id without retrieve(): stored 'Closed Won', message: The deal is closed ("Success"): only an administrator may reopen it or change its result.
a new deal saved without a stage: New, message: -
a lost deal saved by id with only a description: Closed Lost / competitor, message: -
stage log:
  1 | New | Closed Won
  0 | NULL | New
  0 | New | Closed Lost
== 9b: company status, one rule (Ромашка: manager 1, in_work; the managers report to the head of sales)
new, [] by manager 1: stored 'waiting', message: -
new, {"crmguard_status_c":""} by manager 1: stored 'waiting', message: -
new, {"crmguard_status_c":"waiting"} by manager 1: stored 'waiting', message: -
new, {"crmguard_status_c":"in_work"} by manager 1 (its owner): stored 'waiting', message: You are responsible for this company: its status may be changed only by your supervisor or an administrator.
new, {"crmguard_status_c":"in_work"} by manager 2: stored 'waiting', message: A new company starts as "Waiting": only the responsible manager's supervisor or an administrator may create it as "In work".
new, {"crmguard_status_c":"in_work"} by head of sales: stored 'in_work', message: -
new, {"crmguard_status_c":"in_work"} by admin: stored 'in_work', message: -
existing, set to '' by manager 1: stored 'in_work', message: -
existing, set to NULL by manager 1: stored 'in_work', message: -
existing, saved without touching the status by manager 1: stored 'in_work', message: -
existing, set to 'waiting' by manager 1 (owner): stored 'in_work', message: You are responsible for this company: its status may be changed only by your supervisor or an administrator.
existing, set to 'waiting' by manager 2: stored 'in_work', message: Only the responsible manager's supervisor or an administrator may change the company status.
existing, set to 'waiting' by head of sales: stored 'waiting', message: -
existing, set to 'in_work' by admin: stored 'in_work', message: -
existing, set to 'hot' by admin: stored 'in_work', message: "hot" is not a company status; choose one of: Waiting, In work.
existing, set to 'in_work' by manager 2: stored 'waiting', message: Only the responsible manager's supervisor or an administrator may change the company status.
existing, set to 'in_work' by manager 1 (owner): stored 'waiting', message: You are responsible for this company: its status may be changed only by your supervisor or an administrator.
existing, saved without touching the status by manager 1 (owner): stored 'waiting', message: -
existing, set to 'in_work' by head of sales: stored 'in_work', message: -
by id, no retrieve(), no status by manager 1: stored 'in_work', message: -
by id, no retrieve(), set to 'in_work' by manager 1 (owner): stored 'in_work', message: -
by id, no retrieve(), set to 'waiting' by manager 2: stored 'in_work', message: Only the responsible manager's supervisor or an administrator may change the company status.
new_with_id, no status by manager 1: stored 'waiting', message: -
== a refused stage brings its probability back (the edit view sets it from the stage picked)
new deal asked as Closed Won at 100: New 10
Calling -> Closed Lost without a reason, at 0: Calling 20
Calling -> New with a probability typed by hand (55): Calling 55
