<?php
/*
 * The ceiling for bench/import.php: the rows crmguard's import created, loaded again
 * into the same tables of a CRM in the same starting state, with nothing checked,
 * looked up or computed — LOAD DATA LOCAL of ready-made text, in transactions of a
 * batch's worth, on as many connections as crmguard's writers.  No importer that
 * writes these rows can be faster than the server takes to insert them; this
 * measures that time.
 */
declare(strict_types=1);

/* Where each table the import writes keeps the time a row was made (UTC, as the CRM). */
const ROWS_ALONE_TABLES = [
    'accounts' => 'date_entered >= ?',
    'accounts_cstm' => 'id_c IN (SELECT id FROM accounts WHERE date_entered >= ?)',
    'contacts' => 'date_entered >= ?',
    'contacts_cstm' => 'id_c IN (SELECT id FROM contacts WHERE date_entered >= ?)',
    'accounts_contacts' => 'date_modified >= ?',
    'opportunities' => 'date_entered >= ?',
    'opportunities_cstm' => 'id_c IN (SELECT id FROM opportunities WHERE date_entered >= ?)',
    'accounts_opportunities' => 'date_modified >= ?',
    'opportunities_contacts' => 'date_modified >= ?',
    'tasks' => 'date_entered >= ?',
    'securitygroups_records' => 'date_modified >= ?',
    'email_addresses' => 'date_created >= ?',
    'email_addr_bean_rel' => 'date_modified >= ?',
    'crmguard_phone' => "entity_type = 'Contacts' AND entity_id IN (SELECT id FROM contacts WHERE date_entered >= ?)",
    'crmguard_import_row' => 'created_at >= ?',
    /* no time column; an import replaces its user's earlier rows, so all live rows are this import's */
    'users_last_import' => '? IS NOT NULL AND deleted = 0',
];

/* A mysqli on a scripts/dev-db DSN (mysql://u:p@localhost/db?socket=S), LOCAL INFILE allowed. */
function dsn_mysqli(string $dsn): mysqli
{
    $u = parse_url(preg_replace('/\?.*$/', '', $dsn));
    parse_str((string) parse_url($dsn, PHP_URL_QUERY), $q);
    $m = mysqli_init();
    $m->options(MYSQLI_OPT_LOCAL_INFILE, true);
    $m->real_connect('localhost', rawurldecode($u['user']), rawurldecode($u['pass']), ltrim($u['path'], '/'), 0,
        $q['socket']);
    $m->set_charset('utf8'); /* utf8mb3, the CRM tables' own */
    return $m;
}

/* LOAD DATA's default text: tab between fields, \N for NULL, backslash escapes. */
function rows_alone_field(?string $v): string
{
    return $v === null ? '\N' : strtr($v, ["\\" => "\\\\", "\t" => "\\t", "\n" => "\\n", "\r" => "\\r", "\0" => "\\0"]);
}

/*
 * Writes the rows of $dsn made at or after $since (server UTC time), table by table,
 * into $chunks files per table (in primary-key order, so in the order they were made).
 * Returns [table => [file, ...]] and the number of rows.
 */
function rows_alone_export(string $dsn, string $since, int $chunks, string $dir): array
{
    $m = dsn_mysqli($dsn);
    $files = [];
    $total = 0;
    foreach (ROWS_ALONE_TABLES as $table => $where) {
        $st = $m->prepare("SELECT COUNT(*) FROM `$table` WHERE $where");
        $st->bind_param('s', $since);
        $st->execute();
        $count = (int) $st->get_result()->fetch_row()[0];
        $per = max(1, intdiv($count + $chunks - 1, $chunks));
        /* streamed, not buffered: a table's new rows can be a few hundred megabytes */
        $res = $m->query('SELECT * FROM `' . $table . '` WHERE ' . str_replace('?', "'" . $m->real_escape_string($since)
            . "'", $where), MYSQLI_USE_RESULT);
        $i = 0;
        $out = null;
        while ($row = $res->fetch_row()) {
            if ($i % $per === 0) {
                $out && fclose($out);
                $files[$table][] = $path = sprintf('%s/%s.%03d.tsv', $dir, $table, intdiv($i, $per));
                $out = fopen($path, 'w');
            }
            fwrite($out, implode("\t", array_map('rows_alone_field', $row)) . "\n");
            $i++;
        }
        $out && fclose($out);
        $total += $i;
    }
    $m->close();
    return [$files, $total];
}

/*
 * Loads chunk k of every table in one transaction, chunks shared out over $connections
 * child processes (k mod n), and returns the seconds from the first start to the last end.
 */
function rows_alone_load(string $dsn, array $files, int $connections, string $dir): float
{
    $script = "$dir/rows-alone-child.php";
    file_put_contents($script, '<?php require ' . var_export(__FILE__, true) . ';
        [$dsn, $list] = [$argv[1], json_decode(file_get_contents($argv[2]), true)];
        $m = dsn_mysqli($dsn);
        echo "ready\n";
        fgets(STDIN);
        foreach ($list as $chunk) {
            $m->begin_transaction();
            foreach ($chunk as $table => $file) {
                $m->query("LOAD DATA LOCAL INFILE \'" . $m->real_escape_string($file) . "\' INTO TABLE `$table` CHARACTER SET utf8mb3");
            }
            $m->commit();
        }');
    $n = max(array_map('count', $files));
    $plan = array_fill(0, $connections, []);
    for ($k = 0; $k < $n; $k++) {
        foreach ($files as $table => $list) {
            if (isset($list[$k])) {
                $plan[$k % $connections][$k][$table] = $list[$k];
            }
        }
    }
    $procs = [];
    foreach ($plan as $c => $chunks) {
        file_put_contents("$dir/rows-alone-$c.json", json_encode(array_values($chunks)));
        $procs[] = proc_open([PHP_BINARY, '-n', '-d', 'extension=mysqlnd', '-d', 'extension=mysqli',
            '-d', 'mysqli.allow_local_infile=1', $script, $dsn, "$dir/rows-alone-$c.json"],
            [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$c]);
    }
    foreach ($pipes as $p) {
        fgets($p[1]); /* connected: the clock starts when every one is */
    }
    $t0 = microtime(true);
    foreach ($pipes as $p) {
        fwrite($p[0], "go\n");
        fclose($p[0]);
    }
    foreach ($procs as $c => $proc) {
        $err = stream_get_contents($pipes[$c][2]);
        if (proc_close($proc) !== 0) {
            exit("loading the rows alone failed: $err\n");
        }
    }
    return microtime(true) - $t0;
}
