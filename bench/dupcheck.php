<?php
/*
 * bench/dupcheck.php — issue 14, in one run on one generated CRM:
 *
 *  1. the phone duplicate check's cost to a save: the statements Guard::phoneHolders() sends
 *     (the packages' hooks call nothing else; the answer is kept for the rest of the save), for
 *     numbers nobody holds and for numbers a record holds, counted with the server's own
 *     Questions counter;
 *  2. `audit --fix phones` (CrmGuard\Crm\PhoneFix: read every phone, canonical form, journal,
 *     rewrite, in batches) against a plain UPDATE ... JOIN that writes the same new values into
 *     the same rows from a table holding them already (what the fix's writes cost with nothing
 *     read, computed or journalled), and the undo.  Ratios, measured in the same run; no figure
 *     is an assertion.
 *
 *   php -d extension=crmguard.so -d extension=mysqli bench/dupcheck.php SOCKET [--crm suitecrm]
 *       [--scale bench] [--contacts N] [--leads N] [--accounts N] [--batch N] [--checks N] [--reps N] [--keep]
 */
declare(strict_types=1);

$o = ['crm' => 'suitecrm', 'scale' => 'bench', 'contacts' => null, 'leads' => null, 'accounts' => null,
      'batch' => 20000, 'checks' => 2000, 'reps' => 3, 'keep' => false];
$socket = $argv[1] ?? '';
for ($i = 2; $i < $argc; $i++) {
    $k = ltrim($argv[$i], '-');
    if ($k === 'keep') { $o['keep'] = true; continue; }
    if (!array_key_exists($k, $o) || !isset($argv[$i + 1])) { fwrite(STDERR, "bench/dupcheck.php: bad option {$argv[$i]}\n"); exit(2); }
    $o[$k] = $argv[++$i];
}
if ($socket === '' || !extension_loaded('crmguard') || !extension_loaded('mysqli')) {
    fwrite(STDERR, "usage: php -d extension=crmguard.so -d extension=mysqli bench/dupcheck.php SOCKET [options]\n");
    exit(2);
}
$root = dirname(__DIR__);
require "$root/src/Cli/autoload.php";
$crm = $o['crm'];
$dbName = "crmguard_bench_dupcheck_$crm";
$dsn = "mysql://crmguard:crmguard-dev@localhost/$dbName?socket=" . $socket;
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
$m = new mysqli('localhost', 'crmguard', 'crmguard-dev', null, 0, $socket);
$m->set_charset('utf8mb4');

function say(string $s): void { fwrite(STDERR, "bench/dupcheck: $s\n"); }
function timed(string $what, callable $f): float
{
    $t = hrtime(true);
    $f();
    $s = (hrtime(true) - $t) / 1e9;
    say(sprintf('%s: %.2fs', $what, $s));
    return $s;
}

$gen = ['--crm', $crm, '--scale', $o['scale']];
foreach (['contacts', 'leads', 'accounts'] as $k) {
    if ($o[$k] !== null) {
        array_push($gen, "--$k", (string) (int) $o[$k]);
    }
}
$marker = substr(implode(' ', $gen), 0, 60);
$have = $o['keep'] ? $m->query("SELECT SCHEMA_COMMENT FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$dbName'")->fetch_row()[0] ?? null : null;
if ($have !== $marker) {
    $m->query("DROP DATABASE IF EXISTS `$dbName`");
    $m->query("CREATE DATABASE `$dbName` CHARACTER SET " . ($crm === 'espocrm' ? 'utf8mb4 COLLATE utf8mb4_unicode_ci' : 'utf8mb3 COLLATE utf8mb3_general_ci')
        . " COMMENT '" . $m->real_escape_string($marker) . "'");
    $m->select_db($dbName);
    foreach (['schema.sql', 'crmguard-fields.sql'] as $f) {
        $m->multi_query(file_get_contents("$root/tests/fixtures/$crm/$f"));
        do { if ($r = $m->store_result()) { $r->free(); } } while ($m->more_results() && $m->next_result());
    }
    $dir = sys_get_temp_dir() . '/crmguard-bench-dupcheck-' . getmypid();
    timed('generate (tools/gen-crm-data ' . implode(' ', $gen) . ')', function () use ($root, $gen, $dir) {
        $cmd = array_merge([PHP_BINARY, '-n', '-d', 'memory_limit=1G', "$root/tools/gen-crm-data"], $gen, ['--format', 'tsv', '--out', $dir, '--quiet']);
        passthru(implode(' ', array_map('escapeshellarg', $cmd)), $rc);
        if ($rc !== 0) { say('gen-crm-data failed'); exit(1); }
    });
    timed('load', function () use ($dir, $socket, $dbName) {
        passthru('cd ' . escapeshellarg($dir) . ' && mariadb --local-infile=1 -u crmguard -pcrmguard-dev -S ' . escapeshellarg($socket)
            . ' ' . escapeshellarg($dbName) . ' < load.sql', $rc);
        if ($rc !== 0) { say('load failed'); exit(1); }
    });
    exec('rm -rf ' . escapeshellarg($dir));
}
$db = new CrmGuard\Connection($dsn);
$db->exec('DROP TABLE IF EXISTS crmguard_audit_fix, crmguard_audit_fix_run'); // this scratch database's journal, as sql/ has it now
CrmGuard\Schema::apply($db, $crm);
timed('phone index rebuild', fn () => (new CrmGuard\PhoneIndex($db, $crm))->rebuild());

