--TEST--
Read DSN on a replica (issue 18): a lookup through --read-db gives the primary's card once caught up; a lagging replica (SQL thread stopped) sends the read to the primary and says why; report, audit and qc-sample read the same through --read-db; CRMGUARD_READ_DB, Guard and the CRM config keys
--EXTENSIONS--
crmguard
mysqli
--SKIPIF--
<?php
// run-tests -m runs valgrind with --trace-children=yes: the two MariaDB servers this test starts
// would run under valgrind too (minutes to start).  scripts/test runs it again without valgrind.
if (getenv('USE_ZEND_ALLOC') === '0') {
    die('skip starts its own mariadbd pair, which valgrind would trace (run scripts/test without CRMGUARD_VALGRIND)');
}
require __DIR__ . '/read_replica.inc';
exec(read_replica_devdb() . ' replica start 2>&1', $out, $rc);
if ($rc !== 0) {
    exec(read_replica_devdb() . ' replica stop >/dev/null 2>&1');
    die('skip cannot start a primary + replica pair with scripts/dev-db replica start: ' . implode(' | ', array_slice($out, -3)));
}
?>
--FILE--
<?php
require __DIR__ . '/read_replica.inc';
$env = read_replica_env();
putenv('CRMGUARD_TEST_SOCKET=' . $env['CRMGUARD_TEST_PRIMARY_SOCKET']); // the scratch database on the primary
require __DIR__ . '/lookup.inc';
require __DIR__ . '/cli.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';

// The fixture, a contact with a phone and the phone index: all on the primary.
$p = crmguard_test_db('espocrm');
$r = str_replace($env['CRMGUARD_TEST_PRIMARY_SOCKET'], $env['CRMGUARD_TEST_REPLICA_SOCKET'], $p);
$db = new CrmGuard\Connection($p);
CrmGuard\Schema::apply($db, 'espocrm');
$f = new LookupFixture('espocrm', $p);
$f->user('u-me', 'Иван', 'Звонарёв');
$f->user('u-olga', 'Ольга', 'Петрова');
$f->account('a-red', 'Ромашка', 'u-olga', 'in_work');
$f->contact('c-one', 'Пётр', 'Один', 'u-me', ['8 912 000 00 02'], ['a-red']);
[$rc, $out] = crmguard_cli(['index', 'rebuild', '--crm', 'espocrm', '--db', $p]);
echo "index rebuild on the primary: exit $rc\n";
// A read user without SLAVE MONITOR: it cannot see that replication is stopped, only wait.
read_replica_sql('primary', "CREATE USER 'crmguard_nomon'@'localhost' IDENTIFIED BY 'nomon';"
    . " GRANT SELECT ON `crmguard\\_%`.* TO 'crmguard_nomon'@'localhost'");
$rNomon = preg_replace('#^mysql://[^@]+@#', 'mysql://crmguard_nomon:nomon@', $r);

$common = ['--crm', 'espocrm', '--db', $p];
function card(array $args, array $env = []): array
{
    [$rc, $out, $err] = crmguard_cli(['lookup', '--caller', 'u-me', '--json', ...$args], '', true, $env);
    $card = json_decode($out, true);
    if ($rc !== 0 || !is_array($card)) {
        echo "lookup failed: exit $rc\n$out$err";
        exit(1);
    }
    return [$card, $err];
}
function same(array $replicaCard, array $primaryCard): string
{
    unset($replicaCard['read_from'], $replicaCard['read_note']);
    return $replicaCard === $primaryCard ? 'same card as the primary' : "DIFFERENT:\n" . json_encode($replicaCard) . "\n" . json_encode($primaryCard);
}

echo "\n-- caught up: the replica answers, the card is the primary's\n";
[$onPrimary] = card(['89120000002', ...$common]);
[$card, $err] = card(['89120000002', ...$common, '--read-db', $r]);
echo "{$card['color']} read_from {$card['read_from']}, stderr: ", json_encode($err), "; ", same($card, $onPrimary), "\n";
echo 'read_from without --read-db: ', json_encode(array_key_exists('read_from', $onPrimary)), "\n";

