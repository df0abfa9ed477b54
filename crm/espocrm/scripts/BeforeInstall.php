<?php
/*
 * EspoCRM runs this before it copies the package's files (Espo\Core\Upgrades\Actions\Base\Install):
 * refusing here leaves the instance untouched, while hooks copied into a PHP without the
 * extension would break every save of a lead, contact, account, deal or call.
 */
declare(strict_types=1);

class BeforeInstall
{
    /** @param \Espo\Core\Container $container */
    public function run($container, array $params = []): void
    {
        require_once __DIR__ . '/../files/custom/Espo/Modules/CrmGuard/Lib/Crm/autoload.php';
        \CrmGuard\Crm\Guard::requireExtension();
    }
}
