--TEST--
crmguard: Importer on EspoCRM stores what EspoCRM stores: the CRM's default currency (amountConverted as EspoCRM computes it), extensions as "ext. N" when the CRM keeps them, Mobile/Office from the number, deals named after the stored company, raw text; `crmguard import --crm-root` reads the CRM's settings
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
require __DIR__ . '/cli.inc';

$list = "ФИО;Телефон;Компания\n"
    . "Пётр Смирнов;8 912 400-00-01;ООО \"Ромашка\"\n"
    . "Анна Кузнецова;\"8 (495) 400-00-03 доб. 2, 8 (495) 400-00-04\";ооо  альфа\n"
    . "Jane O'Neil;8 912 400-00-05;«Ёлка» & Co\n";
$csv = import_tmp('stored.csv');
file_put_contents($csv, $list);
$new = "created_at > '2026-01-31'";
// amountConverted: EspoCRM selects it (Core/Utils/Database/Orm/FieldConverters/Currency.php, join mode):
// amount * the rate of the deal's currency in the `currency` table, NULL without one.
$deals = "SELECT o.name, o.amount_currency, o.amount * cr.rate AS amount_converted FROM opportunity o
    LEFT JOIN currency cr ON cr.id = o.amount_currency WHERE o.$new ORDER BY o.created_at, o.id";

