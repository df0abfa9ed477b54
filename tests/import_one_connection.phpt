--TEST--
crmguard: Importer — when the server lets the import open no connection of its own (a user limited to one), it writes everything on the caller's connection, reports 1 connection, and leaves the same result as with 3
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';

/* the DSN of the same database for the user scripts/dev-db limits to one connection */
function one_connection_dsn(string $dsn): string
{
    $user = rawurlencode(crmguard_test_env('CRMGUARD_TEST_USER', 'crmguard'));
    return preg_replace('~^mysql://' . preg_quote($user, '~') . ':~', "mysql://{$user}_one:", $dsn, 1, $n) ?? '';
}

function checked(string $dsn, string $crm): string
{
    [$deals, $tasks] = $crm === 'suitecrm' ? ['opportunities', 'tasks'] : ['opportunity', 'task'];
    $row = crmguard_test_sql($dsn, "SELECT COUNT(*) AS journal, COUNT(d.id) AS deals, COUNT(t.id) AS tasks,
        (SELECT COUNT(*) FROM crmguard_phone WHERE e164 BETWEEN 79124000000 AND 79124000099) AS numbers
        FROM crmguard_import_row r LEFT JOIN `$deals` d ON d.id = r.deal_id AND d.deleted = 0
        LEFT JOIN `$tasks` t ON t.id = r.task_id AND t.deleted = 0")[0];
    return "journal $row[journal], deals $row[deals], tasks $row[tasks], numbers indexed $row[numbers]";
}

/* 25 numbers, 3 of them twice: three batches of 10 */
$lines = ['Name,Phone'];
for ($i = 0; $i < 28; $i++) {
    $lines[] = sprintf('Контакт %02d,+7 912 400-00-%02d', $i, $i < 25 ? $i : $i - 20);
}
$csv = import_tmp('one.csv');
file_put_contents($csv, implode("\n", $lines) . "\n");
$options = ['assign' => 'alexey.smirnov', 'batch_size' => 10];

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    [$dsn] = import_test_db($crm, "import_one_connection_$crm");
    $one = new CrmGuard\Connection(one_connection_dsn($dsn));
    try {
        new CrmGuard\Connection(one_connection_dsn($dsn));
        echo "a second connection of the limited user was let in: this test proves nothing\n";
    } catch (CrmGuard\DbException $e) {
        echo 'a second connection is refused: ', str_contains($e->getMessage(), 'max_user_connections') ? 'max_user_connections' : $e->getMessage(), "\n";
    }
    $limited = (new CrmGuard\Importer($one, $crm, $options))->run($csv);
    echo "limited user: connections $limited[connections], $limited[contacts_created] created, $limited[duplicates_in_file] repeated, $limited[batches] batches\n";
    echo checked($dsn, $crm), "\n";

    [$dsn3, $db3] = import_test_db($crm, "import_one_connection_{$crm}_3");
    $full = (new CrmGuard\Importer($db3, $crm, $options))->run($csv);
    echo "unlimited user: connections $full[connections]\n";
    echo checked($dsn3, $crm), "\n";
    foreach (['connections', 'elapsed_s', 'rejects_file'] as $k) {
        unset($limited[$k], $full[$k]);
    }
    echo 'the same report otherwise: ', var_export($limited === $full, true), "\n";
    $one->close(); /* the limited user's one connection, for the next CRM */
}
?>
--EXPECT--
== espocrm
a second connection is refused: max_user_connections
limited user: connections 1, 25 created, 3 repeated, 3 batches
journal 25, deals 25, tasks 25, numbers indexed 25
unlimited user: connections 3
journal 25, deals 25, tasks 25, numbers indexed 25
the same report otherwise: true
== suitecrm
a second connection is refused: max_user_connections
limited user: connections 1, 25 created, 3 repeated, 3 batches
journal 25, deals 25, tasks 25, numbers indexed 25
unlimited user: connections 3
journal 25, deals 25, tasks 25, numbers indexed 25
the same report otherwise: true
