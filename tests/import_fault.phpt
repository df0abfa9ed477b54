--TEST--
crmguard: Importer fault tolerance — the connection killed, and separately the process killed (-9), in the middle of a batch (its contacts written, not committed): no contact without its deal and task, a re-run completes the rest, nothing twice
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
require __DIR__ . '/cli.inc';

/* 50 rows, batches of 10; the child pauses in batch 3 after writing its contacts. */
function fault_list(string $path): void
{
    $rows = ["Name;Phone;Company"];
    for ($i = 1; $i <= 50; $i++) {
        $rows[] = sprintf('Контакт %02d;8 912 500 %02d %02d;Фирма %d', $i, intdiv($i, 100), $i % 100, $i % 7);
    }
    file_put_contents($path, implode("\n", $rows) . "\n");
}

/* Starts the import in a child php; returns [process, pipes]. */
function fault_child(string $dsn, string $crm, string $csv, string $pause): array
{
    $script = import_tmp("child-$crm.php");
    file_put_contents($script, '<?php
        $db = new CrmGuard\Connection($argv[1]);
        $i = new CrmGuard\Importer($db, $argv[2], ["assign" => "alexey.smirnov,dmitry.kuznetsov", "batch_size" => 10,
            "_test_pause_batch" => 3, "_test_pause_file" => $argv[4], "_test_pause_seconds" => 300]);
        try { $i->run($argv[3]); echo "finished?!\n"; }
        catch (CrmGuard\DbException $e) { echo "child: ", get_class($e), "\n"; exit(1); }');
    $p = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . crmguard_so(), $script, $dsn, $crm, $csv, $pause],
        [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    return [$p, $pipes];
}

/* Up to 3 minutes: under valgrind (run-tests -m traces the child too) on a busy machine the child
 * can take well over half a minute to reach batch 3. */
function wait_for(string $file): string
{
    for ($i = 0; $i < 3600 && !(is_file($file) && filesize($file) > 0); $i++) {
        usleep(50000);
    }
    return trim((string) file_get_contents($file));
}

function connection_gone(string $dsn, string $id): void
{
    for ($i = 0; $i < 3600; $i++) {
        if (crmguard_test_sql($dsn, "SELECT COUNT(*) n FROM information_schema.PROCESSLIST WHERE ID = $id")[0]['n'] == 0) {
            return;
        }
        usleep(50000);
    }
    echo "connection $id still there\n";
}

function check(string $dsn, string $crm): void
{
    if ($crm === 'espocrm') {
        import_sql_lines($dsn, "SELECT COUNT(*) contacts,
            SUM((SELECT COUNT(*) FROM opportunity o WHERE o.contact_id = c.id AND o.stage = 'New') = 1
            AND (SELECT COUNT(*) FROM task t WHERE t.contact_id = c.id) = 1
            AND (SELECT COUNT(*) FROM crmguard_phone p WHERE p.entity_id = c.id) = 1) complete,
            COUNT(DISTINCT c.last_name) distinct_names,
            (SELECT COUNT(*) FROM opportunity WHERE created_at > '2026-01-31') deals,
            (SELECT COUNT(*) FROM task WHERE created_at > '2026-01-31') tasks,
            (SELECT COUNT(*) FROM account WHERE created_at > '2026-01-31') companies,
            (SELECT COUNT(*) FROM crmguard_import_row) journal
            FROM contact c WHERE c.created_at > '2026-01-31'");
    } else {
        import_sql_lines($dsn, "SELECT COUNT(*) contacts,
            SUM((SELECT COUNT(*) FROM opportunities_contacts oc JOIN opportunities o ON o.id = oc.opportunity_id
                 WHERE oc.contact_id = c.id AND o.sales_stage = 'New') = 1
            AND (SELECT COUNT(*) FROM tasks t WHERE t.contact_id = c.id) = 1
            AND (SELECT COUNT(*) FROM crmguard_phone p WHERE p.entity_id = c.id) = 1) complete,
            COUNT(DISTINCT c.last_name) distinct_names,
            (SELECT COUNT(*) FROM opportunities WHERE date_entered > '2026-01-31') deals,
            (SELECT COUNT(*) FROM tasks WHERE date_entered > '2026-01-31') tasks,
            (SELECT COUNT(*) FROM accounts WHERE date_entered > '2026-01-31') companies,
            (SELECT COUNT(*) FROM crmguard_import_row) journal
            FROM contacts c WHERE c.date_entered > '2026-01-31'");
    }
}

/* What the paused batch shows: its contacts are written but not committed. */
function in_flight(string $dsn, string $crm): void
{
    $count = $crm === 'espocrm' ? "SELECT COUNT(*) FROM contact WHERE created_at > '2026-01-31'"
        : "SELECT COUNT(*) FROM contacts WHERE date_entered > '2026-01-31'";
    $m = crmguard_test_mysqli(crmguard_test_db_name($dsn));
    $committed = (int) $m->query($count)->fetch_row()[0];
    $m->query('SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED');
    $written = (int) $m->query($count)->fetch_row()[0];
    $m->close();
    /* batch 2, on the other writer, may still be committing: only the open batch's ten are sure */
    echo "paused: the batch's contacts written, not committed: ", $written >= $committed + 10 ? 'yes' : "no ($committed, $written)", "\n";
}

/* The import checks on one connection and writes on two (batches 3 and 4 side by side): the
 * first case kills the writer of batch 3, the last every connection of the import at once. */
foreach ([['espocrm', 'KILL CONNECTION'], ['suitecrm', 'kill -9'], ['suitecrm', 'KILL every connection']] as [$crm, $how]) {
    echo "== $crm: $how in batch 3\n";
    [$dsn, $db] = import_test_db($crm, "import_fault");
    $csv = import_tmp("fault-$crm.csv");
    fault_list($csv);
    $pause = import_tmp("pause-$crm");
    [$p, $pipes] = fault_child($dsn, $crm, $csv, $pause);
    $id = wait_for($pause);
    in_flight($dsn, $crm);
    if ($how === 'KILL CONNECTION') {
        crmguard_test_sql($dsn, "KILL CONNECTION $id");
    } elseif ($how === 'KILL every connection') {
        $db_name = crmguard_test_db_name($dsn);
        $mine = (int) $db->query('SELECT CONNECTION_ID() AS id')[0]['id']; // this test's, kept for the re-run
        $ids = array_column(crmguard_test_sql($dsn, "SELECT ID FROM information_schema.PROCESSLIST
            WHERE DB = '$db_name' AND ID NOT IN (CONNECTION_ID(), $mine)"), 'ID');
        echo count($ids), " connections killed\n";
        foreach ($ids as $each) {
            crmguard_test_sql($dsn, "KILL CONNECTION $each");
        }
    } else {
        proc_terminate($p, 9);
    }
    unlink($pause); // ends the child's pause: it goes on over the killed connection
    echo trim(stream_get_contents($pipes[1])), "\n";
    $status = proc_close($p);
    echo "child exit: ", $how === 'kill -9' ? 'killed' : $status, "\n";
    connection_gone($dsn, $id);
    check($dsn, $crm);

    echo "-- the same import again\n";
    $r = (new CrmGuard\Importer($db, $crm, ['assign' => 'alexey.smirnov,dmitry.kuznetsov', 'batch_size' => 10]))->run($csv);
    echo "created {$r['contacts_created']}, already imported {$r['already_imported']}, duplicates in the CRM {$r['duplicates_in_crm']}\n";
    check($dsn, $crm);
    echo "-- and once more\n";
    $r = (new CrmGuard\Importer($db, $crm, ['assign' => 'alexey.smirnov', 'batch_size' => 10]))->run($csv);
    echo "created {$r['contacts_created']}, already imported {$r['already_imported']}\n";
    check($dsn, $crm);
}
?>
--EXPECT--
== espocrm: KILL CONNECTION in batch 3
paused: the batch's contacts written, not committed: yes
child: CrmGuard\DbException
child exit: 1
20 | 20 | 20 | 20 | 20 | 7 | 20
-- the same import again
created 30, already imported 20, duplicates in the CRM 0
50 | 50 | 50 | 50 | 50 | 7 | 50
-- and once more
created 0, already imported 50
50 | 50 | 50 | 50 | 50 | 7 | 50
== suitecrm: kill -9 in batch 3
paused: the batch's contacts written, not committed: yes

child exit: killed
20 | 20 | 20 | 20 | 20 | 7 | 20
-- the same import again
created 30, already imported 20, duplicates in the CRM 0
50 | 50 | 50 | 50 | 50 | 7 | 50
-- and once more
created 0, already imported 50
50 | 50 | 50 | 50 | 50 | 7 | 50
== suitecrm: KILL every connection in batch 3
paused: the batch's contacts written, not committed: yes
3 connections killed
child: CrmGuard\DbException
child exit: 1
20 | 20 | 20 | 20 | 20 | 7 | 20
-- the same import again
created 30, already imported 20, duplicates in the CRM 0
50 | 50 | 50 | 50 | 50 | 7 | 50
-- and once more
created 0, already imported 50
50 | 50 | 50 | 50 | 50 | 7 | 50
