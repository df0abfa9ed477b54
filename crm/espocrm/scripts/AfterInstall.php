<?php
/*
 * EspoCRM runs this after copying the module and rebuilding (so the custom columns exist):
 * checks the extension again, creates crmguard's own tables (sql/espocrm, bundled in the module's
 * Lib/sql), builds the phone index and gives back their stage to the deals BeforeUninstall parked
 * in EspoCRM's own stages when crmguard was last uninstalled.  Every step is idempotent: installing again, or upgrading,
 * runs it again safely.  An exception makes EspoCRM show its message and roll the package back.
 */
declare(strict_types=1);

class AfterInstall
{
    /** @param \Espo\Core\Container $container */
    public function run($container, array $params = []): void
    {
        $lib = __DIR__ . '/../files/custom/Espo/Modules/CrmGuard/Lib';
        require_once "$lib/Crm/autoload.php";
        \CrmGuard\Crm\Guard::requireExtension();

        $config = $container->getByClass(\Espo\Core\Utils\Config::class);
        $guard = new \CrmGuard\Crm\Guard(
            'espocrm',
            \CrmGuard\CrmConfig::dsnFromEspoConfig(['database' => (array) $config->get('database')]),
            (array) ($config->get('crmguardRules') ?? []),
        );
        $guard->install("$lib/sql");
        $guard->restoreDealStages();
        $guard->scheduleReport();
    }
}
