--TEST--
crmguard lookup PHONE --caller USER_ID: text and --json output, invalid number, usage errors
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/lookup.inc';
require __DIR__ . '/cli.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';
$dsn = crmguard_test_db('suitecrm', ['schema.sql', 'crmguard-fields.sql']);
$db = new CrmGuard\Connection($dsn);
CrmGuard\Schema::apply($db, 'suitecrm');
$f = new LookupFixture('suitecrm', $dsn);
$f->user('u-me', 'Иван', 'Звонарёв');
$f->user('u-olga', 'Ольга', 'Петрова');
$f->account('a-red', 'Ромашка', 'u-olga', 'in_work');
$f->contact('c-one', 'Пётр', 'Один', 'u-me', ['8 912 000 00 02'], ['a-red']);
$f->lead('l-only', 'Лида', 'Лидова', 'u-olga', ['8-912-000-00-06']);
(new CrmGuard\PhoneIndex($db, 'suitecrm'))->rebuild();

$common = ['--crm', 'suitecrm', '--db', $dsn];
function run(array $args): void
{
    [$code, $out, $err] = crmguard_cli($args);
    echo "exit $code\n", $out, preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $err);
}
run(['lookup', '+7 (912) 000-00-02', '--caller', 'u-me', ...$common]);
run(['lookup', '89120000006', '--caller', 'u-me', '--lang', 'ru', ...$common]);
[$code, $out] = crmguard_cli(['lookup', '9120000002', '--caller', 'u-olga', '--json', ...$common]);
$card = json_decode($out, true);
echo "exit $code: {$card['phone']} {$card['color']} {$card['entity_type']} {$card['entity_id']} ", count($card['matches']), " matches\n";
run(['lookup', '12345', '--caller', 'u-me', ...$common]);
run(['lookup', '+79120000002', ...$common]);
run(['lookup', '--caller', 'u-me', ...$common]);
?>
--EXPECT--
exit 0
+79120000002: RED — Пётр Один is a contact of company "Ромашка", which is in work with Ольга Петрова: do not call.
  Contacts  c-one                                Пётр Один (Иван Звонарёв)
  Accounts  a-red                                Ромашка (Ольга Петрова) [in_work] via contact c-one
exit 0
+79120000006: BLUE — Номер есть только среди лидов: Лида Лидова (ответственный: Ольга Петрова).
  Leads     l-only                               Лида Лидова (Ольга Петрова)
exit 0: +79120000002 yellow Contacts c-one 2 matches
exit 1
crmguard: not a valid phone number: "12345" (too_short)
exit 2
crmguard: --caller USER_ID is required (the CRM user placing or taking the call)
Run 'crmguard lookup --help' for its options.
exit 2
crmguard: which number? (lookup PHONE --caller USER_ID)
Run 'crmguard lookup --help' for its options.
