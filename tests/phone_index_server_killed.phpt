--TEST--
CrmGuard\PhoneIndex: the database server killed (kill -9) in the middle of a rebuild gives a clear DbException and leaves the previous index intact; a server that is down gives a DbException
--EXTENSIONS--
crmguard
mysqli
--SKIPIF--
<?php
// run-tests -m runs valgrind with --trace-children=yes: the MariaDB server this test starts
// and kills would run under valgrind too (minutes to start).  The plain run covers it.
if (getenv('USE_ZEND_ALLOC') === '0') {
    die('skip starts its own mariadbd, which valgrind would trace (run scripts/test without CRMGUARD_VALGRIND)');
}
?>
--FILE--
<?php
/*
 * A second private MariaDB (scripts/dev-db with its own CRMGUARD_DB_DIR) that
 * this test may kill: the shared test server is never touched.
 */
require dirname(__DIR__) . '/src/Cli/autoload.php';
$root = dirname(__DIR__);
$dir = sys_get_temp_dir() . '/cgkill' . getmypid();
$env = 'CRMGUARD_DB_DIR=' . escapeshellarg($dir) . ' CRMGUARD_DB_BUFFER_POOL=64M CRMGUARD_DB_LOG_SIZE=48M ';
$devdb = $env . escapeshellarg("$root/scripts/dev-db");
function run(string $cmd): string
{
    exec("$cmd 2>&1", $out, $rc);
    if ($rc !== 0) {
        echo "FAILED ($rc): $cmd\n", implode("\n", $out), "\n";
        exit(1);
    }
    return implode("\n", $out);
}
register_shutdown_function(function () use ($devdb, $dir) {
    exec("$devdb stop >/dev/null 2>&1");
    exec('rm -rf ' . escapeshellarg($dir));
});

run("$devdb start --fixture suitecrm");
$socket = run("$devdb socket");
$dsn = "mysql://crmguard:crmguard-dev@localhost/suitecrm?socket=$socket";
$db = new CrmGuard\Connection($dsn);
CrmGuard\Schema::apply($db, 'suitecrm');
$index = new CrmGuard\PhoneIndex($db, 'suitecrm');
$first = $index->rebuild();
$old = $db->query('SELECT * FROM crmguard_phone ORDER BY entity_type, entity_id, e164');
echo "old index: ", count($old), " rows\n";

