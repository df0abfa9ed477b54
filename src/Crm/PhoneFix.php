<?php
declare(strict_types=1);

namespace CrmGuard\Crm;

use CrmGuard\Connection;

/**
 * `crmguard audit --fix phones` (issue 14): every stored phone value that is valid but not in
 * its canonical form (Phones::canonical, the rule the packages apply on save) is rewritten,
 * each old value journalled in crmguard_audit_fix (sql/<crm>/060_audit_fix.sql); values that
 * are not valid numbers are left as they are and listed.  undo() puts a run's values back byte
 * for byte.
 *
 * Batches: rows are read by primary key in key order (keyset, $batch rows a statement).  For each
 * column of a batch, one journal row holds the changes as JSON ([[row id, old, new], ...]) and
 * one UPDATE ... JOIN JSON_TABLE of that same document rewrites them; the journal rows, the
 * rewrites and the run's progress are one transaction.  (A journal row a value costs the server
 * as much as the rewrite itself; one a batch and column keeps the fix near the cost of a plain
 * UPDATE ... JOIN.)  A killed run is continued by the next `--fix phones` from its last committed
 * batch under the same run id; a value already canonical is never rewritten, so nothing is done
 * twice.  The CRM's modified dates are not touched (the values mean the same numbers) and the
 * phone index does not change (it holds E.164 already).
 *
 * Needs JSON_TABLE: MariaDB 10.6 or MySQL 8.0.
 */
final class PhoneFix
{
    /** Per CRM: table => the phone columns (EspoCRM keeps every number once in phone_number.name). */
    public const TARGETS = [
        'suitecrm' => [
            'accounts' => ['phone_office', 'phone_alternate', 'phone_fax'],
            'contacts' => ['phone_home', 'phone_mobile', 'phone_work', 'phone_other', 'phone_fax'],
            'leads' => ['phone_home', 'phone_mobile', 'phone_work', 'phone_other', 'phone_fax'],
        ],
        'espocrm' => [
            'phone_number' => ['name'],
        ],
    ];

    /**
     * A column that follows a phone column (EspoCRM's phone_number.numeric: the digits of name,
     * EspoCRM 9.2.7 Repositories/PhoneNumber.php beforeSave() 263-277): rewritten with it,
     * journalled as its own column, put back only where its phone value was.
     */
    private const COMPANION = ['espocrm' => ['phone_number' => ['name' => 'numeric']]];

    /** The CRM's id and text columns, for JSON_TABLE's columns (so joins use the primary key). */
    private const CHARSET = ['suitecrm' => 'utf8mb3 COLLATE utf8mb3_general_ci', 'espocrm' => 'utf8mb4 COLLATE utf8mb4_unicode_ci'];

    private const JSON = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR;

    /** @var null|callable(string): void */
    private $progress;

    public function __construct(
        private readonly Connection $db,
        private readonly string $crm,
        private readonly int $batch = 20000,
        private readonly string $region = 'RU',
        ?callable $progress = null,
    ) {
        if (!isset(self::TARGETS[$crm])) {
            throw new \ValueError("crm must be espocrm or suitecrm, not '$crm'");
        }
        if ($batch < 1) {
            throw new \ValueError('batch must be at least 1');
        }
        $this->progress = $progress;
    }

