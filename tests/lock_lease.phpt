--TEST--
crmguard_lock: the import and phone-index rebuild locks are leases: a live lease of another holder blocks (the rebuild fails, the import waits for it to run out), an expired one (a killed holder) is taken over, and the holder's row is gone when it is done
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    [$dsn, $db] = import_test_db($crm, 'lock_lease');
    $rows = static fn() => crmguard_test_sql($dsn, 'SELECT name, holder FROM crmguard_lock ORDER BY name');
    printf("after the first rebuild: %s\n", json_encode($rows()));

    // A rebuild on another node (or a process still working) holds the lease.
    crmguard_test_sql($dsn, "INSERT INTO crmguard_lock VALUES ('phone_rebuild', 'other/1', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 HOUR, 'elsewhere', 'crmguard@localhost', 1)");
    try {
        (new CrmGuard\PhoneIndex($db, $crm))->rebuild();
        echo "rebuild under a live lease: ran\n";
    } catch (Throwable $e) {
        echo "rebuild under a live lease: ", str_contains($e->getMessage(), 'another rebuild') ? 'refused, another rebuild is running' : $e->getMessage(), "\n";
    }
    // A live lease whose holder's connection to this same server is gone (a killed process): free at once, as GET_LOCK.
    crmguard_test_sql($dsn, "UPDATE crmguard_lock SET server = LEFT(CONCAT(@@hostname, ':', @@port, ':', @@socket), 255), account = CURRENT_USER(), connection_id = 4000000000 WHERE name = 'phone_rebuild'");
    $r = (new CrmGuard\PhoneIndex($db, $crm))->rebuild();
    printf("rebuild when the holder's connection to this server is gone: %s phones; locks left: %s\n", $r['phones'] > 0 ? 'some' : 'no', json_encode($rows()));
    crmguard_test_sql($dsn, "INSERT INTO crmguard_lock VALUES ('phone_rebuild', 'other/1', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 HOUR, 'elsewhere', 'crmguard@localhost', 1)");
    // Its holder was killed an hour ago: the lease ran out.
    crmguard_test_sql($dsn, "UPDATE crmguard_lock SET lease_until = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE name = 'phone_rebuild'");
    $r = (new CrmGuard\PhoneIndex($db, $crm))->rebuild();
    printf("rebuild after the lease ran out: %s phones; locks left: %s\n", $r['phones'] > 0 ? 'some' : 'no', json_encode($rows()));

    // An import whose holder was killed: an expired 'import' row.
    $csv = import_tmp("list-$crm.csv");
    file_put_contents($csv, "Name,Phone\nАнна Лизина,8 912 700 00 01\nБорис Рябов,8 912 700 00 02\n");
    crmguard_test_sql($dsn, "INSERT INTO crmguard_lock VALUES ('import', 'killed/2', UTC_TIMESTAMP(6) - INTERVAL 2 MINUTE, UTC_TIMESTAMP(6) - INTERVAL 1 SECOND, 'elsewhere', 'crmguard@localhost', 1)");
    $r = (new CrmGuard\Importer($db, $crm, ["assign" => "alexey.smirnov"]))->run($csv);
    printf("import over an expired lease: created %d; locks left: %s\n", $r['contacts_created'], json_encode($rows()));

    // A live import lease of 3 s more: the import waits for it, then takes it.
    file_put_contents($csv, "Name,Phone\nВера Орлова,8 912 700 00 03\n");
    crmguard_test_sql($dsn, "INSERT INTO crmguard_lock VALUES ('import', 'working/3', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 3 SECOND, 'elsewhere', 'crmguard@localhost', 1)");
    $t0 = microtime(true);
    $r = (new CrmGuard\Importer($db, $crm, ["assign" => "alexey.smirnov"]))->run($csv);
    $waited = microtime(true) - $t0;
    printf("import under a live 3 s lease: created %d after waiting 2.5-10 s: %s; locks left: %s\n", $r['contacts_created'],
        json_encode($waited >= 2.5 && $waited < 10), json_encode($rows()));
}
?>
--EXPECT--
== espocrm
after the first rebuild: []
rebuild under a live lease: refused, another rebuild is running
rebuild when the holder's connection to this server is gone: some phones; locks left: []
rebuild after the lease ran out: some phones; locks left: []
import over an expired lease: created 2; locks left: []
import under a live 3 s lease: created 1 after waiting 2.5-10 s: true; locks left: []
== suitecrm
after the first rebuild: []
rebuild under a live lease: refused, another rebuild is running
rebuild when the holder's connection to this server is gone: some phones; locks left: []
rebuild after the lease ran out: some phones; locks left: []
import over an expired lease: created 2; locks left: []
import under a live 3 s lease: created 1 after waiting 2.5-10 s: true; locks left: []