// Enough contacts that the rebuild runs for a while.
$db->exec("INSERT INTO contacts (id, deleted, first_name, last_name, phone_mobile, phone_work)
    SELECT CONCAT('k', LPAD(HEX(seq), 7, '0'), '-0000-4000-8000-000000000000'), 0, 'K', seq,
           CONCAT('8 (9', LPAD(seq % 100, 2, '0'), ') ', LPAD(seq % 1000, 3, '0'), '-', LPAD(seq % 10000, 4, '0')),
           CONCAT('+7 343 ', LPAD(seq, 7, '0')) FROM seq_1_to_200000");

// The rebuild runs in a child process; the server is killed once the new table has rows.
$child = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . ini_get('extension_dir') . '/crmguard.so', '-r',
    'try { (new CrmGuard\PhoneIndex(new CrmGuard\Connection($argv[1]), "suitecrm"))->rebuild(); echo "finished\n"; }
     catch (CrmGuard\DbException $e) { echo get_class($e), " ", $e->getCode(), ": ", $e->getMessage(), "\n"; }', $dsn],
    [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$watch = new mysqli('localhost', 'crmguard', 'crmguard-dev', 'suitecrm', 0, $socket);
// The rows of the LOAD DATA are visible before it commits: the kill lands in the middle of the load.
$watch->query('SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED');
$killed = false;
for ($i = 0; $i < 3000 && !$killed; $i++) {
    usleep(10000);
    try {
        $n = $watch->query('SELECT COUNT(*) FROM crmguard_phone_build')->fetch_row()[0];
    } catch (mysqli_sql_exception $e) {
        continue; // not created yet
    }
    if ($n > 0) {
        $pid = (int) trim(file_get_contents("$dir/mysqld.pid"));
        exec("kill -9 $pid");
        $killed = true;
    }
}
echo $killed ? "server killed during the rebuild\n" : "the rebuild ended before the kill\n";
$out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
proc_close($child);
echo preg_replace('/\(mysql:[^)]*\)/', '(DSN)', trim($out)), "\n";
var_dump(str_contains($out, 'crmguard-dev'));

// While the server is down: a clear DbException, for a new connection and for the old one.
usleep(300000);
try {
    new CrmGuard\Connection($dsn);
} catch (CrmGuard\DbException $e) {
    echo 'down: ', $e->getCode(), ' ', str_replace($socket, 'SOCK', $e->getMessage()), "\n";
}
try {
    $index->rebuild();
} catch (CrmGuard\DbException $e) {
    echo 'down: ', $e->getCode(), ' ', str_replace($socket, 'SOCK', $e->getMessage()), "\n";
}

// After the restart (InnoDB recovery) the old index is there, row for row; the next rebuild works
// and clears what the killed one left.
run("$devdb start");
$db = new CrmGuard\Connection($dsn);
var_dump($db->query('SELECT * FROM crmguard_phone ORDER BY entity_type, entity_id, e164') === $old);
$r = (new CrmGuard\PhoneIndex($db, 'suitecrm'))->rebuild();
echo "rebuilt: ", $r['records'] - $first['records'], " more records, ", $r['phones'] - $first['phones'], " more phones\n";
var_dump($db->query("SHOW TABLES LIKE 'crmguard_phone%'"));
echo "method: $r[method]\n";

// A server with local_infile=OFF: the same index through multi-row INSERTs.
$sum = "SELECT COUNT(*) AS n, SUM(CRC32(CONCAT_WS(',', entity_type, entity_id, e164, source_field))) AS crc FROM crmguard_phone";
$rows = $db->query($sum);
run("$devdb sql --root -e 'SET GLOBAL local_infile = 0'");
$r2 = (new CrmGuard\PhoneIndex(new CrmGuard\Connection($dsn), 'suitecrm'))->rebuild();
echo "local_infile=OFF: method $r2[method], same rows: ";
var_dump($r2['phones'] === $r['phones'] && $db->query($sum) === $rows);
// ... and an import through multi-row INSERTs, its rows complete.
$csv = "$dir/list.csv";
file_put_contents($csv, "ФИО,Телефон,Компания,Комментарий\nИванов Иван,8 912 555-00-01,ООО \"Тест\",\"две\tстроки\nи \\ черта\"\nПетров Пётр,8 912 555-00-02,,\n");
$imp = (new CrmGuard\Importer(new CrmGuard\Connection($dsn), 'suitecrm', ['assign' => 'alexey.smirnov']))->run($csv);
echo "import with local_infile=OFF: $imp[write_method], $imp[contacts_created] contacts; ";
echo json_encode($db->query("SELECT c.last_name, c.description, COUNT(DISTINCT o.id) AS deals, COUNT(DISTINCT t.id) AS tasks
    FROM contacts c JOIN opportunities_contacts oc ON oc.contact_id = c.id JOIN opportunities o ON o.id = oc.opportunity_id
    JOIN tasks t ON t.contact_id = c.id WHERE c.phone_mobile IN ('+79125550001', '+79125550002') GROUP BY c.id ORDER BY c.last_name"),
    JSON_UNESCAPED_UNICODE), "\n";
run("$devdb sql --root -e 'SET GLOBAL local_infile = 1'");
// The same list (other numbers) through LOAD DATA: the same rows.
file_put_contents($csv, str_replace('555-00-0', '555-00-1', file_get_contents($csv)));
$imp = (new CrmGuard\Importer(new CrmGuard\Connection($dsn), 'suitecrm', ['assign' => 'alexey.smirnov']))->run($csv);
echo "import with local_infile=ON: $imp[write_method], $imp[contacts_created] contacts; ";
echo json_encode($db->query("SELECT c.last_name, c.description, COUNT(DISTINCT o.id) AS deals, COUNT(DISTINCT t.id) AS tasks
    FROM contacts c JOIN opportunities_contacts oc ON oc.contact_id = c.id JOIN opportunities o ON o.id = oc.opportunity_id
    JOIN tasks t ON t.contact_id = c.id WHERE c.phone_mobile IN ('+79125550011', '+79125550012') GROUP BY c.id ORDER BY c.last_name"),
    JSON_UNESCAPED_UNICODE), "\n";
$cols = 's.securitygroup_id, s.module, LENGTH(s.id) AS id_length, s.deleted';
var_dump($db->query("SELECT $cols FROM securitygroups_records s JOIN contacts c ON c.id = s.record_id WHERE c.phone_mobile = '+79125550001'")
    === $db->query("SELECT $cols FROM securitygroups_records s JOIN contacts c ON c.id = s.record_id WHERE c.phone_mobile = '+79125550011'"));

// crmguard's connections send no file the server asks for, whoever wrote the LOAD DATA LOCAL.
$db->exec('CREATE TABLE lines_read (line TEXT)');
try {
    $db->exec("LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE lines_read");
    echo "LOAD DATA LOCAL of /etc/passwd was not refused\n";
} catch (CrmGuard\DbException $e) {
    echo 'refused: ', preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $e->getMessage()), "\n";
}
var_dump($db->query('SELECT COUNT(*) AS n FROM lines_read')[0]['n']);
?>
--EXPECTF--
old index: 13 rows
server killed during the rebuild
CrmGuard\DbException %d: phone index rebuild failed, the previous index is unchanged: %s(DSN): [%d] %s
bool(false)
down: 2002 cannot connect (mysql://crmguard@localhost/suitecrm?socket=SOCK): [2002] Can't connect to local server through socket 'SOCK' (%d)
down: 2002 phone index rebuild: cannot connect (mysql://crmguard@localhost/suitecrm?socket=SOCK): [2002] Can't connect to local server through socket 'SOCK' (%d)
bool(true)
rebuilt: 200000 more records, 400000 more phones
array(2) {
  [0]=>
  array(1) {
    ["Tables_in_suitecrm (crmguard_phone%)"]=>
    string(14) "crmguard_phone"
  }
  [1]=>
  array(1) {
    ["Tables_in_suitecrm (crmguard_phone%)"]=>
    string(20) "crmguard_phone_dirty"
  }
}
method: load_data
local_infile=OFF: method insert, same rows: bool(true)
import with local_infile=OFF: insert, 2 contacts; [{"last_name":"Иванов","description":"две\tстроки\nи \\ черта","deals":1,"tasks":1},{"last_name":"Петров","description":null,"deals":1,"tasks":1}]
import with local_infile=ON: load_data, 2 contacts; [{"last_name":"Иванов","description":"две\tстроки\nи \\ черта","deals":1,"tasks":1},{"last_name":"Петров","description":null,"deals":1,"tasks":1}]
bool(true)
refused: %s crmguard sends no local files (LOAD DATA LOCAL is refused on this connection)
int(0)
