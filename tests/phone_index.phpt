--TEST--
CrmGuard\PhoneIndex: rebuild() and reindex() on both CRM fixtures: messy, multiple, changed, deleted and converted values; a failed rebuild keeps the old index
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/cli.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';

function rows(string $dsn): array
{
    return array_map(fn ($r) => "$r[entity_type] $r[entity_id] +$r[e164] $r[source_field]",
        crmguard_test_sql($dsn, 'SELECT * FROM crmguard_phone ORDER BY entity_type, entity_id, e164'));
}
function of(string $dsn, string $id): array
{
    return array_map(fn ($r) => "+$r[e164] $r[source_field]",
        crmguard_test_sql($dsn, "SELECT * FROM crmguard_phone WHERE entity_id = '$id' ORDER BY e164"));
}
function show(array $report): void
{
    unset($report['elapsed_s']);
    echo json_encode($report, JSON_UNESCAPED_UNICODE), "\n";
}

echo "== EspoCRM\n";
$dsn = crmguard_test_db('espocrm');
$db = new CrmGuard\Connection($dsn);
CrmGuard\Schema::apply($db, 'espocrm');
$index = new CrmGuard\PhoneIndex($db, 'espocrm');
$r = $index->rebuild();
var_dump(is_float($r['elapsed_s']) && $r['elapsed_s'] > 0);
show($r);
echo implode("\n", rows($dsn)), "\n";

