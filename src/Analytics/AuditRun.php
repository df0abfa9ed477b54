<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

use CrmGuard\Audit;
use CrmGuard\Connection;

/**
 * `crmguard audit`: the client cards and deals with problems.  The rows come
 * from the parts of the view crmguard_v_card_field (sql/<crm>/100_analytics.sql), only the
 * manager's or team's when asked (a bound condition in the query), and are
 * checked natively by CrmGuard\Audit (ext/core/audit.c) while they stream.
 */
final class AuditRun
{
    /** Fields that must be filled unless --require says otherwise. */
    public const DEFAULT_REQUIRED = [
        'Lead.last_name', 'Lead.phone', 'Contact.last_name', 'Contact.phone', 'Account.name',
        'Deal.comment', 'Deal.close_date', 'Deal.task',
    ];

    /** The shipped word lists (data/audit/words.*.txt). */
    public static function defaultWordFiles(): array
    {
        $dir = dirname(__DIR__, 2) . '/data/audit';
        $files = glob("$dir/words.*.txt") ?: [];
        sort($files, SORT_STRING);
        return $files;
    }

    /** Entries of word files: one per line, '#' comments and blank lines skipped. */
    public static function readWords(array $files): array
    {
        $words = [];
        foreach ($files as $file) {
            $text = @file_get_contents($file);
            if ($text === false) {
                throw new \RuntimeException("cannot read the word list $file");
            }
            foreach (preg_split('/\r\n|\n|\r/', $text) as $line) {   // not \R: it matches the byte 0x85 inside UTF-8 letters
                $line = trim($line);
                if ($line !== '' && $line[0] !== '#') {
                    $words[] = $line;
                }
            }
        }
        return $words;
    }

    /**
     * @param list<string> $words
     * @param list<string> $required "EntityType.field"
     * @param ?int $keep how many findings to list (null: every one); the counts are always complete
     * @return array{rows: int, findings: list<array<string, mixed>>, problems: int, counts: array<string, int>,
     *               records: int, by_manager: array<string, int>}
     */
    public static function run(Connection $db, array $words, array $required, string $region = 'RU',
                               ?string $managerId = null, ?string $teamId = null, ?int $keep = null): array
    {
        $audit = new Audit(['words' => $words, 'required' => $required, 'region' => $region]);
        $where = [];
        $params = [];
        if ($managerId !== null) {
            $where[] = 'user_id = ?';
            $params[] = $managerId;
        }
        if ($teamId !== null) {
            // The members as values: MariaDB does not push an IN (SELECT ...) into the UNION ALL
            // parts of crmguard_v_card_field, and reads every part in full for it.
            $members = array_map('strval', array_column(
                $db->query('SELECT user_id FROM crmguard_v_user_team WHERE team_id = ?', [$teamId]), 'user_id'));
            $where[] = $members === [] ? '1 = 0' : 'user_id IN (' . implode(', ', array_fill(0, count($members), '?')) . ')';
            array_push($params, ...$members);
        }
        // The parts of crmguard_v_card_field, each reading its table once (a UNION view would be
        // written to a temporary table before its first row), scanned as one: counted in C as the
        // rows stream (CrmGuard\Audit::scan), only $keep findings become arrays.
        $views = array_column($db->query(
            "SELECT table_name AS v FROM information_schema.tables WHERE table_schema = DATABASE()
             AND table_type = 'VIEW' AND table_name LIKE 'crmguard\\_v\\_card\\_field\\_%' ORDER BY table_name"), 'v');
        if ($views === []) {
            throw new \RuntimeException("the views crmguard_v_card_field_* are missing (run 'crmguard schema apply' first)");
        }
        $filter = $where === [] ? '' : ' WHERE ' . implode(' AND ', $where);
        $result = $audit->scan($db, array_map(static fn ($v) => "SELECT entity_type, entity_id, user_id, field, source_field, value
            FROM `$v`$filter", $views), $params, $keep);
        $findings = [];
        foreach ($result['findings'] as $f) {
            $f['code'] = self::code($f);
            $findings[] = $f;
        }
        $counts = [];
        foreach ($result['kinds'] as [$type, $field, $problem, $n]) {
            $code = self::code(['entity_type' => $type, 'field' => $field, 'problem' => $problem]);
            $counts[$code] = ($counts[$code] ?? 0) + $n;
        }
        ksort($counts, SORT_STRING);
        return ['rows' => $result['rows'], 'findings' => $findings, 'problems' => $result['problems'],
                'counts' => $counts, 'records' => $result['records'], 'by_manager' => $result['by_user']];
    }

    /**
     * One code per kind of problem: lowercase_name, bad_word, phone_not_canonical,
     * phone_several_numbers, phone_invalid, missing_<field> (deals: no_comment,
     * no_close_date, no_task).
     */
    public static function code(array $f): string
    {
        return match ($f['problem']) {
            'lowercase' => 'lowercase_name',
            'not_canonical' => 'phone_not_canonical',
            'several_numbers' => 'phone_several_numbers',
            'invalid_phone' => 'phone_invalid',
            'missing' => $f['entity_type'] === 'Deal'
                ? match ($f['field']) { 'comment' => 'no_comment', 'close_date' => 'no_close_date', 'task' => 'no_task',
                                        default => 'missing_' . $f['field'] }
                : 'missing_' . $f['field'],
            default => (string) $f['problem'],
        };
    }
}
