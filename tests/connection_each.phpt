--TEST--
CrmGuard\Connection::each(): rows given one at a time as query() returns them, while they stream (memory flat in the result's size), bound values, an exception from the callable stops the reading and comes out, the connection stays usable, SQL errors as DbException
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
$dsn = crmguard_test_db('suitecrm', ['schema.sql']);
$db = new CrmGuard\Connection($dsn);

// The same rows, in the same shapes, as query().
$sql = 'SELECT seq AS n, CONCAT("row ", seq) AS label, IF(seq % 3 = 0, NULL, seq * 2) AS twice FROM seq_1_to_1000 WHERE seq > ?';
$given = [];
$count = $db->each($sql, [10], function (array $row) use (&$given) { $given[] = $row; });
var_dump($count, $given === $db->query($sql, [10]), $given[0]);

// 300,000 rows: counted one at a time, memory does not follow them.
$before = memory_get_usage();
$peak = 0;
$sum = 0;
$n = $db->each('SELECT seq AS n, REPEAT("x", 100) AS pad FROM seq_1_to_300000', [], function (array $r) use (&$sum, &$peak) {
    $sum += $r['n'];
    $peak = max($peak, memory_get_usage());
});
echo "300000 rows: ", json_encode([$n, $sum === 300000 * 300001 / 2, $peak - $before < 1024 * 1024]), "\n";

// An exception from the callable stops the reading and comes out; the connection works after.
$seen = 0;
try {
    $db->each('SELECT seq FROM seq_1_to_100000', [], function (array $r) use (&$seen) {
        if (++$seen === 5) {
            throw new RuntimeException("stopped at row {$r['seq']}");
        }
    });
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), ", rows seen $seen\n";
}
var_dump($db->query('SELECT 42 AS answer')[0]['answer']);

// Errors: a bad statement, a wrong number of values, a value of a wrong type, not a callable.
foreach ([
    fn () => $db->each('SELECT * FROM no_such_table', [], fn ($r) => null),
    fn () => $db->each('SELECT ? AS a', [1, 2], fn ($r) => null),
    fn () => $db->each('SELECT ? AS a', [[1]], fn ($r) => null),
    fn () => $db->each('SELECT 1', [], 'no_such_function'),
] as $bad) {
    try {
        $bad();
    } catch (Throwable $e) {
        echo get_class($e), ': ', preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $e->getMessage()), "\n";
    }
}
$db->close();
?>
--EXPECTF--
int(990)
bool(true)
array(3) {
  ["n"]=>
  int(11)
  ["label"]=>
  string(6) "row 11"
  ["twice"]=>
  int(22)
}
300000 rows: [300000,true,true]
RuntimeException: stopped at row 5, rows seen 5
int(42)
CrmGuard\DbException: %s
CrmGuard\DbException: %Sthe statement has 1 '?' placeholders but 2 values were given
TypeError: CrmGuard\Connection::each(): Argument #2 ($params) must hold only null, bool, int, float or string values, array given at position 0
TypeError: CrmGuard\Connection::each(): Argument #3 ($row) must be a valid callback, function "no_such_function" not found or invalid function name
