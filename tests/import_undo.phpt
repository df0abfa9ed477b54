--TEST--
crmguard: an import is undone the CRM's own way — EspoCRM's Import -> Revert (import / import_entity) and SuiteCRM's Undo Import (users_last_import), through stand-ins of their code: deals, tasks, links and the phone index
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree();
require __DIR__ . '/crm-standins/espocrm/bootstrap.php';
require __DIR__ . '/crm-standins/espocrm/ImportRevert.php';
require __DIR__ . '/crm-standins/suitecrm/UsersLastImport.php';

$list = "ФИО;Телефон;Компания;E-mail\n"
    . "Пётр Отменный;8 912 500-00-01;Фирма Отмены;petr@undo.example\n"
    . "Анна Отменная;8 912 500-00-02;ООО Ромашка;\n"
    . "Иван Отменный;8 912 500-00-03;;\n";
$csv = import_tmp('undo.csv');
file_put_contents($csv, $list);
$count = fn (string $dsn, string $sql) => crmguard_test_sql($dsn, $sql)[0]['n'];

echo "== EspoCRM: the import as EspoCRM lists it\n";
$dsn = crmguard_test_db('espocrm', crmguard_packages_fixture());
$p = parse_url($dsn);
parse_str($p['query'], $q);
$config = new Espo\Core\Utils\Config(['database' => ['host' => 'localhost', 'dbname' => ltrim($p['path'], '/'),
    'user' => rawurldecode($p['user']), 'password' => rawurldecode($p['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql']]);
require "$tree/espocrm/scripts/AfterInstall.php";
(new AfterInstall())->run(new Espo\Core\Container([Espo\Core\Utils\Config::class => $config]), []);
$db = new CrmGuard\Connection($dsn);
$m = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$before = import_db_checksum($dsn);
$r = (new CrmGuard\Importer($db, 'espocrm', ['assign' => 'alexey.smirnov', 'batch_size' => 2]))->run($csv);
echo "created {$r['contacts_created']} contacts, {$r['companies_created']} company\n";
import_sql_lines($dsn, "SELECT i.entity_type, i.status, i.last_index, u.user_name, i.deleted FROM import i JOIN user u ON u.id = i.created_by_id");
import_sql_lines($dsn, "SELECT entity_type, COUNT(*), SUM(is_imported) FROM import_entity GROUP BY entity_type ORDER BY 1");
// importedCount as EspoCRM counts it (Repositories/Import.php countResultRecords: Contact rows joined)
$imported = "SELECT COUNT(*) AS n FROM contact c JOIN import_entity ie ON ie.entity_id = c.id AND ie.entity_type = 'Contact'
    AND ie.is_imported = 1 JOIN import i ON i.id = ie.import_id WHERE c.deleted = 0";
echo "importedCount ", $count($dsn, $imported), "\n";
$new = "(SELECT contact_id FROM crmguard_import_row)";
echo "index rows of the new contacts: ", $count($dsn, "SELECT COUNT(*) AS n FROM crmguard_phone WHERE entity_id IN $new"), "\n";

echo "== EspoCRM: Import -> Revert\n";
$espo = new EspoStandin("$tree/espocrm/files", $m, [Espo\Entities\User::class => new Espo\Entities\User('6955b900000000077', 'admin'),
    Espo\Core\Utils\Config::class => $config, Espo\Core\Utils\Language::class => new Espo\Core\Utils\Language('en_US')]);
(new ImportRevertStandin($espo, $m))->revert(crmguard_test_sql($dsn, 'SELECT id FROM import')[0]['id']);
foreach (['contact' => $new, 'opportunity' => '(SELECT deal_id FROM crmguard_import_row)', 'task' => '(SELECT task_id FROM crmguard_import_row)',
          'account' => '(SELECT account_id FROM crmguard_import_row)'] as $table => $ids) {
    echo "$table rows left: ", $count($dsn, "SELECT COUNT(*) AS n FROM `$table` WHERE id IN $ids" . ($table === 'account' ? " AND name <> 'ООО Ромашка'" : '')), "\n";
}
foreach (['account_contact' => 'contact_id', 'contact_opportunity' => 'contact_id', 'entity_phone_number' => 'entity_id',
          'entity_email_address' => 'entity_id', 'entity_team' => 'entity_id'] as $table => $col) {
    echo "$table rows of the contacts: ", $count($dsn, "SELECT COUNT(*) AS n FROM `$table` WHERE `$col` IN $new"), "\n";
}
echo "ООО Ромашка (reused, not the import's) stays: ", $count($dsn, "SELECT COUNT(*) AS n FROM account WHERE name = 'ООО Ромашка' AND deleted = 0"), "\n";
echo "index rows of the contacts: ", $count($dsn, "SELECT COUNT(*) AS n FROM crmguard_phone WHERE entity_id IN $new"), "\n";
echo "import listed: ", $count($dsn, 'SELECT COUNT(*) AS n FROM import WHERE deleted = 0'), "\n";
$card = (new CrmGuard\PhoneIndex($db, 'espocrm'))->lookup('+79125000001', '6955d52e03dde92f7');
echo "call card for +79125000001: {$card['color']}, ", count($card['matches']), " matches\n";
$r = (new CrmGuard\Importer($db, 'espocrm', ['assign' => 'alexey.smirnov', 'batch_size' => 2]))->run($csv);
echo "the same file after the revert: {$r['contacts_created']} created, {$r['already_imported']} already imported; journal rows ",
    $count($dsn, "SELECT COUNT(*) AS n FROM crmguard_import_row"), ", of live contacts ",
    $count($dsn, "SELECT COUNT(*) AS n FROM crmguard_import_row r JOIN contact c ON c.id = r.contact_id AND c.deleted = 0"), "\n";
$r = (new CrmGuard\Importer($db, 'espocrm', ['assign' => 'alexey.smirnov', 'batch_size' => 2]))->run($csv);
echo "and once more: {$r['contacts_created']} created, {$r['already_imported']} already imported\n";

echo "== SuiteCRM: the rows Undo Import reads\n";
[$dsn, $db] = import_test_db('suitecrm', 'import_undo_suite');
$m = crmguard_test_mysqli(crmguard_test_db_name($dsn));
const ADMIN = '1';
$m->query("INSERT INTO users_last_import VALUES ('00000000-0000-0000-0000-000000000001', '1', 'Contacts', 'Contact', 'an-earlier-import', 0)");
$r = (new CrmGuard\Importer($db, 'suitecrm', ['assign' => 'alexey.smirnov', 'batch_size' => 2]))->run($csv);
echo "created {$r['contacts_created']} contacts, {$r['companies_created']} company\n";
import_sql_lines($dsn, "SELECT assigned_user_id, import_module, bean_type, COUNT(*), SUM(deleted) FROM users_last_import
    GROUP BY 1, 2, 3 ORDER BY 3");
echo "index rows of the new contacts: ", $count($dsn, "SELECT COUNT(*) AS n FROM crmguard_phone WHERE entity_id IN $new"), "\n";

echo "== SuiteCRM: Undo Import (as the importing user, admin)\n";
(new UsersLastImportStandin($m))->undo('Contacts', ADMIN);
foreach (['contacts' => $new, 'opportunities' => '(SELECT deal_id FROM crmguard_import_row)', 'tasks' => '(SELECT task_id FROM crmguard_import_row)',
          'accounts' => '(SELECT account_id FROM crmguard_import_row)', 'contacts_cstm' => $new] as $table => $ids) {
    $key = $table === 'contacts_cstm' ? 'id_c' : 'id';
    echo "$table rows left: ", $count($dsn, "SELECT COUNT(*) AS n FROM `$table` WHERE `$key` IN $ids" . ($table === 'accounts' ? " AND name <> 'ООО Ромашка'" : '')), "\n";
}
foreach (['accounts_contacts' => 'contact_id', 'opportunities_contacts' => 'contact_id', 'securitygroups_records' => 'record_id'] as $table => $col) {
    echo "$table live rows of the contacts: ", $count($dsn, "SELECT COUNT(*) AS n FROM `$table` WHERE `$col` IN $new AND deleted = 0"), "\n";
}
echo "e-mail: links ", $count($dsn, "SELECT COUNT(*) AS n FROM email_addr_bean_rel WHERE bean_id IN $new"),
    ", address ", $count($dsn, "SELECT COUNT(*) AS n FROM email_addresses WHERE email_address_caps = 'PETR@UNDO.EXAMPLE'"), "\n";
// SuiteCRM deletes with SQL: no hook tells crmguard, so its index keeps the rows ...
echo "index rows of the contacts (stale): ", $count($dsn, "SELECT COUNT(*) AS n FROM crmguard_phone WHERE entity_id IN $new"), "\n";
// ... which the call card and the importer skip: only live records count
$card = (new CrmGuard\PhoneIndex($db, 'suitecrm'))->lookup('+79125000001', 'c3418962-c328-524b-9bbc-6c70cd0f7d72');
echo "call card for +79125000001: {$card['color']}, ", count($card['matches']), " matches\n";
$again = import_tmp('again.csv');
file_put_contents($again, "ФИО;Телефон\nПётр Снова;8 912 500-00-01\nАнна Снова;8 912 500-00-02\n");
$r = (new CrmGuard\Importer($db, 'suitecrm', ['assign' => 'alexey.smirnov']))->run($again);
echo "the numbers again: {$r['contacts_created']} created, {$r['duplicates_in_crm']} already in the CRM\n";
echo "users_last_import now: ", $count($dsn, "SELECT COUNT(*) AS n FROM users_last_import WHERE assigned_user_id = '1'"),
    " rows: this import's (the undone one's replaced)\n";
echo "rebuilt index: ", (new CrmGuard\PhoneIndex($db, 'suitecrm'))->rebuild()['rows'] ?? 'rebuilt', "\n";
echo "index rows of the undone contacts: ", $count($dsn, "SELECT COUNT(*) AS n FROM crmguard_phone WHERE entity_id IN
    (SELECT contact_id FROM crmguard_import_row WHERE contact_id NOT IN (SELECT id FROM contacts))"), "\n";
$r = (new CrmGuard\Importer($db, 'suitecrm', ['assign' => 'alexey.smirnov', 'batch_size' => 2]))->run($csv);
echo "the same file after the undo: {$r['contacts_created']} created, {$r['already_imported']} already imported, ",
    "{$r['duplicates_in_crm']} already in the CRM (the numbers imported again above)\n";
?>
--EXPECT--
== EspoCRM: the import as EspoCRM lists it
created 3 contacts, 1 company
Contact | Complete | 3 | admin | 0
Account | 1 | 1
Contact | 3 | 3
Opportunity | 3 | 3
Task | 3 | 3
importedCount 3
index rows of the new contacts: 3
== EspoCRM: Import -> Revert
contact rows left: 0
opportunity rows left: 0
task rows left: 0
account rows left: 0
account_contact rows of the contacts: 0
contact_opportunity rows of the contacts: 0
entity_phone_number rows of the contacts: 0
entity_email_address rows of the contacts: 0
entity_team rows of the contacts: 0
ООО Ромашка (reused, not the import's) stays: 1
index rows of the contacts: 0
import listed: 0
call card for +79125000001: none, 0 matches
the same file after the revert: 3 created, 0 already imported; journal rows 3, of live contacts 3
and once more: 0 created, 3 already imported
== SuiteCRM: the rows Undo Import reads
created 3 contacts, 1 company
1 | Contacts | Account | 1 | 0
1 | Contacts | Contact | 3 | 0
1 | Contacts | Opportunity | 3 | 0
1 | Contacts | Task | 3 | 0
index rows of the new contacts: 3
== SuiteCRM: Undo Import (as the importing user, admin)
contacts rows left: 0
opportunities rows left: 0
tasks rows left: 0
accounts rows left: 0
contacts_cstm rows left: 0
accounts_contacts live rows of the contacts: 0
opportunities_contacts live rows of the contacts: 0
securitygroups_records live rows of the contacts: 0
e-mail: links 0, address 0
index rows of the contacts (stale): 3
call card for +79125000001: none, 0 matches
the numbers again: 2 created, 0 already in the CRM
users_last_import now: 6 rows: this import's (the undone one's replaced)
rebuilt index: rebuilt
index rows of the undone contacts: 0
the same file after the undo: 1 created, 0 already imported, 2 already in the CRM (the numbers imported again above)
