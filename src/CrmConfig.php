<?php
declare(strict_types=1);

namespace CrmGuard;

/**
 * The database address (DSN) of a CRM, from the CRM's own configuration: the
 * CLI's --crm-root and the CRM packages use it, so that nobody types the
 * database password twice.
 *
 *   EspoCRM:  data/config.php + data/config-internal.php, key 'database'
 *             (host, port, dbname, user, password)
 *   SuiteCRM: config.php + config_override.php, $sugar_config['dbconfig']
 *             (db_host_name, db_port, db_name, db_user_name, db_password)
 *
 * Errors are \InvalidArgumentException naming the file or key; they never
 * show the password.
 */
final class CrmConfig
{
    /**
     * EspoCRM's database as EspoCRM itself reaches it: MysqlPDOFactory::create()
     * (application/Espo/ORM/PDO/MysqlPDOFactory.php 41-70, 9.2.7) builds "mysql:host=...;port=..."
     * with no unix_socket, so for 'localhost' PHP's pdo_mysql.default_socket is the socket.  A
     * 'socket' key in the 'database' section (not one of EspoCRM's) overrides it for crmguard.
     * The one implementation for the CLI's --crm-root and the EspoCRM package; $defaultSocket null:
     * this PHP's pdo_mysql.default_socket.
     *
     * @param array<string, mixed> $config EspoCRM's merged config (config.php + config-internal.php)
     */
    public static function dsnFromEspoConfig(array $config, ?string $defaultSocket = null): string
    {
        $db = $config['database'] ?? null;
        if (!is_array($db)) {
            throw new \InvalidArgumentException("EspoCRM config has no 'database' section");
        }
        $platform = strtolower((string) ($db['platform'] ?? $db['driver'] ?? 'mysql'));
        if (!str_contains($platform, 'mysql') && !str_contains($platform, 'maria')) {
            throw new \InvalidArgumentException("EspoCRM uses database platform '$platform'; crmguard supports MariaDB/MySQL");
        }
        $host = (string) ($db['host'] ?? 'localhost');
        $socket = $db['socket'] ?? null;
        if (($socket === null || $socket === '') && ($host === '' || strcasecmp($host, 'localhost') === 0)) {
            $socket = $defaultSocket ?? self::defaultSocket('pdo_mysql.default_socket');
        }
        return self::dsn(
            $host,
            $db['port'] ?? null,
            self::required($db, 'dbname', 'EspoCRM database.dbname'),
            self::required($db, 'user', 'EspoCRM database.user'),
            (string) ($db['password'] ?? ''),
            $socket,
        );
    }

    /**
     * SuiteCRM's database as SuiteCRM itself reaches it: MysqliManager::connect()
     * (include/database/MysqliManager.php 302-330) calls mysqli_connect() with db_host_name and
     * db_port and no socket, so for 'localhost' (or no host) PHP's mysqli.default_socket is the
     * socket (the usual Debian setup).  The one implementation for the CLI's --crm-root and the
     * SuiteCRM package; $defaultSocket null: this PHP's mysqli.default_socket.
     *
     * @param array<string, mixed> $config SuiteCRM's $sugar_config (config.php + config_override.php)
     */
    public static function dsnFromSuiteConfig(array $config, ?string $defaultSocket = null): string
    {
        $db = $config['dbconfig'] ?? null;
        if (!is_array($db)) {
            throw new \InvalidArgumentException("SuiteCRM config has no 'dbconfig' section");
        }
        $type = strtolower((string) ($db['db_type'] ?? 'mysql'));
        if ($type !== 'mysql') {
            throw new \InvalidArgumentException("SuiteCRM uses database type '$type'; crmguard supports MariaDB/MySQL");
        }
        $host = (string) ($db['db_host_name'] ?? 'localhost');
        $port = $db['db_port'] ?? null;
        // SuiteCRM's MysqliManager also accepts "host:port" in db_host_name.
        if (preg_match('/^([^:\[\]]+):(\d+)$/', $host, $m)) {
            [$host, $port] = [$m[1], $m[2]];
        }
        return self::dsn(
            $host,
            $port,
            self::required($db, 'db_name', 'SuiteCRM dbconfig.db_name'),
            self::required($db, 'db_user_name', 'SuiteCRM dbconfig.db_user_name'),
            (string) ($db['db_password'] ?? ''),
            $host === '' || strcasecmp($host, 'localhost') === 0 ? ($defaultSocket ?? self::defaultSocket('mysqli.default_socket')) : null,
        );
    }

