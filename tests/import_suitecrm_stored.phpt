--TEST--
crmguard: Importer on SuiteCRM stores what SuiteCRM's own save stores: _cstm rows (as SugarBean + DynamicField), text raw as SuiteCRM's DBManager stores it, companies matched raw and HTML-encoded, deals named after the stored company, numbers by type
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
require __DIR__ . '/crm-standins/suitecrm/bootstrap.php';
[$dsn, $db] = import_test_db('suitecrm', 'import_suite_stored');
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);
$m = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$GLOBALS['log'] = new LoggerStandin();
const M1 = 'c3418962-c328-524b-9bbc-6c70cd0f7d72';

// Companies as SuiteCRM stores them: raw (DBManager decodes on write what securexss + cleanBean
// encoded; a real 7.14.6 stores `ООО "Ромашка-2"` from its UI), and one HTML-encoded, as a bean
// read shows it and a row written around DBManager may hold it.
foreach (['ООО "Ромашка-2"', 'ООО &quot;Ромашка-3&quot;', 'ООО Альфа'] as $name) {
    $a = new SugarBeanStandin('Accounts', 'accounts', $m);
    $a->name = $name;
    $a->assigned_user_id = M1;
    $a->date_entered = '2026-01-10 10:00:00';
    $a->deleted = 0;
    $a->save();
}

$csv = import_tmp('stored.csv');
file_put_contents($csv, implode("\n", [
    'ФИО;Телефон;Компания;Должность;Комментарий',
    'Пётр Смирнов;8 912 400-00-01;ООО "Ромашка-2";Директор "по продажам";"Звонить <после> 15:00 & не раньше, O\'Neil"',
    'Анна Кузнецова;8 912 400-00-02;ооо  альфа;;',
    'Jane O\'Neil;"8 (495) 400-00-03 доб. 2, 8 912 400-00-04";«Ёлка» & Co;;',
    'Иван Второй;8 (495) 400-00-05;;;',
    'Олег Третий;8 912 400-00-06;ООО "Ромашка-3";;',
]) . "\n");
$r = (new CrmGuard\Importer($db, 'suitecrm', ['assign' => 'alexey.smirnov', 'lang' => 'en']))->run($csv);
echo "created {$r['contacts_created']}, companies: {$r['companies_created']} new, {$r['companies_reused']} existing\n";

