<?php
declare(strict_types=1);

namespace CrmGuard\Crm;

use CrmGuard\Connection;

/**
 * `crmguard audit --fix phones` (issue 14): every stored phone value that is valid but not in
 * its canonical form (Phones::canonical, the rule the packages apply on save) is rewritten,
 * each old value journalled in crmguard_phone_fix (sql/<crm>/050_phone_fix.sql); values that
 * are not valid numbers are left as they are and listed.  undo() puts a run's values back byte
 * for byte.
 *
 * Batches: rows are read by primary key in key order (keyset, $batch rows a statement); each
 * batch's journal rows (one multi-row INSERT), its rewrites (one UPDATE ... JOIN of the journal
 * per column) and the run's progress are one transaction.  A killed run is continued by the next
 * `--fix phones` from its last committed batch under the same run id; a value already canonical
 * is never rewritten, so nothing is done twice.  The CRM's modified dates are not touched (the
 * values mean the same numbers) and the phone index does not change (it holds E.164 already).
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

    /** EspoCRM's phone_number.numeric: the digits of name (EspoCRM 9.2.7 Repositories/PhoneNumber.php beforeSave() 263-277). */
    private const NUMERIC = ['espocrm' => ['phone_number' => ['name' => 'numeric']]];

    /** Journal rows a multi-row INSERT (6 placeholders each, under MariaDB's 65535). */
    private const JOURNAL_CHUNK = 5000;

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
     * @param ?int $stopAfterBatches tests: stop (as a kill would) after this many committed batches
     * @return array{run_id: ?string, resumed: bool, dry_run: bool, rows_read: int, values_read: int,
     *         changed: int, canonical: int, invalid: int, changes: list<array>, invalid_values: list<array>,
     *         elapsed_s: float}
     */
    public function fix(bool $dryRun = false, int $limit = 200, ?int $stopAfterBatches = null): array
    {
        $t0 = hrtime(true);
        $report = ['run_id' => null, 'resumed' => false, 'dry_run' => $dryRun, 'rows_read' => 0, 'values_read' => 0,
            'changed' => 0, 'canonical' => 0, 'invalid' => 0, 'several_numbers' => 0, 'changes' => [],
            'invalid_values' => [], 'elapsed_s' => 0.0];
        $progress = [];
        if (!$dryRun) {
            $open = $this->db->query("SELECT run_id, progress FROM crmguard_phone_fix_run WHERE state = 'running'"
                . ' ORDER BY started_at, run_id LIMIT 1');
            if ($open !== []) {
                $runId = $open[0]['run_id'];
                $progress = (array) json_decode($open[0]['progress'], true);
                $report['resumed'] = true;
            } else {
                $runId = self::newRunId();
                $this->db->exec("INSERT INTO crmguard_phone_fix_run (run_id, state, progress, started_at)"
                    . " VALUES (?, 'running', '{}', UTC_TIMESTAMP())", [$runId]);
            }
            $report['run_id'] = $runId;
        }
        $batches = 0;
        foreach (self::TARGETS[$this->crm] as $table => $columns) {
            $last = $progress[$table] ?? '';
            $total = (int) $this->db->query("SELECT COUNT(*) AS n FROM `$table`")[0]['n'];
            $done = $last === '' ? 0 : (int) $this->db->query("SELECT COUNT(*) AS n FROM `$table` WHERE id <= ?", [$last])[0]['n'];
            $select = 'SELECT id, ' . implode(', ', array_map(static fn ($c) => "`$c`", $columns))
                . " FROM `$table` WHERE id > ? ORDER BY id LIMIT " . $this->batch;
            while (true) {
                $rows = $this->db->query($select, [$last]);
                if ($rows === []) {
                    break;
                }
                $journal = [];
                foreach ($rows as $row) {
                    foreach ($columns as $column) {
                        $value = $row[$column];
                        if ($value === null || trim($value) === '') {
                            continue;
                        }
                        $report['values_read']++;
                        $canonical = Phones::canonicalList($value, $this->region);
                        if ($canonical !== null && $this->crm === 'espocrm' && count($canonical) > 1) {
                            // One phone_number row is one number; splitting it is the user's decision.
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
                        $journal[] = [$table, $column, $row['id'], $value, $new];
                        if (isset(self::NUMERIC[$this->crm][$table][$column])) {
                            $journal[] = [$table, self::NUMERIC[$this->crm][$table][$column], $row['id'], null,
                                preg_replace('/\D/', '', $new)];
                        }
                    }
                }
                $report['rows_read'] += count($rows);
                $last = (string) $rows[count($rows) - 1]['id'];
                $done += count($rows);
                if (!$dryRun) {
                    $progress[$table] = $last;
                    $this->commitBatch($report['run_id'], $table, $journal, $progress);
                }
                if ($this->progress !== null) {
                    ($this->progress)(sprintf('fix phones: %s %d/%d rows, %d rewritten', $table, $done, $total,
                        $report['changed']));
                }
                $batches++;
                if ($stopAfterBatches !== null && $batches >= $stopAfterBatches && !$dryRun) {
                    $report['elapsed_s'] = round((hrtime(true) - $t0) / 1e9, 3);
                    $report['stopped'] = true;
                    return $report;
                }
                if (count($rows) < $this->batch) {
                    break;
                }
            }
        }
        if (!$dryRun) {
            $this->db->exec("UPDATE crmguard_phone_fix_run SET state = 'done', finished_at = UTC_TIMESTAMP() WHERE run_id = ?",
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
        $run = $this->db->query('SELECT state FROM crmguard_phone_fix_run WHERE run_id = ?', [$runId]);
        if ($run === []) {
            throw new \InvalidArgumentException("no phone fix run '$runId'");
        }
        if ($run[0]['state'] === 'undone') {
            throw new \InvalidArgumentException("phone fix run '$runId' was undone already");
        }
        $groups = $this->db->query('SELECT table_name, column_name, COUNT(*) AS n FROM crmguard_phone_fix WHERE run_id = ?'
            . ' GROUP BY table_name, column_name', [$runId]);
        $restored = 0;
        $total = 0;
        $this->db->exec('START TRANSACTION');
        try {
            foreach ($groups as $g) {
                [$table, $column] = [$g['table_name'], $g['column_name']];
                if (!$this->known($table, $column)) {
                    throw new \UnexpectedValueException("journal of run '$runId' names $table.$column, not a phone column");
                }
                $total += (int) $g['n'];
                if ($this->ownerColumn($table, $column) !== null) {
                    continue; // a companion (EspoCRM numeric) goes back with its value, below
                }
                $restored += $this->db->exec("UPDATE `$table` t JOIN crmguard_phone_fix j ON j.row_id = t.id"
                    . " AND j.run_id = ? AND j.table_name = ? AND j.column_name = ?"
                    . " SET t.`$column` = j.old_value WHERE t.`$column` <=> j.new_value", [$runId, $table, $column]);
                foreach (self::NUMERIC[$this->crm][$table] ?? [] as $valueColumn => $companion) {
                    if ($valueColumn !== $column) {
                        continue;
                    }
                    // The row's value is back: its companion too (the old value was read before the rewrite).
                    $this->db->exec("UPDATE `$table` t JOIN crmguard_phone_fix j ON j.row_id = t.id"
                        . ' AND j.run_id = ? AND j.table_name = ? AND j.column_name = ?'
                        . " JOIN crmguard_phone_fix v ON v.run_id = j.run_id AND v.table_name = j.table_name"
                        . ' AND v.column_name = ? AND v.row_id = j.row_id'
                        . " SET t.`$companion` = j.old_value WHERE t.`$column` <=> v.old_value AND t.`$companion` <=> j.new_value",
                        [$runId, $table, $companion, $column]);
                }
            }
            $this->db->exec("UPDATE crmguard_phone_fix_run SET state = 'undone', undone_at = UTC_TIMESTAMP() WHERE run_id = ?",
                [$runId]);
            $this->db->exec('COMMIT');
        } catch (\Throwable $e) {
            $this->db->exec('ROLLBACK');
            throw $e;
        }
        $values = $total - $this->companionCount($groups);
        return ['run_id' => $runId, 'restored' => $restored, 'kept' => $values - $restored];
    }

    /** @param list<array{0: string, 1: string, 2: string, 3: ?string, 4: string}> $journal */
    private function commitBatch(string $runId, string $table, array $journal, array $progress): void
    {
        $this->db->exec('START TRANSACTION');
        try {
            if ($journal !== []) {
                // The companion's old value (EspoCRM numeric) is read in the same statement that journals it.
                // Multi-row INSERTs of at most JOURNAL_CHUNK rows (a statement takes 65535 placeholders).
                foreach (array_chunk($journal, self::JOURNAL_CHUNK) as $chunk) {
                    $params = [];
                    foreach ($chunk as [$t, $column, $id, $old, $new]) {
                        array_push($params, $runId, $t, $column, $id, $old, $new);
                    }
                    $this->db->exec('INSERT INTO crmguard_phone_fix (run_id, table_name, column_name, row_id, old_value, new_value)'
                        . ' VALUES ' . implode(', ', array_fill(0, count($chunk), '(?, ?, ?, ?, ?, ?)')), $params);
                }
                $columns = array_unique(array_column($journal, 1));
                foreach (self::NUMERIC[$this->crm][$table] ?? [] as $companion) {
                    if (in_array($companion, $columns, true)) {
                        $this->db->exec("UPDATE crmguard_phone_fix j JOIN `$table` t ON t.id = j.row_id"
                            . " SET j.old_value = t.`$companion` WHERE j.run_id = ? AND j.table_name = ? AND j.column_name = ?"
                            . ' AND j.row_id >= ? AND j.row_id <= ?',
                            [$runId, $table, $companion, $journal[0][2], $journal[count($journal) - 1][2]]);
                    }
                }
                foreach ($columns as $column) {
                    // The batch's journal rows by the index's range (run, table, column, row_id): the
                    // rows of earlier batches are never read again.
                    $this->db->exec("UPDATE `$table` t JOIN crmguard_phone_fix j ON j.row_id = t.id AND j.run_id = ?"
                        . " AND j.table_name = ? AND j.column_name = ? SET t.`$column` = j.new_value"
                        . ' WHERE j.row_id >= ? AND j.row_id <= ?',
                        [$runId, $table, $column, $journal[0][2], $journal[count($journal) - 1][2]]);
                }
            }
            $this->db->exec('UPDATE crmguard_phone_fix_run SET progress = ? WHERE run_id = ?',
                [json_encode($progress), $runId]);
            $this->db->exec('COMMIT');
        } catch (\Throwable $e) {
            $this->db->exec('ROLLBACK');
            throw $e;
        }
    }

    private function known(string $table, string $column): bool
    {
        return in_array($column, self::TARGETS[$this->crm][$table] ?? [], true)
            || $this->ownerColumn($table, $column) !== null;
    }

    private function ownerColumn(string $table, string $column): ?string
    {
        $owner = array_search($column, self::NUMERIC[$this->crm][$table] ?? [], true);
        return $owner === false ? null : $owner;
    }

    private function companionCount(array $groups): int
    {
        $n = 0;
        foreach ($groups as $g) {
            if ($this->ownerColumn($g['table_name'], $g['column_name']) !== null) {
                $n += (int) $g['n'];
            }
        }
        return $n;
    }

    private static function newRunId(): string
    {
        return gmdate('Ymd-His') . '-' . bin2hex(random_bytes(4));
    }
}
