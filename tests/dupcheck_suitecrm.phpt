--TEST--
crmguard SuiteCRM phone duplicate check (issue 14): the edit form's Save.php (stand-ins of the FormBase save path and ShowDuplicates) lists phone holders of every kind with their verdict, the before_save hook stores canonical E.164 and refuses red numbers on every save (form after ShowDuplicates, web services, import) except for the supervisor or an admin
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/lookup.inc';
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

$f = new LookupFixture('suitecrm', $dsn);
$f->user('u-me', 'Иван', 'Звонарёв');
$f->user('u-olga', 'Ольга', 'Петрова');
$f->user('u-sup', 'Сергей', 'Старший');
$f->user('u-admin', 'Ада', 'Админ');
crmguard_test_sql($dsn, "UPDATE users SET reports_to_id = 'u-sup' WHERE id = 'u-olga'");
crmguard_test_sql($dsn, "UPDATE users SET is_admin = 1 WHERE id = 'u-admin'");
$f->account('a-red', 'Ромашка', 'u-olga', 'in_work', ['+79120000001']);
$f->account('a-red2', 'Василёк', 'u-olga', 'in_work');
$f->contact('c-red', 'Пётр', 'Снабженцев', 'u-olga', ['+79120000002'], ['a-red2']);
$f->contact('c-yel', 'Олег', 'Один', 'u-olga', ['+79120000003']);
$f->lead('l-blue', 'Лида', 'Лидова', 'u-olga', ['+79120000004']);
$f->account('a-wait', 'Лютик', 'u-olga', 'waiting', ['+79120000005']);
$f->lead('l-conv', 'Конв', 'Ертов', 'u-olga', ['+79120000007'], converted: true);
$f->contact('c-gone', 'Удалён', 'Удалёнов', 'u-olga', ['+79120000008'], deleted: 1);

$installer = new ModuleInstaller($tree);
$installer->pre_execute();
$installer->post_execute();
$installer->install_copy();
// One copy of the package's PHP in this process (post_execute loaded it from the package): the
// instance's copy made by install_copy() is the same file, so it points there.
exec('rm -rf custom/include/CrmGuard');
symlink("$tree/files/custom/include/CrmGuard", 'custom/include/CrmGuard');
LogicHook::register($installer->installdefs, "$tree/files");
foreach (['Contacts' => 'ContactFormBase', 'Leads' => 'LeadFormBase', 'Accounts' => 'AccountFormBase'] as $m => $fb) {
    @mkdir("modules/$m", 0777, true);
    file_put_contents("modules/$m/$fb.php", '<?php require_once ' . var_export(__DIR__ . '/crm-standins/suitecrm/FormBase.php', true) . ';');
}
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);
$table = ['Contacts' => 'contacts', 'Leads' => 'leads', 'Accounts' => 'accounts'];

/** One POST of the edit form to index.php?module=$m&action=Save by $user; what the user sees next. */
$form = function (string $m, array $post, string $user, bool $admin = false) use ($table, $sql): string {
    $GLOBALS['current_user'] = new User($user, $admin ? '1' : '0');
    $_POST = $post + ['assigned_user_id' => $user, $m . 'assigned_user_id' => $user];
    $_REQUEST = $_POST + ['module' => $m, 'action' => 'Save'];
    try {
        require "custom/modules/$m/Save.php";
    } catch (SugarExit $e) {
        $page = CrmGuardFormBaseStandin::showDuplicates($m, $table[$m]);
        return "ShowDuplicates: rows [" . implode(', ', array_map(fn ($r) => "{$r['id']} {$r['name']}", $page['rows'])) . "]"
            . implode('', array_map(fn ($x) => "\n      ! " . html_entity_decode($x, ENT_QUOTES), $page['messages']));
    }
    $msg = implode(' | ', SugarApplication::getErrorMessages());
    return 'saved' . ($msg !== '' ? " with message: $msg" : '');
};
$stored = function (string $m, string $where) use ($table, $sql): string {
    $cols = $m === 'Accounts' ? 'phone_office, phone_alternate' : 'phone_mobile, phone_work';
    $r = $sql("SELECT $cols FROM {$table[$m]} WHERE $where");
    return $r === [] ? 'no row' : json_encode(array_values($r[0]), JSON_UNESCAPED_UNICODE);
};