echo "\n-- SQL thread stopped, a new phone on the primary\n";
read_replica_sql('replica', 'STOP REPLICA SQL_THREAD');
$f->contact('c-two', 'Анна', 'Вторая', 'u-olga', ['8 912 000 00 03'], ['a-red']);
(new CrmGuard\PhoneIndex($db, 'espocrm'))->reindex('Contact', 'c-two');
$onReplica = (new CrmGuard\Connection($r))->query("SELECT COUNT(*) AS n FROM crmguard_phone WHERE e164 = '79120000003'")[0]['n'];
echo "the replica has the new phone: ", $onReplica ? 'yes' : 'no', "\n";
[$onPrimary] = card(['89120000003', ...$common]);
[$card, $err] = card(['89120000003', ...$common, '--read-db', $r, '--max-lag', '1']);
echo "{$card['color']} read_from {$card['read_from']}: {$card['read_note']}\nstderr: $err", same($card, $onPrimary), "\n";
[$card, $err] = card(['89120000003', ...$common, '--read-db', $rNomon, '--max-lag', '1']);
echo "read user without SLAVE MONITOR: {$card['color']} read_from {$card['read_from']}\nstderr: ",
    preg_replace('/GTID [0-9-]+(,[0-9-]+)*/', 'GTID P', $err), same($card, $onPrimary), "\n";
// The old number too: the replica has it, but the primary has committed more since.
[$card] = card(['89120000002', ...$common, '--read-db', $r, '--max-lag', '0']);
echo "an unchanged number, --max-lag 0: read_from {$card['read_from']}\n";

echo "\n-- SQL thread started again: the replica catches up within --max-lag and answers\n";
read_replica_sql('replica', 'START REPLICA SQL_THREAD');
[$card, $err] = card(['89120000003', ...$common, '--read-db', $r, '--max-lag', '30']);
echo "{$card['color']} read_from {$card['read_from']}, stderr: ", json_encode($err), "; ", same($card, $onPrimary), "\n";
[$card, $err] = card(['89120000003', ...$common], ['CRMGUARD_READ_DB' => $r]);
echo "CRMGUARD_READ_DB: read_from {$card['read_from']}\n";

[$card, $err] = card(['89120000003', ...$common, '--read-db', 'mysql://crmguard:x@localhost/nowhere?socket=/nonexistent/mysqld.sock']);
echo "replica unreachable: {$card['color']} read_from {$card['read_from']}\nstderr: $err";

echo "\n-- report, audit and qc-sample: the same JSON through --read-db\n";
foreach ([['report', '--json', '--since', '2020-01-01', '--until', '2030-12-31'], ['audit', '--json'],
          ['qc-sample', '--json', '--seed', '7', '--since', '2020-01-01', '--until', '2030-12-31']] as $cmd) {
    [$rc1, $out1, $err1] = crmguard_cli([...$cmd, ...$common]);
    [$rc2, $out2, $err2] = crmguard_cli([...$cmd, ...$common, '--read-db', $r]);
    printf("%s: exit %d/%d, %s, stderr %s, %d bytes\n", $cmd[0], $rc1, $rc2, $out1 === $out2 ? 'same JSON' : 'DIFFERENT JSON',
        json_encode($err1 . $err2), strlen($out1));
}
// A writing run reads and writes on --db, whatever --read-db says.
[$rc, $out, $err] = crmguard_cli(['qc-sample', '--json', '--seed', '7', '--create-tasks', '--qc-user', 'u-me', ...$common, '--read-db', $rNomon]);
echo "qc-sample --create-tasks with --read-db: exit $rc, stderr ", json_encode($err), "\n";

