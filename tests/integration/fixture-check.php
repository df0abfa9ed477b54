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
 *   CRMGUARD_REFERENCE_DIR  default <repo>/../shared/reference: where the project's shared reference
 *                           dumps are. Only used to confirm that the copies in tests/fixtures/<crm>/
 *                           schema.sql are verbatim; the comparison itself reads the copies, so the
 *                           check is the same with or without shared/.
 * The user must be allowed to create and drop databases named crmguard_* (dev-db grants that).
 *
 * What it checks:
 *   - each CRM's schema.sql, crmguard-fields.sql (twice: it must be idempotent) and sample.sql load
 *     into a scratch database;
 *   - crmguard's custom columns are there with the types the CRMs' field managers give them;
 *   - the sample data is consistent and stored the way each CRM stores it;
 *   - for BOTH CRMs, the fixture database (schema.sql + crmguard-fields.sql + package-fields.sql
 *     + crmguard's own sql/<crm>/*.sql) equals the reference schema of a fresh install
 *     (tests/fixtures/<crm>/schema.sql itself, the verbatim dump: SuiteCRM 7.14.6, 222 tables; EspoCRM 9.2.7,
 *     136 tables) for EVERY table of the reference: information_schema COLUMNS (name, order,
 *     type, nullability, default, charset, collation, extra), STATISTICS (indexes) and TABLES
 *     (engine, collation); failures print a precise diff;
 *   - whatever the fixture has beyond the reference is one of the expected additions listed in
 *     CRMGUARD_ADDITIONS below (crmguard's custom fields, the package's fields, crmguard's own
 *     tables, views and procedure), each with its definition; anything else is a failure, and so
 *     is an expected addition that is missing;
 *   - the comparison itself notices a changed type, default, collation, a dropped index and an
 *     unlisted extra column (so it cannot pass vacuously).
 * Prints one line per check and "N passed, N failed, N skipped"; exits 1 on any failure.
 */

declare(strict_types=1);

/* The reference of each CRM: the copy the project carries, and the shared file it copies. */
const CRMGUARD_REFERENCES = [
    'suitecrm' => ['file' => 'schema.sql', 'shared' => 'suitecrm-7.14.6-full-schema.sql', 'tables' => 222,
                   'charset' => 'utf8mb3', 'collation' => 'utf8mb3_general_ci'],
    'espocrm' => ['file' => 'schema.sql', 'shared' => 'espocrm-9.2.7-schema.sql', 'tables' => 136,
                  'charset' => 'utf8mb4', 'collation' => 'utf8mb4_unicode_ci'],
];

/*
 * What crmguard adds to a CRM's schema, and nothing else: the fixture may differ from the reference
 * only by these. 'columns': table.column => [COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT,
 * COLLATION_NAME, where it comes from]; each must come after the reference's columns (the CRMs'
 * field managers append). 'indexes': table.index => [definition as fmt_index() prints it, source].
 * 'tables': a table or view the reference does not have => [TABLE_TYPE, source]; a CRM-side one
 * (calls_cstm) has its columns listed under 'columns' too, crmguard's own tables are crmguard's
 * design (tested by their own tests) and are checked by name and kind only. 'routines' likewise.
 */
const CRMGUARD_ADDITIONS = [
    'suitecrm' => [
        'tables' => [
            'calls_cstm' => ['BASE TABLE', 'crmguard-fields.sql: the package\'s Calls field makes SuiteCRM create calls_cstm (DynamicField::createCustomTable)'],
            'crmguard_schema_version' => ['BASE TABLE', 'sql/suitecrm/000_schema_version.sql'],
            'crmguard_phone' => ['BASE TABLE', 'sql/suitecrm/010_phone_index.sql'],
            'crmguard_phone_dirty' => ['BASE TABLE', 'sql/suitecrm/010_phone_index.sql'],
            'crmguard_import' => ['BASE TABLE', 'sql/suitecrm/020_import.sql'],
            'crmguard_import_row' => ['BASE TABLE', 'sql/suitecrm/020_import.sql'],
            'crmguard_lock' => ['BASE TABLE', 'sql/suitecrm/025_lock.sql'],
            'crmguard_stage_log' => ['BASE TABLE', 'sql/suitecrm/030_stage_log.sql'],
            'crmguard_parked_stage' => ['BASE TABLE', 'sql/suitecrm/040_parked_stages.sql'],
            'crmguard_connector_token' => ['BASE TABLE', 'sql/suitecrm/050_connectors.sql'],
            'crmguard_connector_failure' => ['BASE TABLE', 'sql/suitecrm/050_connectors.sql'],
            'crmguard_call_journal' => ['BASE TABLE', 'sql/suitecrm/050_connectors.sql'],
            'crmguard_audit_fix_run' => ['BASE TABLE', 'sql/suitecrm/060_audit_fix.sql'],
            'crmguard_audit_fix' => ['BASE TABLE', 'sql/suitecrm/060_audit_fix.sql'],
            'crmguard_v_user' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_user_team' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_deal' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_lead' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_outbound' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_inbound' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_inbound_call' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_inbound_email' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_card_field' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_card_field_lead' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_card_field_contact' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_card_field_account' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_card_field_deal' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_deal_task' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_v_user_email' => ['VIEW', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_report_run' => ['BASE TABLE', 'sql/suitecrm/050_report_run.sql'],
        ],
        'columns' => [
            'accounts_cstm.crmguard_status_c' => ['varchar(100)', 'YES', "'waiting'", 'utf8mb3_general_ci', 'crmguard-fields.sql (Studio enum, default waiting)'],
            'opportunities_cstm.crmguard_failure_reason_c' => ['varchar(100)', 'YES', 'NULL', 'utf8mb3_general_ci', 'crmguard-fields.sql (Studio enum)'],
            'calls_cstm.id_c' => ['char(36)', 'NO', null, 'utf8mb3_general_ci', 'crmguard-fields.sql (DynamicField::createCustomTable)'],
            'calls_cstm.crmguard_card_color_c' => ['varchar(100)', 'YES', 'NULL', 'utf8mb3_general_ci', 'crmguard-fields.sql (Studio enum)'],
            'calls_cstm.crmguard_card_owner_c' => ['varchar(255)', 'YES', 'NULL', 'utf8mb3_general_ci', 'package-fields.sql (manifest custom_fields, varchar 255)'],
        ],
        'indexes' => [
            'calls_cstm.PRIMARY' => ['UNIQUE BTREE (id_c)', 'crmguard-fields.sql (DynamicField::createCustomTable)'],
            'calls.IDX_CRMGUARD_ANSWER' => ['NON-UNIQUE BTREE (parent_id, parent_type, assigned_user_id, direction, status, date_start, deleted)', 'sql/suitecrm/090_report_indexes.sql'],
            'emails.IDX_CRMGUARD_ANSWER' => ['NON-UNIQUE BTREE (parent_id, parent_type, assigned_user_id, type, date_sent_received, deleted)', 'sql/suitecrm/090_report_indexes.sql'],
            'tasks.IDX_CRMGUARD_OPEN_TASK' => ['NON-UNIQUE BTREE (parent_id, parent_type, deleted, status)', 'sql/suitecrm/090_report_indexes.sql'],
            'opportunities_audit.IDX_CRMGUARD_STAGE_AUDIT' => ['NON-UNIQUE BTREE (parent_id, field_name, after_value_string, date_created)', 'sql/suitecrm/090_report_indexes.sql'],
            'calls.IDX_CRMGUARD_CALL_USER_DATE' => ['NON-UNIQUE BTREE (assigned_user_id, date_start)', 'sql/suitecrm/090_report_indexes.sql'],
        ],
        'routines' => [
            'crmguard_deal_task_batch' => ['PROCEDURE', 'sql/suitecrm/100_analytics.sql'],
            'crmguard_create_deal_tasks' => ['PROCEDURE', 'sql/suitecrm/100_analytics.sql'],
        ],
    ],
    'espocrm' => [
        'tables' => [
            'crmguard_schema_version' => ['BASE TABLE', 'sql/espocrm/000_schema_version.sql'],
            'crmguard_phone' => ['BASE TABLE', 'sql/espocrm/010_phone_index.sql'],
            'crmguard_phone_dirty' => ['BASE TABLE', 'sql/espocrm/010_phone_index.sql'],
            'crmguard_import' => ['BASE TABLE', 'sql/espocrm/020_import.sql'],
            'crmguard_import_row' => ['BASE TABLE', 'sql/espocrm/020_import.sql'],
            'crmguard_lock' => ['BASE TABLE', 'sql/espocrm/025_lock.sql'],
            'crmguard_stage_log' => ['BASE TABLE', 'sql/espocrm/030_stage_log.sql'],
            'crmguard_parked_stage' => ['BASE TABLE', 'sql/espocrm/040_parked_stages.sql'],
            'crmguard_connector_token' => ['BASE TABLE', 'sql/espocrm/050_connectors.sql'],
            'crmguard_connector_failure' => ['BASE TABLE', 'sql/espocrm/050_connectors.sql'],
            'crmguard_call_journal' => ['BASE TABLE', 'sql/espocrm/050_connectors.sql'],
            'crmguard_audit_fix_run' => ['BASE TABLE', 'sql/espocrm/060_audit_fix.sql'],
            'crmguard_audit_fix' => ['BASE TABLE', 'sql/espocrm/060_audit_fix.sql'],
            'crmguard_v_user' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_user_team' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_deal' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_lead' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_outbound' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_inbound' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_inbound_call' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_inbound_email' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_card_field' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_card_field_lead' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_card_field_lead_phone' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_card_field_contact' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_card_field_contact_phone' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_card_field_account' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_card_field_account_phone' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_card_field_deal' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_deal_task' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_v_user_email' => ['VIEW', 'sql/espocrm/100_analytics.sql'],
            'crmguard_report_run' => ['BASE TABLE', 'sql/espocrm/050_report_run.sql'],
        ],
        'columns' => [
            'account.c_crmguard_status' => ['varchar(100)', 'YES', "'waiting'", 'utf8mb4_unicode_ci', 'crmguard-fields.sql (Entity Manager enum, default waiting)'],
            'opportunity.c_crmguard_failure_reason' => ['varchar(100)', 'YES', 'NULL', 'utf8mb4_unicode_ci', 'crmguard-fields.sql (Entity Manager enum)'],
            'call.c_crmguard_card_color' => ['varchar(100)', 'YES', 'NULL', 'utf8mb4_unicode_ci', 'crmguard-fields.sql (Entity Manager enum)'],
            'call.c_crmguard_card_owner_id' => ['varchar(17)', 'YES', 'NULL', 'utf8mb4_unicode_ci', 'package-fields.sql (link to User: <link>_id)'],
        ],
        'indexes' => [
            'call.IDX_C_CRMGUARD_CARD_OWNER_ID' => ['NON-UNIQUE BTREE (c_crmguard_card_owner_id)', 'package-fields.sql (the link\'s index)'],
            'call.IDX_CRMGUARD_ANSWER' => ['NON-UNIQUE BTREE (parent_id, parent_type, assigned_user_id, direction, status, date_start, deleted)', 'sql/espocrm/090_report_indexes.sql and entityDefs Call.json'],
            'email.IDX_CRMGUARD_ANSWER' => ['NON-UNIQUE BTREE (parent_id, parent_type, assigned_user_id, status, date_sent, deleted)', 'sql/espocrm/090_report_indexes.sql and entityDefs Email.json'],
            'task.IDX_CRMGUARD_OPEN_TASK' => ['NON-UNIQUE BTREE (parent_id, parent_type, deleted, status)', 'sql/espocrm/090_report_indexes.sql and entityDefs Task.json'],
        ],
        'routines' => [
            'crmguard_deal_task_batch' => ['PROCEDURE', 'sql/espocrm/100_analytics.sql'],
            'crmguard_create_deal_tasks' => ['PROCEDURE', 'sql/espocrm/100_analytics.sql'],
        ],
    ],
];

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
    foreach (rows($db, 'SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION FROM information_schema.TABLES
                       WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME', [$schema]) as $t) {
        $out[$t['TABLE_NAME']] = [
            'table' => ['TABLE_TYPE' => $t['TABLE_TYPE'], 'ENGINE' => $t['ENGINE'], 'TABLE_COLLATION' => $t['TABLE_COLLATION']],
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

/* Stored procedures and functions: name => type. */
function describe_routines(mysqli $db, string $schema): array
{
    $out = [];
    foreach (rows($db, 'SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?
                       ORDER BY ROUTINE_NAME', [$schema]) as $r) {
        $out[$r['ROUTINE_NAME']] = $r['ROUTINE_TYPE'];
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

/*
 * Differences of $actual from $expected for one table, as readable lines; $added collects the
 * expected additions (CRMGUARD_ADDITIONS[crm]) found in it, as "table.name" => source. A column
 * or index the reference lacks is a difference unless it is a listed addition with exactly the
 * listed definition (and, for a column, placed after the reference's columns).
 */
function diff_table(string $table, array $expected, array $actual, array $additions, array &$added = []): array
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
        if (isset($expCols[$name])) {
            continue;
        }
        $want = $additions['columns']["$table.$name"] ?? null;
        if ($want === null) {
            $d[] = "$table: extra column `$name` #{$ac['ORDINAL_POSITION']} {$ac['COLUMN_TYPE']} (not in the reference, not an expected addition)";
            continue;
        }
        [$type, $nullable, $default, $collation, $source] = $want;
        $got = [$ac['COLUMN_TYPE'], $ac['IS_NULLABLE'], $ac['COLUMN_DEFAULT'], $ac['COLLATION_NAME']];
        if ($got !== [$type, $nullable, $default, $collation]) {
            $d[] = "$table: added column `$name` is " . implode(' ', array_map('fmt_value', $got))
                . ', expected ' . implode(' ', array_map('fmt_value', [$type, $nullable, $default, $collation])) . " ($source)";
        } elseif ((int) $ac['ORDINAL_POSITION'] <= count($expCols)) {
            $d[] = "$table: added column `$name` is #{$ac['ORDINAL_POSITION']}, among the reference's " . count($expCols) . ' columns (a field manager appends)';
        } else {
            $added["$table.$name"] = $source;
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
        if (isset($expected['indexes'][$name])) {
            continue;
        }
        $want = $additions['indexes']["$table.$name"] ?? null;
        if ($want === null) {
            $d[] = "$table: extra index `$name` " . fmt_index($ai) . ' (not in the reference, not an expected addition)';
        } elseif (fmt_index($ai) !== $want[0]) {
            $d[] = "$table: added index `$name` is " . fmt_index($ai) . ", expected {$want[0]} ({$want[1]})";
        } else {
            $added["$table.$name"] = $want[1];
        }
    }
    return $d;
}

/*
 * Compares a whole fixture schema with the reference. Returns [per reference table: diff lines],
 * [extra-object diff lines], [expected additions found: "name" => source].
 */
function compare_schemas(array $ref, array $fix, array $refRoutines, array $fixRoutines, array $additions): array
{
    $perTable = [];
    $other = [];
    $added = [];
    foreach ($ref as $table => $def) {
        $perTable[$table] = isset($fix[$table])
            ? diff_table($table, $def, $fix[$table], $additions, $added)
            : ["$table: table missing from the fixture (reference: " . count($def['columns']) . ' columns)'];
    }
    foreach (array_diff_key($fix, $ref) as $table => $def) {
        $want = $additions['tables'][$table] ?? null;
        if ($want === null) {
            $other[] = "extra {$def['table']['TABLE_TYPE']} `$table` (not in the reference, not an expected addition)";
            continue;
        }
        if ($def['table']['TABLE_TYPE'] !== $want[0]) {
            $other[] = "`$table` is a {$def['table']['TABLE_TYPE']}, expected a {$want[0]} ({$want[1]})";
            continue;
        }
        $added[$table] = $want[1];
        /* A CRM-side table crmguard makes (calls_cstm): every column and index must be listed. */
        $crmSide = array_filter(array_keys($additions['columns']), fn ($k) => str_starts_with($k, "$table."));
        if ($crmSide) {
            $empty = ['table' => [], 'columns' => [], 'indexes' => []];
            array_push($other, ...diff_table($table, $empty, $def, $additions, $added));
        }
    }
    foreach ($fixRoutines as $name => $type) {
        if (($refRoutines[$name] ?? null) === $type) {
            continue;
        }
        $want = $additions['routines'][$name] ?? null;
        if ($want === null || $want[0] !== $type) {
            $other[] = "extra $type `$name` (not in the reference, not an expected addition)";
        } else {
            $added[$name] = $want[1];
        }
    }
    foreach (array_diff_key($refRoutines, $fixRoutines) as $name => $type) {
        $other[] = "$type `$name` of the reference missing from the fixture";
    }
    return [$perTable, $other, $added];
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
    ['every account, contact, lead and deal has its _cstm row (SugarBean::save() writes one)',
     "SELECT 'accounts' t, a.id FROM accounts a LEFT JOIN accounts_cstm c ON c.id_c = a.id WHERE c.id_c IS NULL
      UNION ALL SELECT 'contacts', a.id FROM contacts a LEFT JOIN contacts_cstm c ON c.id_c = a.id WHERE c.id_c IS NULL
      UNION ALL SELECT 'leads', a.id FROM leads a LEFT JOIN leads_cstm c ON c.id_c = a.id WHERE c.id_c IS NULL
      UNION ALL SELECT 'opportunities', a.id FROM opportunities a LEFT JOIN opportunities_cstm c ON c.id_c = a.id WHERE c.id_c IS NULL"],
    ['_cstm rows belong to existing records',
     'SELECT id_c FROM accounts_cstm WHERE id_c NOT IN (SELECT id FROM accounts)
      UNION ALL SELECT id_c FROM contacts_cstm WHERE id_c NOT IN (SELECT id FROM contacts)
      UNION ALL SELECT id_c FROM leads_cstm WHERE id_c NOT IN (SELECT id FROM leads)
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

/* ---- 3. each CRM's fixture vs the reference schema of a fresh install ----------------------- */

$sharedDir = getenv('CRMGUARD_REFERENCE_DIR') ?: dirname($repo) . '/shared/reference';
const REFERENCE_MARKER = "-- ----- verbatim copy of shared/reference/%s below -----\n";

/* The reference copy: the shared file's bytes after a header that names them and their sha256. */
function reference_body(string $file, string $shared): ?string
{
    $text = (string) @file_get_contents($file);
    $marker = sprintf(REFERENCE_MARKER, $shared);
    $at = strpos($text, $marker);
    return $at === false ? null : substr($text, $at + strlen($marker));
}

foreach (CRMGUARD_REFERENCES as $crm => $r) {
    $refFile = "$fixtures/$crm/{$r['file']}";
    $body = reference_body($refFile, $r['shared']);
    $header = $body === null ? '' : substr((string) file_get_contents($refFile), 0, -strlen($body) ?: null);
    ok($body !== null && preg_match('/^-- ([0-9a-f]{64})$/m', $header, $m) === 1 && hash('sha256', $body) === $m[1],
        "$crm: {$r['file']} is the copy its header describes (marker line, sha256 of the copied bytes)",
        $body === null ? "no marker line in $refFile" : 'sha256 of the copy is ' . hash('sha256', $body));
    $sharedFile = "$sharedDir/{$r['shared']}";
    if (is_file($sharedFile)) {
        ok($body === file_get_contents($sharedFile), "$crm: {$r['file']} is a verbatim copy of shared/reference/{$r['shared']}",
            "$refFile differs from $sharedFile: copy it again (with the same header)");
    } else {
        echo "    note: $sharedFile is not here; the check uses the project's copy alone\n";
    }

    $refDb = scratch_db($db, "{$crm}ref", $r['charset'], $r['collation']);
    $fixDb = scratch_db($db, "{$crm}fix", $r['charset'], $r['collation']);
    $e1 = run_sql_file($db, $refDb, $refFile);
    ok($e1 === null, "$crm: the reference schema loads", (string) $e1);
    $files = ["$fixtures/$crm/schema.sql", "$fixtures/$crm/crmguard-fields.sql", "$fixtures/$crm/package-fields.sql"];
    $sqlFiles = glob("$repo/sql/$crm/*.sql");
    sort($sqlFiles);
    $e2 = null;
    foreach (array_merge($files, $sqlFiles) as $f) {
        if (($e2 = run_sql_file($db, $fixDb, $f)) !== null) {
            break;
        }
    }
    ok($e2 === null, "$crm: the fixture loads with crmguard's fields, the package's fields and sql/$crm/*.sql ("
        . count($sqlFiles) . ' files)', (string) $e2);
    if ($e1 !== null || $e2 !== null) {
        continue;
    }
    $ref = describe_schema($db, $refDb);
    $fix = describe_schema($db, $fixDb);
    $refRoutines = describe_routines($db, $refDb);
    $fixRoutines = describe_routines($db, $fixDb);
    $additions = CRMGUARD_ADDITIONS[$crm];
    ok(count($ref) === $r['tables'], "$crm: the reference has the {$r['tables']} tables of a fresh install",
        'it has ' . count($ref));

    [$perTable, $other, $added] = compare_schemas($ref, $fix, $refRoutines, $fixRoutines, $additions);
    $cols = $idx = 0;
    foreach ($perTable as $table => $d) {
        $cols += count($ref[$table]['columns']);
        $idx += count($ref[$table]['indexes']);
        $extra = array_keys(array_filter($added, fn ($k) => str_starts_with((string) $k, "$table."), ARRAY_FILTER_USE_KEY));
        ok(!$d, sprintf('%s: %s matches the reference (%d columns, %d indexes)%s', $crm, $table,
            count($ref[$table]['columns']), count($ref[$table]['indexes']),
            $extra ? ' + expected ' . implode(', ', $extra) : ''), implode("\n", $d));
    }
    echo "    ($crm: " . count($perTable) . " reference tables, $cols columns, $idx indexes compared)\n";
    ok(!$other, "$crm: the fixture has nothing beyond the reference but the expected additions", implode("\n", $other));
    foreach ($added as $name => $source) {
        echo "    $crm: expected addition $name ($source)\n";
    }
    $listed = array_merge(array_keys($additions['tables']), array_keys($additions['columns']),
        array_keys($additions['indexes']), array_keys($additions['routines']));
    $missing = array_diff($listed, array_keys($added));
    ok(!$missing, "$crm: every expected addition is there as listed (" . count($listed) . ': '
        . count($additions['tables']) . ' tables/views, ' . count($additions['columns']) . ' columns, '
        . count($additions['indexes']) . ' indexes, ' . count($additions['routines']) . ' routines)',
        'missing or different: ' . implode(', ', $missing));

    /* The comparison must notice changes: alter the scratch fixture and compare again. */
    $probe = [
        'suitecrm' => ['leads', [
            'ALTER TABLE leads MODIFY phone_work varchar(101) DEFAULT NULL, DROP INDEX idx_lead_phone_work',
            "ALTER TABLE leads MODIFY status varchar(100) DEFAULT 'New'",
            'ALTER TABLE leads MODIFY first_name varchar(100) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin DEFAULT NULL',
            'ALTER TABLE leads ADD COLUMN crmguard_probe int DEFAULT NULL',
        ], [
            'leads.`phone_work`: COLUMN_TYPE is varchar(101), reference has varchar(100)',
            'leads: index `idx_lead_phone_work` missing',
            "leads.`status`: COLUMN_DEFAULT is 'New', reference has NULL",
            'leads.`first_name`: COLLATION_NAME is utf8mb3_bin, reference has utf8mb3_general_ci',
            'leads: extra column `crmguard_probe`',
        ]],
        'espocrm' => ['account', [
            'ALTER TABLE account MODIFY website varchar(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL, DROP INDEX IDX_NAME',
            "ALTER TABLE account MODIFY type varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT 'Customer'",
            'ALTER TABLE account MODIFY industry varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL',
            'ALTER TABLE account ADD COLUMN crmguard_probe int DEFAULT NULL',
        ], [
            'account.`website`: COLUMN_TYPE is varchar(256), reference has varchar(255)',
            'account: index `IDX_NAME` missing',
            "account.`type`: COLUMN_DEFAULT is 'Customer', reference has NULL",
            'account.`industry`: COLLATION_NAME is utf8mb4_bin, reference has utf8mb4_unicode_ci',
            'account: extra column `crmguard_probe`',
        ]],
    ][$crm];
    [$table, $alters, $wants] = $probe;
    $db->select_db($fixDb);
    foreach ($alters as $q) {
        $db->query($q);
    }
    $after = describe_schema($db, $fixDb);
    $none = [];
    $d = array_values(array_diff(diff_table($table, $ref[$table], $after[$table], $additions, $none), $perTable[$table]));
    $joined = implode("\n", $d);
    $seen = array_filter($wants, fn ($w) => str_contains($joined, $w));
    ok(count($d) === count($wants) && count($seen) === count($wants),
        "$crm: the comparison reports a changed type, default and collation, a dropped index and an unlisted column",
        $joined);
}

finish();
