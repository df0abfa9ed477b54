--TEST--
CrmGuard\Connection: DbException for a wrong password, an unknown database, a missing server socket and a malformed DSN, never showing the password
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
$dsn = crmguard_test_db('suitecrm', ['schema.sql']);
$secret = 'Pa55-w0rd-very-secret';
$socket = crmguard_test_env('CRMGUARD_TEST_SOCKET');
$db = crmguard_test_db_name($dsn);
$cases = [
    'wrong password' => "mysql://crmguard:$secret@localhost/$db?socket=$socket",
    'unknown database' => "mysql://crmguard:crmguard-dev@localhost/crmguard_no_such_db?socket=$socket",
    'unknown user' => "mariadb://nobody:$secret@localhost/$db?socket=$socket",
    'server socket missing' => "mysql://crmguard:$secret@localhost/$db?socket=" . dirname($socket) . '/no-server.sock',
    'server down (TCP)' => "mysql://crmguard:$secret@127.0.0.1:1/$db",
    'malformed: scheme' => "postgres://crmguard:$secret@localhost/db",
    'malformed: port' => "mysql://crmguard:$secret@localhost:99999/db",
    'malformed: no database' => "mysql://crmguard:$secret@localhost/",
    'malformed: option' => "mysql://crmguard:$secret@localhost/db?sslmode=on",
    'malformed: encoding' => "mysql://crmguard:$secret%zz@localhost/db",
];
foreach ($cases as $what => $d) {
    try {
        new CrmGuard\Connection($d, ['persistent' => false]);
        echo "$what: connected?!\n";
    } catch (CrmGuard\DbException $e) {
        $shown = $e->getMessage() . "\n" . $e->getTraceAsString() . "\n" . $e;
        echo "$what: ", $e->getCode(), ' ', str_replace([$socket, dirname($socket), $db], ['SOCK', 'DIR', 'DB'], $e->getMessage()), "\n";
        if (str_contains($shown, $secret) || str_contains($shown, 'crmguard-dev') || str_contains($shown, 'very-secret')) {
            echo "  PASSWORD SHOWN\n";
        }
    }
}
// Persistent connections fail the same way.
try {
    new CrmGuard\Connection($cases['wrong password'], ['persistent' => true]);
} catch (CrmGuard\DbException $e) {
    echo 'persistent: ', $e->getCode(), "\n";
}
// A good DSN connects.
$c = new CrmGuard\Connection($dsn);
var_dump($c->query('SELECT DATABASE() AS db')[0]['db'] === $db);
?>
--EXPECTF--
wrong password: 1045 cannot connect (mysql://crmguard@localhost/DB?socket=SOCK): [1045] Access denied for user 'crmguard'@'localhost' (using password: YES)
unknown database: 1049 cannot connect (mysql://crmguard@localhost/crmguard_no_such_db?socket=SOCK): [1049] Unknown database 'crmguard_no_such_db'
unknown user: 1045 cannot connect (mysql://nobody@localhost/DB?socket=SOCK): [1045] Access denied for user 'nobody'@'localhost' (using password: YES)
server socket missing: 2002 cannot connect (mysql://crmguard@localhost/DB?socket=DIR/no-server.sock): [2002] Can't connect to local server through socket 'DIR/no-server.sock' (2)
server down (TCP): 2002 cannot connect (mysql://crmguard@127.0.0.1:1/DB): [2002] Can't connect to server on '127.0.0.1' (%d)
malformed: scheme: 0 invalid database address: it must start with mysql:// or mariadb:// (expected mysql://user:password@host:port/database?socket=/path)
malformed: port: 0 invalid database address: the port is not a number from 1 to 65535 (expected mysql://user:password@host:port/database?socket=/path)
malformed: no database: 0 invalid database address: the database name is missing (expected mysql://user:password@host:port/database?socket=/path)
malformed: option: 0 invalid database address: unknown query parameter (known: socket, charset) (expected mysql://user:password@host:port/database?socket=/path)
malformed: encoding: 0 invalid database address: the password is malformed or too long (expected mysql://user:password@host:port/database?socket=/path)
persistent: 1045
bool(true)
