<?php
declare(strict_types=1);

namespace CrmGuard\Crm;

/**
 * The CRM's PHP runs a crmguard extension older than the package: the admin installed the new
 * package but this PHP (a PHP-FPM pool or Apache not reloaded yet, the cron's php-cli) still has
 * the previous crmguard.so.  The package's PHP code and its schema expect the extension of its own
 * release or newer; rather than give answers from a mismatched pair, crmguard refuses with what to
 * do.  An extension newer than the package is fine (its API only grows within a major version).
 */
final class ExtensionTooOld extends \RuntimeException
{
    public function __construct(public readonly string $loaded, public readonly string $needed)
    {
        $ini = php_ini_loaded_file();
        parent::__construct(sprintf(
            'crmguard: this PHP (PHP %s, %s, %s) runs the crmguard extension %s, older than this crmguard package (%s), '
            . 'which needs the extension %s or newer. Install the new crmguard.so, then restart or reload every PHP '
            . 'that runs the CRM (PHP-FPM: systemctl reload php%s-fpm; Apache with mod_php: apachectl graceful; '
            . 'cron runs a new php-cli by itself); nothing was changed.',
            PHP_VERSION, PHP_SAPI, $ini === false ? 'no php.ini' : "php.ini $ini", $loaded, $needed, $needed,
            PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION));
    }

    /**
     * Throws when the loaded extension is older than the major.minor of $packageVersion (a package
     * 0.2.x needs crmguard.so 0.2.0 or newer).  Call after checking the extension is loaded.  Takes
     * the version as an argument, so that a copy of this class loaded by an older package in the
     * same request (EspoCRM runs the previous version's BeforeUninstall before the new BeforeInstall)
     * still checks what the caller asks.
     */
    public static function requireFor(string $packageVersion): void
    {
        $parts = explode('.', $packageVersion);
        $needed = ($parts[0] ?? '0') . '.' . ($parts[1] ?? '0') . '.0';
        $loaded = (string) phpversion('crmguard');
        if (version_compare($loaded, $needed, '<')) {
            throw new self($loaded, $needed);
        }
    }
}
