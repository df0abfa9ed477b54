<?php
declare(strict_types=1);

namespace CrmGuard\Crm;

/**
 * The CRM's PHP has not loaded the crmguard extension.  Not a CrmGuard\Exception: that class
 * comes from the extension itself, which is exactly what is missing here.
 */
final class ExtensionMissing extends \RuntimeException
{
    public function __construct()
    {
        $ini = php_ini_loaded_file();
        parent::__construct(sprintf(
            'crmguard: the PHP extension "crmguard" is not loaded in this PHP (PHP %s, %s, %s). '
            . 'Install crmguard.so, enable it (extension=crmguard) for the PHP that runs the CRM '
            . '(web server or PHP-FPM and cron), restart it, then install this package again.',
            PHP_VERSION, PHP_SAPI, $ini === false ? 'no php.ini' : "php.ini $ini"));
    }
}
