--TEST--
crmguard EspoCRM extension: the ORM hooks over the stand-ins, on the real database (stages, status, call colour, reindex, stage log)
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
const ROMASHKA = '6955ff7309aab8a8b', PETROV = '69560d8a0b99a693a', ACME = '69561ba10d8899d60';
const DEAL_NEW = '69570b282e668f158', DEAL_CALLING = '6957193f305572d38';
const LEAD = '6956621417334377f', IVAN = '695629b80f778a9f7';

// The install script first: crmguard's tables and the phone index (as EspoCRM runs it).
require "$tree/scripts/AfterInstall.php";
(new AfterInstall())->run(new Espo\Core\Container([Espo\Core\Utils\Config::class => $config]), []);

$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$espo = fn (string $userId, string $type = 'regular', string $lang = 'en_US') => new EspoStandin("$tree/files", $db, [
    User::class => new User($userId, $type),
    Espo\Core\Utils\Config::class => $config,
    Espo\Core\Utils\Language::class => new Espo\Core\Utils\Language($lang),
]);
$sql = fn (string $q) => crmguard_test_sql($dsn, $q);
$try = function (callable $f): string {
    try {
        $f();
        return 'saved';
    } catch (BadRequest|Forbidden $e) {
        return get_class($e) . ' ' . $e->getCode() . ' body ' . $e->getBody();
    }
};

echo "== hooks EspoCRM would find\n";
$m1 = $espo(M1);
foreach (['Opportunity' => 'beforeSave', 'Account' => 'beforeSave', 'Call' => 'beforeSave', 'Lead' => 'afterRemove'] as $scope => $type) {
    echo "$scope.$type: ", implode(', ', $m1->hookClasses($scope, $type)), "\n";
}

echo "== deal stages\n";
$refused = fn (string $r) => str_starts_with($r, BadRequest::class . ' 400 body ')
    ? 'refused (400): ' . json_decode(substr($r, strlen(BadRequest::class . ' 400 body ')))->message : $r;
$stage = fn () => implode(' / ', $sql("SELECT stage, IFNULL(c_crmguard_failure_reason, '-') r FROM opportunity WHERE id = '" . DEAL_NEW . "'")[0]);
$deal = $m1->fetch('Opportunity', DEAL_NEW);
$deal->set('stage', 'Calling');
echo "New -> Calling: ", $try(fn () => $m1->save($deal)), ", stored ", $stage(), "\n";
$deal->set('stage', 'New');
echo "Calling -> New: ", $refused($try(fn () => $m1->save($deal))), ", stored ", $stage(), "\n";
$deal = $m1->fetch('Opportunity', DEAL_NEW);
$deal->set('stage', 'Closed Lost');
echo "Calling -> Closed Lost without a reason: ", $refused($try(fn () => $m1->save($deal))), "\n";
$r = $try(fn () => $espo(M1, 'regular', 'ru_RU')->save($deal));
echo "the same for a Russian user: ", preg_match('/\p{Cyrillic}/u', json_decode(substr($r, strpos($r, 'body ') + 5))->message) ? 'a Russian message' : $r, "\n";
$deal->set('cCrmguardFailureReason', 'no_interest');
echo "Calling -> Closed Lost, no_interest: ", $try(fn () => $m1->save($deal)), ", stored ", $stage(), "\n";
$deal->set('cCrmguardFailureReason', '');
echo "clearing the reason of the lost deal: ", $refused($try(fn () => $m1->save($deal))), "\n";
$deal = $m1->fetch('Opportunity', DEAL_NEW);
$deal->set('stage', 'Calling');
echo "manager reopens it: ", $refused($try(fn () => $m1->save($deal))), "\n";
$admin = $espo(ADMIN, 'admin');
echo "admin reopens it: ", $try(fn () => $admin->save($deal)), ", stored ", $stage(), "\n";
$new = new BaseEntity('Opportunity', ['id' => 'cgdeal00000000001', 'name' => 'won at once', 'deleted' => 0, 'stage' => 'Closed Won', 'assignedUserId' => M1]);
echo "a new deal created as Closed Won: ", $refused($try(fn () => $m1->save($new))), ", rows ",
    count($sql("SELECT id FROM opportunity WHERE id = 'cgdeal00000000001'")), "\n";
