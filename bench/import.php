<?php
/*
 * Bulk-import benchmark: crmguard's Importer against a row-by-row PHP importer
 * that does what SuiteCRM 7's importer does per row (a duplicate SELECT, then one
 * INSERT per table, each its own autocommitted statement, through mysqli), in one
 * run on the same server and data.  Both write the same rows per contact: the
 * contact, company, deal, task, their links and custom-field rows, a security-group
 * row per record (SecurityGroup::inherit_assigned), the e-mail address and its
 * link (SugarEmailAddress, after looking the address up) and the index entry;
 * crmguard also writes its journal.  Run through bench/import (it starts the
 * private MariaDB and builds the extension).
 *
 *   php bench/import.php --dsn-prefix mysql://u:p@localhost/ --socket S [--rows 200000]
 *       [--base 100000] [--sample 5000] [--connections 3] [--alone-connections 3] [--out FILE]
 *
 * 1. a SuiteCRM database (tests/fixtures/suitecrm + sql/suitecrm) filled with --base
 *    contacts by crmguard itself (each with a deal, a task, links, the index);
 * 2. a list of --rows rows: 10 % repeat an earlier row's number, 5 % hold a number
 *    the CRM has (tools/gen-contact-list);
 * 3. crmguard imports it (in a child php, for its peak memory); dry runs of a
 *    quarter and of the whole list give the peak memory at two sizes;
 * 4. the ceiling (bench/import_rows_alone.php): the rows crmguard created, loaded again into a
 *    third database with the same base as plain LOAD DATA text, nothing checked, on
 *    --alone-connections connections: the time the server needs to insert them at all;
 * 5. the row-by-row importer imports the first --sample rows of the same list into
 *    a second database with the same base; crmguard then imports the quarter list
 *    there too, for the peak memory of a real import of a smaller file.  It is given crmguard's normalize_phone()
 *    and an indexed duplicate query (SuiteCRM has neither), so it is faster than
 *    the real one: the ratio is on the safe side.
 * Prints a markdown table (also to --out).  Figures are measurements, not assertions.
 */
declare(strict_types=1);

$root = dirname(__DIR__);
require "$root/src/Schema.php";
require __DIR__ . '/import_rows_alone.php';
$opt = getopt('', ['dsn-prefix:', 'socket:', 'rows:', 'base:', 'sample:', 'out:', 'so:', 'connections:', 'alone-connections:']);
$prefix = $opt['dsn-prefix'] ?? exit("--dsn-prefix missing\n");
$socket = $opt['socket'] ?? exit("--socket missing\n");
$rows = (int) ($opt['rows'] ?? 200000);
$base = (int) ($opt['base'] ?? 100000);
$sample = (int) ($opt['sample'] ?? 5000);
$so = $opt['so'] ?? "$root/modules/crmguard.so";
$connections = (int) ($opt['connections'] ?? 3);
/* 3 loaded these rows fastest here (1: 10 926, 2: 14 952, 3: 13 723-19 464, 4: 18 956 contacts/s) */
$aloneConnections = (int) ($opt['alone-connections'] ?? 3);
$tmp = sys_get_temp_dir() . '/crmguard-bench-import-' . getmypid();
mkdir($tmp);
register_shutdown_function(static function () use ($tmp) {
    array_map('unlink', glob("$tmp/*"));
    rmdir($tmp);
});
$assign = 'alexey.smirnov,dmitry.kuznetsov';
$log = static fn(string $s) => fwrite(STDERR, "bench/import: $s\n");

function user_pass(string $prefix): array
{
    $u = parse_url($prefix . 'x');
    return [rawurldecode($u['user'] ?? ''), rawurldecode($u['pass'] ?? '')];
}

