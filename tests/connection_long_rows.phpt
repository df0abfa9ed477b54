--TEST--
CrmGuard\Connection::query(): a long value in one row, then shorter ones in the next rows of the same result (the fetch buffer grown for the first must be the one the next fetches write into), with and without bound parameters
--EXTENSIONS--
crmguard
--FILE--
<?php
require __DIR__ . '/db.inc';
$dsn = crmguard_test_db('espocrm', ['schema.sql']);
$db = new CrmGuard\Connection($dsn);
$values = [str_repeat('a', 300), 'short', str_repeat('б', 5000), str_repeat('c', 100), '', str_repeat('d', 257), 'x'];
$sql = implode(' UNION ALL ', array_map(fn ($i) => "SELECT $i AS n, ? AS v", array_keys($values)));
foreach ([$db->query($sql, $values),
          $db->query(implode(' UNION ALL ', array_map(fn ($i, $v) => "SELECT $i AS n, '$v' AS v", array_keys($values), $values)))] as $rows) {
    foreach ($rows as $r) {
        echo $r['n'], ': ', strlen($r['v']), ' bytes, ', $r['v'] === $values[$r['n']] ? 'same' : 'DIFFERENT: ' . substr($r['v'], 0, 20), "\n";
    }
}
?>
--EXPECT--
0: 300 bytes, same
1: 5 bytes, same
2: 10000 bytes, same
3: 100 bytes, same
4: 0 bytes, same
5: 257 bytes, same
6: 1 bytes, same
0: 300 bytes, same
1: 5 bytes, same
2: 10000 bytes, same
3: 100 bytes, same
4: 0 bytes, same
5: 257 bytes, same
6: 1 bytes, same