    /**
     * EspoCRM's read replica for crmguard's reads (the dashlet, the telephony call card:
     * CrmGuard\Crm\ReadConnection), null when none: the config key 'crmguardReadDatabase' in
     * data/config-internal.php, beside 'database' — either a DSN string, or an array of the
     * 'database' keys that differ (host, port, socket; dbname, user and password are taken from
     * 'database' when left out; a host or port without a socket drops 'database''s socket).
     *
     * @param array<string, mixed> $config EspoCRM's merged config
     */
    public static function readDsnFromEspoConfig(array $config, ?string $defaultSocket = null): ?string
    {
        $read = $config['crmguardReadDatabase'] ?? null;
        if ($read === null || $read === '' || $read === []) {
            return null;
        }
        if (is_string($read)) {
            return $read;
        }
        if (!is_array($read)) {
            throw new \InvalidArgumentException("EspoCRM config 'crmguardReadDatabase' must be a DSN or an array like 'database'");
        }
        $base = is_array($config['database'] ?? null) ? $config['database'] : [];
        if (isset($read['host']) || isset($read['port'])) {
            unset($base['socket']);
        }
        return self::dsnFromEspoConfig(['database' => $read + $base], $defaultSocket);
    }

    /**
     * SuiteCRM's read replica for crmguard's reads, null when none: $sugar_config
     * ['crmguard_read_db'] (config_override.php) — a DSN string (needed for a replica on another
     * unix socket of the same host), or an array of the 'dbconfig' keys that differ
     * (db_host_name, db_port; db_name, db_user_name, db_password taken from 'dbconfig').
     *
     * @param array<string, mixed> $config SuiteCRM's $sugar_config
     */
    public static function readDsnFromSuiteConfig(array $config, ?string $defaultSocket = null): ?string
    {
        $read = $config['crmguard_read_db'] ?? null;
        if ($read === null || $read === '' || $read === []) {
            return null;
        }
        if (is_string($read)) {
            return $read;
        }
        if (!is_array($read)) {
            throw new \InvalidArgumentException("SuiteCRM config 'crmguard_read_db' must be a DSN or an array like 'dbconfig'");
        }
        $base = is_array($config['dbconfig'] ?? null) ? $config['dbconfig'] : [];
        return self::dsnFromSuiteConfig(['dbconfig' => $read + $base], $defaultSocket);
    }

    /**
     * A PHP client's default socket ('mysqli.default_socket', 'pdo_mysql.default_socket'): the
     * setting when that extension is loaded, else the php.ini value (the CLI may run without it);
     * null when unset (the client library's default).
     */
    public static function defaultSocket(string $setting): ?string
    {
        $v = ini_get($setting);
        if ($v === false || $v === '') {
            $v = get_cfg_var($setting);
        }
        return is_string($v) && $v !== '' ? $v : null;
    }

    /** EspoCRM's configuration as EspoCRM merges it: config-internal.php over config.php. */
    public static function loadEspo(string $root): array
    {
        $config = self::returnedArray("$root/data/config.php");
        $internal = "$root/data/config-internal.php";
        if (is_file($internal)) {
            $config = array_replace_recursive($config, self::returnedArray($internal));
        }
        return $config;
    }