echo "\n-- the CRM packages' side: Guard and the config keys\n";
CrmGuard\Crm\Guard::reset();
$card = (new CrmGuard\Crm\Guard('espocrm', $p, [], $r, 5.0))->callCard('89120000003', 'u-me');
echo "Guard with a replica: {$card['color']} read_from {$card['read_from']}\n";
$card = (new CrmGuard\Crm\Guard('espocrm', $p, [], $p, 5.0))->callCard('89120000003', 'u-me');
echo "Guard whose replica is the primary: read_from {$card['read_from']}: {$card['read_note']}\n";
$card = (new CrmGuard\Crm\Guard('espocrm', $r, [], $p, 5.0))->callCard('89120000003', 'u-me');
echo "Guard whose primary writes no binary log: read_from {$card['read_from']}: {$card['read_note']}\n";
$card = (new CrmGuard\Crm\Guard('espocrm', $p))->callCard('89120000003', 'u-me');
echo 'Guard without a replica: read_from ', json_encode($card['read_from'] ?? null), "\n";
$espo = ['database' => ['host' => 'localhost', 'dbname' => 'espo', 'user' => 'u', 'password' => 'p w', 'socket' => '/run/p.sock']];
echo CrmGuard\CrmConfig::readDsnFromEspoConfig($espo + ['crmguardReadDatabase' => ['socket' => '/run/r.sock']]), "\n";
echo CrmGuard\CrmConfig::readDsnFromEspoConfig($espo + ['crmguardReadDatabase' => ['host' => '10.0.0.2', 'port' => 3306]]), "\n";
echo json_encode(CrmGuard\CrmConfig::readDsnFromEspoConfig($espo)), "\n";
$suite = ['dbconfig' => ['db_host_name' => '10.0.0.1', 'db_name' => 'suite', 'db_user_name' => 'u', 'db_password' => 'p']];
echo CrmGuard\CrmConfig::readDsnFromSuiteConfig($suite + ['crmguard_read_db' => ['db_host_name' => '10.0.0.3:3307']]), "\n";
echo CrmGuard\CrmConfig::readDsnFromSuiteConfig($suite + ['crmguard_read_db' => 'mysql://u:p@localhost/suite?socket=/run/r.sock']), "\n";

echo "\n-- usage\n";
[$rc, , $err] = crmguard_cli(['lookup', '89120000003', '--caller', 'u-me', ...$common, '--read-db', $r, '--max-lag', 'soon']);
echo "exit $rc: ", strtok($err, "\n"), "\n";
[$rc, , $err] = crmguard_cli(['index', 'rebuild', ...$common, '--read-db', $r]);
echo "exit $rc: ", strtok($err, "\n"), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/read_replica.inc';
exec(read_replica_devdb() . ' replica stop >/dev/null 2>&1');
exec('rm -rf ' . escapeshellarg(read_replica_dir()));
?>
--EXPECTF--
index rebuild on the primary: exit 0

-- caught up: the replica answers, the card is the primary's
red read_from replica, stderr: ""; same card as the primary
read_from without --read-db: false

-- SQL thread stopped, a new phone on the primary
the replica has the new phone: no
red read_from primary: replication is not running on the replica (I/O thread: Yes, SQL thread: No)
stderr: crmguard: reading from the primary: replication is not running on the replica (I/O thread: Yes, SQL thread: No)
same card as the primary
read user without SLAVE MONITOR: red read_from primary
stderr: crmguard: reading from the primary: the replica is more than 1 s behind the primary (it has not applied GTID P)
same card as the primary
an unchanged number, --max-lag 0: read_from primary

-- SQL thread started again: the replica catches up within --max-lag and answers
red read_from replica, stderr: ""; same card as the primary
CRMGUARD_READ_DB: read_from replica
replica unreachable: red read_from primary
stderr: crmguard: reading from the primary: the replica cannot be read: %s

-- report, audit and qc-sample: the same JSON through --read-db
report: exit 0/0, same JSON, stderr "", %d bytes
audit: exit 0/0, same JSON, stderr "", %d bytes
qc-sample: exit 0/0, same JSON, stderr "", %d bytes
qc-sample --create-tasks with --read-db: exit 0, stderr ""

-- the CRM packages' side: Guard and the config keys
Guard with a replica: red read_from replica
Guard whose replica is the primary: read_from primary: the read database is the primary itself (same server_id 1)
Guard whose primary writes no binary log: read_from primary: the primary writes no binary log, so the replica cannot be shown to be up to date
Guard without a replica: read_from null
mysql://u:p%20w@localhost/espo?socket=/run/r.sock
mysql://u:p%20w@10.0.0.2:3306/espo
null
mysql://u:p@10.0.0.3:3307/suite
mysql://u:p@localhost/suite?socket=/run/r.sock

-- usage
exit 2: crmguard: --max-lag: the replica lag limit must be a number of seconds, 0 to 3600, not "soon"
exit 2: crmguard: unknown option '--read-db'
