--TEST--
crmguard audit --manager / --team read only that scope's rows (bound values in the query) and find exactly its share of all findings; qc-sample's review tasks take the same number of statements for 5 or 50 deals; both CRMs
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/analytics.inc';

/** audit --json with $args: [rows, sorted findings as JSON lines] */
function audit(string $dsn, string $crm, array $args): array
{
    [$rc, $out, $err] = crmguard_analytics_cli($dsn, $crm, ['audit', '--json', '--limit', '100000', ...$args]);
    $r = json_decode($out, true) ?? throw new RuntimeException("audit failed ($rc): $err");
    $lines = array_map('json_encode', $r['findings']);
    sort($lines);
    return [$r['rows'], $lines];
}

/* 40 more deals for one manager, so that a 10 % and a 100 % sample differ much in size. */
$setup = [
    'espocrm' => "INSERT INTO opportunity (id, name, deleted, stage, assigned_user_id, created_at, modified_at, close_date, description)
        SELECT CONCAT('a', LPAD(seq, 16, '0')), CONCAT('Сделка A', seq), 0, 'New', '6955d52e03dde92f7', '2026-01-10 10:00:00', '2026-01-10 10:00:00', '2026-02-01', 'ok'
        FROM seq_1_to_40",
    'suitecrm' => "INSERT INTO opportunities (id, name, deleted, sales_stage, assigned_user_id, date_entered, date_modified, date_closed, description)
        SELECT CONCAT('aaaaaaaa-0000-4000-8000-', LPAD(seq, 12, '0')), CONCAT('Сделка A', seq), 0, 'New', 'c3418962-c328-524b-9bbc-6c70cd0f7d72', '2026-01-10 10:00:00', '2026-01-10 10:00:00', '2026-02-01', 'ok'
        FROM seq_1_to_40",
];

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    $dsn = crmguard_analytics_db($crm);
    crmguard_test_sql($dsn, $setup[$crm]);
    [$allRows, $all] = audit($dsn, $crm, []);
    $fields = crmguard_test_sql($dsn, 'SELECT user_id, COUNT(*) AS n FROM crmguard_v_card_field GROUP BY user_id');
    echo 'all: ', json_encode($allRows === array_sum(array_column($fields, 'n'))), ', ', count($all) > 0 ? 'findings' : 'none', "\n";
    $ok = [];
    foreach ($fields as $f) {
        if ($f['user_id'] === null) {
            continue;
        }
        [$rows, $mine] = audit($dsn, $crm, ['--manager', $f['user_id']]);
        $want = array_values(array_filter($all, fn ($l) => json_decode($l, true)['user_id'] === $f['user_id']));
        $ok[] = $rows === (int) $f['n'] && $mine === $want;
    }
    echo 'each manager reads his rows and gets his findings: ', json_encode(array_unique($ok)), ' (', count($ok), " managers)\n";
    $ok = [];
    foreach (crmguard_test_sql($dsn, 'SELECT team_id FROM crmguard_v_user_team GROUP BY team_id') as $t) {
        $members = array_column(crmguard_test_sql($dsn, "SELECT user_id FROM crmguard_v_user_team WHERE team_id = '{$t['team_id']}'"), 'user_id');
        [$rows, $theirs] = audit($dsn, $crm, ['--team', $t['team_id']]);
        $want = array_values(array_filter($all, fn ($l) => in_array(json_decode($l, true)['user_id'], $members, true)));
        $read = array_sum(array_map(fn ($f) => in_array($f['user_id'], $members, true) ? $f['n'] : 0, $fields));
        $ok[] = $rows === $read && $theirs === $want;
    }
    echo 'each team reads its rows and gets its findings: ', json_encode(array_unique($ok)), ' (', count($ok), " teams)\n";
    echo 'unknown team: ', json_encode(audit($dsn, $crm, ['--team', 'no-such-team'])), "\n";
    echo "a value that looks like SQL is a value: ", json_encode(audit($dsn, $crm, ['--manager', "x' OR '1'='1"])), "\n";

    // Audit::scan binds its values; a wrong one is refused before the query runs.
    $db = new CrmGuard\Connection($dsn);
    $audit = new CrmGuard\Audit(['required' => ['Deal.comment']]);
    $r = $audit->scan($db, 'SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field WHERE entity_type = ? AND field = ?', ['Deal', 'comment']);
    echo 'scan with values: ', json_encode($r['rows'] === (int) crmguard_test_sql($dsn, "SELECT COUNT(*) AS n FROM crmguard_v_card_field WHERE entity_type = 'Deal' AND field = 'comment'")[0]['n']),
        ', ', json_encode(array_unique(array_column($r['findings'], 'problem'))), "\n";
    // Counted in C while the rows stream: the counts with three findings kept equal those computed here from all.
    $all = $audit->scan($db, 'SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field');
    $few = $audit->scan($db, 'SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field', [], 3);
    $kinds = $users = $records = [];
    foreach ($all['findings'] as $f) {
        $k = "{$f['entity_type']}/{$f['field']}/{$f['problem']}";
        $kinds[$k] = ($kinds[$k] ?? 0) + 1;
        $users[(string) $f['user_id']] = ($users[(string) $f['user_id']] ?? 0) + 1;
        $records["{$f['entity_type']}:{$f['entity_id']}"] = true;
    }
    $tallied = [];
    foreach ($few['kinds'] as [$t, $fl, $p, $n]) {
        $tallied["$t/$fl/$p"] = $n;
    }
    ksort($kinds);
    ksort($tallied);
    ksort($users);
    $byUser = $few['by_user'];
    ksort($byUser);
    echo 'scan keeping 3: ', json_encode([count($few['findings']), $few['findings'] === array_slice($all['findings'], 0, 3),
        $few['problems'] === count($all['findings']), $few['records'] === count($records), $tallied === $kinds,
        $byUser === $users, $few['rows'] === $all['rows'], $all['problems'] > 3]), "\n";
    // The parts as a list of queries: one count (a record in two parts, names and phones, counts once).
    $parts = array_column(crmguard_test_sql($dsn, "SELECT table_name AS v FROM information_schema.tables
        WHERE table_schema = DATABASE() AND table_name LIKE 'crmguard\\_v\\_card\\_field\\_%' ORDER BY table_name"), 'v');
    $split = $audit->scan($db, array_map(fn ($v) => "SELECT entity_type, entity_id, user_id, field, source_field, value FROM $v", $parts), [], 0);
    echo 'scan of the parts: ', json_encode([$split['rows'] === $all['rows'], $split['problems'] === $few['problems'],
        $split['records'] === $few['records'], $split['findings']]), "\n";
    try {
        $audit->scan($db, 'SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field', [], -1);
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    foreach ([[['x']], ['a', 'b']] as $bad) {
        try {
            $audit->scan($db, 'SELECT entity_type, entity_id, user_id, field, source_field, value FROM crmguard_v_card_field WHERE user_id = ?', $bad);
        } catch (Throwable $e) {
            echo get_class($e), ': ', preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $e->getMessage()), "\n";
        }
    }

    // Review tasks: the statements this connection sends do not grow with the sample.
    $qc = new CrmGuard\Analytics\QcSample($db);
    $qcUser = crmguard_test_sql($dsn, 'SELECT user_id FROM crmguard_v_user ORDER BY user_id LIMIT 1')[0]['user_id'];
    $questions = fn () => (int) $db->query("SHOW SESSION STATUS LIKE 'Questions'")[0]['Value'];
    $counts = [];
    foreach ([10, 100] as $percent) {
        $sample = $qc->draw(new CrmGuard\Analytics\ReportOptions(), $percent, 3)['sample'];
        foreach ([1, 2] as $run) {
            $q0 = $questions();
            $made = $qc->createTasks($sample, $qcUser, 'en', '2026-02-01 09:00:00');
            $counts[] = count($sample) . " deals, run $run: " . json_encode($made) . ', ' . ($questions() - $q0 - 1) . ' statements';
        }
    }
    echo implode("\n", $counts), "\n";
    $table = $crm === 'espocrm' ? 'task' : 'tasks';
    echo 'tasks written: ', json_encode(crmguard_test_sql($dsn, "SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids,
        COUNT(DISTINCT parent_id) AS deals, MIN(CHAR_LENGTH(id)) AS id_length, MAX(CHAR_LENGTH(id)) AS max_id_length
        FROM $table WHERE assigned_user_id = '$qcUser' AND name LIKE 'QC review:%'")[0]), "\n";
    $db->close();
}
?>
--EXPECT--
== espocrm
all: true, findings
each manager reads his rows and gets his findings: [true] (2 managers)
each team reads its rows and gets its findings: [true] (1 teams)
unknown team: [0,[]]
a value that looks like SQL is a value: [0,[]]
scan with values: true, ["missing"]
scan keeping 3: [3,true,true,true,true,true,true,true]
scan of the parts: [true,true,true,[]]
ValueError: CrmGuard\Audit::scan(): Argument #4 ($keep) must be 0 or more, or null for every finding
TypeError: CrmGuard\Audit::scan(): Argument #3 ($params) must hold only null, bool, int, float or string values, array given at position 0
CrmGuard\DbException: audit query: query failed (DSN): the statement has 1 '?' placeholders but 2 values were given
6 deals, run 1: {"created":6,"existing":0}, 6 statements
6 deals, run 2: {"created":0,"existing":6}, 1 statements
43 deals, run 1: {"created":37,"existing":6}, 6 statements
43 deals, run 2: {"created":0,"existing":43}, 1 statements
tasks written: {"n":"43","ids":"43","deals":"43","id_length":"17","max_id_length":"17"}
== suitecrm
all: true, findings
each manager reads his rows and gets his findings: [true] (2 managers)
each team reads its rows and gets its findings: [true] (1 teams)
unknown team: [0,[]]
a value that looks like SQL is a value: [0,[]]
scan with values: true, ["missing"]
scan keeping 3: [3,true,true,true,true,true,true,true]
scan of the parts: [true,true,true,[]]
ValueError: CrmGuard\Audit::scan(): Argument #4 ($keep) must be 0 or more, or null for every finding
TypeError: CrmGuard\Audit::scan(): Argument #3 ($params) must hold only null, bool, int, float or string values, array given at position 0
CrmGuard\DbException: audit query: query failed (DSN): the statement has 1 '?' placeholders but 2 values were given
6 deals, run 1: {"created":6,"existing":0}, 6 statements
6 deals, run 2: {"created":0,"existing":6}, 1 statements
43 deals, run 1: {"created":37,"existing":6}, 6 statements
43 deals, run 2: {"created":0,"existing":43}, 1 statements
tasks written: {"n":"43","ids":"43","deals":"43","id_length":"36","max_id_length":"36"}