echo "== the edit form (new records, a manager)\n";
echo "Contact, a contact's number formatted: ", $form('Contacts', ['first_name' => 'Новый', 'last_name' => 'Первый', 'phone_mobile' => '8 (912) 000-00-03'], 'u-me'), "\n";
echo "  Save on ShowDuplicates (dup_checked): ", $form('Contacts', ['Contactsfirst_name' => 'Новый', 'Contactslast_name' => 'Первый', 'Contactsphone_mobile' => '8 (912) 000-00-03', 'dup_checked' => 'true'], 'u-me'),
    ", stored ", $stored('Contacts', "last_name = 'Первый'"), "\n";
echo "Lead, a lead's number unformatted: ", $form('Leads', ['first_name' => 'Новый', 'last_name' => 'Лид', 'phone_mobile' => '89120000004'], 'u-me'), "\n";
echo "Lead with a name SuiteCRM itself finds and a contact's number: ", $form('Leads', ['first_name' => 'Лида', 'last_name' => 'Лидова', 'phone_work' => '+7 912 000 00 03'], 'u-me'), "\n";
echo "Account, a red company's number: ", $form('Accounts', ['name' => 'Новая фирма', 'phone_office' => 'тел. 8(912)000-00-01'], 'u-me'), "\n";
echo "  Save on ShowDuplicates: ", $form('Accounts', ['Accountsname' => 'Новая фирма', 'Accountsphone_office' => 'тел. 8(912)000-00-01', 'Accountsphone_alternate' => '8 495 765-43-21', 'dup_checked' => 'true'], 'u-me'),
    "\n  stored ", $stored('Accounts', "name = 'Новая фирма'"), "\n";
echo "Account, a red company's contact's number: ", $form('Accounts', ['name' => 'Другая', 'phone_office' => '89120000002'], 'u-me'), "\n";
echo "Contact, a company not in work: ", $form('Contacts', ['first_name' => 'Третий', 'last_name' => 'Третьев', 'phone_work' => '+79120000005'], 'u-me'), "\n";
echo "Contact, a converted lead's and a deleted contact's numbers: ", $form('Contacts', ['first_name' => 'Четвёртый', 'last_name' => 'Четвертов', 'phone_mobile' => '+79120000007', 'phone_work' => '8 912 000-00-08'], 'u-me'),
    ", stored ", $stored('Contacts', "last_name = 'Четвертов'"), "\n";
echo "Contact, two numbers in one field: ", $form('Contacts', ['first_name' => 'Пятый', 'last_name' => 'Пятов', 'phone_mobile' => '8 912 000 00 09, 8 (912) 000-00-04'], 'u-me'), "\n";
echo "  saved anyway: ", $form('Contacts', ['Contactsfirst_name' => 'Пятый', 'Contactslast_name' => 'Пятов', 'Contactsphone_mobile' => '8 912 000 00 09, 8 (912) 000-00-04', 'dup_checked' => 'true'], 'u-me'),
    ", stored ", $stored('Contacts', "last_name = 'Пятов'"), "\n";
echo "Contact, not a number: ", $form('Contacts', ['first_name' => 'Шестой', 'last_name' => 'Шестов', 'phone_mobile' => 'звонить вечером'], 'u-me'), ", stored ", $stored('Contacts', "last_name = 'Шестов'"), "\n";