function fresh_db(string $prefix, string $socket, string $name, string $root): string
{
    [$user, $pass] = user_pass($prefix);
    $m = new mysqli('localhost', $user, $pass, null, 0, $socket);
    $m->set_charset('utf8mb4');
    $m->query("DROP DATABASE IF EXISTS `$name`");
    $m->query("CREATE DATABASE `$name` CHARACTER SET utf8 COLLATE utf8_general_ci");
    $m->select_db($name);
    foreach (['schema.sql', 'crmguard-fields.sql', 'sample.sql'] as $f) {
        $m->multi_query(file_get_contents("$root/tests/fixtures/suitecrm/$f"));
        do {
            if ($r = $m->store_result()) {
                $r->free();
            }
        } while ($m->more_results() && $m->next_result());
    }
    $m->close();
    $dsn = "{$prefix}$name?socket=$socket";
    $db = new CrmGuard\Connection($dsn);
    CrmGuard\Schema::apply($db, 'suitecrm');
    (new CrmGuard\PhoneIndex($db, 'suitecrm'))->rebuild();
    return $dsn;
}

function gen(string $root, string $path, array $args): void
{
    $cmd = array_merge([PHP_BINARY, "$root/tools/gen-contact-list"], $args);
    $p = proc_open($cmd, [1 => ['file', $path, 'w'], 2 => ['pipe', 'w']], $pipes);
    stream_get_contents($pipes[2]);
    proc_close($p);
}

