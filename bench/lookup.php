<?php
/*
 * bench/lookup.php — the call-card lookup on a large CRM, against the LIKE
 * search SuiteCRM and its telephony connectors run, in the same run.
 *
 *   php -d extension=modules/crmguard.so bench/lookup.php SOCKET [--contacts N] [--leads N]
 *       [--accounts N] [--lookups N] [--like N] [--keep]
 *
 * Builds a SuiteCRM database crmguard_bench_lookup on the private server
 * (scripts/dev-db) with SQL sequences (MariaDB's Sequence engine, seq_1_to_N):
 * accounts with a status, contacts linked to accounts, leads, phones in mixed
 * formats; applies sql/suitecrm/*.sql and rebuilds the phone index; then times
 * PhoneIndex::lookup() for --lookups random numbers (contacts, leads, accounts
 * and unknown numbers) from this one PHP process, and the LIKE search for the
 * first --like of them.  Prints a markdown table (p50, p99, mean, max).
 * --keep reuses the data of a previous run when the counts match.
 */
declare(strict_types=1);

$o = ['contacts' => 1000000, 'leads' => 300000, 'accounts' => 200000, 'lookups' => 10000, 'like' => 40, 'keep' => false];
$socket = $argv[1] ?? '';
for ($i = 2; $i < $argc; $i++) {
    $k = ltrim($argv[$i], '-');
    if ($k === 'keep') { $o['keep'] = true; continue; }
    if (!array_key_exists($k, $o) || !isset($argv[$i + 1])) { fwrite(STDERR, "bench/lookup.php: bad option {$argv[$i]}\n"); exit(2); }
    $o[$k] = (int) $argv[++$i];
}
if ($socket === '' || !extension_loaded('crmguard') || !extension_loaded('mysqli')) {
    fwrite(STDERR, "usage: php -d extension=crmguard.so -d extension=mysqli bench/lookup.php SOCKET [options]\n");
    exit(2);
}
$root = dirname(__DIR__);
require "$root/src/Cli/autoload.php";
$dbName = 'crmguard_bench_lookup';
$dsn = "mysql://crmguard:crmguard-dev@localhost/$dbName?socket=" . $socket;
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
$m = new mysqli('localhost', 'crmguard', 'crmguard-dev', null, 0, $socket);
$m->set_charset('utf8mb4');

function say(string $s): void { fwrite(STDERR, "bench/lookup: $s\n"); }
function timed(string $what, callable $f): void { $t = hrtime(true); $f(); say(sprintf('%s: %.1fs', $what, (hrtime(true) - $t) / 1e9)); }

