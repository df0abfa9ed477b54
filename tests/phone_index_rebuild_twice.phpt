--TEST--
CrmGuard\PhoneIndex: rebuilds one right after another in one process (a reinstall, a script) all succeed: each releases its lock
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';

foreach (['espocrm', 'suitecrm'] as $crm) {
    $dsn = crmguard_test_db($crm);
    $db = new CrmGuard\Connection($dsn);
    CrmGuard\Schema::apply($db, $crm);
    $phones = [];
    for ($i = 0; $i < 5; $i++) {
        $phones[] = (new CrmGuard\PhoneIndex($db, $crm))->rebuild()['phones'];
    }
    $indexed = (int) crmguard_test_sql($dsn, 'SELECT COUNT(*) n FROM crmguard_phone')[0]['n'];
    $held = crmguard_test_sql($dsn, "SELECT COUNT(*) h FROM crmguard_lock WHERE name = 'phone_rebuild'")[0]['h'];
    printf("%s: 5 rebuilds, same count each time: %s, index rows = reported phones: %s, lock held after: %s\n",
        $crm, json_encode(count(array_unique($phones)) === 1 && $phones[0] > 0),
        json_encode($indexed === $phones[0]), json_encode($held !== '0'));
}
?>
--EXPECT--
espocrm: 5 rebuilds, same count each time: true, index rows = reported phones: true, lock held after: false
suitecrm: 5 rebuilds, same count each time: true, index rows = reported phones: true, lock held after: false
