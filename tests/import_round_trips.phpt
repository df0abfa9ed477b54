--TEST--
crmguard: Importer — the statements an import sends do not grow with its rows (batched SQL, no round trip per row), on both CRMs
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';

function list_of(int $n, int $first): string
{
    $path = import_tmp("rows-$n.csv");
    $rows = ['ФИО,Телефон,Компания,Email'];
    for ($i = 0; $i < $n; $i++) {
        $rows[] = sprintf('Контакт %d,8 912 8%02d %02d %02d,Фирма %d,c%d@example.com', $i, intdiv($first + $i, 10000) % 100,
            intdiv($first + $i, 100) % 100, ($first + $i) % 100, $i % 5, $first + $i);
    }
    file_put_contents($path, implode("\n", $rows) . "\n");
    return $path;
}

/* statements the server counted on this connection (the caller's: connections 1 writes on it) */
function questions(CrmGuard\Connection $db): int
{
    return (int) $db->query("SHOW SESSION STATUS LIKE 'Questions'")[0]['Value'];
}

foreach (['espocrm', 'suitecrm'] as $crm) {
    [$dsn, $db] = import_test_db($crm, "import_round_trips_$crm");
    $sent = [];
    foreach ([30 => 0, 300 => 1000] as $n => $first) {
        $csv = list_of($n, $first);
        $before = questions($db);
        $r = (new CrmGuard\Importer($db, $crm, ['assign' => 'alexey.smirnov', 'connections' => 1]))->run($csv);
        $sent[$n] = questions($db) - $before - 1;
        echo "$crm: $n rows, $r[contacts_created] created in $r[batches] batch\n";
    }
    /* about forty either way: the run's set-up and one statement per table per batch (the
     * second file meets its companies, so writes a few tables fewer); row by row is 12 per row */
    echo "$crm: statements for 300 rows within 5 of those for 30, under 60: ",
        abs($sent[300] - $sent[30]) <= 5 && $sent[300] < 60 ? 'yes' : "no ($sent[30], $sent[300])", "\n";
}
?>
--EXPECT--
espocrm: 30 rows, 30 created in 1 batch
espocrm: 300 rows, 300 created in 1 batch
espocrm: statements for 300 rows within 5 of those for 30, under 60: yes
suitecrm: 30 rows, 30 created in 1 batch
suitecrm: 300 rows, 300 created in 1 batch
suitecrm: statements for 300 rows within 5 of those for 30, under 60: yes
