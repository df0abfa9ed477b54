--TEST--
crmguard EspoCRM hooks (issue 13): an emptied stage cannot reopen a closed deal; one company-status rule with EspoCRM's own is-new flag; an explicit null status passes EspoCRM's enum validation and is defaulted
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/espocrm';
require __DIR__ . '/crm-standins/espocrm/bootstrap.php';

use Espo\Core\Exceptions\BadRequest;
use Espo\Core\Exceptions\Forbidden;
use Espo\Entities\User;
use Espo\ORM\BaseEntity;

$dsn = crmguard_test_db('espocrm', crmguard_packages_fixture());
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
$config = new Espo\Core\Utils\Config([
    'database' => ['host' => 'localhost', 'dbname' => ltrim($parts['path'], '/'), 'user' => rawurldecode($parts['user']),
        'password' => rawurldecode($parts['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql'],
    'crmguardRules' => ['supervisor' => 'team_role:Supervisor'],
]);
const ADMIN = '6955b900000000077', HEAD = '6955c71701eefe95b', M1 = '6955d52e03dde92f7', M2 = '6955e34505ccda34a';
const ROMASHKA = '6955ff7309aab8a8b', PETROV = '69560d8a0b99a693a';
const DEAL = '6957193f305572d38';

require "$tree/scripts/AfterInstall.php";
(new AfterInstall())->run(new Espo\Core\Container([Espo\Core\Utils\Config::class => $config]), []);
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$espo = fn (string $userId, string $type = 'regular') => new EspoStandin("$tree/files", $db, [
    User::class => new User($userId, $type),
    Espo\Core\Utils\Config::class => $config,
    Espo\Core\Utils\Language::class => new Espo\Core\Utils\Language('en_US'),
]);
$sql = fn (string $q) => crmguard_test_sql($dsn, $q);
$try = function (callable $f): string {
    try {
        $f();
        return 'saved';
    } catch (BadRequest|Forbidden $e) {
        $body = json_decode((string) $e->getBody());
        return 'refused ' . $e->getCode() . ': ' . ($body->message ?? $e->getMessage());
    }
};
$m1 = $espo(M1);

echo "== 9a: a closed deal cannot be reopened by emptying its stage first (manager 1)\n";
$stage = fn () => var_export($sql("SELECT stage FROM opportunity WHERE id = '" . DEAL . "'")[0]['stage'], true);
$deal = $m1->fetch('Opportunity', DEAL);
$deal->set('stage', 'Closed Won');
echo "-> Closed Won: ", $try(fn () => $m1->save($deal)), ", stored ", $stage(), "\n";
foreach (['' => "''", 'null' => null] as $label => $empty) {
    $deal = $m1->fetch('Opportunity', DEAL);
    $deal->set('stage', $label === 'null' ? null : '');
    echo "-> stage ", $label === 'null' ? 'null' : "''", ": ", $try(fn () => $m1->save($deal)), ", stored ", $stage(), "\n";
}
$deal = $m1->fetch('Opportunity', DEAL);
$deal->set('stage', 'Calling');
echo "-> Calling: ", $try(fn () => $m1->save($deal)), ", stored ", $stage(), "\n";
$new = new BaseEntity('Opportunity', ['id' => 'cgdeal0000000nost', 'name' => 'no stage', 'deleted' => 0, 'assignedUserId' => M1]);
echo "a new deal saved without a stage: ", $try(fn () => $m1->save($new)), ", stored ",
    $sql("SELECT stage FROM opportunity WHERE id = 'cgdeal0000000nost'")[0]['stage'], "\n";
echo "stage log:\n";
foreach ($sql("SELECT deal_id, IFNULL(from_stage, 'NULL'), to_stage FROM crmguard_stage_log ORDER BY id") as $row) {
    echo '  ', implode(' | ', $row), "\n";
}

echo "== 9b: company status, one rule (Ромашка: manager 1, in_work; ИП Петров: manager 2, waiting)\n";
$status = function (string $id) use ($sql): string {
    $rows = $sql("SELECT c_crmguard_status s FROM account WHERE id = '$id'");
    return $rows === [] ? 'no row' : var_export($rows[0]['s'], true);
};
$n = 0;
$create = function (string $who, string $actor, string $type, array $values) use ($espo, $try, $status, &$n) {
    $id = sprintf('cgacc%012d', ++$n);
    $acc = new BaseEntity('Account', ['id' => $id, 'name' => "Новая $n", 'assignedUserId' => M1, 'deleted' => 0] + $values);
    $r = $try(fn () => $espo($actor, $type)->save($acc));
    echo "new, ", json_encode($values), " by $who: $r, stored ", $status($id), "\n";
};
$create('manager 1', M1, 'regular', []);
$create('manager 1', M1, 'regular', ['cCrmguardStatus' => null]);
$create('manager 1', M1, 'regular', ['cCrmguardStatus' => '']);
$create('manager 1', M1, 'regular', ['cCrmguardStatus' => 'waiting']);
$create('manager 1 (its owner)', M1, 'regular', ['cCrmguardStatus' => 'in_work']);
$create('manager 2', M2, 'regular', ['cCrmguardStatus' => 'in_work']);
$create('head of sales', HEAD, 'regular', ['cCrmguardStatus' => 'in_work']);
$create('admin', ADMIN, 'admin', ['cCrmguardStatus' => 'in_work']);
$change = function (string $who, string $actor, string $type, string $id, $to) use ($espo, $try, $status) {
    $orm = $espo($actor, $type);
    $acc = $orm->fetch('Account', $id);
    $acc->set('cCrmguardStatus', $to);
    echo "existing, set to ", var_export($to, true), " by $who: ", $try(fn () => $orm->save($acc)), ", stored ", $status($id), "\n";
};
$change('manager 1', M1, 'regular', ROMASHKA, null);
$change('manager 1', M1, 'regular', ROMASHKA, '');
$change('manager 1', M1, 'regular', ROMASHKA, 'in_work');
$change('manager 1 (owner)', M1, 'regular', ROMASHKA, 'waiting');
$change('manager 2', M2, 'regular', ROMASHKA, 'waiting');
$change('head of sales', HEAD, 'regular', ROMASHKA, 'waiting');
$change('admin', ADMIN, 'admin', ROMASHKA, 'in_work');
$change('admin', ADMIN, 'admin', ROMASHKA, 'hot');
$acc = $m1->fetch('Account', ROMASHKA);
$acc->set('name', 'ООО Ромашка (renamed)');
echo "existing, renamed without its status by manager 1: ", $try(fn () => $m1->save($acc)), ", stored ", $status(ROMASHKA), "\n";
// A company stored without any status (created before crmguard): an existing company in waiting.
$db->query("UPDATE account SET c_crmguard_status = NULL WHERE id = '" . PETROV . "'");
$change('manager 1', M1, 'regular', PETROV, 'in_work');
$change('manager 2 (owner)', M2, 'regular', PETROV, 'in_work');
$change('manager 2 (owner)', M2, 'regular', PETROV, '');
$db->query("UPDATE account SET c_crmguard_status = NULL WHERE id = '" . PETROV . "'");
$change('head of sales', HEAD, 'regular', PETROV, 'in_work');

echo "== 8a: the REST API / edit form path (Record\\Service: field validation, then the hooks)\n";
foreach ([['cCrmguardStatus' => null], ['cCrmguardStatus' => ''], [], ['cCrmguardStatus' => 'hot']] as $i => $data) {
    $id = sprintf('cgapi%012d', $i);
    $r = $try(fn () => $m1->apiCreate('Account', ['id' => $id, 'name' => "API $i", 'assignedUserId' => M1, 'deleted' => 0] + $data));
    echo "POST Account ", json_encode($data), ": $r, stored ", $status($id), "\n";
}
foreach ([['cCrmguardStatus' => null], ['cCrmguardStatus' => ''], ['name' => 'Ромашка API'], ['cCrmguardStatus' => 'waiting']] as $data) {
    $r = $try(fn () => $m1->apiUpdate('Account', ROMASHKA, $data));
    echo "PUT Account/Ромашка ", json_encode($data, JSON_UNESCAPED_UNICODE), " by manager 1: $r, stored ", $status(ROMASHKA), "\n";
}
$r = $try(fn () => $m1->apiUpdate('Opportunity', DEAL, ['stage' => null]));
echo "PUT Opportunity {\"stage\":null}: $r\n";
?>
--EXPECT--
== 9a: a closed deal cannot be reopened by emptying its stage first (manager 1)
-> Closed Won: saved, stored 'Closed Won'
-> stage '': refused 400: A deal's stage cannot be emptied: it stays "Success"., stored 'Closed Won'
-> stage null: refused 400: A deal's stage cannot be emptied: it stays "Success"., stored 'Closed Won'
-> Calling: refused 400: The deal is closed ("Success"): only an administrator may reopen it or change its result., stored 'Closed Won'
a new deal saved without a stage: saved, stored New
stage log:
  6957193f305572d38 | Calling | Closed Won
  cgdeal0000000nost | NULL | New
== 9b: company status, one rule (Ромашка: manager 1, in_work; ИП Петров: manager 2, waiting)
new, [] by manager 1: saved, stored 'waiting'
new, {"cCrmguardStatus":null} by manager 1: saved, stored 'waiting'
new, {"cCrmguardStatus":""} by manager 1: saved, stored 'waiting'
new, {"cCrmguardStatus":"waiting"} by manager 1: saved, stored 'waiting'
new, {"cCrmguardStatus":"in_work"} by manager 1 (its owner): refused 403: You are responsible for this company: its status may be changed only by your supervisor or an administrator., stored no row
new, {"cCrmguardStatus":"in_work"} by manager 2: refused 403: A new company starts as "Waiting": only the responsible manager's supervisor or an administrator may create it as "In work"., stored no row
new, {"cCrmguardStatus":"in_work"} by head of sales: saved, stored 'in_work'
new, {"cCrmguardStatus":"in_work"} by admin: saved, stored 'in_work'
existing, set to NULL by manager 1: saved, stored 'in_work'
existing, set to '' by manager 1: saved, stored 'in_work'
existing, set to 'in_work' by manager 1: saved, stored 'in_work'
existing, set to 'waiting' by manager 1 (owner): refused 403: You are responsible for this company: its status may be changed only by your supervisor or an administrator., stored 'in_work'
existing, set to 'waiting' by manager 2: refused 403: Only the responsible manager's supervisor or an administrator may change the company status., stored 'in_work'
existing, set to 'waiting' by head of sales: saved, stored 'waiting'
existing, set to 'in_work' by admin: saved, stored 'in_work'
existing, set to 'hot' by admin: refused 400: "hot" is not a company status; choose one of: Waiting, In work., stored 'in_work'
existing, renamed without its status by manager 1: saved, stored 'in_work'
existing, set to 'in_work' by manager 1: refused 403: Only the responsible manager's supervisor or an administrator may change the company status., stored NULL
existing, set to 'in_work' by manager 2 (owner): refused 403: You are responsible for this company: its status may be changed only by your supervisor or an administrator., stored NULL
existing, set to '' by manager 2 (owner): saved, stored 'waiting'
existing, set to 'in_work' by head of sales: saved, stored 'in_work'
== 8a: the REST API / edit form path (Record\Service: field validation, then the hooks)
POST Account {"cCrmguardStatus":null}: saved, stored 'waiting'
POST Account {"cCrmguardStatus":""}: saved, stored 'waiting'
POST Account []: saved, stored 'waiting'
POST Account {"cCrmguardStatus":"hot"}: refused 400: Field validation failure; entityType: Account, field: cCrmguardStatus, type: valid., stored no row
PUT Account/Ромашка {"cCrmguardStatus":null} by manager 1: saved, stored 'in_work'
PUT Account/Ромашка {"cCrmguardStatus":""} by manager 1: saved, stored 'in_work'
PUT Account/Ромашка {"name":"Ромашка API"} by manager 1: saved, stored 'in_work'
PUT Account/Ромашка {"cCrmguardStatus":"waiting"} by manager 1: refused 403: You are responsible for this company: its status may be changed only by your supervisor or an administrator., stored 'in_work'
PUT Opportunity {"stage":null}: refused 400: Field validation failure; entityType: Opportunity, field: stage, type: valid.
