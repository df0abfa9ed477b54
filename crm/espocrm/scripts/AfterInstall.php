<?php
/*
 * EspoCRM runs this after copying the module and rebuilding (so the custom columns exist):
 * checks the extension again, brings crmguard's own tables to this version (sql/espocrm, bundled
 * in the module's Lib/sql, through CrmGuard\Schema::migrate: over an older crmguard it runs the
 * migration steps once and records them in crmguard_schema_version; over the same version it
 * changes nothing), builds the phone index and gives back their stage to the deals a
 * BeforeUninstall parked in EspoCRM's own stages (on an upgrade EspoCRM has just run the previous
 * version's BeforeUninstall, see BeforeInstall).  Every step is idempotent: installing again, or
 * upgrading, runs it again safely.  An exception makes EspoCRM show its message and roll the
 * package back.
 *
 * Only API every crmguard version's Guard has is used here (Guard may still be the previous
 * version's class on an upgrade, see BeforeInstall); CrmGuard\Schema is never loaded by an
 * uninstall, so it is this package's.
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
        $manifest = json_decode((string) file_get_contents(__DIR__ . '/../manifest.json'), true);
        $version = (string) ($manifest['version'] ?? '0');
        \CrmGuard\Crm\ExtensionTooOld::requireFor($version);

        $config = $container->getByClass(\Espo\Core\Utils\Config::class);
        $guard = new \CrmGuard\Crm\Guard(
            'espocrm',
            \CrmGuard\CrmConfig::dsnFromEspoConfig(['database' => (array) $config->get('database')]),
            (array) ($config->get('crmguardRules') ?? []),
        );
        $schema = \CrmGuard\Schema::migrate($guard->connection(), 'espocrm', "$lib/sql",
            'EspoCRM extension ' . $version . (!empty($params['isUpgrade']) ? ' (upgrade)' : ''));
        $guard->index()->rebuild();
        $restored = $guard->restoreDealStages();
        \CrmGuard\Crm\ReportSchedule::create($guard->connection(), 'espocrm');
        self::log($container, sprintf('crmguard %s installed: schema %s -> %s%s; phone index rebuilt; %d parked deal(s) back in New / Calling.',
            $version, $schema['from'] ?? 'none', $schema['to'],
            $schema['migrations'] === [] ? '' : ' (migrations ' . implode(', ', $schema['migrations']) . ')', $restored));
    }

    /** EspoCRM's own log (data/logs), when the container has it. */
    private static function log($container, string $message): void
    {
        try {
            $container->getByClass(\Espo\Core\Utils\Log::class)->notice($message);
        } catch (\Throwable) {
            // no log service: the schema's history is in crmguard_schema_version
        }
    }
}
