--TEST--
crmguard: Importer — shared records: an e-mail address (either CRM) or an EspoCRM phone number already in the CRM is linked, a new one is created once for the batch
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
$csv = import_tmp('shared.csv');
file_put_contents($csv, implode("\n", [
    'Имя;Фамилия;Телефон;E-mail',
    'Олег;Старый;8 912 555-00-01;OLD@example.COM',
    'Нина;Новая;8 912 555-00-02;new@example.com',
    'Инна;Тоже;8 912 555-00-03;New@Example.com',
    'Борис;Безадреса;8 912 555-00-04;',
]) . "\n");
$options = ['assign' => 'alexey.smirnov'];

echo "== EspoCRM\n";
[$dsn, $db] = import_test_db('espocrm', 'import_shared_espocrm');
crmguard_test_sql($dsn, "INSERT INTO email_address (id, name, deleted, lower) VALUES
    ('aaaaaaaaaaaaaaaa1', 'Old@Example.com', 0, 'old@example.com'),
    ('aaaaaaaaaaaaaaaa2', 'OLD@example.com', 0, 'old@example.com'),
    ('aaaaaaaaaaaaaaaa0', 'old@example.com', 1, 'old@example.com')");
crmguard_test_sql($dsn, "INSERT INTO phone_number (id, name, deleted, type, `numeric`) VALUES
    ('bbbbbbbbbbbbbbbb1', '+79125550001', 0, 'Mobile', '79125550001')");
$r = (new CrmGuard\Importer($db, 'espocrm', $options))->run($csv);
echo $r['contacts_created'], " contacts\n";
import_sql_lines($dsn, "SELECT c.last_name, IF(ea.id LIKE 'aaaaaaaaaaaaaaaa_', ea.id, 'new'), ea.name, ea.lower, eea.primary FROM contact c
    JOIN entity_email_address eea ON eea.entity_id = c.id AND eea.entity_type = 'Contact'
    JOIN email_address ea ON ea.id = eea.email_address_id WHERE c.created_at > '2026-01-31' ORDER BY c.id");
import_sql_lines($dsn, "SELECT lower, COUNT(*) FROM email_address GROUP BY lower ORDER BY lower");
import_sql_lines($dsn, "SELECT c.last_name, p.id = 'bbbbbbbbbbbbbbbb1', p.name FROM contact c
    JOIN entity_phone_number e ON e.entity_id = c.id JOIN phone_number p ON p.id = e.phone_number_id
    WHERE c.created_at > '2026-01-31' ORDER BY c.id");
import_sql_lines($dsn, "SELECT COUNT(*), COUNT(DISTINCT name) FROM phone_number WHERE name LIKE '+791255500%'");

echo "== SuiteCRM\n";
[$dsn, $db] = import_test_db('suitecrm', 'import_shared_suitecrm');
crmguard_test_sql($dsn, "INSERT INTO email_addresses (id, email_address, email_address_caps, date_created, deleted) VALUES
    ('00000000-0000-0000-0000-000000000002', 'OLD@example.com', 'OLD@EXAMPLE.COM', '2021-01-01', 0),
    ('00000000-0000-0000-0000-000000000001', 'Old@Example.com', 'OLD@EXAMPLE.COM', '2020-01-01', 0),
    ('00000000-0000-0000-0000-000000000000', 'old@example.com', 'OLD@EXAMPLE.COM', '2019-01-01', 1)");
$r = (new CrmGuard\Importer($db, 'suitecrm', $options))->run($csv);
echo $r['contacts_created'], " contacts\n";
import_sql_lines($dsn, "SELECT c.last_name, IF(ea.id LIKE '00000000-%', ea.id, 'new'), ea.email_address, ea.email_address_caps, r.primary_address
    FROM contacts c JOIN email_addr_bean_rel r ON r.bean_id = c.id AND r.bean_module = 'Contacts'
    JOIN email_addresses ea ON ea.id = r.email_address_id WHERE c.date_entered > '2026-01-31' ORDER BY c.id");
import_sql_lines($dsn, "SELECT email_address_caps, COUNT(*) FROM email_addresses GROUP BY email_address_caps ORDER BY 1");
?>
--EXPECT--
== EspoCRM
4 contacts
Старый | aaaaaaaaaaaaaaaa1 | Old@Example.com | old@example.com | 1
Новая | new | new@example.com | new@example.com | 1
Тоже | new | new@example.com | new@example.com | 1
a.smirnov@example.com | 1
ivan@romashka.ru | 1
new@example.com | 1
old@example.com | 3
Старый | 1 | +79125550001
Новая | 0 | +79125550002
Тоже | 0 | +79125550003
Безадреса | 0 | +79125550004
4 | 4
== SuiteCRM
4 contacts
Старый | 00000000-0000-0000-0000-000000000001 | Old@Example.com | OLD@EXAMPLE.COM | 1
Новая | new | new@example.com | NEW@EXAMPLE.COM | 1
Тоже | new | new@example.com | NEW@EXAMPLE.COM | 1
A.SMIRNOV@EXAMPLE.COM | 1
IVAN@ROMASHKA.RU | 1
NEW@EXAMPLE.COM | 1
OLD@EXAMPLE.COM | 3