echo "== text as SuiteCRM stores it\n";
import_sql_lines($dsn, "SELECT c.first_name, c.last_name, c.title, c.description FROM contacts c
    WHERE c.date_entered > '2026-01-31' ORDER BY c.date_entered, c.id");
import_sql_lines($dsn, "SELECT name FROM accounts WHERE date_entered > '2026-01-31'");
echo "== deals named after the company as the CRM has it; SuiteCRM's own currency\n";
import_sql_lines($dsn, "SELECT o.name, o.currency_id, o.amount, o.amount_usdollar, a.name AS company FROM opportunities o
    JOIN opportunities_contacts oc ON oc.opportunity_id = o.id JOIN contacts c ON c.id = oc.contact_id
    LEFT JOIN accounts_opportunities ao ON ao.opportunity_id = o.id LEFT JOIN accounts a ON a.id = ao.account_id
    WHERE o.date_entered > '2026-01-31' ORDER BY c.date_entered, c.id");
import_sql_lines($dsn, "SELECT t.name FROM tasks t WHERE t.date_entered > '2026-01-31' ORDER BY t.date_entered, t.id");
echo "== numbers by what they are: mobile in phone_mobile, landlines in phone_work\n";
import_sql_lines($dsn, "SELECT c.last_name, c.phone_mobile, c.phone_work, c.phone_other FROM contacts c
    WHERE c.date_entered > '2026-01-31' ORDER BY c.date_entered, c.id");

echo "== a _cstm row for every new contact, company and deal, equal to what SugarBean::save() writes\n";
$cstm = function (string $table, string $id) use ($m): ?array {
    $row = $m->execute_query("SELECT * FROM `{$table}_cstm` WHERE id_c = ?", [$id])->fetch_assoc();
    unset($row['id_c']);
    return $row;
};
$saved = [];
foreach (['Contacts' => 'contacts', 'Accounts' => 'accounts', 'Opportunities' => 'opportunities'] as $module => $table) {
    $b = new SugarBeanStandin($module, $table, $m);
    $b->name = 'saved by the stand-in';
    $b->deleted = 0;
    $saved[$table] = $cstm($table, $b->save());
}
$new = [
    'contacts' => "SELECT id FROM contacts WHERE date_entered > '2026-01-31'",
    'accounts' => "SELECT id FROM accounts WHERE date_entered > '2026-01-31'",
    'opportunities' => "SELECT id FROM opportunities WHERE date_entered > '2026-01-31'",
];
foreach ($new as $table => $q) {
    $ids = array_column($sql($q), 'id');
    $same = 0;
    foreach ($ids as $id) {
        $same += $cstm($table, $id) === $saved[$table];
    }
    echo "$table: ", count($ids), " new, $same with the row save() writes: ", json_encode($saved[$table]), "\n";
}

echo "== the next import finds the companies it made, spelt as in the file\n";
file_put_contents($csv, "ФИО;Телефон;Компания\nОльга Новая;8 912 400-00-06;«ёлка» & co\nПавел;8 912 400-00-07;ООО \"Ромашка-2\"\n");
$r = (new CrmGuard\Importer($db, 'suitecrm', ['assign' => 'alexey.smirnov']))->run($csv);
echo "created {$r['contacts_created']}, companies: {$r['companies_created']} new, {$r['companies_reused']} existing\n";
import_sql_lines($dsn, "SELECT o.name FROM opportunities o WHERE o.date_entered > '2026-01-31' AND o.name LIKE '%Ольга%'
    OR o.name LIKE '%Павел%' ORDER BY o.name");
?>
--EXPECT--
created 5, companies: 1 new, 3 existing
== text as SuiteCRM stores it
Пётр | Смирнов | Директор "по продажам" | Звонить <после> 15:00 & не раньше, O'Neil
Анна | Кузнецова | NULL | NULL
Jane | O'Neil | NULL | NULL
Иван | Второй | NULL | NULL
Олег | Третий | NULL | NULL
«Ёлка» & Co
== deals named after the company as the CRM has it; SuiteCRM's own currency
ООО "Ромашка-2": Пётр Смирнов | -99 | 0 | 0 | ООО "Ромашка-2"
ООО Альфа: Анна Кузнецова | -99 | 0 | 0 | ООО Альфа
«Ёлка» & Co: Jane O'Neil | -99 | 0 | 0 | «Ёлка» & Co
Иван Второй | -99 | 0 | 0 | NULL
ООО "Ромашка-3": Олег Третий | -99 | 0 | 0 | ООО &quot;Ромашка-3&quot;
Call: Пётр Смирнов
Call: Анна Кузнецова
Call: Jane O'Neil
Call: Иван Второй
Call: Олег Третий
== numbers by what they are: mobile in phone_mobile, landlines in phone_work
Смирнов | +79124000001 | NULL | NULL
Кузнецова | +79124000002 | NULL | NULL
O'Neil | +79124000004 | +74954000003 | NULL
Второй | NULL | +74954000005 | NULL
Третий | +79124000006 | NULL | NULL
== a _cstm row for every new contact, company and deal, equal to what SugarBean::save() writes
contacts: 5 new, 5 with the row save() writes: {"jjwg_maps_lng_c":0,"jjwg_maps_lat_c":0,"jjwg_maps_geocode_status_c":null,"jjwg_maps_address_c":null}
accounts: 1 new, 1 with the row save() writes: {"jjwg_maps_lng_c":0,"jjwg_maps_lat_c":0,"jjwg_maps_geocode_status_c":null,"jjwg_maps_address_c":null,"crmguard_status_c":"waiting"}
opportunities: 5 new, 5 with the row save() writes: {"jjwg_maps_lng_c":0,"jjwg_maps_lat_c":0,"jjwg_maps_geocode_status_c":null,"jjwg_maps_address_c":null,"crmguard_failure_reason_c":null}
== the next import finds the companies it made, spelt as in the file
created 1, companies: 0 new, 1 existing
ООО "Ромашка-2": Павел
