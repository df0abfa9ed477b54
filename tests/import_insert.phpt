--TEST--
crmguard: Importer — written with multi-row INSERTs (a server refusing LOAD DATA LOCAL) or with LOAD DATA, pipelined or on one connection, an import leaves the same rows in every table
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';

const ID_SHAPE = '/^([0-9a-f]{17}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/';

/* Every id-shaped value in the database's tables (before the import: the fixture's). */
function ids_in(string $dsn): array
{
    $ids = [];
    foreach (canonical_rows($dsn, null) as $rows) {
        foreach ($rows as $row) {
            foreach (json_decode($row, true) as $v) {
                if (is_string($v) && preg_match(ID_SHAPE, $v)) {
                    $ids[$v] = true;
                }
            }
        }
    }
    return $ids;
}

/*
 * Every row of every table of the database, as comparable text: ids the fixture
 * had stay as they are; the records this import made are named by their line
 * (the journal), shared rows by what they hold, other new ids by their kind;
 * auto-increment ids and times are left out.
 */
function canonical_rows(string $dsn, ?array $known): array
{
    $m = crmguard_test_mysqli(crmguard_test_db_name($dsn));
    $names = [];
    foreach ($m->query('SELECT line, contact_id, deal_id, task_id, account_id FROM crmguard_import_row') as $j) {
        if (isset($known[$j['account_id']])) {
            $j['account_id'] = null; // a company of the fixture, reused: it keeps its id
        }
        $names[$j['contact_id']] = "contact:{$j['line']}";
        $names[$j['deal_id']] = "deal:{$j['line']}";
        $names[$j['task_id']] = "task:{$j['line']}";
        if ($j['account_id'] !== null) {
            $names[$j['account_id']] ??= "account:{$j['line']}";
        }
    }
    $shared = ['email_addresses' => 'email_address_caps', 'email_address' => 'lower', 'phone_number' => 'name'];
    foreach ($known === null ? [] : $shared as $table => $column) {
        if ($m->query("SHOW TABLES LIKE '$table'")->num_rows) {
            foreach ($m->query("SELECT id, `$column` v FROM `$table`") as $r) {
                if (!isset($known[$r['id']])) {
                    $names[$r['id']] ??= "$table:{$r['v']}";
                }
            }
        }
    }
    $skip = [];
    foreach ($m->query("SELECT TABLE_NAME t, COLUMN_NAME c, DATA_TYPE d, EXTRA e FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE()") as $c) {
        if (str_contains($c['e'], 'auto_increment') || in_array($c['d'], ['datetime', 'timestamp', 'date'], true)) {
            $skip[$c['t']][$c['c']] = true;
        }
    }
    $out = [];
    foreach ($m->query("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'") as $t) {
        $table = reset($t);
        $rows = [];
        foreach ($m->query("SELECT * FROM `$table`") as $row) {
            foreach ($row as $k => $v) {
                if (isset($skip[$table][$k])) {
                    $row[$k] = '<skipped>';
                } elseif ($known === null || $v === null || isset($known[$v])) {
                    continue;
                } elseif (isset($names[$v])) {
                    $row[$k] = $names[$v];
                } elseif (preg_match(ID_SHAPE, $v)) {
                    $row[$k] = '<new id>';
                }
            }
            $rows[] = json_encode($row, JSON_UNESCAPED_UNICODE);
        }
        sort($rows);
        $out[$table] = $rows;
    }
    return $out;
}

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    $csv = import_tmp("messy-$crm.csv");
    file_put_contents($csv, import_messy_utf8());
    $options = ['assign' => 'alexey.smirnov,dmitry.kuznetsov', 'batch_size' => 3, 'lang' => 'en'];
    [$dsn] = import_test_db($crm, 'import_insert_fixture');
    $known = ids_in($dsn);
    $dumps = [];
    foreach (['load data, 3 connections' => ['connections' => 3], 'inserts, 3 connections' =>
        ['connections' => 3, '_test_insert' => true], 'inserts, 1 connection' => ['connections' => 1,
        '_test_insert' => true]] as $how => $more) {
        [$dsn, $db] = import_test_db($crm, 'import_insert_' . count($dumps));
        $r = (new CrmGuard\Importer($db, $crm, $options + $more))->run($csv);
        echo "$how: {$r['write_method']}, {$r['contacts_created']} created in {$r['batches']} batches\n";
        $dumps[$how] = canonical_rows($dsn, $known);
    }
    $first = array_shift($dumps);
    echo 'tables ', count($first), ', rows ', array_sum(array_map('count', $first)), ', rows naming a record of the import ',
        count(preg_grep('/"(contact|deal|task|account):\d+"/', array_merge(...array_values($first)))), "\n";
    foreach ($dumps as $how => $dump) {
        $differ = array_keys(array_filter($first, static fn($rows, $t) => ($dump[$t] ?? null) !== $rows,
            ARRAY_FILTER_USE_BOTH));
        echo "$how: ", $differ ? 'differs in ' . implode(', ', $differ) : 'the same rows', "\n";
    }
}
?>
--EXPECT--
== espocrm
load data, 3 connections: load_data, 7 created in 5 batches
inserts, 3 connections: insert, 7 created in 5 batches
inserts, 1 connection: insert, 7 created in 5 batches
tables 150, rows 215, rows naming a record of the import 104
inserts, 3 connections: the same rows
inserts, 1 connection: the same rows
== suitecrm
load data, 3 connections: load_data, 7 created in 5 batches
inserts, 3 connections: insert, 7 created in 5 batches
inserts, 1 connection: insert, 7 created in 5 batches
tables 237, rows 206, rows naming a record of the import 112
inserts, 3 connections: the same rows
inserts, 1 connection: the same rows