    /**
     * Rewrites (or, $dryRun, only lists) every valid but non-canonical value.
     *
     * @param int $limit how many changes and invalid values to list (the counts are complete)
     * @return array{run_id: ?string, resumed: bool, dry_run: bool, rows_read: int, values_read: int,
     *         changed: int, canonical: int, invalid: int, several_numbers: int, changes: list<array>,
     *         invalid_values: list<array>, elapsed_s: float}
     */
    public function fix(bool $dryRun = false, int $limit = 200): array
    {
        $t0 = hrtime(true);
        $report = ['run_id' => null, 'resumed' => false, 'dry_run' => $dryRun, 'rows_read' => 0, 'values_read' => 0,
            'changed' => 0, 'canonical' => 0, 'invalid' => 0, 'several_numbers' => 0, 'changes' => [],
            'invalid_values' => [], 'elapsed_s' => 0.0];
        $progress = [];
        if (!$dryRun) {
            $open = $this->db->query("SELECT run_id, progress FROM crmguard_audit_fix_run WHERE state = 'running'"
                . ' ORDER BY started_at, run_id LIMIT 1');
            if ($open !== []) {
                $runId = $open[0]['run_id'];
                $progress = (array) json_decode($open[0]['progress'], true);
                $report['resumed'] = true;
            } else {
                $runId = self::newRunId();
                $this->db->exec("INSERT INTO crmguard_audit_fix_run (run_id, state, progress, started_at)"
                    . " VALUES (?, 'running', '{}', UTC_TIMESTAMP())", [$runId]);
            }
            $report['run_id'] = $runId;
        }
        foreach (self::TARGETS[$this->crm] as $table => $columns) {
            $last = $progress[$table] ?? '';
            $total = (int) $this->db->query("SELECT COUNT(*) AS n FROM `$table`")[0]['n'];
            $done = $last === '' ? 0 : (int) $this->db->query("SELECT COUNT(*) AS n FROM `$table` WHERE id <= ?", [$last])[0]['n'];
            $companions = self::COMPANION[$this->crm][$table] ?? [];
            $select = 'SELECT id, ' . implode(', ', array_map(static fn ($c) => "`$c`", [...$columns, ...array_values($companions)]))
                . " FROM `$table` WHERE id > ? ORDER BY id LIMIT " . $this->batch;
            while (true) {
                $rows = $this->db->query($select, [$last]);
                if ($rows === []) {
                    break;
                }
                $changes = []; // column => [[id, old, new(, guard)], ...]
                foreach ($rows as $row) {
                    foreach ($columns as $column) {
                        $value = $row[$column];
                        if ($value === null || trim($value) === '') {
                            continue;
                        }
                        $report['values_read']++;
                        $canonical = Phones::canonicalList($value, $this->region);
                        if ($canonical !== null && isset($companions[$column]) && count($canonical) > 1) {
                            // One EspoCRM phone_number row is one number; splitting it is the user's decision.
                            $report['several_numbers']++;
                            $canonical = null;
                        }
                        if ($canonical === null) {
                            $report['invalid']++;
                            if (count($report['invalid_values']) < $limit) {
                                $report['invalid_values'][] = ['table' => $table, 'id' => $row['id'], 'column' => $column,
                                    'value' => $value];
                            }
                            continue;
                        }
                        $new = implode(', ', $canonical);
                        if ($new === $value) {
                            $report['canonical']++;
                            continue;
                        }
                        $report['changed']++;
                        if (count($report['changes']) < $limit) {
                            $report['changes'][] = ['table' => $table, 'id' => $row['id'], 'column' => $column,
                                'old' => $value, 'new' => $new];
                        }
                        $changes[$column][] = [$row['id'], $value, $new];
                        if (isset($companions[$column])) {
                            // [id, old, new, the phone value it goes back with]
                            $changes[$companions[$column]][] = [$row['id'], $row[$companions[$column]],
                                preg_replace('/\D/', '', $new), $value];
                        }
                    }
                }
                $report['rows_read'] += count($rows);
                $first = (string) $rows[0]['id'];
                $last = (string) $rows[count($rows) - 1]['id'];
                $done += count($rows);
                if (!$dryRun) {
                    $progress[$table] = $last;
                    $this->commitBatch($report['run_id'], $table, $first, $changes, $progress);
                }
                if ($this->progress !== null) {
                    ($this->progress)(sprintf('fix phones: %s %d/%d rows, %d rewritten', $table, $done, $total,
                        $report['changed']));
                }
                if (count($rows) < $this->batch) {
                    break;
                }
            }
        }
        if (!$dryRun) {
            $this->db->exec("UPDATE crmguard_audit_fix_run SET state = 'done', finished_at = UTC_TIMESTAMP() WHERE run_id = ?",
                [$report['run_id']]);
        }
        $report['elapsed_s'] = round((hrtime(true) - $t0) / 1e9, 3);
        return $report;
    }