$new = new BaseEntity('Opportunity', ['id' => 'cgdeal00000000002', 'name' => 'imported', 'deleted' => 0, 'stage' => 'New', 'assignedUserId' => M1]);
echo "a new deal in New: ", $try(fn () => $m1->save($new)), "\n";
echo "stage log:\n";
foreach ($sql("SELECT deal_id, user_id, IFNULL(from_stage, 'NULL'), to_stage, IFNULL(failure_reason, 'NULL'), changed_at > NOW() - INTERVAL 1 HOUR FROM crmguard_stage_log ORDER BY id") as $row) {
    echo '  ', implode(' | ', $row), "\n";
}
$deal = $m1->fetch('Opportunity', DEAL_NEW);
$deal->set('name', 'renamed');
$m1->save($deal);
echo "a save without a stage change logs nothing: ", count($sql('SELECT id FROM crmguard_stage_log')), " rows\n";

echo "== company status (Ромашка: manager 1, in_work)\n";
foreach ([['manager 1 (responsible)', M1, 'regular'], ['manager 2', M2, 'regular'], ['head of sales (Supervisor)', HEAD, 'regular'], ['admin', ADMIN, 'admin']] as [$who, $id, $type]) {
    $orm = $espo($id, $type);
    $acc = $orm->fetch('Account', ROMASHKA);
    $to = $acc->get('cCrmguardStatus') === 'in_work' ? 'waiting' : 'in_work';
    $acc->set('cCrmguardStatus', $to);
    $r = $try(fn () => $orm->save($acc));
    echo "$who sets $to: ", str_starts_with($r, 'Espo\Core\Exceptions\Forbidden 403') ? 'refused (403)' : $r,
        ', stored ', $sql("SELECT c_crmguard_status s FROM account WHERE id = '" . ROMASHKA . "'")[0]['s'], "\n";
}
$acc = new BaseEntity('Account', ['id' => 'cgnewacc000000001', 'name' => 'ООО Новая', 'assignedUserId' => M1, 'deleted' => 0]);
echo "new company, no status: ", $try(fn () => $m1->save($acc)), ', stored ',
    $sql("SELECT c_crmguard_status s FROM account WHERE id = 'cgnewacc000000001'")[0]['s'], "\n";
// A lead conversion creates the Account through the record service: the same hook sees a new Account.
$acc = new BaseEntity('Account', ['id' => 'cgnewacc000000002', 'name' => 'ООО Вектор', 'assignedUserId' => M1, 'deleted' => 0, 'cCrmguardStatus' => 'in_work']);
$r = $try(fn () => $m1->save($acc));
echo "new company created in_work by its manager: ", str_starts_with($r, 'Espo\Core\Exceptions\Forbidden') ? 'refused' : $r,
    ', rows ', count($sql("SELECT id FROM account WHERE id = 'cgnewacc000000002'")), "\n";
$acc = $m1->fetch('Account', ACME);
$acc->set('name', 'Acme Trading (renamed)');
echo "manager 1 renames Acme without touching its status: ", $try(fn () => $m1->save($acc)), "\n";
$sys = $espo('system', 'system');
$acc = $sys->fetch('Account', PETROV);
$acc->set('cCrmguardStatus', 'in_work');
echo "EspoCRM's system user (workflows) sets in_work: ", $try(fn () => $sys->save($acc)), "\n";

echo "== call card colour\n";
foreach ([['Account', ACME, M1], ['Lead', LEAD, M1], ['Contact', IVAN, M1], ['Account', ACME, M2], [null, null, M1]] as $i => [$ptype, $pid, $user]) {
    $call = new BaseEntity('Call', ['id' => sprintf('cgcall%011d', $i), 'name' => 'call', 'deleted' => 0,
        'parentType' => $ptype, 'parentId' => $pid, 'assignedUserId' => $user]);
    $m1->save($call);
    $row = $sql("SELECT c_crmguard_card_color c, c_crmguard_card_owner_id o FROM `call` WHERE id = '{$call->getId()}'")[0];
    echo ($ptype ?? 'no parent'), " for ", $user === M1 ? 'manager 1' : 'manager 2', ": {$row['c']}, owner ",
        [M1 => 'manager 1', M2 => 'manager 2', '' => '-'][$row['o'] ?? ''], "\n";
}
$call = $m1->fetch('Call', 'cgcall00000000003');
$call->set('assignedUserId', M1);
$m1->save($call);
echo "reassigned to manager 1: ", $sql("SELECT c_crmguard_card_color c FROM `call` WHERE id = 'cgcall00000000003'")[0]['c'], "\n";