$alfa = function () use (&$dsn) {
    crmguard_test_sql($dsn, "INSERT INTO account (id, name, deleted, created_at, assigned_user_id)
        VALUES ('6960000000000001a', 'ООО Альфа', 0, '2026-01-10 10:00:00', '6955d52e03dde92f7')");
};
foreach (['USD only (a fresh EspoCRM)' => [['USD', 1]], 'EUR the default, USD beside it' => [['EUR', 1], ['USD', 1.08]],
          'no currency rows' => []] as $case => $rates) {
    [$dsn, $db] = import_test_db('espocrm', 'import_espo_stored');
    // as DatabasePopulator leaves it: the default currency at rate 1, the others relative to it
    foreach ($rates as [$code, $rate]) {
        crmguard_test_sql($dsn, "INSERT INTO currency (id, rate) VALUES ('$code', $rate)");
    }
    $alfa();
    $r = (new CrmGuard\Importer($db, 'espocrm', ['assign' => 'alexey.smirnov']))->run($csv);
    echo "== $case: created {$r['contacts_created']}, companies {$r['companies_created']} new, {$r['companies_reused']} existing\n";
    import_sql_lines($dsn, $deals);
}

echo "== numbers: Mobile or Office as the number is; extensions dropped (phoneNumberExtensions off, EspoCRM's default)\n";
$phones = "SELECT c.last_name, p.name, p.numeric, p.type, l.primary FROM contact c
    JOIN entity_phone_number l ON l.entity_id = c.id AND l.entity_type = 'Contact'
    JOIN phone_number p ON p.id = l.phone_number_id WHERE c.$new ORDER BY c.created_at, c.id, l.primary DESC, p.name";
import_sql_lines($dsn, $phones);
echo "== raw text (EspoCRM does not encode)\n";
import_sql_lines($dsn, "SELECT name FROM account WHERE $new");
import_sql_lines($dsn, "SELECT last_name FROM contact WHERE $new ORDER BY created_at, id");

echo "== phone_extensions: the number as EspoCRM's Sanitizer stores it, numeric its digits; the index has the number\n";
[$dsn, $db] = import_test_db('espocrm', 'import_espo_stored');
$r = (new CrmGuard\Importer($db, 'espocrm', ['assign' => 'alexey.smirnov', 'phone_extensions' => true]))->run($csv);
import_sql_lines($dsn, $phones);
import_sql_lines($dsn, "SELECT e164, source_field FROM crmguard_phone WHERE e164 IN (74954000003, 74954000004) ORDER BY 1");
echo "== a rebuild of the index reads the stored names back to the same numbers\n";
(new CrmGuard\PhoneIndex($db, 'espocrm'))->rebuild();
import_sql_lines($dsn, "SELECT e164, source_field FROM crmguard_phone WHERE e164 IN (74954000003, 74954000004) ORDER BY 1");

echo "== the CLI with --crm-root: defaultCurrency and phoneNumberExtensions from data/config.php\n";
[$dsn, $db] = import_test_db('espocrm', 'import_espo_stored');
crmguard_test_sql($dsn, "INSERT INTO currency (id, rate) VALUES ('USD', 1), ('EUR', 0.92)");
$alfa();
$p = parse_url($dsn);
parse_str($p['query'], $q);
$root = import_tmp('espo');
mkdir("$root/data", 0777, true);
mkdir("$root/application/Espo", 0777, true);
file_put_contents("$root/data/config.php", '<?php return ' . var_export(['defaultCurrency' => 'EUR', 'phoneNumberExtensions' => true,
    'database' => ['host' => 'localhost', 'dbname' => ltrim($p['path'], '/'), 'user' => rawurldecode($p['user']),
        'password' => rawurldecode($p['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql']], true) . ';');
[$rc, $out, $err] = crmguard_cli(['import', $csv, '--crm-root', $root, '--assign', 'alexey.smirnov', '--quiet', '--json']);
echo "exit $rc", $err === '' ? '' : ", stderr $err", "\n";
import_sql_lines($dsn, $deals);
import_sql_lines($dsn, "SELECT p.name FROM phone_number p WHERE p.name LIKE '+7495400000%' ORDER BY 1");
foreach (glob("$root/data/*") as $f) {
    unlink($f);
}
rmdir("$root/data");
rmdir("$root/application/Espo");
rmdir("$root/application");
rmdir($root);
?>
--EXPECT--
== USD only (a fresh EspoCRM): created 3, companies 2 new, 1 existing
ООО "Ромашка": Пётр Смирнов | USD | 0
ООО Альфа: Анна Кузнецова | USD | 0
«Ёлка» & Co: Jane O'Neil | USD | 0
== EUR the default, USD beside it: created 3, companies 2 new, 1 existing
ООО "Ромашка": Пётр Смирнов | EUR | 0
ООО Альфа: Анна Кузнецова | EUR | 0
«Ёлка» & Co: Jane O'Neil | EUR | 0
== no currency rows: created 3, companies 2 new, 1 existing
ООО "Ромашка": Пётр Смирнов | USD | NULL
ООО Альфа: Анна Кузнецова | USD | NULL
«Ёлка» & Co: Jane O'Neil | USD | NULL
== numbers: Mobile or Office as the number is; extensions dropped (phoneNumberExtensions off, EspoCRM's default)
Смирнов | +79124000001 | 79124000001 | Mobile | 1
Кузнецова | +74954000003 | 74954000003 | Office | 1
Кузнецова | +74954000004 | 74954000004 | Office | 0
O'Neil | +79124000005 | 79124000005 | Mobile | 1
== raw text (EspoCRM does not encode)
ООО "Ромашка"
«Ёлка» & Co
Смирнов
Кузнецова
O'Neil
== phone_extensions: the number as EspoCRM's Sanitizer stores it, numeric its digits; the index has the number
Смирнов | +79124000001 | 79124000001 | Mobile | 1
Кузнецова | +74954000003 ext. 2 | 749540000032 | Office | 1
Кузнецова | +74954000004 | 74954000004 | Office | 0
O'Neil | +79124000005 | 79124000005 | Mobile | 1
74954000003 | phoneNumber
74954000004 | phoneNumber
== a rebuild of the index reads the stored names back to the same numbers
74954000003 | phoneNumber
74954000004 | phoneNumber
== the CLI with --crm-root: defaultCurrency and phoneNumberExtensions from data/config.php
exit 0
ООО "Ромашка": Пётр Смирнов | EUR | 0
ООО Альфа: Анна Кузнецова | EUR | 0
«Ёлка» & Co: Jane O'Neil | EUR | 0
+74954000003 ext. 2
+74954000004
