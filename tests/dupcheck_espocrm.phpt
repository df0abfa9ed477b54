--TEST--
crmguard EspoCRM phone duplicate check (issue 14): the REST create/update and lead conversion paths of Record\Service and ConvertService (stand-ins), 409 'duplicate' listing every holder with its verdict, canonical E.164 storage of Russian formats EspoCRM refuses, the red refusal that X-Skip-Duplicate-Check, conversion and ORM saves do not bypass, the supervisor/admin override, one statement added to a save
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/lookup.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/espocrm';
require __DIR__ . '/crm-standins/espocrm/bootstrap.php';

use Espo\Core\Exceptions\Conflict;
use Espo\Core\Exceptions\Forbidden;
use Espo\Core\FieldValidation\Exceptions\ValidationError;
use Espo\Entities\User;
use Espo\ORM\BaseEntity;

$dsn = crmguard_test_db('espocrm', ['schema.sql', 'crmguard-fields.sql']);
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
$config = new Espo\Core\Utils\Config([
    'database' => ['host' => 'localhost', 'dbname' => ltrim($parts['path'], '/'), 'user' => rawurldecode($parts['user']),
        'password' => rawurldecode($parts['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql'],
    'crmguardRules' => ['supervisor' => 'team_role:Supervisor'],
    'phoneNumberInternational' => true,
]);
$f = new LookupFixture('espocrm', $dsn);
$f->user('u-me', 'Иван', 'Звонарёв');
$f->user('u-olga', 'Ольга', 'Петрова');
$f->user('u-sup', 'Сергей', 'Старший');
$f->user('u-admin', 'Ада', 'Админ');
crmguard_test_sql($dsn, "UPDATE `user` SET type = 'admin' WHERE id = 'u-admin'");
crmguard_test_sql($dsn, "INSERT INTO team_user (team_id, user_id, role, deleted) VALUES ('t-sales', 'u-olga', NULL, 0), ('t-sales', 'u-sup', 'Supervisor', 0)");
$f->account('a-red', 'Ромашка', 'u-olga', 'in_work', ['+79120000001']);
$f->account('a-red2', 'Василёк', 'u-olga', 'in_work');
$f->contact('c-red', 'Пётр', 'Снабженцев', 'u-olga', ['+79120000002'], ['a-red2']);
$f->contact('c-yel', 'Олег', 'Один', 'u-olga', ['+79120000003']);
$f->lead('l-blue', 'Лида', 'Лидова', 'u-olga', ['+79120000004']);
$f->lead('l-conv', 'Конв', 'Ертов', 'u-olga', ['+79120000007'], converted: true);
$f->contact('c-gone', 'Удалён', 'Удалёнов', 'u-olga', ['+79120000008'], deleted: 1);
$f->lead('l-tored', 'Лев', 'Красный', 'u-me', ['+79120000010']);
$f->account('a-red3', 'Лилия', 'u-olga', 'in_work', ['+79120000010']);

require "$tree/scripts/AfterInstall.php";
(new AfterInstall())->run(new Espo\Core\Container([Espo\Core\Utils\Config::class => $config]), []);
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$espo = fn (string $userId, string $type = 'regular') => new EspoStandin("$tree/files", $db, [
    User::class => new User($userId, $type),
    Espo\Core\Utils\Config::class => $config,
    Espo\Core\Utils\Language::class => new Espo\Core\Utils\Language('en_US'),
]);
$me = $espo('u-me');
$phones = fn (string $type, string $id) => implode(', ', array_column(crmguard_test_sql($dsn,
    "SELECT p.name FROM entity_phone_number e JOIN phone_number p ON p.id = e.phone_number_id
     WHERE e.entity_type = '$type' AND e.entity_id = '$id' AND e.deleted = 0 ORDER BY e.`primary` DESC, p.name"), 'name'));
$try = function (callable $f) use ($phones): string {
    try {
        $e = $f();
        return is_array($e) ? 'converted: ' . implode(', ', array_map(fn ($x) => $x->getEntityType() . ' ' . $phones($x->getEntityType(), $x->getId()), $e))
            : 'saved, phones ' . $phones($e->getEntityType(), $e->getId());
    } catch (Conflict $e) {
        $lines = array_map(fn ($d) => "\n      " . $d->_entityType . ' ' . $d->id . ': ' . $d->name, json_decode($e->getBody()));
        return '409 ' . $e->getMessage() . implode('', $lines);
    } catch (Forbidden $e) {
        return '403 ' . json_decode($e->getBody())->message;
    } catch (ValidationError $e) {
        return '400 ' . $e->getMessage();
    }
};
$contact = function (string $phone, array $more = []): array {
    static $n = 0;
    return ['firstName' => 'Новый', 'lastName' => 'Контакт' . (++$n), 'assignedUserId' => 'u-me', 'deleted' => 0, 'phoneNumber' => $phone] + $more;
};

echo "== create (POST /Contact, /Lead, /Account by a manager)\n";
echo "contact holder, formatted '8 (912) 000-00-03': ", $try(fn () => $me->apiCreateChecked('Contact', $contact('8 (912) 000-00-03'))), "\n";
echo "  confirmed (X-Skip-Duplicate-Check): ", $try(fn () => $me->apiCreateChecked('Contact', $contact('8 (912) 000-00-03'), true)), "\n";
echo "lead holder, unformatted '89120000004' on a Lead: ", $try(fn () => $me->apiCreateChecked('Lead', $contact('89120000004'))), "\n";
echo "red company's own number on an Account: ", $try(fn () => $me->apiCreateChecked('Account', ['name' => 'Новая', 'assignedUserId' => 'u-me', 'deleted' => 0, 'phoneNumber' => '+7 912 000 00 01'])), "\n";
echo "  with X-Skip-Duplicate-Check: ", $try(fn () => $me->apiCreateChecked('Account', ['name' => 'Новая', 'assignedUserId' => 'u-me', 'deleted' => 0, 'phoneNumber' => '+7 912 000 00 01'], true)), "\n";
echo "a contact's company in work (Lead): ", $try(fn () => $me->apiCreateChecked('Lead', $contact('тел. 8(912)000-00-02'), true)), "\n";
echo "converted lead: ", $try(fn () => $me->apiCreateChecked('Contact', $contact('+79120000007'))), "\n";
echo "deleted contact: ", $try(fn () => $me->apiCreateChecked('Contact', $contact('8 912 000-00-08'))), "\n";
echo "two numbers in one field: ", $try(fn () => $me->apiCreateChecked('Contact', $contact('8 912 000 00 04, 8 912 000 00 09'))), "\n";
echo "  confirmed: ", $try(fn () => $me->apiCreateChecked('Contact', $contact('8 912 000 00 04, 8 912 000 00 09'), true)), "\n";
echo "phoneNumberData entry '8 (495) 123-45-67 доб. 2': ", $try(fn () => $me->apiCreateChecked('Contact', $contact('8 (495) 123-45-67 доб. 2', ['phoneNumberData' => [(object) ['phoneNumber' => '8 (495) 123-45-67 доб. 2', 'primary' => true, 'type' => 'Office']]]))), "\n";
echo "not a number ('12345'), EspoCRM's own refusal: ", $try(fn () => $me->apiCreateChecked('Contact', $contact('12345'))), "\n";

echo "== the override: the responsible manager's supervisor, an admin\n";
$sup = $espo('u-sup');
$admin = $espo('u-admin', 'admin');
echo "supervisor, red number: ", $try(fn () => $sup->apiCreateChecked('Account', ['name' => 'От руководителя', 'assignedUserId' => 'u-sup', 'deleted' => 0, 'phoneNumber' => '89120000001'])), "\n";
echo "  confirmed: ", $try(fn () => $sup->apiCreateChecked('Account', ['name' => 'От руководителя', 'assignedUserId' => 'u-sup', 'deleted' => 0, 'phoneNumber' => '89120000001'], true)), "\n";
echo "admin, confirmed: ", $try(fn () => $admin->apiCreateChecked('Contact', $contact('+7 912 000-00-02'), true)), "\n";

echo "== update (PUT, recordDefs updateDuplicateCheck)\n";
echo "rename only: ", $try(fn () => $me->apiUpdateChecked('Contact', 'c-yel', ['lastName' => 'Одинцов'])), "\n";
echo "its own number again, formatted: ", $try(fn () => $me->apiUpdateChecked('Contact', 'c-yel', ['phoneNumber' => '8 912 000 00 03'])), "\n";
echo "a lead's number: ", $try(fn () => $me->apiUpdateChecked('Contact', 'c-yel', ['phoneNumber' => '8 912 000 00 04'])), "\n";
echo "a red number, skipped check: ", $try(fn () => $me->apiUpdateChecked('Contact', 'c-yel', ['phoneNumber' => '8 912 000 00 01'], true)), "\n";

echo "== lead conversion (ConvertService)\n";
echo "l-blue into a Contact with a contact's number: ", $try(fn () => $me->convertLead('l-blue', ['Contact' => ['firstName' => 'Лида', 'lastName' => 'Лидова', 'assignedUserId' => 'u-me', 'deleted' => 0, 'phoneNumber' => '+79120000003']])), "\n";
echo "l-tored (its number is a red company's), skipped check: ", $try(fn () => $me->convertLead('l-tored', ['Account' => ['name' => 'Лев и Ко', 'assignedUserId' => 'u-me', 'deleted' => 0, 'phoneNumber' => '+79120000010']], true)), "\n";
echo "  by the supervisor: ", $try(fn () => $sup->convertLead('l-tored', ['Account' => ['name' => 'Лев и Ко', 'assignedUserId' => 'u-me', 'deleted' => 0, 'phoneNumber' => '+79120000010']], true)), "\n";
echo "  the converted lead no longer holds its number: ", $try(fn () => $sup->apiCreateChecked('Lead', $contact('+79120000010'))), "\n";

echo "== an ORM save (importer, workflow): no record service, the red rule still\n";
echo "manager: ", $try(function () use ($me) { $e = new BaseEntity('Contact', ['id' => 'cg-orm-1', 'firstName' => 'Импорт', 'lastName' => 'Один', 'deleted' => 0, 'phoneNumber' => '8 912 000 00 01']); $me->save($e); return $e; }), "\n";
echo "system user: ", $try(function () use ($espo) { $e = new BaseEntity('Contact', ['id' => 'cg-orm-2', 'firstName' => 'Импорт', 'lastName' => 'Два', 'deleted' => 0, 'phoneNumber' => '8 912 000 00 01']); $espo('system', 'system')->save($e); return $e; }), "\n";

echo "== cost: the statements the check adds to a save of a number nobody holds\n";
$guard = $me->create(Espo\Modules\CrmGuard\Tools\GuardProvider::class)->get();
$conn = $guard->connection();
$questions = fn () => (int) $conn->query("SHOW SESSION STATUS LIKE 'Questions'")[0]['Value'];
$e = new BaseEntity('Contact', $contact('8 999 123-45-67'));
$check = $me->create(Espo\Modules\CrmGuard\Tools\PhoneDuplicateCheck::class);
$q0 = $questions();
$check->process($e, false);                                                                   // early record hook
$me->create(Espo\Modules\CrmGuard\Classes\DuplicateWhereBuilders\PhoneAware::class)->build($e); // EspoCRM's Finder
$check->processSave($e);                                                                      // ORM beforeSave
echo "statements: ", $questions() - $q0 - 1, "\n";
?>
--EXPECT--
== create (POST /Contact, /Lead, /Account by a manager)
contact holder, formatted '8 (912) 000-00-03': 409 duplicate
      Contact c-yel: Олег Один (Contact, Ольга Петрова) — +79120000003 YELLOW: Known contact Олег Один (responsible: Ольга Петрова).
  confirmed (X-Skip-Duplicate-Check): saved, phones +79120000003
lead holder, unformatted '89120000004' on a Lead: 409 duplicate
      Lead l-blue: Лида Лидова (Lead, Ольга Петрова) — +79120000004 BLUE: Known only as lead Лида Лидова (responsible: Ольга Петрова).
red company's own number on an Account: 403 Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
  with X-Skip-Duplicate-Check: 403 Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
a contact's company in work (Lead): 403 Not saved: Пётр Снабженцев is a contact of company "Василёк", which is in work with Ольга Петрова: do not call. Only the supervisor of Ольга Петрова or an administrator may save this number.
converted lead: saved, phones +79120000007
deleted contact: saved, phones +79120000008
two numbers in one field: 409 duplicate
      Lead l-blue: Лида Лидова (Lead, Ольга Петрова) — +79120000004 BLUE: Known only as lead Лида Лидова (responsible: Ольга Петрова).
  confirmed: saved, phones +79120000004, +79120000009
phoneNumberData entry '8 (495) 123-45-67 доб. 2': saved, phones +74951234567 ext. 2
not a number ('12345'), EspoCRM's own refusal: 400 Field validation failure; entityType: Contact, field: phoneNumber, type: valid.
== the override: the responsible manager's supervisor, an admin
supervisor, red number: 409 duplicate
      Account a-red: Ромашка (Account, Ольга Петрова) — +79120000001 RED: Company "Ромашка" is in work with Ольга Петрова: do not call it.
  confirmed: saved, phones +79120000001
admin, confirmed: saved, phones +79120000002
== update (PUT, recordDefs updateDuplicateCheck)
rename only: saved, phones +79120000003
its own number again, formatted: saved, phones +79120000003
a lead's number: 409 duplicate
      Contact new00000000000004: Новый Контакт8 (Contact, Иван Звонарёв) — +79120000004 YELLOW: Known contact Новый Контакт8 (responsible: Иван Звонарёв).
      Lead l-blue: Лида Лидова (Lead, Ольга Петрова) — +79120000004 YELLOW: Known contact Новый Контакт8 (responsible: Иван Звонарёв).
a red number, skipped check: 403 Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
== lead conversion (ConvertService)
l-blue into a Contact with a contact's number: 409 duplicate
      Contact c-yel: Олег Одинцов
      Contact new00000000000001: Новый Контакт2
l-tored (its number is a red company's), skipped check: 403 Not saved: Company "Лилия" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
  by the supervisor: converted: Account +79120000010
  the converted lead no longer holds its number: 409 duplicate
      Account new00000000000008: Лев и Ко (Account, Иван Звонарёв) — +79120000010 RED: Company "Лилия" is in work with Ольга Петрова: do not call it.
      Account a-red3: Лилия (Account, Ольга Петрова) — +79120000010 RED: Company "Лилия" is in work with Ольга Петрова: do not call it.
== an ORM save (importer, workflow): no record service, the red rule still
manager: 403 Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
system user: saved, phones +79120000001
== cost: the statements the check adds to a save of a number nobody holds
statements: 1