<?php
/*
 * The SuiteCRM side of crmguard's adapter core: a CrmGuard\Crm\Guard on SuiteCRM's own database
 * ($sugar_config['dbconfig'], config.php + config_override.php as SuiteCRM loaded them), with the
 * deployment's rule options from $sugar_config['crmguard_rules'] (config_override.php).
 */
declare(strict_types=1);

require_once __DIR__ . '/lib/Crm/autoload.php';

final class CrmGuardSuite
{
    public static function guard(): \CrmGuard\Crm\Guard
    {
        global $sugar_config;
        return new \CrmGuard\Crm\Guard(
            'suitecrm',
            self::dsn($sugar_config),
            (array) ($sugar_config['crmguard_rules'] ?? []),
        );
    }

    /**
     * SuiteCRM's database as SuiteCRM itself reaches it: MysqliManager::connect() calls
     * mysqli_connect() with db_host_name, so for 'localhost' PHP's mysqli.default_socket is the
     * socket (the usual Debian setup); crmguard's connection follows the same setting.
     */
    public static function dsn(array $sugarConfig): string
    {
        $dsn = \CrmGuard\CrmConfig::dsnFromSuiteConfig($sugarConfig);
        $socket = (string) ini_get('mysqli.default_socket');
        $host = (string) ($sugarConfig['dbconfig']['db_host_name'] ?? '');
        if ($socket !== '' && ($host === '' || strcasecmp($host, 'localhost') === 0) && !str_contains($dsn, '?socket=')) {
            $dsn .= '?socket=' . str_replace('%2F', '/', rawurlencode($socket));
        }
        return $dsn;
    }

    /**
     * The bean's stored row (its table's and its _cstm table's columns), [] for a record not stored
     * yet.  SugarBean::save() gives before_save hooks no "new" flag (data/SugarBean.php 2320-2358:
     * isUpdate is "an id and not new_with_id", and a new bean's id is made before the hooks run),
     * so: fetched_row when retrieve() filled it; nothing for a bean marked new_with_id; else the
     * database is asked (a bean given an existing id and saved without retrieve() is an update).
     */
    public static function storedRow($bean): array
    {
        if (is_array($bean->fetched_row ?? null) && $bean->fetched_row !== []) {
            return $bean->fetched_row;
        }
        if (empty($bean->id) || !empty($bean->new_with_id)) {
            return [];
        }
        $table = (string) $bean->table_name;
        $db = self::guard()->connection();
        $custom = $db->query('SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
            [$table . '_cstm']) !== [];
        $rows = $db->query($custom
            ? "SELECT t.*, c.* FROM `$table` t LEFT JOIN `{$table}_cstm` c ON c.id_c = t.id WHERE t.id = ?"
            : "SELECT t.* FROM `$table` t WHERE t.id = ?", [(string) $bean->id]);
        if ($rows === []) {
            return [];
        }
        unset($rows[0]['id_c']);
        return $rows[0];
    }

    /** 'ru' or 'en': the language the user logged in with ($current_language: ru_RU, en_us ...). */
    public static function lang(): string
    {
        return \CrmGuard\Crm\Guard::lang($GLOBALS['current_language'] ?? null);
    }

    /** Logs a crmguard problem the way SuiteCRM code logs, and shows it to the user. */
    public static function report(string $message): void
    {
        if (isset($GLOBALS['log'])) {
            $GLOBALS['log']->fatal($message);
        }
        SugarApplication::appendErrorMessage($message);
    }
}