    /**
     * Puts every value of run $runId back as it was, where it still holds what the run wrote (a
     * value changed since, by a user or a later run, is kept and counted in `kept`).
     *
     * @return array{run_id: string, restored: int, kept: int}
     */
    public function undo(string $runId): array
    {
        $run = $this->db->query('SELECT state FROM crmguard_audit_fix_run WHERE run_id = ?', [$runId]);
        if ($run === []) {
            throw new \InvalidArgumentException("no phone fix run '$runId'");
        }
        if ($run[0]['state'] === 'undone') {
            throw new \InvalidArgumentException("phone fix run '$runId' was undone already");
        }
        $entries = $this->db->query('SELECT table_name, column_name, first_row_id, row_count FROM crmguard_audit_fix'
            . ' WHERE run_id = ? ORDER BY table_name, column_name, first_row_id', [$runId]);
        $restored = 0;
        $values = 0;
        $this->db->exec('START TRANSACTION');
        try {
            // Phone values first, then their companions (which go back only where the value did).
            foreach ([false, true] as $companionPass) {
                foreach ($entries as $e) {
                    [$table, $column] = [$e['table_name'], $e['column_name']];
                    $owner = $this->ownerColumn($table, $column);
                    if (!in_array($column, self::TARGETS[$this->crm][$table] ?? [], true) && $owner === null) {
                        throw new \UnexpectedValueException("journal of run '$runId' names $table.$column, not a phone column");
                    }
                    if (($owner !== null) !== $companionPass) {
                        continue;
                    }
                    $n = $this->db->exec("UPDATE `$table` t JOIN crmguard_audit_fix f ON f.run_id = ? AND f.table_name = ?"
                        . ' AND f.column_name = ? AND f.first_row_id = ? JOIN ' . $this->jsonTable('f.changes')
                        . " j ON j.id = t.id SET t.`$column` = j.old_value WHERE t.`$column` <=> j.new_value"
                        . ($owner === null ? '' : " AND t.`$owner` <=> j.guard"),
                        [$runId, $table, $column, $e['first_row_id']]);
                    if ($owner === null) {
                        $restored += $n;
                        $values += (int) $e['row_count'];
                    }
                }
            }
            $this->db->exec("UPDATE crmguard_audit_fix_run SET state = 'undone', undone_at = UTC_TIMESTAMP() WHERE run_id = ?",
                [$runId]);
            $this->db->exec('COMMIT');
        } catch (\Throwable $e) {
            $this->db->exec('ROLLBACK');
            throw $e;
        }
        return ['run_id' => $runId, 'restored' => $restored, 'kept' => $values - $restored];
    }

    /** @param array<string, list<array>> $changes column => [[id, old, new(, guard)], ...] */
    private function commitBatch(string $runId, string $table, string $firstId, array $changes, array $progress): void
    {
        $this->db->exec('START TRANSACTION');
        try {
            foreach ($changes as $column => $list) {
                $json = json_encode($list, self::JSON);
                $this->db->exec('INSERT INTO crmguard_audit_fix (run_id, table_name, column_name, first_row_id, row_count, changes)'
                    . ' VALUES (?, ?, ?, ?, ?, ?)', [$runId, $table, $column, $firstId, count($list), $json]);
                $this->db->exec("UPDATE `$table` t JOIN " . $this->jsonTable('?') . " j ON j.id = t.id SET t.`$column` = j.new_value",
                    [$json]);
            }
            $this->db->exec('UPDATE crmguard_audit_fix_run SET progress = ? WHERE run_id = ?',
                [json_encode($progress, self::JSON), $runId]);
            $this->db->exec('COMMIT');
        } catch (\Throwable $e) {
            $this->db->exec('ROLLBACK');
            throw $e;
        }
    }

    /** JSON_TABLE over a journal document ($doc: a column or '?'), its columns in the CRM's character set. */
    private function jsonTable(string $doc): string
    {
        $cs = self::CHARSET[$this->crm];
        return "JSON_TABLE($doc, '\$[*]' COLUMNS (id VARCHAR(36) CHARACTER SET $cs PATH '\$[0]',"
            . " old_value VARCHAR(255) CHARACTER SET $cs PATH '\$[1]', new_value VARCHAR(255) CHARACTER SET $cs PATH '\$[2]',"
            . " guard VARCHAR(255) CHARACTER SET $cs PATH '\$[3]'))";
    }

    private function ownerColumn(string $table, string $column): ?string
    {
        $owner = array_search($column, self::COMPANION[$this->crm][$table] ?? [], true);
        return $owner === false ? null : $owner;
    }

    private static function newRunId(): string
    {
        return gmdate('Ymd-His') . '-' . bin2hex(random_bytes(4));
    }
}
