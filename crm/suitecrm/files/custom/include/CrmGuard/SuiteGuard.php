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
