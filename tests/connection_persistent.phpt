--TEST--
CrmGuard\Connection: persistent links are reused (same CONNECTION_ID), reset on reuse, reconnected once for reads after the server dropped them; phpinfo() shows no secret
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
$dsn = crmguard_test_db('espocrm', ['schema.sql']);
$p = ['persistent' => true];

$a = new CrmGuard\Connection($dsn, $p);
$id = $a->query('SELECT CONNECTION_ID() AS id')[0]['id'];
$a->exec('CREATE TEMPORARY TABLE crmguard_tmp (x INT)');
$a->exec('SET @left_over = 5');
$a->exec('START TRANSACTION');
$a->exec("INSERT INTO team (id, name) VALUES ('t1', 'uncommitted')");
// A second object of the same request shares the link and its session.
$b = new CrmGuard\Connection($dsn, $p);
var_dump($b->query('SELECT CONNECTION_ID() = ? AS same, @left_over AS v', [$id])[0]);
unset($a, $b);

// The next user of the link (as the next request of an FPM worker) gets it reset:
// same connection, transaction rolled back, temporary table and variables gone.
$c = new CrmGuard\Connection($dsn, $p);
var_dump($c->query('SELECT CONNECTION_ID() = ? AS same, @left_over AS v, @@character_set_client AS cs', [$id])[0]);
var_dump($c->query("SELECT COUNT(*) AS n FROM team WHERE id = 't1'")[0]['n']);
try {
    $c->query('SELECT * FROM crmguard_tmp');
} catch (CrmGuard\DbException $e) {
    echo $e->getCode(), "\n";
}
// A non-persistent connection is a new one.
$d = new CrmGuard\Connection($dsn, ['persistent' => false]);
var_dump($d->query('SELECT CONNECTION_ID() = ? AS same', [$id])[0]['same']);

// The server drops the persistent link: the next read reconnects once, transparently.
$d->exec('KILL CONNECTION ?', [$id]);
usleep(100000);
$row = $c->query('SELECT CONNECTION_ID() AS id')[0];
var_dump($row['id'] !== $id);
// A write is never retried: it fails with the server's error, and the next call reconnects.
$id2 = $row['id'];
$d->exec('KILL CONNECTION ?', [$id2]);
usleep(100000);
try {
    $c->exec("UPDATE team SET name = 'x' WHERE id = 'none'");
    echo "write retried?!\n";
} catch (CrmGuard\DbException $e) {
    echo 'write after kill: ', $e->getCode(), "\n";
}
// The next statement, even a write, runs on a new link.
var_dump($c->exec("UPDATE team SET name = 'x' WHERE id = 'none'"));
var_dump($c->query('SELECT 1 AS one')[0]['one']);

// Different credentials never share a link.
$dsn2 = str_replace('crmguard:crmguard-dev@', 'crmguard:wrong-pw@', $dsn);
try {
    new CrmGuard\Connection($dsn2, $p);
    echo "shared a link with a wrong password!\n";
} catch (CrmGuard\DbException $e) {
    echo $e->getCode(), "\n";
}

// phpinfo(): the number of links, never an address or password.
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
preg_match('/^Persistent database links => (\d+)$/m', $info, $m);
var_dump((int) $m[1] >= 1);
var_dump(str_contains($info, 'crmguard-dev'), str_contains($info, 'wrong-pw'), str_contains($info, crmguard_test_db_name($dsn)));
?>
--EXPECT--
array(2) {
  ["same"]=>
  int(1)
  ["v"]=>
  int(5)
}
array(3) {
  ["same"]=>
  int(1)
  ["v"]=>
  NULL
  ["cs"]=>
  string(7) "utf8mb4"
}
int(0)
1146
int(0)
bool(true)
write after kill: 2006
int(0)
int(1)
1045
bool(true)
bool(false)
bool(false)
bool(false)
