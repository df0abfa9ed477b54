<?php
/*
 * tests/integration/fixture-check.php — checks the CRM schema fixtures in tests/fixtures/.
 *
 * Needs a running MariaDB (it starts nothing itself):
 *   eval "$(scripts/dev-db env)"; php tests/integration/fixture-check.php
 * Environment:
 *   CRMGUARD_TEST_SOCKET    unix socket of the server (required)
 *   CRMGUARD_TEST_USER      default crmguard
 *   CRMGUARD_TEST_PASSWORD  default crmguard-dev
 *   CRMGUARD_REFERENCE_DIR  default <repo>/../shared/reference; the SuiteCRM reference comparison
 *                           is skipped (with a message) when the reference is not there.
 * The user must be allowed to create and drop databases named crmguard_* (dev-db grants that).
 *
 * What it checks:
 *   - each CRM's schema.sql, crmguard-fields.sql (twice: it must be idempotent) and sample.sql load
 *     into a scratch database;
 *   - crmguard's custom columns are there with the types the CRMs' field managers give them;
 *   - the sample data is consistent and stored the way each CRM stores it;
 *   - the SuiteCRM fixture equals the reference dump table by table: information_schema COLUMNS
 *     (name, order, type, nullability, default, charset, collation, extra), STATISTICS (indexes)
 *     and TABLES (engine, collation); failures print a precise diff;
 *   - the comparison itself notices a changed column and a dropped index (so it cannot pass
 *     vacuously).
 * Prints one line per check and "N passed, N failed, N skipped"; exits 1 on any failure.
 */

declare(strict_types=1);

const SUITE_REFERENCE_FILE = 'suitecrm-7.14.6-schema.sql';
/* Tables the fixture has on purpose that the reference dump does not (see schema.sql). */
const SUITE_FIXTURE_ONLY_TABLES = ['opportunities_cstm'];

$repo = dirname(__DIR__, 2);
$fixtures = "$repo/tests/fixtures";

$passed = 0;
$failed = 0;
$skipped = 0;

function ok(bool $cond, string $name, string $detail = ''): bool
{
    global $passed, $failed;
    if ($cond) {
        $passed++;
        echo "ok - $name\n";
    } else {
        $failed++;
        echo "not ok - $name\n";
        if ($detail !== '') {
            echo '    ' . str_replace("\n", "\n    ", rtrim($detail)) . "\n";
        }
    }
    return $cond;
}

function skip(string $name, string $why): void
{
    global $skipped;
    $skipped++;
    echo "skip - $name: $why\n";
}

function finish(): never
{
    global $passed, $failed, $skipped;
    echo "$passed passed, $failed failed" . ($skipped ? ", $skipped skipped" : '') . "\n";
    exit($failed > 0 ? 1 : 0);
}

if (!extension_loaded('mysqli')) {
    fwrite(STDERR, "fixture-check: the mysqli extension is not loaded (Debian: apt-get install php8.2-mysql)\n");
    ok(false, 'mysqli extension loaded');
    finish();
}

$socket = getenv('CRMGUARD_TEST_SOCKET') ?: '';
$user = getenv('CRMGUARD_TEST_USER') ?: 'crmguard';
$password = getenv('CRMGUARD_TEST_PASSWORD');
$password = $password === false ? 'crmguard-dev' : $password;

if ($socket === '') {
    fwrite(STDERR, "fixture-check: CRMGUARD_TEST_SOCKET is not set; start the dev server and export it:\n"
        . "  scripts/dev-db start && eval \"\$(scripts/dev-db env)\"\n");
    ok(false, 'CRMGUARD_TEST_SOCKET is set');
    finish();
}

mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);

try {
    $db = new mysqli('localhost', $user, $password, '', 0, $socket);
    $db->set_charset('utf8mb4');
} catch (mysqli_sql_exception $e) {
    ok(false, "connect to MariaDB on $socket as $user", $e->getMessage());
    finish();
}
ok(true, "connect to MariaDB on $socket as $user (" . $db->server_info . ')');

