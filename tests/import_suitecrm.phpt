--TEST--
crmguard: Importer on SuiteCRM — messy lists, records as SugarBean writes them (cstm rows, security groups, relation rows), re-run, weighted managers
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
[$dsn, $db] = import_test_db('suitecrm', 'import_suitecrm');
$csv = import_tmp('messy.csv');
file_put_contents($csv, import_messy_utf8());
$rejects = import_tmp('rejects-here.csv');
$new = "c.date_entered > '2026-01-31'";

echo "== import, managers weighted 2:1\n";
$options = ['assign' => ['alexey.smirnov:2', 'dmitry.kuznetsov:1'], 'rejects' => $rejects, 'lang' => 'en', 'batch_size' => 4];
$r = (new CrmGuard\Importer($db, 'suitecrm', $options))->run($csv);
import_show($r);
var_dump($r['rejects_file'] === $rejects);
import_rejects($rejects);

echo "== contacts: E.164 in the phone columns, 4-byte characters replaced (utf8mb3 tables)\n";
import_sql_lines($dsn, "SELECT c.first_name, c.last_name, u.user_name, c.phone_mobile, c.phone_work, c.phone_other,
    c.phone_home, c.lead_source, c.title, c.created_by = '1' AS by_admin, c.modified_user_id = '1',
    c.date_entered = c.date_modified, c.portal_user_type, REPLACE(c.description, '\n', '/')
    FROM contacts c JOIN users u ON u.id = c.assigned_user_id WHERE $new ORDER BY c.date_entered, c.id");
echo "== ids are create_guid()'s\n";
import_sql_lines($dsn, "SELECT COUNT(*) FROM contacts c WHERE $new
    AND id REGEXP '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'");
echo "== companies: reused and new (status waiting in accounts_cstm), links\n";
import_sql_lines($dsn, "SELECT a.name, s.crmguard_status_c, s.jjwg_maps_lat_c, c.last_name FROM accounts_contacts ac
    JOIN accounts a ON a.id = ac.account_id JOIN accounts_cstm s ON s.id_c = a.id JOIN contacts c ON c.id = ac.contact_id
    WHERE $new AND ac.deleted = 0 ORDER BY c.date_entered, c.id");
echo "== deals and tasks\n";
import_sql_lines($dsn, "SELECT o.name, o.sales_stage, o.probability, o.amount, o.currency_id, o.lead_source,
    o.assigned_user_id = c.assigned_user_id, DATEDIFF(o.date_closed, DATE(o.date_entered)),
    (SELECT COUNT(*) FROM opportunities_cstm oc WHERE oc.id_c = o.id AND oc.crmguard_failure_reason_c IS NULL),
    (SELECT COUNT(*) FROM accounts_opportunities ao WHERE ao.opportunity_id = o.id AND ao.deleted = 0)
    FROM contacts c JOIN opportunities_contacts oc ON oc.contact_id = c.id JOIN opportunities o ON o.id = oc.opportunity_id
    WHERE $new ORDER BY c.date_entered, c.id");
import_sql_lines($dsn, "SELECT t.name, t.status, t.priority, t.parent_type, t.date_due_flag, t.contact_id = c.id,
    t.assigned_user_id = c.assigned_user_id, TIMESTAMPDIFF(HOUR, t.date_entered, t.date_due)
    FROM contacts c JOIN opportunities_contacts oc ON oc.contact_id = c.id JOIN tasks t ON t.parent_id = oc.opportunity_id
    WHERE $new ORDER BY c.date_entered, c.id");
echo "== security groups of every new record (the assigned user's group), e-mail\n";
import_sql_lines($dsn, "SELECT r.module, COUNT(*), MIN(r.securitygroup_id) FROM securitygroups_records r
    JOIN crmguard_import_row j ON r.record_id IN (j.contact_id, j.deal_id, j.task_id, j.account_id)
    WHERE r.date_modified > '2026-01-31' GROUP BY r.module ORDER BY r.module");
import_sql_lines($dsn, "SELECT e.email_address, e.email_address_caps, e.confirm_opt_in, b.bean_module, b.primary_address
    FROM email_addr_bean_rel b JOIN email_addresses e ON e.id = b.email_address_id JOIN contacts c ON c.id = b.bean_id WHERE $new");
echo "== the phone index knows the new numbers, with the column each is in\n";
import_sql_lines($dsn, "SELECT i.source_field, COUNT(*) FROM crmguard_phone i JOIN contacts c ON c.id = i.entity_id
    AND i.entity_type = 'Contacts' WHERE $new GROUP BY i.source_field ORDER BY 1");
echo "== every new contact has exactly one deal and one task\n";
import_sql_lines($dsn, "SELECT COUNT(*), SUM((SELECT COUNT(*) FROM opportunities_contacts oc WHERE oc.contact_id = c.id) = 1
    AND (SELECT COUNT(*) FROM tasks t WHERE t.contact_id = c.id) = 1) FROM contacts c WHERE $new");

echo "== again: nothing twice\n";
$r = (new CrmGuard\Importer($db, 'suitecrm', $options))->run($csv);
import_show($r);
import_sql_lines($dsn, "SELECT COUNT(*) FROM contacts c WHERE $new");

echo "== managers from a column; an inactive one and an unknown one are rejected\n";
crmguard_test_sql($dsn, "UPDATE users SET status = 'Inactive' WHERE user_name = 'olga.head'");
$list = import_tmp('managers.csv');
file_put_contents($list, "Телефон\tОтветственный\n8 912 300 00 01\tdmitry.kuznetsov\n8 912 300 00 02\tolga.head\n"
    . "8 912 300 00 03\tnobody\n8 912 300 00 04\tc3418962-c328-524b-9bbc-6c70cd0f7d72\n");
$r = (new CrmGuard\Importer($db, 'suitecrm', ['assign_column' => true]))->run($list);
import_show($r);
import_rejects($r['rejects_file']);
import_sql_lines($dsn, "SELECT c.phone_mobile, u.user_name FROM contacts c JOIN users u ON u.id = c.assigned_user_id
    WHERE c.phone_mobile LIKE '+7912300%' ORDER BY 1");
try {
    new CrmGuard\Importer($db, 'suitecrm', ['assign' => 'olga.head']);
    (new CrmGuard\Importer($db, 'suitecrm', ['assign' => 'olga.head']))->run($list);
} catch (CrmGuard\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    new CrmGuard\Importer($db, 'suitecrm', ['assign' => 'x', 'batch_size' => 0]);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    new CrmGuard\Importer($db, 'suitecrm', ['asign' => 'x']);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo "== unreadable files\n";
import_unreadable($db, 'suitecrm');
?>
--EXPECT--
== import, managers weighted 2:1
{"rows_read":15,"contacts_created":7,"deals_created":7,"tasks_created":7,"companies_created":1,"companies_reused":1,"duplicates_in_file":2,"duplicates_in_crm":3,"invalid_phone":2,"malformed_rows":1,"manager_errors":0,"already_imported":0,"rejected_rows":8,"dry_run":false,"encoding":"utf-8","delimiter":";","batches":4,"write_method":"load_data","connections":3,"bytes":1142}
bool(true)
rejects: UTF-8 with BOM
ФИО;Телефон;Моб.;Компания;E-mail;Комментарий;Источник;Должность;crmguard_line;crmguard_reason
Дубль Первого;89121000001;;;;;;;6;duplicate in the file: +79121000001 is already on line 2
Второй Дубль;8 495 100-00-03;;;;;;;7;duplicate in the file: +74951000003 is already on line 3
Клиент Контакт;'+7 912 345 67 89;;;;;;;8;"already in the CRM: +79123456789 belongs to Contacts bb2d0741-fa0b-5dc8-972a-c958695301c1 ""Иван Иванов"", responsible alexey.smirnov (Алексей Смирнов)"
Лид Лидов;8 (999) 111-22-33;;;;;;;9;"already in the CRM: +79991112233 belongs to Leads 51ac1777-db50-5ff4-ad67-d4d02017c98f ""Сергей Новиков"", responsible alexey.smirnov (Алексей Смирнов)"
Офис Ромашки;8 495 123 45 67;;;;;;;10;"already in the CRM: +74951234567 belongs to Contacts bb2d0741-fa0b-5dc8-972a-c958695301c1 ""Иван Иванов"", responsible alexey.smirnov (Алексей Смирнов)"
Плохой Номер;123-45;;;;;;;12;"no valid phone number: ""123-45"" is too_short"
Без Номера;;;;;;;;13;no phone number
Битый � Байт;89121000006;;;;;;;15;"invalid UTF-8 (byte 0xC8) at line 15, column 7; if the file is Windows-1251, give --encoding cp1251"
== contacts: E.164 in the phone columns, 4-byte characters replaced (utf8mb3 tables)
Пётр | Иванов | alexey.smirnov | +79121000001 | NULL | NULL | NULL | Выставка | Директор | 1 | 1 | 1 | Single | Просил перезвонить; после 15:00
Анна | Смирнова | dmitry.kuznetsov | +79121000002 | +74951000003 | +79161000004 | NULL | NULL | NULL | 1 | 1 | 1 | Single | многострочный/комментарий "в кавычках"
Jane | Doe | alexey.smirnov | +79121000009 | NULL | NULL | NULL | NULL | NULL | 1 | 1 | 1 | Single | NULL
Удалённый | Лид | alexey.smirnov | +79991112234 | NULL | NULL | NULL | NULL | NULL | 1 | 1 | 1 | Single | NULL
NULL | Рваный | dmitry.kuznetsov | +79121000005 | NULL | NULL | NULL | NULL | NULL | 1 | 1 | 1 | Single | NULL
Несколько; | номеров | alexey.smirnov | +79121000006 | NULL | +79121000007 | NULL | NULL | NULL | 1 | 1 | 1 | Single | NULL
Эмодзи | Смайлов | alexey.smirnov | +79121000008 | NULL | NULL | NULL | NULL | NULL | 1 | 1 | 1 | Single | Комментарий �
== ids are create_guid()'s
7
== companies: reused and new (status waiting in accounts_cstm), links
ООО Ромашка | in_work | 0.00000000 | Иванов
Новая Фирма | waiting | 0.00000000 | Смирнова
Новая Фирма | waiting | 0.00000000 | Doe
== deals and tasks
ООО Ромашка: Пётр Иванов | New | 10 | 0 | -99 | Выставка | 1 | 30 | 1 | 1
Новая Фирма: Анна Смирнова | New | 10 | 0 | -99 | NULL | 1 | 30 | 1 | 1
Новая Фирма: Jane Doe | New | 10 | 0 | -99 | NULL | 1 | 30 | 1 | 1
Удалённый Лид | New | 10 | 0 | -99 | NULL | 1 | 30 | 1 | 0
Рваный | New | 10 | 0 | -99 | NULL | 1 | 30 | 1 | 0
Несколько; номеров | New | 10 | 0 | -99 | NULL | 1 | 30 | 1 | 0
Эмодзи Смайлов | New | 10 | 0 | -99 | NULL | 1 | 30 | 1 | 0
Call: Пётр Иванов | Not Started | Medium | Opportunities | 0 | 1 | 1 | 24
Call: Анна Смирнова | Not Started | Medium | Opportunities | 0 | 1 | 1 | 24
Call: Jane Doe | Not Started | Medium | Opportunities | 0 | 1 | 1 | 24
Call: Удалённый Лид | Not Started | Medium | Opportunities | 0 | 1 | 1 | 24
Call: Рваный | Not Started | Medium | Opportunities | 0 | 1 | 1 | 24
Call: Несколько; номеров | Not Started | Medium | Opportunities | 0 | 1 | 1 | 24
Call: Эмодзи Смайлов | Not Started | Medium | Opportunities | 0 | 1 | 1 | 24
== security groups of every new record (the assigned user's group), e-mail
Accounts | 2 | d93f5359-924f-5f75-98aa-888670821619
Contacts | 7 | d93f5359-924f-5f75-98aa-888670821619
Opportunities | 7 | d93f5359-924f-5f75-98aa-888670821619
Tasks | 7 | d93f5359-924f-5f75-98aa-888670821619
petr@example.com | PETR@EXAMPLE.COM | not-opt-in | Contacts | 1
== the phone index knows the new numbers, with the column each is in
phone_mobile | 7
phone_other | 2
phone_work | 1
== every new contact has exactly one deal and one task
7 | 7
== again: nothing twice
{"rows_read":15,"contacts_created":0,"deals_created":0,"tasks_created":0,"companies_created":0,"companies_reused":0,"duplicates_in_file":2,"duplicates_in_crm":3,"invalid_phone":2,"malformed_rows":1,"manager_errors":0,"already_imported":7,"rejected_rows":8,"dry_run":false,"encoding":"utf-8","delimiter":";","batches":4,"write_method":"load_data","connections":3,"bytes":1142}
7
== managers from a column; an inactive one and an unknown one are rejected
{"rows_read":4,"contacts_created":2,"deals_created":2,"tasks_created":2,"companies_created":0,"companies_reused":0,"duplicates_in_file":0,"duplicates_in_crm":0,"invalid_phone":0,"malformed_rows":0,"manager_errors":2,"already_imported":0,"rejected_rows":2,"dry_run":false,"encoding":"utf-8","delimiter":"\t","batches":1,"write_method":"load_data","connections":1,"bytes":177}
rejects: UTF-8 with BOM
Телефон	Ответственный	crmguard_line	crmguard_reason
8 912 300 00 02	olga.head	3	"manager ""olga.head"" is not an active user"
8 912 300 00 03	nobody	4	"manager ""nobody"" is not a user of the CRM"
+79123000001 | dmitry.kuznetsov
+79123000004 | alexey.smirnov
CrmGuard\Exception: --assign: user "olga.head" (eda99cb9-f606-56c3-94ce-3ac7cd4775b1) is not an active user who can be assigned records
ValueError: CrmGuard\Importer::__construct(): Argument #3 ($options) option "batch_size" must be from 1 to 100000
ValueError: CrmGuard\Importer::__construct(): Argument #3 ($options) has an unknown option "asign" (known: assign, assign_column, map, region, encoding, delimiter, rejects, dry_run, batch_size, task_due, close_days, currency, phone_extensions, lang, created_by, max_field, connections, progress)
== unreadable files
koi8r.csv: koi8r.csv: line 2, column 1: the text from byte 0xE9 on is neither UTF-8 nor Windows-1251; convert the file to UTF-8 or give the encoding (--encoding utf-8|cp1251)
utf16.csv: utf16.csv: the file is UTF-16; save it as UTF-8 or Windows-1251 CSV
nophone.csv: nophone.csv: the header names no phone column (Телефон, Phone, Mobile, Моб. ...); name one with --map COLUMN=phone
empty.csv: empty.csv: the file is empty (no header row)
missing: cannot open missing.csv: No such file or directory
