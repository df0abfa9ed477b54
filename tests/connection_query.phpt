--TEST--
CrmGuard\Connection: query() and exec() with bound parameters, value types, execScript(), close()
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
$dsn = crmguard_test_db('espocrm');
$db = new CrmGuard\Connection($dsn);

// Rows as assoc arrays: ints for integer columns, null for NULL, strings for the rest.
var_dump($db->query('SELECT id, deleted, name, version_number, website FROM account WHERE id = ?', ['69560d8a0b99a693a']));
// Parameters of every type, through a prepared statement.
var_dump($db->query('SELECT ? AS n, ? AS i, ? AS f, ? AS s, ? AS t, ? AS b', [null, -42, 1.5, "O'Reilly \\ \"x\"", 'Ромашка', true]));
// A value that would be SQL if it were pasted in is only a value.
var_dump($db->query('SELECT COUNT(*) AS n FROM account WHERE name = ?', ["x' OR '1'='1"]));
var_dump($db->query('SELECT COUNT(*) AS n FROM account WHERE deleted = ?', [0]));
// Empty results, empty column lists.
var_dump($db->query('SELECT id FROM account WHERE id = ?', ['none']), $db->query('SELECT id FROM account WHERE 1 = 0'));
// Long values (more than the first fetch buffer).
$long = str_repeat('долгое описание ', 500);
var_dump($db->exec('UPDATE account SET description = ? WHERE id = ?', [$long, '69560d8a0b99a693a']));
var_dump($db->query('SELECT description FROM account WHERE id = ?', ['69560d8a0b99a693a'])[0]['description'] === $long);
var_dump($db->query('SELECT description FROM account WHERE id = \'69560d8a0b99a693a\'')[0]['description'] === $long);
// exec(): affected rows, read back through mysqli.
var_dump($db->exec("UPDATE account SET website = 'x' WHERE deleted = 0"));
var_dump($db->exec('UPDATE account SET website = ? WHERE id = ?', ['romashka.example', '6955ff7309aab8a8b']));
var_dump(crmguard_test_sql($dsn, "SELECT website FROM account WHERE id = '6955ff7309aab8a8b'"));
// Placeholders and values must agree; values must be scalars.
foreach ([['SELECT ?', []], ['SELECT ?', [1, 2]], ['SELECT ?', [[1]]]] as [$sql, $p]) {
    try {
        $p === [] ? $db->query($sql, [1, 2, 3]) : $db->query($sql, $p);
    } catch (CrmGuard\DbException | TypeError $e) {
        echo get_class($e), ': ', preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $e->getMessage()), "\n";
    }
}
// Server errors carry the server's message and number.
try {
    $db->query('SELECT nope FROM account');
} catch (CrmGuard\DbException $e) {
    echo $e->getCode(), ' ', preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $e->getMessage()), "\n";
}
// execScript(): several statements, quotes and comments kept, the failing statement named.
$db->execScript("CREATE TABLE crmguard_t1 (a INT, b VARCHAR(20)); -- a comment; with a semicolon\n"
    . "INSERT INTO crmguard_t1 VALUES (1, 'a;b'), (2, \"c'd\");\n/* ; */ INSERT INTO crmguard_t1 VALUES (3, '--');\n;\n");
var_dump(crmguard_test_sql($dsn, 'SELECT a, b FROM crmguard_t1 ORDER BY a'));
try {
    $db->execScript("INSERT INTO crmguard_t1 VALUES (4, 'd');\n\nINSERT INTO nowhere VALUES (1);\nINSERT INTO crmguard_t1 VALUES (5, 'e');");
} catch (CrmGuard\DbException $e) {
    echo preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $e->getMessage()), "\n";
}
var_dump(array_column(crmguard_test_sql($dsn, 'SELECT a FROM crmguard_t1 ORDER BY a'), 'a'));
// close(): later calls throw.
$db->close();
$db->close();
try {
    $db->query('SELECT 1');
} catch (CrmGuard\DbException $e) {
    echo $e->getMessage(), "\n";
}
try {
    clone $db;
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
try {
    serialize($db);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
try {
    new CrmGuard\Connection($dsn, ['persistant' => true]);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
array(1) {
  [0]=>
  array(5) {
    ["id"]=>
    string(17) "69560d8a0b99a693a"
    ["deleted"]=>
    int(0)
    ["name"]=>
    string(17) "ИП Петров"
    ["version_number"]=>
    int(1)
    ["website"]=>
    NULL
  }
}
array(1) {
  [0]=>
  array(6) {
    ["n"]=>
    NULL
    ["i"]=>
    int(-42)
    ["f"]=>
    string(3) "1.5"
    ["s"]=>
    string(14) "O'Reilly \ "x""
    ["t"]=>
    string(14) "Ромашка"
    ["b"]=>
    int(1)
  }
}
array(1) {
  [0]=>
  array(1) {
    ["n"]=>
    int(0)
  }
}
array(1) {
  [0]=>
  array(1) {
    ["n"]=>
    int(3)
  }
}
array(0) {
}
array(0) {
}
int(1)
bool(true)
bool(true)
int(3)
int(1)
array(1) {
  [0]=>
  array(1) {
    ["website"]=>
    string(16) "romashka.example"
  }
}
CrmGuard\DbException: query failed (DSN): the statement has 1 '?' placeholders but 3 values were given
CrmGuard\DbException: query failed (DSN): the statement has 1 '?' placeholders but 2 values were given
TypeError: CrmGuard\Connection::query(): Argument #2 ($params) must hold only null, bool, int, float or string values, array given at position 0
1054 query failed (DSN): [1054] Unknown column 'nope' in 'SELECT'
array(3) {
  [0]=>
  array(2) {
    ["a"]=>
    string(1) "1"
    ["b"]=>
    string(3) "a;b"
  }
  [1]=>
  array(2) {
    ["a"]=>
    string(1) "2"
    ["b"]=>
    string(3) "c'd"
  }
  [2]=>
  array(2) {
    ["a"]=>
    string(1) "3"
    ["b"]=>
    string(2) "--"
  }
}
statement 2 (line 3): query failed (DSN): [1146] Table 'crmguard_t_connection_query_espocrm.nowhere' doesn't exist
array(4) {
  [0]=>
  string(1) "1"
  [1]=>
  string(1) "2"
  [2]=>
  string(1) "3"
  [3]=>
  string(1) "4"
}
the connection is closed
Trying to clone an uncloneable object of class CrmGuard\Connection
Serialization of 'CrmGuard\Connection' is not allowed
CrmGuard\Connection::__construct(): Argument #2 ($options) has an unknown option "persistant" (known: persistent)
