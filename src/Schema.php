<?php
declare(strict_types=1);

namespace CrmGuard;

/**
 * crmguard's own tables and views: sql/<crm>/NNN_<name>.sql, applied in
 * lexical order with Connection::execScript().  Every file is idempotent
 * (CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE VIEW ...) and touches no CRM
 * table, so applying again is always safe.  Used by `crmguard schema apply`
 * and by the CRM packages' install scripts.
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

    /**
     * Applies every file; stops at the first error (a DbException whose
     * message starts with the file name).
     *
     * @return list<string> the files applied
     */
    public static function apply(Connection $db, string $crm, ?string $sqlDir = null): array
    {
        $done = [];
        foreach (self::files($crm, $sqlDir) as $file) {
            $sql = @file_get_contents($file);
            if ($sql === false) {
                throw new \RuntimeException("cannot read $file");
            }
            try {
                $db->execScript($sql);
            } catch (DbException $e) {
                throw new DbException(basename($file) . ': ' . $e->getMessage(), $e->getCode(), $e);
            }
            $done[] = $file;
        }
        return $done;
    }
}
