<?php
/*
 * EspoCRM runs this before it deletes the module's files (Espo\Core\Upgrades\Actions\Base\Uninstall::run,
 * 9.2.7 lines 63-68); an exception here stops the uninstall with its message and leaves the
 * extension installed (Base::runScript 399-405 -> Uninstall::throwErrorAndRemovePackage 188-198
 * restores the files, Base::throwErrorAndRemovePackage 165-188 rethrows the message).
 *
 * The deal stages New and Calling are listed by EspoCRM only while crmguard is installed (the
 * module's entityDefs replace the stage options), so a deal left in them would hold a stage the
 * CRM can no longer show, filter or put on its kanban.  Before the files go, every deal in New or
 * Calling (stage and last_stage; deleted ones too) is moved to EspoCRM's own Prospecting or
 * Qualification (the same probability, 10 and 20) and crmguard_parked_stage records what it had:
 * installing crmguard again (AfterInstall) gives back its stage to every deal still where it was
 * parked.  Nothing else is removed: EspoCRM's rebuild never drops columns, so company statuses,
 * failure reasons and card colours stay, and crmguard's own tables stay too.
 *
 * Without the extension the deals cannot be moved safely, so the uninstall is refused with what
 * to do.  Finally crmguard's cached connection is closed before the module's code disappears.
 */
declare(strict_types=1);

class BeforeUninstall
{
    /** @param \Espo\Core\Container $container */
    public function run($container, array $params = []): void
    {
        if (!extension_loaded('crmguard')) {
            throw new \RuntimeException('crmguard: the PHP extension "crmguard" is not loaded in this PHP (PHP '
                . PHP_VERSION . '), so the deals in the stages New and Calling, which EspoCRM lists only while'
                . ' crmguard is installed, cannot be moved to EspoCRM\'s own stages before the uninstall. Load the'
                . ' extension again and uninstall, or first move them yourself in the database:'
                . " UPDATE opportunity SET stage = 'Prospecting' WHERE stage = 'New';"
                . " UPDATE opportunity SET stage = 'Qualification' WHERE stage = 'Calling';"
                . ' (the same for last_stage).');
        }
        self::loadLib();
        $config = $container->getByClass(\Espo\Core\Utils\Config::class);
        $guard = new \CrmGuard\Crm\Guard(
            'espocrm',
            \CrmGuard\CrmConfig::dsnFromEspoConfig(['database' => (array) $config->get('database')]),
            (array) ($config->get('crmguardRules') ?? []),
        );
        $moved = $guard->parkDealStages();
        \CrmGuard\Crm\ReportSchedule::remove($guard->connection(), 'espocrm');
        self::log($container, sprintf('crmguard uninstall: %d deal(s) in New moved to Prospecting, %d in Calling'
            . ' to Qualification; installing crmguard again gives them their stage back.', $moved['New'], $moved['Calling']));
        \CrmGuard\Crm\Guard::reset();
    }

    /**
     * crmguard's PHP library: in the package (its layout beside this script) or the installed module
     * under EspoCRM's root, the working directory EspoCRM runs in (bootstrap.php line 30: chdir).
     */
    private static function loadLib(): void
    {
        foreach ([__DIR__ . '/../files/custom/Espo/Modules/CrmGuard/Lib', getcwd() . '/custom/Espo/Modules/CrmGuard/Lib'] as $lib) {
            if (is_file("$lib/Crm/autoload.php")) {
                require_once "$lib/Crm/autoload.php";
                return;
            }
        }
        throw new \RuntimeException('crmguard: custom/Espo/Modules/CrmGuard/Lib is missing; restore the module files, then uninstall.');
    }

    /** EspoCRM's own log (data/logs), when the container has it. */
    private static function log($container, string $message): void
    {
        try {
            $container->getByClass(\Espo\Core\Utils\Log::class)->notice($message);
        } catch (\Throwable) {
            // no log service: the counts are in crmguard_parked_stage
        }
    }
}