$scratch = [];
$tag = getmypid();

register_shutdown_function(function () use (&$scratch, $db): void {
    foreach ($scratch as $name) {
        try {
            $db->query("DROP DATABASE IF EXISTS `$name`");
        } catch (Throwable) {
        }
    }
});

function scratch_db(mysqli $db, string $name, string $charset, string $collation): string
{
    global $scratch, $tag;
    $full = "crmguard_fx_{$name}_{$tag}";
    $db->query("DROP DATABASE IF EXISTS `$full`");
    $db->query("CREATE DATABASE `$full` CHARACTER SET $charset COLLATE $collation");
    $scratch[] = $full;
    return $full;
}

/* Runs a whole SQL file; returns null or the error text (with the statement number). */
function run_sql_file(mysqli $db, string $schema, string $file): ?string
{
    $sql = @file_get_contents($file);
    if ($sql === false) {
        return "cannot read $file";
    }
    $db->select_db($schema);
    $n = 1;
    try {
        $db->multi_query($sql);
        do {
            if ($r = $db->store_result()) {
                $r->free();
            }
            if (!$db->more_results()) {
                break;
            }
            $n++;
        } while ($db->next_result());
    } catch (mysqli_sql_exception $e) {
        return sprintf('%s: statement %d: [%d] %s', basename(dirname($file)) . '/' . basename($file), $n, $e->getCode(), $e->getMessage());
    }
    return null;
}

function rows(mysqli $db, string $sql, array $params = []): array
{
    $st = $db->prepare($sql);
    if ($params) {
        $st->bind_param(str_repeat('s', count($params)), ...$params);
    }
    $st->execute();
    $res = $st->get_result();
    $out = $res ? $res->fetch_all(MYSQLI_ASSOC) : [];
    $st->close();
    return $out;
}

function scalar(mysqli $db, string $sql, array $params = []): mixed
{
    $r = rows($db, $sql, $params);
    return $r ? reset($r[0]) : null;
}

/* ---- schema description and comparison -------------------------------------------------- */

