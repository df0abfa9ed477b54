--TEST--
crmguard: Importer on both CRMs — a dry run leaves every table as it was, a number only a company holds, a later number of a cell already in the CRM, a Windows-1251 list, and a company name longer than the CRM's column reused from file to file
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';

/* longer than both CRMs' account name columns (SuiteCRM 150, EspoCRM 249 characters) */
$long = 'ООО ' . str_repeat('Очень Длинное Название Компании ', 9);
$first = import_tmp('holders.csv');
file_put_contents($first, implode("\n", [
    'ФИО;Телефон;Компания',
    'Офис Петрова;8 812 555-12-34;',                        // 2 only the account ИП Петров holds it
    'Два Номера;"8 912 700-00-01, +7 912 345 67 89";',       // 3 its second number is a contact's
    "Длинная Компания;8 912 700-00-02;$long",                // 4 created with the company, name cut
]) . "\n");
$second = import_tmp('holders2.csv');
file_put_contents($second, "ФИО;Телефон;Компания\nВторая Длинная;8 912 700-00-03;$long\n");
$cp1251 = import_tmp('cp1251.csv');
file_put_contents($cp1251, import_cp1251());
$options = ['assign' => 'alexey.smirnov', 'lang' => 'en'];

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    [$dsn, $db] = import_test_db($crm, "import_crm_holders_$crm");
    $before = import_db_checksum($dsn);
    $dry = (new CrmGuard\Importer($db, $crm, $options + ['dry_run' => true]))->run($first);
    echo "dry run: created $dry[contacts_created], in the CRM $dry[duplicates_in_crm]; every table unchanged: ",
        import_db_checksum($dsn) === $before ? 'yes' : 'no', "\n";
    $r = (new CrmGuard\Importer($db, $crm, $options))->run($first);
    echo "created $r[contacts_created], in the CRM $r[duplicates_in_crm], companies created $r[companies_created]",
        import_db_checksum($dsn) === $before ? ' (the checksum did not see it)' : '', "\n";
    import_rejects($r['rejects_file']);
    $r = (new CrmGuard\Importer($db, $crm, $options))->run($second);
    echo "second file: created $r[contacts_created], companies created $r[companies_created], reused $r[companies_reused]\n";
    $accounts = $crm === 'suitecrm' ? 'accounts' : 'account';
    import_sql_lines($dsn, "SELECT COUNT(*), CHAR_LENGTH(MIN(name)) FROM `$accounts` WHERE deleted = 0 AND name LIKE 'ООО Очень Длинное%'");
    $r = (new CrmGuard\Importer($db, $crm, $options))->run($cp1251);
    echo "windows-1251: $r[encoding], created $r[contacts_created]\n";
    [$contacts, $last] = $crm === 'suitecrm' ? ['contacts', 'last_name'] : ['contact', 'last_name'];
    import_sql_lines($dsn, "SELECT first_name, `$last` FROM `$contacts` WHERE `$last` IN ('Петров', 'Ёлкина') AND first_name IN ('Сергей', 'Ольга') ORDER BY 2");
}
?>
--EXPECT--
== espocrm
dry run: created 1, in the CRM 2; every table unchanged: yes
created 1, in the CRM 2, companies created 1
rejects: UTF-8 with BOM
ФИО;Телефон;Компания;crmguard_line;crmguard_reason
Офис Петрова;8 812 555-12-34;;2;"already in the CRM: +78125551234 belongs to Account 69560d8a0b99a693a ""ИП Петров"", responsible dmitry.kuznetsov (Дмитрий Кузнецов)"
Два Номера;8 912 700-00-01, +7 912 345 67 89;;3;"already in the CRM: +79123456789 belongs to Contact 695629b80f778a9f7 ""Иван Иванов"", responsible alexey.smirnov (Алексей Смирнов)"
second file: created 1, companies created 0, reused 1
1 | 249
windows-1251: windows-1251, created 2
Ольга | Ёлкина
Сергей | Петров
== suitecrm
dry run: created 1, in the CRM 2; every table unchanged: yes
created 1, in the CRM 2, companies created 1
rejects: UTF-8 with BOM
ФИО;Телефон;Компания;crmguard_line;crmguard_reason
Офис Петрова;8 812 555-12-34;;2;"already in the CRM: +78125551234 belongs to Accounts 17089722-4b56-510a-a903-937789177f6f ""ИП Петров"", responsible dmitry.kuznetsov (Дмитрий Кузнецов)"
Два Номера;8 912 700-00-01, +7 912 345 67 89;;3;"already in the CRM: +79123456789 belongs to Contacts bb2d0741-fa0b-5dc8-972a-c958695301c1 ""Иван Иванов"", responsible alexey.smirnov (Алексей Смирнов)"
second file: created 1, companies created 0, reused 1
1 | 150
windows-1251: windows-1251, created 2
Ольга | Ёлкина
Сергей | Петров