$marker = "c{$o['contacts']}-l{$o['leads']}-a{$o['accounts']}";
$have = $o['keep'] ? $m->query("SELECT SCHEMA_COMMENT FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$dbName'")->fetch_row()[0] ?? null : null;
if ($have !== $marker) {
    $m->query("DROP DATABASE IF EXISTS `$dbName`");
    $m->query("CREATE DATABASE `$dbName` CHARACTER SET utf8 COLLATE utf8_general_ci COMMENT '$marker'");
    $m->select_db($dbName);
    foreach (['schema.sql', 'crmguard-fields.sql'] as $f) {
        $m->multi_query(file_get_contents("$root/tests/fixtures/suitecrm/$f"));
        do { if ($r = $m->store_result()) { $r->free(); } } while ($m->more_results() && $m->next_result());
    }
    $A = $o['accounts']; $C = $o['contacts']; $L = $o['leads'];
    // Numbers: accounts +7495 1nnnnnn, contacts +7912 nnnnnnn, leads +7913 nnnnnnn (every
    // 10th lead has a contact's number).  Stored in three formats by turns.
    $fmt = fn (string $d) => "CASE n % 3 WHEN 0 THEN CONCAT('+7 ', $d) WHEN 1 THEN CONCAT('8 (', SUBSTR($d, 1, 3), ') ',
        SUBSTR($d, 4, 3), '-', SUBSTR($d, 7, 2), '-', SUBSTR($d, 9, 2)) ELSE CONCAT('8', $d) END";
    timed('users', fn () => $m->query("INSERT INTO users (id, user_name, first_name, last_name, is_admin, status, deleted)
        SELECT CONCAT('u', seq), CONCAT('user', seq), 'Менеджер', seq, 0, 'Active', 0 FROM seq_1_to_20"));
    timed("$A accounts", function () use ($m, $A, $fmt) {
        $m->query("INSERT INTO accounts (id, name, deleted, assigned_user_id, phone_office, date_entered)
            SELECT CONCAT('a', n), CONCAT('Компания ', n), 0, CONCAT('u', 1 + n % 20), " . $fmt("CONCAT('495', 1000000 + n)") . ", NOW()
            FROM (SELECT seq AS n FROM seq_1_to_$A) s");
        $m->query("INSERT INTO accounts_cstm (id_c, crmguard_status_c)
            SELECT CONCAT('a', seq), IF(seq % 3 = 0, 'in_work', 'waiting') FROM seq_1_to_$A");
    });
    timed("$C contacts + links", function () use ($m, $C, $A, $fmt) {
        $m->query("INSERT INTO contacts (id, first_name, last_name, deleted, assigned_user_id, phone_mobile, date_entered)
            SELECT CONCAT('c', n), 'Контакт', n, 0, CONCAT('u', 1 + n % 20), " . $fmt("CONCAT('912', LPAD(n, 7, '0'))") . ", NOW()
            FROM (SELECT seq AS n FROM seq_1_to_$C) s");
        $m->query("INSERT INTO accounts_contacts (id, contact_id, account_id, deleted)
            SELECT CONCAT('ac', seq), CONCAT('c', seq), CONCAT('a', 1 + seq % $A), 0 FROM seq_1_to_$C");
    });
    timed("$L leads", fn () => $m->query("INSERT INTO leads (id, first_name, last_name, deleted, assigned_user_id, status, converted, phone_mobile, date_entered)
        SELECT CONCAT('l', n), 'Лид', n, 0, CONCAT('u', 1 + n % 20), 'New', 0,
            IF(n % 10 = 0, CONCAT('+7912', LPAD(n, 7, '0')), " . $fmt("CONCAT('913', LPAD(n, 7, '0'))") . "), NOW()
        FROM (SELECT seq AS n FROM seq_1_to_$L) s"));
    $db = new CrmGuard\Connection($dsn);
    CrmGuard\Schema::apply($db, 'suitecrm');
    timed('index rebuild', function () use ($db, &$report) { $report = (new CrmGuard\PhoneIndex($db, 'suitecrm'))->rebuild(); });
    say("index: {$report['records']} records, {$report['phones']} phones");
} else {
    say("reusing $dbName ($marker)");
}

// Warm the buffer pool as a running CRM's would be: read every table and index the lookup uses.
$m->select_db($dbName);
timed('warm-up reads', function () use ($m) {
    // A full read of each table (its clustered index), then of the secondary index used.
    foreach (['contacts' => 'deleted', 'leads' => 'deleted', 'accounts' => 'deleted', 'accounts_cstm' => 'id_c',
              'users' => 'deleted', 'crmguard_phone' => 'entity_type', 'accounts_contacts' => 'deleted'] as $t => $col) {
        $m->query("SELECT COUNT(`$col`) FROM `$t` IGNORE INDEX FOR ORDER BY (PRIMARY)")->fetch_all();
    }
    $m->query('SELECT COUNT(*) FROM crmguard_phone FORCE INDEX (IDX_CRMGUARD_PHONE_E164)')->fetch_all();
    $m->query('SELECT COUNT(*) FROM accounts_contacts FORCE INDEX (idx_contid_del_accid)')->fetch_all();
});
$pool = (int) $m->query('SELECT @@innodb_buffer_pool_size')->fetch_row()[0];
$size = (int) $m->query("SELECT SUM(data_length + index_length) FROM information_schema.tables WHERE table_schema = '$dbName'")->fetch_row()[0];

// The numbers called: 40 % contacts, 30 % leads, 10 % accounts, 20 % unknown; typed as people do.
mt_srand(20240601);
$numbers = [];
for ($i = 0; $i < $o['lookups']; $i++) {
    $r = mt_rand(0, 99);
    $digits = match (true) {
        $r < 40 => '912' . str_pad((string) mt_rand(1, $o['contacts']), 7, '0', STR_PAD_LEFT),
        $r < 70 => '913' . str_pad((string) mt_rand(1, $o['leads']), 7, '0', STR_PAD_LEFT),
        $r < 80 => '495' . (1000000 + mt_rand(1, $o['accounts'])),
        default => '977' . str_pad((string) mt_rand(1, 9999999), 7, '0', STR_PAD_LEFT),
    };
    $numbers[] = ['8 ' . $digits, '+7' . $digits, $digits][$i % 3];
}

function stats(array $t): array
{
    sort($t);
    $n = count($t);
    return ['n' => $n, 'p50' => $t[(int) floor(0.50 * ($n - 1))], 'p99' => $t[(int) floor(0.99 * ($n - 1))],
        'mean' => array_sum($t) / $n, 'max' => $t[$n - 1]];
}

$db = new CrmGuard\Connection($dsn, ['persistent' => false]);
$index = new CrmGuard\PhoneIndex($db, 'suitecrm');
foreach (array_slice($numbers, 0, 200) as $p) { $index->lookup($p, 'u1'); }   // warm-up
$times = [];
$colors = ['red' => 0, 'yellow' => 0, 'blue' => 0, 'none' => 0];
foreach ($numbers as $p) {
    $t = hrtime(true);
    $card = $index->lookup($p, 'u1');
    $times[] = (hrtime(true) - $t) / 1e6;
    $colors[$card['color']]++;
}
$crm = stats($times);
// The floor of any query on this machine in this run: one round trip.
$t1 = [];
for ($i = 0; $i < $o['lookups']; $i++) {
    $t = hrtime(true);
    $db->query('SELECT 1');
    $t1[] = (hrtime(true) - $t) / 1e6;
}
$rt = stats($t1);

// The peer: what SuiteCRM (and connectors built on it) run for a caller id: LIKE '%digits%'
// over every phone column of contacts, accounts and leads (no index can serve it).
$m->select_db($dbName);
$like = [];
$likeFound = 0;
$crmFound = 0;
foreach (array_slice($numbers, 0, $o['like']) as $p) {
    $d = substr(preg_replace('/\D/', '', $p), -10);
    $q = "%$d%";
    $t = hrtime(true);
    $rows = $m->execute_query("SELECT id FROM contacts WHERE deleted = 0 AND (phone_home LIKE ? OR phone_mobile LIKE ? OR phone_work LIKE ? OR phone_other LIKE ? OR phone_fax LIKE ?)
        UNION ALL SELECT id FROM accounts WHERE deleted = 0 AND (phone_office LIKE ? OR phone_alternate LIKE ? OR phone_fax LIKE ?)
        UNION ALL SELECT id FROM leads WHERE deleted = 0 AND (phone_home LIKE ? OR phone_mobile LIKE ? OR phone_work LIKE ? OR phone_other LIKE ? OR phone_fax LIKE ?)",
        array_fill(0, 13, $q))->fetch_all();
    $like[] = (hrtime(true) - $t) / 1e6;
    $likeFound += count($rows) > 0 ? 1 : 0;
    $crmFound += $index->lookup($p, 'u1')['matches'] !== [] ? 1 : 0;
}
$peer = stats($like);

$f = fn (float $ms) => $ms >= 100 ? sprintf('%.0f', $ms) : sprintf('%.3f', $ms);
printf("CRM: SuiteCRM schema, %s contacts (each linked to a company), %s leads, %s accounts; phones stored in 3 formats.\n\n",
    number_format($o['contacts'], 0, '.', ' '), number_format($o['leads'], 0, '.', ' '), number_format($o['accounts'], 0, '.', ' '));
echo "| search | lookups | p50 ms | p99 ms | mean ms | max ms | numbers found |\n|---|---:|---:|---:|---:|---:|---:|\n";
printf("| crmguard `PhoneIndex::lookup()` (whole call card) | %d | %s | %s | %s | %s | %s |\n", $crm['n'], $f($crm['p50']), $f($crm['p99']),
    $f($crm['mean']), $f($crm['max']), "$crmFound of {$o['like']} (first {$o['like']})");
printf("| one round trip `Connection::query('SELECT 1')` (the floor) | %d | %s | %s | %s | %s | - |\n", $rt['n'],
    $f($rt['p50']), $f($rt['p99']), $f($rt['mean']), $f($rt['max']));
printf("| SuiteCRM-style `LIKE '%%digits%%'` over contacts, accounts, leads (ids only) | %d | %s | %s | %s | %s | %s |\n", $peer['n'],
    $f($peer['p50']), $f($peer['p99']), $f($peer['mean']), $f($peer['max']), "$likeFound of {$o['like']}");
printf("\nInnoDB buffer pool %d MB for %d MB of data and indexes (CRMGUARD_DB_BUFFER_POOL when the server starts).\n",
    $pool >> 20, $size >> 20);
printf("Load average during the run: %s (2 cores shared with other work).\n", implode(' ', array_map(fn ($x) => sprintf('%.2f', $x), sys_getloadavg())));
printf("p50 ratio: LIKE / crmguard = %.0f x.  Colours of the %d lookups: %s.\n", $peer['p50'] / $crm['p50'], $crm['n'],
    implode(', ', array_map(fn ($k, $v) => "$k $v", array_keys($colors), $colors)));
