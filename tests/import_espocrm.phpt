--TEST--
crmguard: Importer on EspoCRM — messy lists (BOM, Windows-1251, quotes, multi-line, duplicates, bad rows), records as EspoCRM writes them, re-run, dry run
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
[$dsn, $db] = import_test_db('espocrm', 'import_espocrm');
$csv = import_tmp('messy.csv');
file_put_contents($csv, import_messy_utf8());
$before = crmguard_test_sql($dsn, 'SELECT COUNT(*) n FROM contact')[0]['n'];

echo "== dry run: the same counts, nothing written\n";
$options = ['assign' => 'alexey.smirnov,dmitry.kuznetsov', 'task_due' => 2 * 86400];
$r = (new CrmGuard\Importer($db, 'espocrm', $options + ['dry_run' => true]))->run($csv);
import_show($r);
echo "contacts: ", crmguard_test_sql($dsn, 'SELECT COUNT(*) n FROM contact')[0]['n'] - $before, " new, journal rows: ",
    crmguard_test_sql($dsn, 'SELECT COUNT(*) n FROM crmguard_import')[0]['n'], "\n";

echo "== import\n";
$r = (new CrmGuard\Importer($db, 'espocrm', $options))->run($csv);
import_show($r);
var_dump($r['rejects_file'] === substr($csv, 0, -4) . '.rejects.csv');
import_rejects($r['rejects_file']);

