<?php
/*
 * Autoloader of crmguard's PHP classes for the CRM packages: CrmGuard\X\Y lives in <src>/X/Y.php,
 * <src> being this file's parent directory — src/ in the repository, the bundled copy of it in
 * each package (tools/build-packages copies src/Crm, src/CrmConfig.php and what they use).
 * Classes the extension defines (CrmGuard\Connection, Rules, ...) are never files here.
 */
declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    if (strncmp($class, 'CrmGuard\\', 9) !== 0) {
        return;
    }
    $file = dirname(__DIR__) . '/' . str_replace('\\', '/', substr($class, 9)) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
