<?php
declare(strict_types=1);

namespace CrmGuard;

/**
 * crmguard's own tables and views: sql/<crm>/NNN_<name>.sql, applied in
 * lexical order with Connection::execScript().  Every file is idempotent
 * (CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE VIEW, DROP VIEW IF EXISTS ...)
 * and touches no CRM table, so applying again is always safe.  Used by
 * `crmguard schema apply` and by the CRM packages' install scripts.
 *
 * Versions.  The schema is versioned with crmguard itself (VERSION, the same as
 * PHP_CRMGUARD_VERSION in ext/php_crmguard.h; tests/schema_version.phpt checks).
 * crmguard_schema_version (000_schema_version.sql) has one row per version the
 * database was brought to: which version, from which, when, by what, and which
 * steps ran.  0.1.0, the first release, had no such table: crmguard tables
 * without it are a 0.1.0 schema.  apply() over an older schema first runs the
 * migration steps of every newer version up to VERSION
 * (sql/<crm>/migrations/<version>.sql, in version order), then the files, then
 * records the new version; over a schema at VERSION it only re-applies the
 * idempotent files and records nothing (a no-op for the data); over a newer
 * schema it refuses (SchemaTooNew) and changes nothing: a downgrade is not
 * supported.  (A 0.1.0 schema is recognised by crmguard_phone, its first table.)  A fresh database gets the files only (they create the current
 * shape) and a row with from_version NULL.
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
    /** The schema version this code creates and migrates to: crmguard's version. */
    public const VERSION = '0.2.0';

    /** What a database with crmguard tables and no crmguard_schema_version has: the first release. */
    public const UNVERSIONED = '0.1.0';

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
     * what this run created.  See migrate(), which this is.
     *
     * @return list<string> the files applied
     * @throws SchemaNotReady when a required CRM column is missing (nothing applied)
     * @throws SchemaTooNew when the database's schema is newer than this code (nothing applied)
     */
    public static function apply(Connection $db, string $crm, ?string $sqlDir = null, string $by = 'crmguard'): array
    {
        return self::migrate($db, $crm, $sqlDir, $by)['files'];
    }

    /**
     * Brings crmguard's schema to VERSION: refuses a newer schema, runs the migration steps of
     * every version after the installed one (none on a fresh database), applies the idempotent
     * files, records the version reached.  $by says who ran it (recorded: 'cli', 'espocrm package' ...).
     *
     * @return array{from: ?string, to: string, migrations: list<string>, files: list<string>, recorded: bool}
     *         from: the version found (null: no crmguard tables); migrations: the steps run
     *         ("0.2.0.sql"); files: the files applied (paths); recorded: whether a new version row was written
     * @throws SchemaNotReady when a required CRM column is missing (nothing applied)
     * @throws SchemaTooNew when the database's schema is newer than this code (nothing applied)
     */
    public static function migrate(Connection $db, string $crm, ?string $sqlDir = null, string $by = 'crmguard'): array
    {
        $files = self::files($crm, $sqlDir);
        $installed = self::requireNotNewer($db, $crm);
        $missing = self::missing($db, $crm, $sqlDir);
        if ($missing !== []) {
            throw new SchemaNotReady(self::missingMessage($crm, $missing, 'nothing was applied'), $missing);
        }
        $from = $installed['version'] ?? null;
        $steps = $from === null ? [] : self::migrations($crm, $from, $sqlDir);
        $before = self::objects($db);
        $done = [];
        $ran = [];
        foreach ([...array_values($steps), ...$files] as $i => $file) {
            $sql = @file_get_contents($file);
            try {
                if ($sql === false) {
                    throw new \RuntimeException("cannot read $file");
                }
                $db->execScript($sql);
            } catch (\Throwable $e) {
                $dropped = self::dropCreatedSince($db, $before);
                $note = $dropped > 0 ? " ($dropped object(s) this run had created were dropped again)" : '';
                $name = $i < count($steps) ? 'migrations/' . basename($file) : basename($file);
                $note .= $from !== null && $from !== self::VERSION
                    ? "; the schema stays at $from: fix the cause and apply again" : '';
                if ($e instanceof DbException) {
                    throw new DbException($name . ': ' . $e->getMessage() . $note, $e->getCode(), $e);
                }
                throw new \RuntimeException($e->getMessage() . $note, 0, $e);
            }
            if ($i < count($steps)) {
                $ran[] = basename($file);
            } else {
                $done[] = $file;
            }
        }
        $recorded = false;
        if ($from !== self::VERSION) {
            $stepText = ($ran === [] ? ($from === null ? 'fresh install' : 'no migration steps') : 'migrations/' . implode(' migrations/', $ran))
                . '; applied ' . implode(' ', array_map('basename', $done));
            // INSERT IGNORE: two installers racing to the same version record it once.
            $recorded = $db->exec('INSERT IGNORE INTO crmguard_schema_version (version, from_version, steps, applied_by, applied_at)'
                . ' VALUES (?, ?, ?, ?, UTC_TIMESTAMP())', [self::VERSION, $from, $stepText, substr($by, 0, 64)]) > 0;
        }
        return ['from' => $from, 'to' => self::VERSION, 'migrations' => $ran, 'files' => $done, 'recorded' => $recorded];
    }

    /**
     * The version of crmguard's schema in the connected database, with the row that recorded it:
     * null when it has no crmguard table at all; UNVERSIONED (0.1.0) when it has crmguard tables
     * but no crmguard_schema_version.
     *
     * @return ?array{version: string, applied_at: ?string, applied_by: ?string}
     */
    public static function installed(Connection $db): ?array
    {
        $objects = self::objects($db);
        if (!isset($objects['crmguard_schema_version'])) {
            // 0.1.0 created crmguard_phone first of all (010_phone_index.sql); without it there is no
            // crmguard schema, whatever else is named crmguard_* (a failed apply leaves nothing).
            return isset($objects['crmguard_phone']) ? ['version' => self::UNVERSIONED, 'applied_at' => null, 'applied_by' => null] : null;
        }
        $best = null;
        foreach ($db->query('SELECT version, applied_at, applied_by FROM crmguard_schema_version') as $r) {
            if ($best === null || version_compare((string) $r['version'], $best['version'], '>')) {
                $best = ['version' => (string) $r['version'], 'applied_at' => $r['applied_at'], 'applied_by' => $r['applied_by']];
            }
        }
        return $best ?? ['version' => self::UNVERSIONED, 'applied_at' => null, 'applied_by' => null];
    }

    /**
     * Throws SchemaTooNew when the database's crmguard schema is newer than this code (a
     * downgrade), else returns installed(): what the CRM packages' install scripts ask before they
     * change anything.
     *
     * @return ?array{version: string, applied_at: ?string, applied_by: ?string}
     */
    public static function requireNotNewer(Connection $db, string $crm): ?array
    {
        $installed = self::installed($db);
        if ($installed !== null && version_compare($installed['version'], self::VERSION, '>')) {
            throw new SchemaTooNew(self::tooNewMessage($crm, $installed, 'nothing was changed'), $installed['version']);
        }
        return $installed;
    }

    /**
     * The migration steps from $from to VERSION: sql/<crm>/migrations/<version>.sql for every
     * version after $from up to VERSION, in version order.
     *
     * @return array<string, string> version => file
     */
    public static function migrations(string $crm, string $from, ?string $sqlDir = null): array
    {
        $dir = ($sqlDir ?? dirname(__DIR__) . '/sql') . '/' . $crm . '/migrations';
        $out = [];
        foreach (glob("$dir/*.sql") ?: [] as $file) {
            $v = basename($file, '.sql');
            if (version_compare($v, $from, '>') && version_compare($v, self::VERSION, '<=')) {
                $out[$v] = $file;
            }
        }
        uksort($out, 'version_compare');
        return $out;
    }

    /**
     * One message for an admin whose database has a newer crmguard schema than this code.
     *
     * @param array{version: string, applied_at: ?string, applied_by: ?string} $installed
     */
    public static function tooNewMessage(string $crm, array $installed, string $doing): string
    {
        $crmName = $crm === 'espocrm' ? 'EspoCRM' : 'SuiteCRM';
        return "crmguard's tables in this $crmName database are at version {$installed['version']}"
            . ($installed['applied_at'] !== null ? " (since {$installed['applied_at']} UTC" . ($installed['applied_by'] ? ", by {$installed['applied_by']}" : '') . ')' : '')
            . ', newer than this crmguard (' . self::VERSION . '): a downgrade is not supported; ' . $doing
            . ". Install crmguard {$installed['version']} or newer (the CRM package and the PHP extension), or restore the"
            . ' database backup taken before the upgrade together with the older crmguard.';
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

/** The database's crmguard schema is newer than this code: a downgrade; nothing was applied. */
final class SchemaTooNew extends \RuntimeException
{
    public function __construct(string $message, public readonly string $installedVersion = '')
    {
        parent::__construct($message);
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
