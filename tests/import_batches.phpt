--TEST--
crmguard: Importer across batches — in-file duplicates and companies are remembered from batch to batch (by the server, not the process), a dry run counts the same, each run starts afresh
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
[$dsn, $db] = import_test_db('suitecrm', 'import_batches');
$csv = import_tmp('batches.csv');
/* batches of two rows: lines 2-3, 4-5, 6-7, 8-9, 10 */
file_put_contents($csv, implode("\n", [
    'ФИО,Телефон,Компания',
    'Первый Альфа,+7 912 300-00-01,Альфа Новая',          // 2 created, new company
    'Второй Ромашка,+7 912 300-00-02,ООО Ромашка',        // 3 created, company of the sample data
    'Третий Альфа,+7 912 300-00-03,альфа  новая',         // 4 created, the company of line 2
    'Повтор Первого,8 912 300 00 01,',                    // 5 duplicate of line 2, an earlier batch
    'Четвёртый Ромашка,+7 912 300-00-05,ООО Ромашка',     // 6 created, reused company counted once
    'Короткий,12,',                                       // 7 no valid number
    'Два Номера,"+7 912 300-00-08, +7 912 300-00-02",',   // 8 duplicate of line 3 (its second number)
    'Восьмой,+7 912 300-00-08,',                          // 9 created: line 8 was rejected, its numbers are not taken
    'Пятый Альфа,+7 912 300-00-10,Альфа Новая',           // 10 created, the company of line 2
]) . "\n");
$options = ['assign' => 'alexey.smirnov', 'batch_size' => 2, 'lang' => 'en'];

echo "== dry run and import report the same\n";
$dry = (new CrmGuard\Importer($db, 'suitecrm', $options + ['dry_run' => true]))->run($csv);
$real = (new CrmGuard\Importer($db, 'suitecrm', $options))->run($csv);
import_show($real);
foreach (['dry_run', 'write_method', 'connections', 'elapsed_s', 'import_id', 'rejects_file'] as $k) {
    unset($dry[$k], $real[$k]);
}
var_dump($dry === $real);

echo "== rejects in line order\n";
import_rejects(substr($csv, 0, -4) . '.rejects.csv');

echo "== one new company, its contacts from three batches\n";
import_sql_lines($dsn, "SELECT a.name, s.crmguard_status_c, GROUP_CONCAT(c.last_name ORDER BY c.date_entered, c.id)
    FROM accounts a JOIN accounts_cstm s ON s.id_c = a.id
    JOIN accounts_contacts ac ON ac.account_id = a.id AND ac.deleted = 0 JOIN contacts c ON c.id = ac.contact_id
    WHERE a.deleted = 0 AND a.name IN ('Альфа Новая', 'ООО Ромашка') AND c.phone_mobile LIKE '+7912300%'
    GROUP BY a.id ORDER BY a.name");
echo "== a second file on the same connection starts with nothing seen\n";
$csv2 = import_tmp('second.csv');
file_put_contents($csv2, "ФИО,Телефон\nСнова Первый,+7 912 300-00-01\nНовый,+7 912 300-00-11\nНовый Дубль,+7 912 300-00-11\n");
$r = (new CrmGuard\Importer($db, 'suitecrm', $options))->run($csv2);
import_show($r);
$first = crmguard_test_sql($dsn, "SELECT id FROM contacts WHERE phone_mobile = '+79123000001' AND deleted = 0")[0]['id'];
ob_start();
import_rejects($r['rejects_file']);
echo str_replace($first, '<the contact of line 2>', ob_get_clean());

echo "== one new e-mail address in consecutive batches, written side by side: one address row\n";
$csv3 = import_tmp('emails.csv');
$rows = ['ФИО,Телефон,Email'];
for ($i = 0; $i < 8; $i++) {
    $rows[] = sprintf('Офис %d,+7 912 301-00-%02d,%s', $i, $i, $i % 2 ? 'Office@Example.com' : 'office@example.com');
}
file_put_contents($csv3, implode("\n", $rows) . "\n");
$r = (new CrmGuard\Importer($db, 'suitecrm', ['assign' => 'alexey.smirnov', 'batch_size' => 1, 'connections' => 3]))->run($csv3);
echo "created {$r['contacts_created']}\n";
import_sql_lines($dsn, "SELECT COUNT(DISTINCT a.id), COUNT(r.id) FROM email_addresses a
    LEFT JOIN email_addr_bean_rel r ON r.email_address_id = a.id AND r.deleted = 0
    WHERE a.email_address_caps = 'OFFICE@EXAMPLE.COM' AND a.deleted = 0");
?>
--EXPECT--
== dry run and import report the same
{"rows_read":9,"contacts_created":6,"deals_created":6,"tasks_created":6,"companies_created":1,"companies_reused":1,"duplicates_in_file":2,"duplicates_in_crm":0,"invalid_phone":1,"malformed_rows":0,"manager_errors":0,"already_imported":0,"rejected_rows":3,"dry_run":false,"encoding":"utf-8","delimiter":",","batches":5,"write_method":"load_data","connections":3,"bytes":524}
bool(true)
== rejects in line order
rejects: UTF-8 with BOM
ФИО,Телефон,Компания,crmguard_line,crmguard_reason
Повтор Первого,8 912 300 00 01,,5,duplicate in the file: +79123000001 is already on line 2
Короткий,12,,7,"no valid phone number: ""12"" is too_short"
Два Номера,"'+7 912 300-00-08, +7 912 300-00-02",,8,duplicate in the file: +79123000002 is already on line 3
== one new company, its contacts from three batches
Альфа Новая | waiting | Альфа,Альфа,Альфа
ООО Ромашка | in_work | Ромашка,Ромашка
== a second file on the same connection starts with nothing seen
{"rows_read":3,"contacts_created":1,"deals_created":1,"tasks_created":1,"companies_created":0,"companies_reused":0,"duplicates_in_file":1,"duplicates_in_crm":1,"invalid_phone":0,"malformed_rows":0,"manager_errors":0,"already_imported":0,"rejected_rows":2,"dry_run":false,"encoding":"utf-8","delimiter":",","batches":2,"write_method":"load_data","connections":3,"bytes":130}
rejects: UTF-8 with BOM
ФИО,Телефон,crmguard_line,crmguard_reason
Снова Первый,'+7 912 300-00-01,2,"already in the CRM: +79123000001 belongs to Contacts <the contact of line 2> ""Первый Альфа"", responsible alexey.smirnov (Алексей Смирнов)"
Новый Дубль,'+7 912 300-00-11,4,duplicate in the file: +79123000011 is already on line 3
== one new e-mail address in consecutive batches, written side by side: one address row
created 8
1 | 8