echo "== contacts, their managers and companies\n";
import_sql_lines($dsn, "SELECT c.first_name, c.last_name, c.middle_name, u.user_name, a.name, a.c_crmguard_status,
    c.created_by_id = '6955b900000000077' AS by_admin, c.created_at = c.modified_at AS same_ts, c.modified_by_id,
    REPLACE(c.description, '\r\n', '/') AS description
    FROM contact c JOIN user u ON u.id = c.assigned_user_id LEFT JOIN account a ON a.id = c.account_id
    WHERE c.created_at > '2026-01-31' ORDER BY c.id");
echo "== ids are EspoCRM's: 17 hex digits, time-ordered\n";
var_dump(crmguard_test_sql($dsn, "SELECT COUNT(*) n FROM contact WHERE created_at > '2026-01-31' AND id REGEXP '^[0-9a-f]{17}$'")[0]['n']);
echo "== phones: shared phone_number rows (E.164), primary first; the phone index\n";
import_sql_lines($dsn, "SELECT c.last_name, p.name, p.numeric, p.type, e.primary
    FROM contact c JOIN entity_phone_number e ON e.entity_id = c.id AND e.entity_type = 'Contact'
    JOIN phone_number p ON p.id = e.phone_number_id WHERE c.created_at > '2026-01-31' ORDER BY c.id, e.id");
import_sql_lines($dsn, "SELECT COUNT(*), COUNT(DISTINCT i.e164), MIN(i.source_field) FROM crmguard_phone i
    JOIN contact c ON c.id = i.entity_id AND i.entity_type = 'Contact' WHERE c.created_at > '2026-01-31'");
echo "== deals (stage New) and call tasks, one each, same manager, linked\n";
import_sql_lines($dsn, "SELECT o.name, o.stage, o.last_stage, o.probability, o.lead_source, o.amount, o.amount_currency,
    o.account_id <=> c.account_id, o.assigned_user_id = c.assigned_user_id, o.version_number,
    DATEDIFF(o.close_date, DATE(o.created_at)),
    (SELECT COUNT(*) FROM contact_opportunity co WHERE co.contact_id = c.id AND co.opportunity_id = o.id AND co.deleted = 0) AS linked
    FROM contact c JOIN opportunity o ON o.contact_id = c.id WHERE c.created_at > '2026-01-31' ORDER BY c.id");
import_sql_lines($dsn, "SELECT t.name, t.status, t.priority, t.parent_type, t.parent_id = o.id, t.contact_id = c.id,
    t.account_id <=> c.account_id, t.assigned_user_id = c.assigned_user_id, TIMESTAMPDIFF(HOUR, t.created_at, t.date_end)
    FROM contact c JOIN opportunity o ON o.contact_id = c.id JOIN task t ON t.parent_id = o.id
    WHERE c.created_at > '2026-01-31' ORDER BY c.id");
echo "== company links, teams, e-mail\n";
import_sql_lines($dsn, "SELECT a.name, c.last_name, ac.role FROM account_contact ac JOIN account a ON a.id = ac.account_id
    JOIN contact c ON c.id = ac.contact_id WHERE c.created_at > '2026-01-31' ORDER BY c.id");
import_sql_lines($dsn, "SELECT entity_type, COUNT(*) FROM entity_team WHERE team_id = '6955f15c07bbc7d4c'
    AND entity_id IN (SELECT contact_id FROM crmguard_import_row UNION SELECT deal_id FROM crmguard_import_row
    UNION SELECT task_id FROM crmguard_import_row UNION SELECT account_id FROM crmguard_import_row) GROUP BY entity_type ORDER BY 1");
import_sql_lines($dsn, "SELECT ea.name, ea.lower, eea.entity_type, eea.primary FROM entity_email_address eea
    JOIN email_address ea ON ea.id = eea.email_address_id JOIN contact c ON c.id = eea.entity_id WHERE c.created_at > '2026-01-31'");
echo "== every new contact has exactly one deal and one task\n";
import_sql_lines($dsn, "SELECT COUNT(*), SUM((SELECT COUNT(*) FROM opportunity o WHERE o.contact_id = c.id) = 1
    AND (SELECT COUNT(*) FROM task t WHERE t.contact_id = c.id) = 1) FROM contact c WHERE c.created_at > '2026-01-31'");

echo "== the same file again: nothing twice\n";
$r = (new CrmGuard\Importer($db, 'espocrm', $options))->run($csv);
import_show($r);
import_sql_lines($dsn, "SELECT COUNT(*) FROM contact WHERE created_at > '2026-01-31'");
import_sql_lines($dsn, "SELECT state, runs, rows_read, contacts_created, rejected_rows FROM crmguard_import");

echo "== Windows-1251, ',' and LF\n";
$cp = import_tmp('cp1251.csv');
file_put_contents($cp, import_cp1251());
$r = (new CrmGuard\Importer($db, 'espocrm', ['assign' => 'dmitry.kuznetsov']))->run($cp);
import_show($r);
import_sql_lines($dsn, "SELECT c.first_name, c.last_name, a.name, a.c_crmguard_status FROM contact c
    JOIN account a ON a.id = c.account_id WHERE c.id IN (SELECT contact_id FROM crmguard_import_row WHERE line < 4
    AND import_id = '{$r['import_id']}') ORDER BY c.id");
echo "== unreadable files\n";
import_unreadable($db, 'espocrm');
?>
--EXPECT--
== dry run: the same counts, nothing written
{"rows_read":15,"contacts_created":7,"deals_created":7,"tasks_created":7,"companies_created":1,"companies_reused":1,"duplicates_in_file":2,"duplicates_in_crm":3,"invalid_phone":2,"malformed_rows":1,"manager_errors":0,"already_imported":0,"rejected_rows":8,"dry_run":true,"encoding":"utf-8","delimiter":";","batches":1,"write_method":"none","connections":1,"bytes":1142}
contacts: 0 new, journal rows: 0
== import
{"rows_read":15,"contacts_created":7,"deals_created":7,"tasks_created":7,"companies_created":1,"companies_reused":1,"duplicates_in_file":2,"duplicates_in_crm":3,"invalid_phone":2,"malformed_rows":1,"manager_errors":0,"already_imported":0,"rejected_rows":8,"dry_run":false,"encoding":"utf-8","delimiter":";","batches":1,"write_method":"load_data","connections":1,"bytes":1142}
bool(true)
rejects: UTF-8 with BOM
ФИО;Телефон;Моб.;Компания;E-mail;Комментарий;Источник;Должность;crmguard_line;crmguard_reason
Дубль Первого;89121000001;;;;;;;6;duplicate in the file: +79121000001 is already on line 2
Второй Дубль;8 495 100-00-03;;;;;;;7;duplicate in the file: +74951000003 is already on line 3
Клиент Контакт;'+7 912 345 67 89;;;;;;;8;"already in the CRM: +79123456789 belongs to Contact 695629b80f778a9f7 ""Иван Иванов"", responsible alexey.smirnov (Алексей Смирнов)"
Лид Лидов;8 (999) 111-22-33;;;;;;;9;"already in the CRM: +79991112233 belongs to Lead 6956621417334377f ""Сергей Новиков"", responsible alexey.smirnov (Алексей Смирнов)"
Офис Ромашки;8 495 123 45 67;;;;;;;10;"already in the CRM: +74951234567 belongs to Contact 695629b80f778a9f7 ""Иван Иванов"", responsible alexey.smirnov (Алексей Смирнов)"
Плохой Номер;123-45;;;;;;;12;"no valid phone number: ""123-45"" is too_short"
Без Номера;;;;;;;;13;no phone number
Битый � Байт;89121000006;;;;;;;15;"invalid UTF-8 (byte 0xC8) at line 15, column 7; if the file is Windows-1251, give --encoding cp1251"
== contacts, their managers and companies
Пётр | Иванов | Сергеевич | alexey.smirnov | ООО Ромашка | in_work | 1 | 1 | NULL | Просил перезвонить; после 15:00
Анна | Смирнова | NULL | dmitry.kuznetsov | Новая Фирма | waiting | 1 | 1 | NULL | многострочный/комментарий "в кавычках"
Jane | Doe | NULL | alexey.smirnov | Новая Фирма | waiting | 1 | 1 | NULL | NULL
Удалённый | Лид | NULL | dmitry.kuznetsov | NULL | NULL | 1 | 1 | NULL | NULL
NULL | Рваный | NULL | alexey.smirnov | NULL | NULL | 1 | 1 | NULL | NULL
Несколько; | номеров | NULL | dmitry.kuznetsov | NULL | NULL | 1 | 1 | NULL | NULL
Эмодзи | Смайлов | NULL | alexey.smirnov | NULL | NULL | 1 | 1 | NULL | Комментарий 😀
== ids are EspoCRM's: 17 hex digits, time-ordered
string(1) "7"
== phones: shared phone_number rows (E.164), primary first; the phone index
Иванов | +79121000001 | 79121000001 | Mobile | 1
Смирнова | +79121000002 | 79121000002 | Mobile | 1
Смирнова | +74951000003 | 74951000003 | Office | 0
Смирнова | +79161000004 | 79161000004 | Mobile | 0
Doe | +79121000009 | 79121000009 | Mobile | 1
Лид | +79991112234 | 79991112234 | Mobile | 1
Рваный | +79121000005 | 79121000005 | Mobile | 1
номеров | +79121000006 | 79121000006 | Mobile | 1
номеров | +79121000007 | 79121000007 | Mobile | 0
Смайлов | +79121000008 | 79121000008 | Mobile | 1
10 | 10 | phoneNumber
== deals (stage New) and call tasks, one each, same manager, linked
ООО Ромашка: Пётр Иванов | New | New | 10 | Выставка | 0 | USD | 1 | 1 | 1 | 30 | 1
Новая Фирма: Анна Смирнова | New | New | 10 | NULL | 0 | USD | 1 | 1 | 1 | 30 | 1
Новая Фирма: Jane Doe | New | New | 10 | NULL | 0 | USD | 1 | 1 | 1 | 30 | 1
Удалённый Лид | New | New | 10 | NULL | 0 | USD | 1 | 1 | 1 | 30 | 1
Рваный | New | New | 10 | NULL | 0 | USD | 1 | 1 | 1 | 30 | 1
Несколько; номеров | New | New | 10 | NULL | 0 | USD | 1 | 1 | 1 | 30 | 1
Эмодзи Смайлов | New | New | 10 | NULL | 0 | USD | 1 | 1 | 1 | 30 | 1
Позвонить: Пётр Иванов | Not Started | Normal | Opportunity | 1 | 1 | 1 | 1 | 48
Позвонить: Анна Смирнова | Not Started | Normal | Opportunity | 1 | 1 | 1 | 1 | 48
Позвонить: Jane Doe | Not Started | Normal | Opportunity | 1 | 1 | 1 | 1 | 48
Позвонить: Удалённый Лид | Not Started | Normal | Opportunity | 1 | 1 | 1 | 1 | 48
Позвонить: Рваный | Not Started | Normal | Opportunity | 1 | 1 | 1 | 1 | 48
Позвонить: Несколько; номеров | Not Started | Normal | Opportunity | 1 | 1 | 1 | 1 | 48
Позвонить: Эмодзи Смайлов | Not Started | Normal | Opportunity | 1 | 1 | 1 | 1 | 48
== company links, teams, e-mail
ООО Ромашка | Иванов | Директор
Новая Фирма | Смирнова | NULL
Новая Фирма | Doe | NULL
Account | 2
Contact | 7
Opportunity | 7
Task | 7
petr@example.com | petr@example.com | Contact | 1
== every new contact has exactly one deal and one task
7 | 7
== the same file again: nothing twice
{"rows_read":15,"contacts_created":0,"deals_created":0,"tasks_created":0,"companies_created":0,"companies_reused":0,"duplicates_in_file":2,"duplicates_in_crm":3,"invalid_phone":2,"malformed_rows":1,"manager_errors":0,"already_imported":7,"rejected_rows":8,"dry_run":false,"encoding":"utf-8","delimiter":";","batches":1,"write_method":"load_data","connections":1,"bytes":1142}
7
done | 2 | 15 | 7 | 8
== Windows-1251, ',' and LF
{"rows_read":2,"contacts_created":2,"deals_created":2,"tasks_created":2,"companies_created":1,"companies_reused":1,"duplicates_in_file":0,"duplicates_in_crm":0,"invalid_phone":0,"malformed_rows":0,"manager_errors":0,"already_imported":0,"rejected_rows":0,"dry_run":false,"encoding":"windows-1251","delimiter":",","batches":1,"write_method":"load_data","connections":1,"bytes":120}
Сергей | Петров | ИП Петров | waiting
Ольга | Ёлкина | Ёлка и Ко, ООО | waiting
== unreadable files
koi8r.csv: koi8r.csv: line 2, column 1: the text from byte 0xE9 on is neither UTF-8 nor Windows-1251; convert the file to UTF-8 or give the encoding (--encoding utf-8|cp1251)
utf16.csv: utf16.csv: the file is UTF-16; save it as UTF-8 or Windows-1251 CSV
nophone.csv: nophone.csv: the header names no phone column (Телефон, Phone, Mobile, Моб. ...); name one with --map COLUMN=phone
empty.csv: empty.csv: the file is empty (no header row)
missing: cannot open missing.csv: No such file or directory