// Messy values: a label and a note around a number, two numbers in one value, no number at all,
// a number too short; a deleted link and a deleted phone_number row are not read.
crmguard_test_sql($dsn, "INSERT INTO contact (id, deleted, first_name, last_name) VALUES ('c-messy', 0, 'Messy', 'Values')");
crmguard_test_sql($dsn, "INSERT INTO phone_number (id, name, deleted, type, `numeric`) VALUES
    ('pn-1', 'тел. 8(912)000-00-07 (моб.)', 0, 'Mobile', '89120000007'),
    ('pn-2', '8 912 000 00 08, 8 (495) 765-43-21', 0, 'Office', '8912000000884957654321'),
    ('pn-3', 'нет', 0, 'Other', ''),
    ('pn-4', '123', 0, 'Other', '123'),
    ('pn-5', '+79120000099', 0, 'Mobile', '79120000099'),
    ('pn-6', '+79120000098', 1, 'Mobile', '79120000098'),
    ('pn-7', '8-912-000-00-07', 0, 'Home', '89120000007')");
crmguard_test_sql($dsn, "INSERT INTO entity_phone_number (entity_id, phone_number_id, entity_type, `primary`, deleted) VALUES
    ('c-messy', 'pn-1', 'Contact', 1, 0), ('c-messy', 'pn-2', 'Contact', 0, 0), ('c-messy', 'pn-3', 'Contact', 0, 0),
    ('c-messy', 'pn-4', 'Contact', 0, 0), ('c-messy', 'pn-5', 'Contact', 0, 1), ('c-messy', 'pn-6', 'Contact', 0, 0),
    ('c-messy', 'pn-7', 'Contact', 0, 0), ('c-messy', 'pn-5', 'Lead', 0, 0)");
show($index->rebuild());
echo implode("\n", of($dsn, 'c-messy')), "\n";

// Changed: the contact's number is replaced; reindex() replaces its rows.
crmguard_test_sql($dsn, "UPDATE entity_phone_number SET deleted = 1 WHERE entity_id = 'c-messy' AND phone_number_id IN ('pn-1', 'pn-2', 'pn-7')");
crmguard_test_sql($dsn, "UPDATE entity_phone_number SET deleted = 0 WHERE entity_id = 'c-messy' AND phone_number_id = 'pn-5' AND entity_type = 'Contact'");
$index->reindex('Contact', 'c-messy');
echo implode("\n", of($dsn, 'c-messy')), "\n";
// Deleted: its rows go; the other records' rows stay.
crmguard_test_sql($dsn, "UPDATE contact SET deleted = 1 WHERE id = 'c-messy'");
$before = count(rows($dsn));
$index->reindex('Contact', 'c-messy');
var_dump(of($dsn, 'c-messy'), $before - count(rows($dsn)));
// Converted lead: its rows go.
crmguard_test_sql($dsn, "UPDATE lead SET status = 'Converted' WHERE id = '6956621417334377f'");
$index->reindex('Lead', '6956621417334377f');
var_dump(of($dsn, '6956621417334377f'));
// An id that does not exist: nothing, no error.  An unknown entity type: ValueError.
$index->reindex('Account', 'no-such-id');
try {
    $index->reindex('Leads', 'x');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
// Inside the caller's transaction, reindex() joins it: a rollback undoes it.
crmguard_test_sql($dsn, "UPDATE account SET deleted = 1 WHERE id = '69560d8a0b99a693a'");
$db->exec('START TRANSACTION');
$index->reindex('Account', '69560d8a0b99a693a');
var_dump(count($db->query("SELECT * FROM crmguard_phone WHERE entity_id = '69560d8a0b99a693a'")));
$db->exec('ROLLBACK');
var_dump(count(of($dsn, '69560d8a0b99a693a')));

// A rebuild that fails half-way (the lead table is gone after accounts and contacts were
// written) leaves the previous index as it was, and no build table behind.
$kept = rows($dsn);
crmguard_test_sql($dsn, 'RENAME TABLE lead TO lead_away');
try {
    $index->rebuild();
} catch (CrmGuard\DbException $e) {
    echo preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $e->getMessage()), "\n";
}
var_dump(rows($dsn) === $kept, crmguard_test_sql($dsn, "SHOW TABLES LIKE 'crmguard_phone%'"));
crmguard_test_sql($dsn, 'RENAME TABLE lead_away TO lead');

echo "== SuiteCRM\n";
$dsn = crmguard_test_db('suitecrm');
$db = new CrmGuard\Connection($dsn);
$index = new CrmGuard\PhoneIndex($db, 'suitecrm');
try {
    $index->rebuild();
} catch (CrmGuard\DbException $e) {
    echo preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $e->getMessage()), "\n";
}
CrmGuard\Schema::apply($db, 'suitecrm');
[$rc, $out, $err] = crmguard_cli(['index', 'rebuild', '--crm', 'suitecrm', '--db', $dsn, '--json']);
echo "cli: exit $rc $err\n";
show(json_decode($out, true));
echo implode("\n", rows($dsn)), "\n";
$ivan = 'bb2d0741-fa0b-5dc8-972a-c958695301c1';
crmguard_test_sql($dsn, "UPDATE contacts SET phone_home = 'тел. 8(912)000-00-07 (моб.)', phone_other = '8 912 000 00 08; 8 (495) 123-45-67', phone_fax = 'факс нет', phone_mobile = '+7 912 345 67 89 доб. 12' WHERE id = '$ivan'");
$index->reindex('Contacts', $ivan);
echo implode("\n", of($dsn, $ivan)), "\n";
show($index->rebuild());
// The converted lead (converted = 1) and the deleted lead are not in the index; a lead marked
// only by status 'Converted' is not either.
crmguard_test_sql($dsn, "UPDATE leads SET status = 'Converted' WHERE id = '51ac1777-db50-5ff4-ad67-d4d02017c98f'");
$index->reindex('Leads', '51ac1777-db50-5ff4-ad67-d4d02017c98f');
var_dump(crmguard_test_sql($dsn, "SELECT COUNT(*) n FROM crmguard_phone WHERE entity_type = 'Leads'")[0]['n']);
crmguard_test_sql($dsn, "UPDATE leads SET status = 'New', converted = 0, deleted = 0 WHERE id = 'e8e51bc1-f5e6-5043-98a7-47b419f055ff'");
$index->reindex('Leads', 'e8e51bc1-f5e6-5043-98a7-47b419f055ff');
echo implode("\n", of($dsn, 'e8e51bc1-f5e6-5043-98a7-47b419f055ff')), "\n";
try {
    new CrmGuard\PhoneIndex($db, 'bitrix');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
== EspoCRM
bool(true)
{"records":8,"phones":10,"invalid":0,"invalid_sample":[],"method":"load_data"}
Account 6955ff7309aab8a8b +74951234567 phoneNumber
Account 69560d8a0b99a693a +78125551234 phoneNumber
Account 69561ba10d8899d60 +78002000000 phoneNumber
Contact 695629b80f778a9f7 +74951234567 phoneNumber
Contact 695629b80f778a9f7 +79123456789 phoneNumber
Contact 695637cf116679ab6 +79031234567 phoneNumber
Contact 695645e6135560a3d +14155550100 phoneNumber
Contact 695645e6135560a3d +79160001122 phoneNumber
Contact 695653fd15445cb75 +79161234567 phoneNumber
Lead 6956621417334377f +79991112233 phoneNumber
{"records":9,"phones":13,"invalid":2,"invalid_sample":[{"entity_type":"Contact","entity_id":"c-messy","field":"phoneNumber","value":"нет"},{"entity_type":"Contact","entity_id":"c-messy","field":"phoneNumber","value":"123"}],"method":"load_data"}
+74957654321 phoneNumber
+79120000007 phoneNumber
+79120000008 phoneNumber
+79120000099 phoneNumber
array(0) {
}
int(1)
array(0) {
}
CrmGuard\PhoneIndex::reindex(): Argument #1 ($entityType) must be one of "Lead", "Contact", "Account" for espocrm
int(0)
int(1)
phone index rebuild failed, the previous index is unchanged: reading the CRM's records (DSN): [1146] Table 'crmguard_t_phone_index_espocrm.lead' doesn't exist
bool(true)
array(2) {
  [0]=>
  array(1) {
    ["Tables_in_crmguard_t_phone_index_espocrm (crmguard_phone%)"]=>
    string(14) "crmguard_phone"
  }
  [1]=>
  array(1) {
    ["Tables_in_crmguard_t_phone_index_espocrm (crmguard_phone%)"]=>
    string(20) "crmguard_phone_dirty"
  }
}
== SuiteCRM
phone index rebuild failed, the previous index is unchanged: the phone index table crmguard_phone is missing (run `crmguard schema apply` first): query failed (DSN): [1146] Table 'crmguard_t_phone_index_suitecrm.crmguard_phone' doesn't exist
cli: exit 0 
{"records":8,"phones":13,"invalid":0,"invalid_sample":[],"method":"load_data"}
Accounts 17089722-4b56-510a-a903-937789177f6f +78125551234 phone_office
Accounts 4ea1849f-8bb4-5469-b0d3-0befcf59e6b2 +73430000000 phone_fax
Accounts 4ea1849f-8bb4-5469-b0d3-0befcf59e6b2 +73433112233 phone_alternate
Accounts 4ea1849f-8bb4-5469-b0d3-0befcf59e6b2 +78002000000 phone_office
Accounts 5ddfddb8-c8d7-500a-89c3-36de29d59e46 +74951234567 phone_office
Contacts 97bf886f-3e85-505b-91a4-f5eb311f4d12 +79031234567 phone_mobile
Contacts 9b56a967-5c04-5b49-84a9-106b0f3155b3 +79161234567 phone_home
Contacts ba13b875-508c-588c-8652-2feebd356eaf +14155550100 phone_work
Contacts ba13b875-508c-588c-8652-2feebd356eaf +79160001122 phone_mobile
Contacts bb2d0741-fa0b-5dc8-972a-c958695301c1 +74951234567 phone_work
Contacts bb2d0741-fa0b-5dc8-972a-c958695301c1 +79123456789 phone_mobile
Leads 51ac1777-db50-5ff4-ad67-d4d02017c98f +78432001010 phone_work
Leads 51ac1777-db50-5ff4-ad67-d4d02017c98f +79991112233 phone_mobile
+74951234567 phone_work
+79120000007 phone_home
+79120000008 phone_other
+79123456789 phone_mobile
{"records":8,"phones":15,"invalid":1,"invalid_sample":[{"entity_type":"Contacts","entity_id":"bb2d0741-fa0b-5dc8-972a-c958695301c1","field":"phone_fax","value":"факс нет"}],"method":"load_data"}
string(1) "0"
+79031234567 phone_mobile
CrmGuard\PhoneIndex::__construct(): Argument #2 ($crm) must be "espocrm" or "suitecrm"