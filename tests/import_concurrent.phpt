--TEST--
crmguard: three imports at once into one database (two pipelined, one on a single connection), their files sharing numbers: no number is created twice, every row is accounted for
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
require __DIR__ . '/cli.inc';

/* Rows with the numbers 8 912 600 00 00 + [from, to). */
function concurrent_list(string $path, int $from, int $to, string $who): void
{
    $rows = ['Name,Phone,Company'];
    for ($i = $from; $i < $to; $i++) {
        $rows[] = sprintf('%s %d,8 912 6%02d %02d %02d,Фирма %d', $who, $i, intdiv($i, 10000), intdiv($i, 100) % 100,
            $i % 100, $i % 13);
    }
    file_put_contents($path, implode("\n", $rows) . "\n");
}

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    [$dsn, $db] = import_test_db($crm, 'import_concurrent');
    $a = import_tmp("a-$crm.csv");
    $b = import_tmp("b-$crm.csv");
    $c = import_tmp("c-$crm.csv");
    concurrent_list($a, 0, 1500, 'Первый');
    concurrent_list($b, 1000, 2500, 'Второй');   // 500 numbers shared with a, 500 with c
    concurrent_list($c, 2000, 3000, 'Третий');
    $go = import_tmp("go-$crm");
    $script = import_tmp("child-$crm.php");
    file_put_contents($script, '<?php
        while (!is_file($argv[4])) { usleep(1000); }
        $o = ["assign" => "alexey.smirnov,dmitry.kuznetsov", "batch_size" => 25, "connections" => (int) $argv[5]];
        $r = (new CrmGuard\Importer(new CrmGuard\Connection($argv[1]), $argv[2], $o))->run($argv[3]);
        echo json_encode([$r["contacts_created"], $r["duplicates_in_crm"], $r["rows_read"]]);');
    $children = [];
    foreach ([[$a, 3], [$b, 3], [$c, 1]] as [$csv, $connections]) {
        $proc = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . crmguard_so(), $script, $dsn, $crm, $csv, $go,
            (string) $connections], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $children[] = [$proc, $pipes];
    }
    touch($go);
    $reports = [];
    foreach ($children as [$proc, $pipes]) {
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        proc_close($proc);
        $reports[] = json_decode($out, true) ?? exit("a child failed: $out $err\n");
    }
    $sum = static fn(int $k) => array_sum(array_column($reports, $k));
    echo "rows read: ", $sum(2), "; created: ", $sum(0), "; already in the CRM: ", $sum(1), "\n";
    $table = $crm === 'espocrm' ? 'contact' : 'contacts';
    $created = $crm === 'espocrm' ? 'created_at' : 'date_entered';
    import_sql_lines($dsn, "SELECT COUNT(*) contacts, COUNT(DISTINCT p.e164) numbers, MAX(n) most_per_number FROM $table c
        JOIN crmguard_phone p ON p.entity_id = c.id
        JOIN (SELECT e164, COUNT(*) n FROM crmguard_phone GROUP BY e164) per ON per.e164 = p.e164
        WHERE c.$created > '2026-01-31'");
    import_sql_lines($dsn, "SELECT COUNT(*) journal_rows, COUNT(DISTINCT contact_id) FROM crmguard_import_row");
}
?>
--EXPECT--
== espocrm
rows read: 4000; created: 3000; already in the CRM: 1000
3000 | 3000 | 1
3000 | 3000
== suitecrm
rows read: 4000; created: 3000; already in the CRM: 1000
3000 | 3000 | 1
3000 | 3000