function describe_schema(mysqli $db, string $schema): array
{
    $out = [];
    foreach (rows($db, 'SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES
                       WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME', [$schema]) as $t) {
        $out[$t['TABLE_NAME']] = [
            'table' => ['ENGINE' => $t['ENGINE'], 'TABLE_COLLATION' => $t['TABLE_COLLATION']],
            'columns' => [],
            'indexes' => [],
        ];
    }
    foreach (rows($db, 'SELECT TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE,
                              COLUMN_DEFAULT, CHARACTER_SET_NAME, COLLATION_NAME, EXTRA
                       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?
                       ORDER BY TABLE_NAME, ORDINAL_POSITION', [$schema]) as $c) {
        $t = $c['TABLE_NAME'];
        unset($c['TABLE_NAME']);
        $out[$t]['columns'][$c['COLUMN_NAME']] = $c;
    }
    foreach (rows($db, 'SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART,
                              INDEX_TYPE
                       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?
                       ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX', [$schema]) as $s) {
        $idx = &$out[$s['TABLE_NAME']]['indexes'][$s['INDEX_NAME']];
        $idx['unique'] = $s['NON_UNIQUE'] == 0 ? 'UNIQUE' : 'NON-UNIQUE';
        $idx['type'] = $s['INDEX_TYPE'];
        $idx['columns'][] = $s['COLUMN_NAME'] . ($s['SUB_PART'] !== null ? "({$s['SUB_PART']})" : '');
        unset($idx);
    }
    return $out;
}

/* information_schema values as they are (COLUMN_DEFAULT is already an SQL literal: 'x' or NULL). */
function fmt_value(mixed $v): string
{
    return $v === null ? '(none)' : ($v === '' ? '(empty)' : (string) $v);
}

function fmt_index(array $i): string
{
    return $i['unique'] . ' ' . $i['type'] . ' (' . implode(', ', $i['columns']) . ')';
}

/* Differences of $actual from $expected for one table, as readable lines. */
function diff_table(string $table, array $expected, array $actual): array
{
    $d = [];
    foreach ($expected['table'] as $k => $v) {
        if ($actual['table'][$k] !== $v) {
            $d[] = "$table: $k is " . fmt_value($actual['table'][$k]) . ', reference has ' . fmt_value($v);
        }
    }
    $expCols = $expected['columns'];
    $actCols = $actual['columns'];
    foreach ($expCols as $name => $ec) {
        if (!isset($actCols[$name])) {
            $d[] = "$table: column `$name` missing (reference: #{$ec['ORDINAL_POSITION']} {$ec['COLUMN_TYPE']})";
            continue;
        }
        foreach ($ec as $k => $v) {
            if ($actCols[$name][$k] !== $v) {
                $d[] = "$table.`$name`: $k is " . fmt_value($actCols[$name][$k]) . ', reference has ' . fmt_value($v);
            }
        }
    }
    foreach ($actCols as $name => $ac) {
        if (!isset($expCols[$name])) {
            $d[] = "$table: extra column `$name` #{$ac['ORDINAL_POSITION']} {$ac['COLUMN_TYPE']} (not in the reference)";
        }
    }
    foreach ($expected['indexes'] as $name => $ei) {
        if (!isset($actual['indexes'][$name])) {
            $d[] = "$table: index `$name` missing (reference: " . fmt_index($ei) . ')';
        } elseif ($actual['indexes'][$name] !== $ei) {
            $d[] = "$table: index `$name` is " . fmt_index($actual['indexes'][$name]) . ', reference has ' . fmt_index($ei);
        }
    }
    foreach ($actual['indexes'] as $name => $ai) {
        if (!isset($expected['indexes'][$name])) {
            $d[] = "$table: extra index `$name` " . fmt_index($ai) . ' (not in the reference)';
        }
    }
    return $d;
}

/* ---- 1. each CRM's fixture loads; crmguard fields; sample data ---------------------------- */

$crms = [
    'espocrm' => ['utf8mb4', 'utf8mb4_unicode_ci'],
    'suitecrm' => ['utf8mb3', 'utf8mb3_general_ci'],
];
$loaded = [];

foreach ($crms as $crm => [$cs, $coll]) {
    $schema = scratch_db($db, $crm, $cs, $coll);
    $err = run_sql_file($db, $schema, "$fixtures/$crm/schema.sql");
    if (!ok($err === null, "$crm: schema.sql loads", (string) $err)) {
        continue;
    }
    preg_match_all('/^CREATE TABLE `([^`]+)`/m', (string) file_get_contents("$fixtures/$crm/schema.sql"), $m);
    $have = array_column(rows($db, 'SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [$schema]), 'TABLE_NAME');
    $missing = array_diff($m[1], $have);
    ok(count($m[1]) > 0 && !$missing, "$crm: all " . count($m[1]) . ' tables of schema.sql exist',
        'missing: ' . implode(', ', $missing));

    $err = run_sql_file($db, $schema, "$fixtures/$crm/crmguard-fields.sql");
    ok($err === null, "$crm: crmguard-fields.sql loads", (string) $err);
    $err = run_sql_file($db, $schema, "$fixtures/$crm/crmguard-fields.sql");
    ok($err === null, "$crm: crmguard-fields.sql loads a second time (idempotent)", (string) $err);

    $err = run_sql_file($db, $schema, "$fixtures/$crm/sample.sql");
    if (ok($err === null, "$crm: sample.sql loads", (string) $err)) {
        $loaded[$crm] = $schema;
    }
}

/* crmguard's custom columns, as the CRMs' own field managers create them. */
$customColumns = [
    'espocrm' => [
        ['account', 'c_crmguard_status', 'varchar(100)', 'YES', "'waiting'", 'utf8mb4_unicode_ci'],
        ['opportunity', 'c_crmguard_failure_reason', 'varchar(100)', 'YES', 'NULL', 'utf8mb4_unicode_ci'],
        ['call', 'c_crmguard_card_color', 'varchar(100)', 'YES', 'NULL', 'utf8mb4_unicode_ci'],
    ],
    'suitecrm' => [
        ['accounts_cstm', 'crmguard_status_c', 'varchar(100)', 'YES', "'waiting'", 'utf8mb3_general_ci'],
        ['opportunities_cstm', 'crmguard_failure_reason_c', 'varchar(100)', 'YES', 'NULL', 'utf8mb3_general_ci'],
        ['calls_cstm', 'crmguard_card_color_c', 'varchar(100)', 'YES', 'NULL', 'utf8mb3_general_ci'],
    ],
];
foreach ($customColumns as $crm => $cols) {
    if (!isset($loaded[$crm])) {
        continue;
    }
    foreach ($cols as [$table, $col, $type, $nullable, $default, $collation]) {
        $c = rows($db, 'SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLLATION_NAME FROM information_schema.COLUMNS
                        WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?', [$loaded[$crm], $table, $col]);
        $want = ['COLUMN_TYPE' => $type, 'IS_NULLABLE' => $nullable, 'COLUMN_DEFAULT' => $default, 'COLLATION_NAME' => $collation];
        ok($c && $c[0] == $want, "$crm: custom column $table.$col is $type DEFAULT $default",
            $c ? 'got ' . json_encode($c[0]) . ', want ' . json_encode($want) : 'column missing');
    }
}
if (isset($loaded['suitecrm'])) {
    $s = $loaded['suitecrm'];
    foreach (['opportunities_cstm', 'calls_cstm'] as $t) {
        $pk = rows($db, "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS
                         WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_KEY = 'PRI'", [$s, $t]);
        ok($pk == [['COLUMN_NAME' => 'id_c', 'COLUMN_TYPE' => 'char(36)', 'IS_NULLABLE' => 'NO']],
            "suitecrm: $t is keyed by id_c char(36) NOT NULL", json_encode($pk));
    }
}

/* ---- 2. the sample data -------------------------------------------------------------------- */

/* Each check: [description, SQL returning the offending rows (none = pass)]. */
$espoTables = ['Account' => 'account', 'Contact' => 'contact', 'Lead' => 'lead', 'User' => 'user'];
$espoChecks = [
    ['ids are 17 hex digits (Util::generateId), or the system user\'s id',
     "SELECT 'user' t, id FROM user WHERE id NOT REGEXP '^[0-9a-f]{17}$' AND id <> 'system'
      UNION ALL SELECT 'account', id FROM account WHERE id NOT REGEXP '^[0-9a-f]{17}$'
      UNION ALL SELECT 'contact', id FROM contact WHERE id NOT REGEXP '^[0-9a-f]{17}$'
      UNION ALL SELECT 'lead', id FROM lead WHERE id NOT REGEXP '^[0-9a-f]{17}$'
      UNION ALL SELECT 'opportunity', id FROM opportunity WHERE id NOT REGEXP '^[0-9a-f]{17}$'
      UNION ALL SELECT 'task', id FROM task WHERE id NOT REGEXP '^[0-9a-f]{17}$'
      UNION ALL SELECT 'call', id FROM `call` WHERE id NOT REGEXP '^[0-9a-f]{17}$'
      UNION ALL SELECT 'phone_number', id FROM phone_number WHERE id NOT REGEXP '^[0-9a-f]{17}$'"],
    ['phone_number.numeric is every digit of name',
     "SELECT id, name, `numeric` FROM phone_number WHERE NOT (`numeric` <=> REGEXP_REPLACE(name, '[^0-9]', ''))"],
    ['one phone_number row per stored string',
     'SELECT name, COUNT(*) n FROM phone_number WHERE deleted = 0 GROUP BY name HAVING n > 1'],
    ['entity_phone_number rows point to existing phones and records',
     "SELECT e.id FROM entity_phone_number e LEFT JOIN phone_number p ON p.id = e.phone_number_id
      LEFT JOIN account a ON e.entity_type = 'Account' AND a.id = e.entity_id
      LEFT JOIN contact c ON e.entity_type = 'Contact' AND c.id = e.entity_id
      LEFT JOIN lead l ON e.entity_type = 'Lead' AND l.id = e.entity_id
      WHERE p.id IS NULL OR COALESCE(a.id, c.id, l.id) IS NULL"],
    ['at most one primary phone per record',
     'SELECT entity_type, entity_id FROM entity_phone_number WHERE deleted = 0 AND `primary` = 1
      GROUP BY entity_type, entity_id HAVING COUNT(*) > 1'],
    ['every record with phones has a primary one',
     'SELECT entity_type, entity_id FROM entity_phone_number WHERE deleted = 0
      GROUP BY entity_type, entity_id HAVING SUM(`primary`) = 0'],
    ['contact.account_id has its account_contact row',
     'SELECT c.id FROM contact c LEFT JOIN account_contact ac ON ac.contact_id = c.id AND ac.account_id = c.account_id AND ac.deleted = 0
      WHERE c.account_id IS NOT NULL AND ac.id IS NULL'],
    ['account_contact rows point to existing accounts and contacts',
     'SELECT ac.id FROM account_contact ac LEFT JOIN account a ON a.id = ac.account_id LEFT JOIN contact c ON c.id = ac.contact_id
      WHERE a.id IS NULL OR c.id IS NULL'],
    ['assigned users exist',
     'SELECT id FROM account WHERE assigned_user_id NOT IN (SELECT id FROM user)
      UNION ALL SELECT id FROM contact WHERE assigned_user_id NOT IN (SELECT id FROM user)
      UNION ALL SELECT id FROM lead WHERE assigned_user_id NOT IN (SELECT id FROM user)
      UNION ALL SELECT id FROM opportunity WHERE assigned_user_id NOT IN (SELECT id FROM user)'],
    ['company statuses are waiting / in_work',
     "SELECT id, c_crmguard_status FROM account WHERE c_crmguard_status NOT IN ('waiting', 'in_work')"],
];
$espoFacts = [
    ['4 users besides system (admin, supervisor, 2 managers)', "SELECT COUNT(*) FROM user WHERE id <> 'system'", 4],
    ['an admin user', "SELECT COUNT(*) FROM user WHERE type = 'admin'", 1],
    ['a supervisor and two managers in one team', "SELECT COUNT(DISTINCT team_id) * 10 + COUNT(*) FROM team_user WHERE role IN ('Supervisor', 'Manager')", 13],
    ['3 accounts, both statuses', "SELECT COUNT(*) * 10 + COUNT(DISTINCT c_crmguard_status) FROM account", 32],
    ['4 contacts', 'SELECT COUNT(*) FROM contact', 4],
    ['a contact linked to two accounts', 'SELECT COUNT(*) FROM (SELECT contact_id FROM account_contact WHERE deleted = 0 GROUP BY contact_id HAVING COUNT(*) = 2) x', 1],
    ['3 leads: one converted, one deleted', "SELECT COUNT(*) * 100 + SUM(status = 'Converted') * 10 + SUM(deleted) FROM lead", 311],
    ['a phone shared by an account and a contact', "SELECT COUNT(*) FROM (SELECT phone_number_id FROM entity_phone_number GROUP BY phone_number_id HAVING COUNT(DISTINCT entity_type) > 1 AND SUM(entity_type = 'Account') > 0) x", 1],
];

$suiteChecks = [
    ['ids are create_guid() UUIDs (the installer\'s admin is \'1\')',
     "SELECT 'users' t, id FROM users WHERE id NOT REGEXP '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' AND id <> '1'
      UNION ALL SELECT 'accounts', id FROM accounts WHERE id NOT REGEXP '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      UNION ALL SELECT 'contacts', id FROM contacts WHERE id NOT REGEXP '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      UNION ALL SELECT 'leads', id FROM leads WHERE id NOT REGEXP '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      UNION ALL SELECT 'opportunities', id FROM opportunities WHERE id NOT REGEXP '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      UNION ALL SELECT 'accounts_contacts', id FROM accounts_contacts WHERE id NOT REGEXP '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'"],
    ['every account has its accounts_cstm row',
     'SELECT a.id FROM accounts a LEFT JOIN accounts_cstm c ON c.id_c = a.id WHERE c.id_c IS NULL'],
    ['_cstm rows belong to existing records',
     'SELECT id_c FROM accounts_cstm WHERE id_c NOT IN (SELECT id FROM accounts)
      UNION ALL SELECT id_c FROM opportunities_cstm WHERE id_c NOT IN (SELECT id FROM opportunities)
      UNION ALL SELECT id_c FROM calls_cstm WHERE id_c NOT IN (SELECT id FROM calls)'],
    ['relation rows point to existing records',
     'SELECT id FROM accounts_contacts WHERE account_id NOT IN (SELECT id FROM accounts) OR contact_id NOT IN (SELECT id FROM contacts)
      UNION ALL SELECT id FROM accounts_opportunities WHERE account_id NOT IN (SELECT id FROM accounts) OR opportunity_id NOT IN (SELECT id FROM opportunities)
      UNION ALL SELECT id FROM opportunities_contacts WHERE contact_id NOT IN (SELECT id FROM contacts) OR opportunity_id NOT IN (SELECT id FROM opportunities)'],
    ['managers report to the supervisor',
     "SELECT user_name FROM users WHERE user_name IN ('alexey.smirnov', 'dmitry.kuznetsov')
      AND NOT (reports_to_id <=> (SELECT id FROM users WHERE user_name = 'olga.head'))"],
    ['assigned users exist',
     'SELECT id FROM accounts WHERE assigned_user_id NOT IN (SELECT id FROM users)
      UNION ALL SELECT id FROM contacts WHERE assigned_user_id NOT IN (SELECT id FROM users)
      UNION ALL SELECT id FROM leads WHERE assigned_user_id NOT IN (SELECT id FROM users)
      UNION ALL SELECT id FROM opportunities WHERE assigned_user_id NOT IN (SELECT id FROM users)'],
    ['the converted lead points to its contact and account',
     "SELECT l.id FROM leads l LEFT JOIN contacts c ON c.id = l.contact_id LEFT JOIN accounts a ON a.id = l.account_id
      WHERE l.status = 'Converted' AND (l.converted <> 1 OR c.id IS NULL OR a.id IS NULL)"],
    ['task parents are existing opportunities',
     "SELECT t.id FROM tasks t LEFT JOIN opportunities o ON o.id = t.parent_id WHERE t.parent_type = 'Opportunities' AND o.id IS NULL"],
    ['company statuses are waiting / in_work',
     "SELECT id_c, crmguard_status_c FROM accounts_cstm WHERE crmguard_status_c NOT IN ('waiting', 'in_work')"],
];
$suiteFacts = [
    ['4 users (admin, supervisor, 2 managers)', 'SELECT COUNT(*) FROM users', 4],
    ['the admin has id 1 and is_admin', "SELECT COUNT(*) FROM users WHERE id = '1' AND is_admin = 1", 1],
    ['3 accounts, both statuses', 'SELECT COUNT(*) * 10 + COUNT(DISTINCT crmguard_status_c) FROM accounts_cstm', 32],
    ['4 contacts', 'SELECT COUNT(*) FROM contacts', 4],
    ['a contact linked to two accounts', 'SELECT COUNT(*) FROM (SELECT contact_id FROM accounts_contacts WHERE deleted = 0 GROUP BY contact_id HAVING COUNT(*) = 2) x', 1],
    ['3 leads: one converted, one deleted', "SELECT COUNT(*) * 100 + SUM(converted) * 10 + SUM(deleted) FROM leads", 311],
    ['phones in several spellings of one number (+7 495 123-45-67)',
     "SELECT COUNT(DISTINCT p) FROM (SELECT phone_office p FROM accounts UNION ALL SELECT phone_work FROM contacts) x
      WHERE REGEXP_REPLACE(p, '[^0-9]', '') IN ('74951234567', '84951234567')", 2],
];

foreach (['espocrm' => [$espoChecks, $espoFacts], 'suitecrm' => [$suiteChecks, $suiteFacts]] as $crm => [$checks, $facts]) {
    if (!isset($loaded[$crm])) {
        skip("$crm: sample data checks", 'the fixture did not load');
        continue;
    }
    $db->select_db($loaded[$crm]);
    foreach ($checks as [$what, $sql]) {
        try {
            $bad = rows($db, $sql);
            ok(!$bad, "$crm sample: $what", 'offending rows: ' . json_encode(array_slice($bad, 0, 5), JSON_UNESCAPED_UNICODE));
        } catch (mysqli_sql_exception $e) {
            ok(false, "$crm sample: $what", $e->getMessage());
        }
    }
    foreach ($facts as [$what, $sql, $want]) {
        try {
            $got = scalar($db, $sql);
            ok((string) $got === (string) $want, "$crm sample: $what", "got $got, want $want");
        } catch (mysqli_sql_exception $e) {
            ok(false, "$crm sample: $what", $e->getMessage());
        }
    }
}

/* ---- 3. EspoCRM: facts from its source (no reference dump ships with the project) ----------- */

if (isset($loaded['espocrm'])) {
    $s = $loaded['espocrm'];
    $bad = rows($db, "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?
                      AND (COLUMN_NAME = 'id' OR COLUMN_NAME LIKE '%\\_id') AND COLUMN_NAME <> 'message_id' AND DATA_TYPE = 'varchar' AND COLUMN_TYPE <> 'varchar(17)'", [$s]);
    ok(!$bad, 'espocrm: id and foreign-id columns are varchar(17) (app/recordId.json)', json_encode($bad));
    $bad = rows($db, "SELECT TABLE_NAME, COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?
                      AND COLLATION_NAME IS NOT NULL AND COLLATION_NAME <> 'utf8mb4_unicode_ci'", [$s]);
    ok(!$bad, 'espocrm: every string column is utf8mb4_unicode_ci', json_encode($bad));
    $bad = rows($db, "SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?
                      AND (ENGINE <> 'InnoDB' OR TABLE_COLLATION <> 'utf8mb3_unicode_ci')", [$s]);
    ok(!$bad, 'espocrm: tables are InnoDB with the DBAL default table collation utf8mb3_unicode_ci', json_encode($bad));
    $bad = rows($db, "SELECT t.TABLE_NAME FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = ? AND NOT EXISTS
                      (SELECT 1 FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
                       AND c.COLUMN_NAME = 'deleted' AND c.COLUMN_TYPE = 'tinyint(1)' AND c.COLUMN_DEFAULT = '0')", [$s]);
    ok(!$bad, 'espocrm: every table has deleted tinyint(1) DEFAULT 0', json_encode($bad));
    skip('espocrm: comparison with a reference dump', 'the shared reference has notes, not a dump, for EspoCRM; schema.sql was dumped from a real 9.2.7 install (see its header)');
}

/* ---- 4. SuiteCRM fixture vs the reference ------------------------------------------------- */

$refDir = getenv('CRMGUARD_REFERENCE_DIR') ?: dirname($repo) . '/shared/reference';
$refFile = "$refDir/" . SUITE_REFERENCE_FILE;

if (!is_file($refFile)) {
    skip('suitecrm: fixture vs reference schema', "no reference at $refFile (it lives beside the repo in the project's shared/ folder; set CRMGUARD_REFERENCE_DIR to point elsewhere)");
} else {
    $refDb = scratch_db($db, 'suiteref', 'utf8mb3', 'utf8mb3_general_ci');
    $fixDb = scratch_db($db, 'suitefix', 'utf8mb3', 'utf8mb3_general_ci');
    $e1 = run_sql_file($db, $refDb, $refFile);
    $e2 = run_sql_file($db, $fixDb, "$fixtures/suitecrm/schema.sql");
    ok($e1 === null, 'suitecrm: reference schema loads', (string) $e1);
    ok($e2 === null, 'suitecrm: fixture schema loads (scratch copy)', (string) $e2);
    if ($e1 === null && $e2 === null) {
        $ref = describe_schema($db, $refDb);
        $fix = describe_schema($db, $fixDb);
        $onlyRef = array_diff(array_keys($ref), array_keys($fix));
        $onlyFix = array_diff(array_keys($fix), array_keys($ref));
        ok(!$onlyRef, 'suitecrm: the fixture has every table of the reference (' . count($ref) . ')',
            'missing from the fixture: ' . implode(', ', $onlyRef));
        $unexpected = array_diff($onlyFix, SUITE_FIXTURE_ONLY_TABLES);
        ok(!$unexpected, 'suitecrm: the fixture has no unexplained extra tables', 'extra: ' . implode(', ', $unexpected));
        foreach (array_intersect(SUITE_FIXTURE_ONLY_TABLES, $onlyFix) as $t) {
            echo "    note: $t is in the fixture but not in the reference (documented in schema.sql)\n";
        }
        foreach ($ref as $table => $def) {
            if (!isset($fix[$table])) {
                continue;
            }
            $d = diff_table($table, $def, $fix[$table]);
            ok(!$d, sprintf('suitecrm: %s matches the reference (%d columns, %d indexes)', $table,
                count($def['columns']), count($def['indexes'])), implode("\n", $d));
        }
        if (isset($fix['opportunities_cstm'], $ref['accounts_cstm'])) {
            $a = $ref['accounts_cstm'];
            $o = $fix['opportunities_cstm'];
            ok($a['columns'] === $o['columns'] && $a['table'] === $o['table'] && $a['indexes'] === $o['indexes'],
                'suitecrm: opportunities_cstm has the definition of the reference accounts_cstm',
                implode("\n", diff_table('opportunities_cstm', $a, $o)));
        }

        /* The comparison must notice changes: alter the scratch copy and diff again. */
        if (isset($fix['leads'], $fix['leads']['indexes']['idx_lead_phone_work'])) {
            $db->select_db($fixDb);
            $db->query('ALTER TABLE leads MODIFY phone_work varchar(101) DEFAULT NULL, DROP INDEX idx_lead_phone_work');
            $db->query("ALTER TABLE leads MODIFY status varchar(100) DEFAULT 'New'");
            $after = describe_schema($db, $fixDb);
            $d = array_values(array_diff(
                diff_table('leads', $ref['leads'], $after['leads']),
                diff_table('leads', $ref['leads'], $fix['leads'])
            ));
            $joined = implode("\n", $d);
            ok(count($d) === 3
                && str_contains($joined, "leads.`phone_work`: COLUMN_TYPE is varchar(101), reference has varchar(100)")
                && str_contains($joined, "leads: index `idx_lead_phone_work` missing")
                && str_contains($joined, "leads.`status`: COLUMN_DEFAULT is 'New', reference has NULL"),
                'suitecrm: the comparison reports a changed type, a changed default and a dropped index', $joined);
        }
    }
}

finish();