echo "== the override\n";
echo "supervisor, red number: ", $form('Accounts', ['name' => 'От руководителя', 'phone_office' => '89120000001'], 'u-sup'), "\n";
echo "  saved: ", $form('Accounts', ['Accountsname' => 'От руководителя', 'Accountsphone_office' => '89120000001', 'dup_checked' => 'true'], 'u-sup'), ", stored ", $stored('Accounts', "name = 'От руководителя'"), "\n";
echo "admin: ", $form('Contacts', ['Contactsfirst_name' => 'Админский', 'Contactslast_name' => 'Контакт', 'Contactsphone_mobile' => '+7 912 000-00-02', 'dup_checked' => 'true'], 'u-admin', true), ", stored ", $stored('Contacts', "last_name = 'Контакт'"), "\n";

echo "== web services / import / update: a bean saved directly (before_save)\n";
$GLOBALS['current_user'] = new User('u-me');
$bean = new SugarBeanStandin('Leads', 'leads', suitecrm_standin_db());
$bean->first_name = 'Импорт';
$bean->last_name = 'Красный';
$bean->phone_mobile = '8 912 000 00 01';
$bean->phone_work = '8 912 000 00 06';
$bean->save();
echo "new lead with a red and a free number: ", implode(' | ', SugarApplication::getErrorMessages()), "\n  stored ", $stored('Leads', "id = '{$bean->id}'"), "\n";
$c = SugarBeanStandin::retrieve($db, 'Contacts', 'contacts', 'c-yel');
$c->last_name = 'Одинцов';
$c->save();
echo "update without touching the phones: ", implode(' | ', SugarApplication::getErrorMessages()) ?: 'no message', ", stored ", $stored('Contacts', "id = 'c-yel'"), "\n";
$c = SugarBeanStandin::retrieve($db, 'Contacts', 'contacts', 'c-yel');
$c->phone_work = '8 (912) 000-00-02';
$c->save();
echo "update to a red contact's number: ", implode(' | ', SugarApplication::getErrorMessages()), ", stored ", $stored('Contacts', "id = 'c-yel'"), "\n";
$sugar_config['crmguard_canonical_phones'] = false;
$c = SugarBeanStandin::retrieve($db, 'Contacts', 'contacts', 'c-yel');
$c->phone_work = '8 (495) 000-00-11';
$c->save();
echo "canonical phones off: stored ", $stored('Contacts', "id = 'c-yel'"), "\n";
echo "== lead conversion (modules/Leads/views/view.convertlead.php 520-545: each new bean saved, then the lead with status Converted, converted = 1)\n";
unset($sugar_config['crmguard_canonical_phones']);
$f->lead('l-conv2', 'Конверт', 'Красный', 'u-me', ['+79120000001']);
$f->lead('l-conv3', 'Конверт', 'Синий', 'u-me', ['8 912 000 00 31']);
CrmGuardSuite::guard()->reindex('Leads', 'l-conv2');
CrmGuardSuite::guard()->reindex('Leads', 'l-conv3');
$convert = function (string $leadId, string $user) use ($db, $stored): string {
    $GLOBALS['current_user'] = new User($user);
    $lead = SugarBeanStandin::retrieve($db, 'Leads', 'leads', $leadId);
    $c = new SugarBeanStandin('Contacts', 'contacts', suitecrm_standin_db());
    $c->first_name = $lead->first_name;
    $c->last_name = $lead->last_name . ' (из лида)';
    $c->phone_mobile = $lead->phone_mobile;
    $c->assigned_user_id = $user;
    $c->save();
    $lead->status = 'Converted';
    $lead->converted = '1';
    $lead->save();
    return (implode(' | ', SugarApplication::getErrorMessages()) ?: 'no message') . ', contact stored ' . $stored('Contacts', "id = '{$c->id}'");
};
echo "a lead with a red company's number, by a manager: ", $convert('l-conv2', 'u-me'), "\n";
echo "a lead whose number only it holds: ", $convert('l-conv3', 'u-me'), "\n";
echo "  the converted lead no longer holds it (only its contact does): ", $form('Leads', ['first_name' => 'После', 'last_name' => 'Конверсии', 'phone_mobile' => '+79120000031'], 'u-me'), "\n";
?>
--EXPECT--
== the edit form (new records, a manager)
Contact, a contact's number formatted: ShowDuplicates: rows [c-yel Олег Один]
      ! Олег Один (Contacts, Ольга Петрова) — +79120000003 YELLOW: Known contact Олег Один (responsible: Ольга Петрова).
  Save on ShowDuplicates (dup_checked): saved, stored ["+79120000003",null]