    /** SuiteCRM's $sugar_config: config.php, then config_override.php. */
    public static function loadSuite(string $root): array
    {
        $file = "$root/config.php";
        if (!is_file($file)) {
            throw new \InvalidArgumentException("$file not found: is $root a SuiteCRM directory?");
        }
        $config = self::sugarConfig($file, []);
        $override = "$root/config_override.php";
        if (is_file($override)) {
            $config = self::sugarConfig($override, $config);
        }
        return $config;
    }

    /** Which CRM is installed in $root: 'espocrm', 'suitecrm' or null. */
    public static function detect(string $root): ?string
    {
        if ((is_file("$root/data/config.php") && is_dir("$root/application/Espo")) || is_file("$root/data/config-internal.php")) {
            return 'espocrm';
        }
        if (is_file("$root/config.php") && (is_file("$root/suitecrm_version.php") || is_file("$root/sugar_version.php"))) {
            return 'suitecrm';
        }
        return null;
    }

    /**
     * What the importer must know of the CRM's settings beyond its database, from $root:
     * EspoCRM's defaultCurrency (the deals' amountCurrency; defaults/config.php 66: USD) and
     * phoneNumberExtensions (numbers stored as "+74951234567 ext. 2"; defaults/config.php 305:
     * false).  SuiteCRM needs none: its deals take its own currency, '-99'.
     *
     * @return array{currency?: string, phone_extensions?: bool} Importer options
     */
    public static function importOptionsFromRoot(string $crm, string $root): array
    {
        if ($crm !== 'espocrm') {
            return [];
        }
        $config = self::loadEspo($root);
        $options = ['phone_extensions' => (bool) ($config['phoneNumberExtensions'] ?? false)];
        $currency = $config['defaultCurrency'] ?? null;
        if (is_string($currency) && preg_match('/^[A-Z]{3}$/', $currency)) {
            $options['currency'] = $currency;
        }
        return $options;
    }

    /** The DSN of the CRM installed in $root. */
    public static function dsnFromRoot(string $crm, string $root): string
    {
        return match ($crm) {
            'espocrm' => self::dsnFromEspoConfig(self::loadEspo($root)),
            'suitecrm' => self::dsnFromSuiteConfig(self::loadSuite($root)),
            default => throw new \InvalidArgumentException("unknown CRM '$crm' (espocrm or suitecrm)"),
        };
    }

    public static function dsn(string $host, mixed $port, string $database, string $user, #[\SensitiveParameter] string $password, mixed $socket): string
    {
        $dsn = 'mysql://' . rawurlencode($user) . ($password !== '' ? ':' . rawurlencode($password) : '')
            . '@' . ($host === '' ? 'localhost' : $host);
        if ($port !== null && $port !== '' && (int) $port > 0) {
            $dsn .= ':' . (int) $port;
        }
        $dsn .= '/' . rawurlencode($database);
        if (is_string($socket) && $socket !== '') {
            $dsn .= '?socket=' . str_replace('%2F', '/', rawurlencode($socket));
        }
        return $dsn;
    }

    private static function required(array $section, string $key, string $what): string
    {
        $v = $section[$key] ?? null;
        if (!is_scalar($v) || (string) $v === '') {
            throw new \InvalidArgumentException("$what is missing in the CRM's configuration");
        }
        return (string) $v;
    }

    private static function returnedArray(string $file): array
    {
        if (!is_file($file)) {
            throw new \InvalidArgumentException("$file not found: is this an EspoCRM directory?");
        }
        $config = (static fn (string $f): mixed => include $f)($file);
        if (!is_array($config)) {
            throw new \InvalidArgumentException("$file does not return an array");
        }
        return $config;
    }

    private static function sugarConfig(string $file, array $sugar_config): array
    {
        if (!defined('sugarEntry')) {
            define('sugarEntry', true);
        }
        $result = (static function (string $f, array $sugar_config): array {
            include $f;
            return $sugar_config;
        })($file, $sugar_config);
        if (!isset($result['dbconfig']) && $sugar_config === []) {
            throw new \InvalidArgumentException("$file does not set \$sugar_config['dbconfig']");
        }
        return $result;
    }
}
