<?php
/*
 * EspoCRM runs this before it copies the package's files (Espo\Core\Upgrades\Actions\Base\Install
 * run() 45-83: stepBeforeInstallScript before stepCopy): refusing here leaves the instance
 * untouched, while hooks copied into a PHP without the extension would break every save of a lead,
 * contact, account, deal or call.  Refused: no crmguard extension; an extension older than this
 * package (crmguard.so not upgraded, or PHP not reloaded after it was); a crmguard schema in the
 * database newer than this package (a downgrade: crmguard_schema_version, CrmGuard\Schema).
 *
 * On an upgrade EspoCRM first refuses an older version itself (Actions/Extension/Install.php
 * compareVersion() 181-195, "You cannot install an older version of this extension.") and then
 * uninstalls the installed version in this same request (beforeRunAction() 47-57 ->
 * uninstallExtension() 202-216: its BeforeUninstall runs, its files go), so the crmguard classes
 * that BeforeUninstall loaded (CrmGuard\Crm\Guard ...) are the previous version's for the rest of
 * the request.  This script and AfterInstall therefore use only what every version has, and take
 * this package's version from its own manifest.json.
 */
declare(strict_types=1);

class BeforeInstall
{
    /** @param \Espo\Core\Container $container */
    public function run($container, array $params = []): void
    {
        require_once __DIR__ . '/../files/custom/Espo/Modules/CrmGuard/Lib/Crm/autoload.php';
        try {
            \CrmGuard\Crm\Guard::requireExtension();
            $manifest = json_decode((string) file_get_contents(__DIR__ . '/../manifest.json'), true);
            \CrmGuard\Crm\ExtensionTooOld::requireFor((string) ($manifest['version'] ?? '0'));
            if ($container === null) {
                return;
            }
            $config = $container->getByClass(\Espo\Core\Utils\Config::class);
            $db = new \CrmGuard\Connection(\CrmGuard\CrmConfig::dsnFromEspoConfig(['database' => (array) $config->get('database')]));
            try {
                \CrmGuard\Schema::requireNotNewer($db, 'espocrm');
            } finally {
                $db->close();
            }
        } catch (\Throwable $e) {
            if (empty($params['isUpgrade'])) {
                throw $e;
            }
            // On an upgrade EspoCRM has already uninstalled the installed crmguard when this runs
            // (see above): say so, and how everything comes back.
            throw new \RuntimeException(str_replace('; nothing was changed', '', $e->getMessage()) . ' Note: EspoCRM uninstalled the installed crmguard before this'
                . ' package could check (its upgrade first uninstalls the installed version): crmguard is not installed'
                . ' now; its tables, fields and data are kept, and deals in New or Calling wait in Prospecting or'
                . ' Qualification (crmguard_parked_stage). Once the cause is fixed, install this package again: they get'
                . ' their stages back.', 0, $e);
        }
    }
}