Lead, a lead's number unformatted: ShowDuplicates: rows [l-blue Лида Лидова]
      ! Лида Лидова (Leads, Ольга Петрова) — +79120000004 BLUE: Known only as lead Лида Лидова (responsible: Ольга Петрова).
Lead with a name SuiteCRM itself finds and a contact's number: ShowDuplicates: rows [l-blue Лида Лидова]
      ! Новый Первый (Contacts, Иван Звонарёв) — +79120000003 YELLOW: Known contact Новый Первый (responsible: Иван Звонарёв).
      ! Олег Один (Contacts, Ольга Петрова) — +79120000003 YELLOW: Known contact Новый Первый (responsible: Иван Звонарёв).
Account, a red company's number: ShowDuplicates: rows [a-red Ромашка]
      ! Ромашка (Accounts, Ольга Петрова) — +79120000001 RED: Company "Ромашка" is in work with Ольга Петрова: do not call it.
  Save on ShowDuplicates: saved with message: Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
  stored ["","+74957654321"]
Account, a red company's contact's number: ShowDuplicates: rows [a-red2 Василёк]
      ! Пётр Снабженцев (Contacts, Ольга Петрова) — +79120000002 RED: Пётр Снабженцев is a contact of company "Василёк", which is in work with Ольга Петрова: do not call.
      ! Василёк (Accounts, Ольга Петрова) — +79120000002 RED: Пётр Снабженцев is a contact of company "Василёк", which is in work with Ольга Петрова: do not call.
Contact, a company not in work: ShowDuplicates: rows []
      ! Лютик (Accounts, Ольга Петрова) — +79120000005 NONE: Company "Лютик" is not in work (Waiting).
Contact, a converted lead's and a deleted contact's numbers: saved, stored ["+79120000007","+79120000008"]
Contact, two numbers in one field: ShowDuplicates: rows []
      ! Лида Лидова (Leads, Ольга Петрова) — +79120000004 BLUE: Known only as lead Лида Лидова (responsible: Ольга Петрова).
  saved anyway: saved, stored ["+79120000009, +79120000004",null]
Contact, not a number: saved, stored ["звонить вечером",null]
== the override
supervisor, red number: ShowDuplicates: rows [a-red Ромашка]
      ! Ромашка (Accounts, Ольга Петрова) — +79120000001 RED: Company "Ромашка" is in work with Ольга Петрова: do not call it.
  saved: saved, stored ["+79120000001",null]
admin: saved, stored ["+79120000002",null]
== web services / import / update: a bean saved directly (before_save)
new lead with a red and a free number: Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
  stored ["","+79120000006"]
update without touching the phones: no message, stored ["+79120000003",null]
update to a red contact's number: Not saved: Пётр Снабженцев is a contact of company "Василёк", which is in work with Ольга Петрова: do not call. Only the supervisor of Ольга Петрова or an administrator may save this number., stored ["+79120000003",""]
canonical phones off: stored ["+79120000003","8 (495) 000-00-11"]
== lead conversion (modules/Leads/views/view.convertlead.php 520-545: each new bean saved, then the lead with status Converted, converted = 1)
a lead with a red company's number, by a manager: Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number., contact stored ["",null]
a lead whose number only it holds: no message, contact stored ["+79120000031",null]
  the converted lead no longer holds it (only its contact does): ShowDuplicates: rows []
      ! Конверт Синий (из лида) (Contacts, Иван Звонарёв) — +79120000031 YELLOW: Known contact Конверт Синий (из лида) (responsible: Иван Звонарёв).