echo "== phone index follows saves and removals\n";
$index = fn (string $id) => implode(',', array_column($sql("SELECT e164 FROM crmguard_phone WHERE entity_id = '$id' ORDER BY e164"), 'e164'));
echo "lead before: ", $index(LEAD), "\n";
$db->query("INSERT INTO phone_number (id, name, deleted, type, `numeric`, invalid, opt_out) VALUES ('cgphone0000000001', '8 (912) 000-00-07', 0, 'Mobile', '89120000007', 0, 0)");
$db->query("INSERT INTO entity_phone_number (entity_id, phone_number_id, entity_type, `primary`, deleted) VALUES ('" . LEAD . "', 'cgphone0000000001', 'Lead', 0, 0)");
$lead = $m1->fetch('Lead', LEAD);
$lead->set('phoneNumber', '8 (912) 000-00-07');
$m1->save($lead);
echo "lead after a second phone is saved: ", $index(LEAD), "\n";
$m1->remove($m1->fetch('Lead', LEAD));
echo "lead after removal: '", $index(LEAD), "'\n";
$contact = $m1->fetch('Contact', IVAN);
$m1->remove($contact);
echo "contact after removal: '", $index(IVAN), "'\n";
?>
--EXPECTF--
== hooks EspoCRM would find
Opportunity.beforeSave: Espo\Modules\CrmGuard\Hooks\Opportunity\CrmGuardStage
Account.beforeSave: Espo\Modules\CrmGuard\Hooks\Account\CrmGuardPhoneDuplicate, Espo\Modules\CrmGuard\Hooks\Account\CrmGuardStatus
Call.beforeSave: Espo\Modules\CrmGuard\Hooks\Call\CrmGuardCardColor
Lead.afterRemove: Espo\Modules\CrmGuard\Hooks\Lead\CrmGuardPhoneIndex
== deal stages
New -> Calling: saved, stored Calling / -
Calling -> New: refused (400): %s, stored Calling / -
Calling -> Closed Lost without a reason: refused (400): %s
the same for a Russian user: a Russian message
Calling -> Closed Lost, no_interest: saved, stored Closed Lost / no_interest
clearing the reason of the lost deal: refused (400): %s
manager reopens it: refused (400): %s
admin reopens it: saved, stored Calling / no_interest
a new deal created as Closed Won: refused (400): %s, rows 0
a new deal in New: saved
stage log:
  69570b282e668f158 | 6955d52e03dde92f7 | New | Calling | NULL | 1
  69570b282e668f158 | 6955d52e03dde92f7 | Calling | Closed Lost | no_interest | 1
  69570b282e668f158 | 6955b900000000077 | Closed Lost | Calling | no_interest | 1
  cgdeal00000000002 | 6955d52e03dde92f7 | NULL | New | NULL | 1
a save without a stage change logs nothing: 4 rows
== company status (Ромашка: manager 1, in_work)
manager 1 (responsible) sets waiting: refused (403), stored in_work
manager 2 sets waiting: refused (403), stored in_work
head of sales (Supervisor) sets waiting: saved, stored waiting
admin sets in_work: saved, stored in_work
new company, no status: saved, stored waiting
new company created in_work by its manager: refused, rows 0
manager 1 renames Acme without touching its status: saved
EspoCRM's system user (workflows) sets in_work: saved
== call card colour
Account for manager 1: red, owner manager 2
Lead for manager 1: blue, owner manager 1
Contact for manager 1: yellow, owner manager 1
Account for manager 2: none, owner manager 2
no parent for manager 1: none, owner -
reassigned to manager 1: red
== phone index follows saves and removals
lead before: 79991112233
lead after a second phone is saved: 79120000007,79991112233
lead after removal: ''
contact after removal: ''