// ---- 1. statements a save ---------------------------------------------------------------------
$guard = new CrmGuard\Crm\Guard($crm, $dsn);
$conn = $guard->connection();
$q = fn () => (int) $conn->query("SHOW SESSION STATUS LIKE 'Questions'")[0]['Value'];
$type = $crm === 'espocrm' ? 'Contact' : 'Contacts';
$held = array_column($db->query('SELECT e164 FROM crmguard_phone ORDER BY RAND(1) LIMIT ' . (int) $o['checks']), 'e164');
$cost = [];
foreach (['unknown' => array_map(fn ($i) => '+7999' . sprintf('%07d', $i * 7919 % 10000000), range(1, (int) $o['checks'])),
          'held by a record' => array_map(fn ($d) => '8 ' . substr((string) $d, 1), $held)] as $label => $numbers) {
    $statements = 0;
    $t = hrtime(true);
    foreach ($numbers as $i => $n) {
        $before = $q();
        $cards = $guard->phoneHolders([$n], $type, "bench-$label-$i", 'u-nobody');
        $guard->phoneHolders([$n], $type, "bench-$label-$i", 'u-nobody'); // the same save asks again
        $statements += $q() - $before - 1;
    }
    $cost[$label] = [count($numbers), $statements / max(1, count($numbers)), (hrtime(true) - $t) / 1e6 / max(1, count($numbers))];
}

// ---- 2. audit --fix phones against UPDATE ... JOIN ----------------------------------------------
$fix = new CrmGuard\Crm\PhoneFix($db, $crm, (int) $o['batch']);
$collation = $crm === 'espocrm' ? 'utf8mb4_unicode_ci' : 'utf8mb3_general_ci';
$charset = $crm === 'espocrm' ? 'utf8mb4' : 'utf8mb3';
$tFix = $tUndo = $tJoin = INF;
$report = null;
for ($rep = 1; $rep <= (int) $o['reps']; $rep++) {
    // One round: the fix, its undo, the plain UPDATE ... JOIN of the same rows to the same values
    // (from a table holding them: the run's journal), then the data back as generated.  The best
    // of the rounds is kept for each (the machine is shared: the slower rounds are other load).
    $tFix = min($tFix, timed("round $rep: audit --fix phones", function () use ($fix, &$report) { $report = $fix->fix(false, 0); }));
    $run = $report['run_id'];
    $tUndo = min($tUndo, timed("round $rep: audit --undo", fn () => $fix->undo($run)));
    $db->exec('DROP TABLE IF EXISTS bench_new_value');
    $db->exec("CREATE TABLE bench_new_value (id varchar(36) CHARACTER SET $charset COLLATE $collation NOT NULL,
        column_name varchar(64) NOT NULL, new_value varchar(255) CHARACTER SET $charset COLLATE $collation,
        PRIMARY KEY (column_name, id)) ENGINE=InnoDB");
    $cs = $crm === 'espocrm' ? 'utf8mb4 COLLATE utf8mb4_unicode_ci' : 'utf8mb3 COLLATE utf8mb3_general_ci';
    $db->exec("INSERT INTO bench_new_value SELECT j.id, f.column_name, j.new_value FROM crmguard_audit_fix f
        JOIN JSON_TABLE(f.changes, '\$[*]' COLUMNS (id VARCHAR(36) CHARACTER SET $cs PATH '\$[0]',
        new_value VARCHAR(255) CHARACTER SET $cs PATH '\$[2]')) j WHERE f.run_id = ?", [$run]);
    $groups = $db->query('SELECT DISTINCT table_name, column_name FROM crmguard_audit_fix WHERE run_id = ?', [$run]);
    $tJoin = min($tJoin, timed("round $rep: plain UPDATE ... JOIN of the same rows", function () use ($db, $groups) {
        foreach ($groups as $g) {
            $db->exec("UPDATE `{$g['table_name']}` t JOIN bench_new_value n ON n.id = t.id AND n.column_name = ?
                SET t.`{$g['column_name']}` = n.new_value", [$g['column_name']]);
        }
    }));
    // Back as generated, for the next round: the run's journal (its undo was done before the join).
    $db->exec("UPDATE crmguard_audit_fix_run SET state = 'done' WHERE run_id = ?", [$run]);
    $fix->undo($run);
}
$changed = $report['changed'];
$db->exec('DROP TABLE bench_new_value');
if (!$o['keep']) {
    $m->query("DROP DATABASE IF EXISTS `$dbName`");
}

printf("### Phone duplicate check and `audit --fix phones` (%s, %s; best of %d rounds)\n\n", $crm, implode(' ', array_slice($gen, 2)), $o['reps']);
printf("| duplicate check of one number | saves | statements added a save | ms a save |\n|---|---:|---:|---:|\n");
foreach ($cost as $label => [$n, $st, $ms]) {
    printf("| %s | %d | %.2f | %.3f |\n", $label, $n, $st, $ms);
}
printf("\n| | values | s | values/s | vs UPDATE ... JOIN |\n|---|---:|---:|---:|---:|\n");
printf("| audit --fix phones (%d values read, batch %d) | %d | %.2f | %.0f | %.2fx the time |\n", $report['values_read'], $o['batch'], $changed, $tFix, $changed / max($tFix, 1e-9), $tFix / max($tJoin, 1e-9));
printf("| audit --undo | %d | %.2f | %.0f | %.2fx the time |\n", $changed, $tUndo, $changed / max($tUndo, 1e-9), $tUndo / max($tJoin, 1e-9));
printf("| plain UPDATE ... JOIN, same rows and values | %d | %.2f | %.0f | 1 |\n", $changed, $tJoin, $changed / max($tJoin, 1e-9));
printf("\nInvalid values left as they are: %d; already canonical: %d.\n", $report['invalid'], $report['canonical']);
