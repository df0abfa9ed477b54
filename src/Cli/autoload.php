<?php
/* Autoloader of crmguard's PHP classes: CrmGuard\X\Y lives in src/X/Y.php
 * (CrmGuard\Cli\... is the CLI; CrmGuard\CrmConfig, CrmGuard\Schema are shared
 * with the CRM packages).  Classes of the extension are never looked up here. */
declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    $prefix = 'CrmGuard\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
        return;
    }
    $file = dirname(__DIR__) . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
