<?php
declare(strict_types=1);

namespace CrmGuard;

/**
 * crmguard's own tables and views: sql/<crm>/NNN_<name>.sql, applied in
 * lexical order with Connection::execScript().  Every file is idempotent
 * (CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE VIEW ...) and touches no CRM
 * table, so applying again is always safe.  Used by `crmguard schema apply`
 * and by the CRM packages' install scripts.
 *
 * Some views read columns the CRM only has once crmguard's CRM package has
 * added its custom fields (SuiteCRM opportunities_cstm.crmguard_failure_reason_c,
 * EspoCRM opportunity.c_crmguard_failure_reason).  A file names them in a line
 *   -- crmguard:requires <table>.<column> [<table>.<column> ...]
 * and apply() checks every such column before it runs any file: a missing one
 * is a SchemaNotReady saying what to install, and nothing is applied.  Should
 * a file still fail half-way, the tables, views and procedures this run
 * created are dropped again, so the schema is never left half-applied.
 */
final class Schema
{
    /** @return list<string> the files for $crm, in the order they are applied */
    public static function files(string $crm, ?string $sqlDir = null): array
    {
        if ($crm !== 'espocrm' && $crm !== 'suitecrm') {
            throw new \InvalidArgumentException("unknown CRM '$crm' (espocrm or suitecrm)");
        }
        $dir = ($sqlDir ?? dirname(__DIR__) . '/sql') . '/' . $crm;
        $files = glob("$dir/*.sql");
        if ($files === false || $files === []) {
            throw new \InvalidArgumentException("no SQL files in $dir");
        }
        sort($files, SORT_STRING);
        return $files;
    }

    /** @return list<string> "table.column" that the files' "-- crmguard:requires" lines name, sorted */
    public static function requirements(string $crm, ?string $sqlDir = null): array
    {
        $need = [];
        foreach (self::files($crm, $sqlDir) as $file) {
            preg_match_all('/^--\s*crmguard:requires\s+(.+)$/m', (string) @file_get_contents($file), $m);
            foreach ($m[1] as $line) {
                foreach (preg_split('/[\s,]+/', trim($line), -1, PREG_SPLIT_NO_EMPTY) as $item) {
                    $need[$item] = true;
                }
            }
        }
        $need = array_keys($need);
        sort($need);
        return $need;
    }

    /** @return list<string> the required "table.column" the connected database lacks */
    public static function missing(Connection $db, string $crm, ?string $sqlDir = null): array
    {
        $need = self::requirements($crm, $sqlDir);
        if ($need === []) {
            return [];
        }
        $have = [];
        $rows = $db->query('SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()');
        foreach ($rows as $r) {
            $have[strtolower($r['t'] . '.' . $r['c'])] = true;
        }
        return array_values(array_filter($need, static fn (string $n): bool => !isset($have[strtolower($n)])));
    }

    /**
     * One sentence for an admin: which CRM fields are missing, what needs them and what to
     * install; $doing says what could not be done ("nothing was applied", ...).
     *
     * @param list<string> $missing
     */
    public static function missingMessage(string $crm, array $missing, string $doing): string
    {
        $crmName = $crm === 'espocrm' ? 'EspoCRM' : 'SuiteCRM';
        $install = $crm === 'espocrm'
            ? 'install the crmguard extension in EspoCRM first (Administration > Extensions), which adds '
            : 'install the crmguard package in SuiteCRM first (Admin > Module Loader), which adds ';
        $install .= count($missing) === 1 ? 'it' : 'them';
        return "$crmName has no " . (count($missing) === 1 ? 'field ' : 'fields ') . implode(', ', $missing)
            . " (crmguard's custom " . (count($missing) === 1 ? 'field' : 'fields') . ", read by crmguard's report views)"
            . ": $install, then run 'crmguard schema apply'; $doing.";
    }

    /**
     * Applies every file, after checking the columns the files require; stops at the
     * first error (a DbException whose message starts with the file name), after dropping
     * what this run created.
     *
     * @return list<string> the files applied
     * @throws SchemaNotReady when a required CRM column is missing (nothing applied)
     */
    public static function apply(Connection $db, string $crm, ?string $sqlDir = null): array
    {
        $files = self::files($crm, $sqlDir);
        $missing = self::missing($db, $crm, $sqlDir);
        if ($missing !== []) {
            throw new SchemaNotReady(self::missingMessage($crm, $missing, 'nothing was applied'), $missing);
        }
        $before = self::objects($db);
        $done = [];
        foreach ($files as $file) {
            $sql = @file_get_contents($file);
            try {
                if ($sql === false) {
                    throw new \RuntimeException("cannot read $file");
                }
                $db->execScript($sql);
            } catch (\Throwable $e) {
                $dropped = self::dropCreatedSince($db, $before);
                $note = $dropped > 0 ? " ($dropped object(s) this run had created were dropped again)" : '';
                if ($e instanceof DbException) {
                    throw new DbException(basename($file) . ': ' . $e->getMessage() . $note, $e->getCode(), $e);
                }
                throw new \RuntimeException($e->getMessage() . $note, 0, $e);
            }
            $done[] = $file;
        }
        return $done;
    }

    /**
     * Drops crmguard's views (they hold no data; apply() makes them again).  For an uninstall that
     * removes the CRM columns they read: a view left over a dropped column breaks every
     * `mysqldump` of the CRM's database (ERROR 1356).  Returns how many were dropped.
     */
    public static function dropViews(Connection $db): int
    {
        $views = array_keys(array_filter(self::objects($db), static fn (string $kind): bool => $kind === 'VIEW'));
        foreach ($views as $name) {
            $db->exec('DROP VIEW IF EXISTS `' . str_replace('`', '``', $name) . '`');
        }
        return count($views);
    }

    /** @return array<string, string> crmguard's tables, views and routines: name => kind */
    private static function objects(Connection $db): array
    {
        $out = [];
        foreach ($db->query("SELECT TABLE_NAME AS n, TABLE_TYPE AS k FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'crmguard\\_%'") as $r) {
            $out[$r['n']] = $r['k'] === 'VIEW' ? 'VIEW' : 'TABLE';
        }
        foreach ($db->query("SELECT ROUTINE_NAME AS n, ROUTINE_TYPE AS k FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME LIKE 'crmguard\\_%'") as $r) {
            $out[$r['n']] = $r['k'] === 'FUNCTION' ? 'FUNCTION' : 'PROCEDURE';
        }
        return $out;
    }

    /** Drops what exists now and did not in $before (views first: they may read the tables); the count. */
    private static function dropCreatedSince(Connection $db, array $before): int
    {
        try {
            $new = array_diff_key(self::objects($db), $before);
            $order = ['VIEW' => 0, 'PROCEDURE' => 1, 'FUNCTION' => 1, 'TABLE' => 2];
            uasort($new, static fn (string $a, string $b): int => $order[$a] <=> $order[$b]);
            foreach ($new as $name => $kind) {
                $db->exec("DROP $kind IF EXISTS `" . str_replace('`', '``', $name) . '`');
            }
            return count($new);
        } catch (\Throwable) {
            return 0; // the connection is gone: nothing more can be undone here
        }
    }
}

/** A required CRM column is missing: the message says what to install; nothing was applied. */
final class SchemaNotReady extends \RuntimeException
{
    /** @param list<string> $missing "table.column" */
    public function __construct(string $message, public readonly array $missing = [])
    {
        parent::__construct($message);
    }
}