/* crmguard in a child php: its report plus the child's peak RSS. */
function child_import(string $so, string $dsn, string $csv, array $options): array
{
    $script = dirname($csv) . '/child.php';
    file_put_contents($script, '<?php $o = json_decode($argv[3], true);
        $r = (new CrmGuard\Importer(new CrmGuard\Connection($argv[1]), "suitecrm", $o))->run($argv[2]);
        $r["peak_rss_mb"] = getrusage()["ru_maxrss"] / 1024; echo json_encode($r);');
    $p = proc_open([PHP_BINARY, '-n', '-d', "extension=$so", $script, $dsn, $csv, json_encode($options)],
        [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    if (proc_close($p) !== 0) {
        exit("child import failed: $err\n");
    }
    return json_decode($out, true);
}

/* What SuiteCRM 7's importer does per row, through mysqli, every statement autocommitted. */
function rowwise_import(string $dsn, string $csv, int $limit): array
{
    $m = dsn_mysqli($dsn);
    $m->set_charset('utf8mb4');
    $users = ['c3418962-c328-524b-9bbc-6c70cd0f7d72', '950c04ab-be9e-53e8-97a5-0cafe8f3e7ac'];
    $group = 'd93f5359-924f-5f75-98aa-888670821619';
    $guid = static fn() => sprintf('%08x-%04x-%04x-%04x-%012x', mt_rand(), mt_rand(0, 0xffff), mt_rand(0, 0xffff),
        mt_rand(0, 0xffff), mt_rand() * 0x10000 + mt_rand(0, 0xffff));
    $cut = static fn(string $s) => preg_match('/^.{0,50}/us', $s, $m50) ? $m50[0] : '';
    $e = static fn(?string $s) => $s === null || $s === '' ? 'NULL' : "'" . $m->real_escape_string($s) . "'";
    /* a lookup query: the first id, or null */
    $find = static function (string $sql) use ($m, &$queries): ?string {
        $queries++;
        return $m->query($sql)->fetch_row()[0] ?? null;
    };
    /* SecurityGroup::inherit_assigned: one row per record in the manager's group */
    $group_row = static fn(string $record, string $module, string $now) => "INSERT INTO securitygroups_records (id, "
        . "securitygroup_id, record_id, module, date_modified, deleted) VALUES (UUID(), '$group', '$record', '$module', '$now', 0)";
    $f = fopen($csv, 'r');
    fgetcsv($f);
    $seen = [];
    $created = $queries = $n = 0;
    $t0 = microtime(true);
    while ($n < $limit && ($row = fgetcsv($f)) !== false) {
        $n++;
        [$name, $phone, $company, $email, $comment, $source] = array_pad($row, 6, '');
        $e164 = CrmGuard\normalize_phone($phone);
        if ($e164 === null || isset($seen[$e164])) {
            continue;
        }
        $seen[$e164] = true;
        $queries++;
        if ($m->query('SELECT entity_id FROM crmguard_phone WHERE e164 = ' . (int) substr($e164, 1))->num_rows > 0) {
            continue;
        }
        $now = gmdate('Y-m-d H:i:s');
        $user = $users[$created % 2];
        [$last, $first] = array_pad(explode(' ', $name, 2), 2, '');
        $contact = $guid();
        $deal = $guid();
        $task = $guid();
        $stmts = [];
        $account = null;
        $newAccount = false;
        if ($company !== '') {
            $account = $find('SELECT id FROM accounts WHERE deleted = 0 AND name = ' . $e($company) . ' LIMIT 1');
            if ($account === null) {
                $account = $guid();
                $newAccount = true;
                $stmts[] = "INSERT INTO accounts (id, name, date_entered, date_modified, modified_user_id, created_by, deleted, assigned_user_id) VALUES ('$account', {$e($company)}, '$now', '$now', '1', '1', 0, '$user')";
                $stmts[] = "INSERT INTO accounts_cstm (id_c, crmguard_status_c) VALUES ('$account', 'waiting')";
                $stmts[] = $group_row($account, 'Accounts', $now);
            }
        }
        $stmts[] = "INSERT INTO contacts (id, date_entered, date_modified, modified_user_id, created_by, description, deleted, assigned_user_id, first_name, last_name, phone_mobile, lead_source) VALUES ('$contact', '$now', '$now', '1', '1', {$e($comment)}, 0, '$user', {$e($first)}, {$e($last)}, '$e164', {$e($source)})";
        $stmts[] = $group_row($contact, 'Contacts', $now);
        if ($account) {
            $stmts[] = "INSERT INTO accounts_contacts (id, contact_id, account_id, date_modified, deleted) VALUES ('{$guid()}', '$contact', '$account', '$now', 0)";
        }
        $stmts[] = "INSERT INTO opportunities (id, name, date_entered, date_modified, modified_user_id, created_by, deleted, assigned_user_id, amount, amount_usdollar, currency_id, date_closed, sales_stage, probability) VALUES ('$deal', {$e($cut($name))}, '$now', '$now', '1', '1', 0, '$user', 0, 0, '-99', '$now', 'New', 10)";
        $stmts[] = $group_row($deal, 'Opportunities', $now);
        $stmts[] = "INSERT INTO opportunities_cstm (id_c) VALUES ('$deal')";
        $stmts[] = "INSERT INTO opportunities_contacts (id, contact_id, opportunity_id, date_modified, deleted) VALUES ('{$guid()}', '$contact', '$deal', '$now', 0)";
        if ($account) {
            $stmts[] = "INSERT INTO accounts_opportunities (id, opportunity_id, account_id, date_modified, deleted) VALUES ('{$guid()}', '$deal', '$account', '$now', 0)";
        }
        $stmts[] = "INSERT INTO tasks (id, name, date_entered, date_modified, modified_user_id, created_by, deleted, assigned_user_id, status, date_due, parent_type, parent_id, contact_id, priority) VALUES ('$task', {$e($cut('Call: ' . $name))}, '$now', '$now', '1', '1', 0, '$user', 'Not Started', '$now', 'Opportunities', '$deal', '$contact', 'Medium')";
        $stmts[] = $group_row($task, 'Tasks', $now);
        if ($email !== '') {
            /* SugarEmailAddress: the shared address row (looked up by its upper-case form), then the link */
            $caps = strtoupper($email);
            $address = $find('SELECT id FROM email_addresses WHERE deleted = 0 AND email_address_caps = ' . $e($caps) . ' LIMIT 1');
            if ($address === null) {
                $address = $guid();
                $stmts[] = "INSERT INTO email_addresses (id, email_address, email_address_caps, invalid_email, opt_out, confirm_opt_in, date_created, date_modified, deleted) VALUES ('$address', {$e($email)}, {$e($caps)}, 0, 0, 'not-opt-in', '$now', '$now', 0)";
            }
            $stmts[] = "INSERT INTO email_addr_bean_rel (id, email_address_id, bean_id, bean_module, primary_address, reply_to_address, date_created, date_modified, deleted) VALUES ('{$guid()}', '$address', '$contact', 'Contacts', 1, 0, '$now', '$now', 0)";
        }
        $stmts[] = "INSERT INTO crmguard_phone (entity_type, entity_id, e164, source_field) VALUES ('Contacts', '$contact', " . substr($e164, 1) . ", 'phone_mobile')";
        /* SugarBean::save() writes the contact's _cstm row (DynamicField::save), and SuiteCRM's Import
         * wizard a users_last_import row per record it made (Importer.php 571-574), as crmguard does */
        $stmts[] = "INSERT INTO contacts_cstm (id_c) VALUES ('$contact')";
        foreach (array_filter(['Contact' => $contact, 'Account' => $newAccount ? $account : null, 'Opportunity' => $deal,
                'Task' => $task]) as $bean => $id) {
            $stmts[] = "INSERT INTO users_last_import (id, assigned_user_id, import_module, bean_type, bean_id, deleted) VALUES ('{$guid()}', '1', 'Contacts', '$bean', '$id', 0)";
        }
        foreach ($stmts as $s) {
            $m->query($s);
            $queries++;
        }
        $created++;
    }
    $elapsed = microtime(true) - $t0;
    $m->close();
    return ['rows' => $n, 'created' => $created, 'elapsed_s' => $elapsed, 'queries' => $queries];
}

$log("databases with $base contacts in the CRM");
$dsn = fresh_db($prefix, $socket, 'crmguard_bench_import', $root);
$dsnRow = fresh_db($prefix, $socket, 'crmguard_bench_rowwise', $root);
$baseCsv = "$tmp/base.csv";
gen($root, $baseCsv, ['--rows', (string) $base, '--seed', '7', '--first-number', '50000000']);
$fresh = child_import($so, $dsn, $baseCsv, ['assign' => $assign, 'batch_size' => 2000]);
child_import($so, $dsnRow, $baseCsv, ['assign' => $assign, 'batch_size' => 2000]);
$log(sprintf('base: %d contacts in %.1fs', $fresh['contacts_created'], $fresh['elapsed_s']));

$list = "$tmp/list.csv";
gen($root, $list, ['--rows', (string) $rows, '--seed', '11', '--first-number', '100000000', '--dup-file', '10',
    '--dup-crm', '5', '--crm-first', '50000000', '--crm-count', (string) $base]);
$quarter = "$tmp/quarter.csv";
gen($root, $quarter, ['--rows', (string) intdiv($rows, 4), '--seed', '11', '--first-number', '100000000',
    '--dup-file', '10', '--dup-crm', '5', '--crm-first', '50000000', '--crm-count', (string) $base]);

$log('memory: dry runs of ' . intdiv($rows, 4) . " and $rows rows");
$dryQ = child_import($so, $dsn, $quarter, ['assign' => $assign, 'dry_run' => true]);
$dryF = child_import($so, $dsn, $list, ['assign' => $assign, 'dry_run' => true]);

$log("crmguard: $rows rows");
sleep(1); /* the base's rows are older than $since to the second */
$server = new mysqli('localhost', ...array_merge(user_pass($prefix), [null, 0, $socket]));
$since = $server->query('SELECT UTC_TIMESTAMP()')->fetch_row()[0];
$r = child_import($so, $dsn, $list, ['assign' => $assign, 'batch_size' => 2000, 'connections' => $connections]);
$log(sprintf('crmguard: %d created in %.1fs', $r['contacts_created'], $r['elapsed_s']));

$log("the same rows alone: into a third database with the same $base contacts, on $aloneConnections connection(s)");
$dsnAlone = fresh_db($prefix, $socket, 'crmguard_bench_alone', $root);
child_import($so, $dsnAlone, $baseCsv, ['assign' => $assign, 'batch_size' => 2000]);
[$aloneFiles, $aloneRows] = rows_alone_export($dsn, $since, $r['batches'], $tmp);
$aloneS = rows_alone_load($dsnAlone, $aloneFiles, $aloneConnections, $tmp);
array_map('unlink', array_merge(...array_values($aloneFiles)));
$server->query('DROP DATABASE `crmguard_bench_alone`'); /* 2 GB the rest of the run does not need */
$log(sprintf('the same rows alone: %d rows in %.1fs', $aloneRows, $aloneS));
$log("row by row: $sample rows");
$b = rowwise_import($dsnRow, $list, $sample);
$log(sprintf('row by row: %d created in %.1fs', $b['created'], $b['elapsed_s']));
/* memory of a real import of a quarter of the list, after the row-by-row sample in its database */
$q = child_import($so, $dsnRow, $quarter, ['assign' => $assign, 'batch_size' => 2000, 'connections' => $connections]);

$cps = $r['contacts_created'] / $r['elapsed_s'];
$bcps = $b['created'] / $b['elapsed_s'];
$md = [
    sprintf('Import of %s rows (%s repeated inside the file, %s already in the CRM) into a SuiteCRM database holding %s contacts with their deals and tasks; MariaDB %s on this machine, one process each.',
        number_format($rows, 0, '.', ' '), number_format($dryF['duplicates_in_file'], 0, '.', ' '),
        number_format($dryF['duplicates_in_crm'], 0, '.', ' '), number_format($base, 0, '.', ' '),
        $server->server_info),
    '',
    '| importer | rows | contacts created (each + deal + task + links + index) | time | created contacts/s | rows/s | SQL statements |',
    '|---|---:|---:|---:|---:|---:|---:|',
    sprintf('| crmguard `Importer` (batches of 2000, %d connection%s) | %d | %d | %.1f s | **%s** | %s | %d batches |',
        $connections, $connections > 1 ? 's' : '', $r['rows_read'],
        $r['contacts_created'], $r['elapsed_s'], number_format($cps, 0, '.', ' '),
        number_format($r['rows_read'] / $r['elapsed_s'], 0, '.', ' '), $r['batches']),
    sprintf('| the same rows alone: LOAD DATA of the text of the rows crmguard wrote, nothing checked (%d connection%s) | - | %d | %.1f s | %s | %s | %d rows |',
        $aloneConnections, $aloneConnections > 1 ? 's' : '', $r['contacts_created'], $aloneS,
        number_format($r['contacts_created'] / $aloneS, 0, '.', ' '), '-', $aloneRows),
    sprintf('| row by row, as SuiteCRM 7 (mysqli, first %d rows) | %d | %d | %.1f s | %s | %s | %d |', $sample, $b['rows'],
        $b['created'], $b['elapsed_s'], number_format($bcps, 1, '.', ' '),
        number_format($b['rows'] / $b['elapsed_s'], 0, '.', ' '), $b['queries']),
    '',
    sprintf('crmguard is **%.0f×** faster per created contact than row by row, and takes %.0f %% more time than the server needs to insert its rows alone (%.0f× the row-by-row rate at most on this machine). Into the nearly empty CRM, the first %s contacts took %.1f s (%s/s).',
        $cps / $bcps, 100 * ($r['elapsed_s'] / $aloneS - 1), $r['contacts_created'] / $aloneS / $bcps,
        number_format($base, 0, '.', ' '), $fresh['elapsed_s'],
        number_format($fresh['contacts_created'] / $fresh['elapsed_s'], 0, '.', ' ')),
    '',
    sprintf('Peak memory of the whole php process (ru_maxrss): dry runs of %s and %s rows %.1f and %.1f MB; real imports of %s rows (%s created) and %s rows %.1f and %.1f MB. The numbers and companies an import has seen are kept by the server (a temporary table of its connection), so the process holds a few batches (one being checked, one per writer) whatever the length of the file.',
        number_format(intdiv($rows, 4), 0, '.', ' '), number_format($rows, 0, '.', ' '), $dryQ['peak_rss_mb'],
        $dryF['peak_rss_mb'], number_format(intdiv($rows, 4), 0, '.', ' '),
        number_format($q['contacts_created'], 0, '.', ' '), number_format($rows, 0, '.', ' '),
        $q['peak_rss_mb'], $r['peak_rss_mb']),
];
$text = implode("\n", $md) . "\n";
echo $text;
if (isset($opt['out'])) {
    file_put_contents($opt['out'], $text);
}
