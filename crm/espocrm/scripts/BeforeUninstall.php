<?php
/*
 * EspoCRM runs this before it deletes the module's files.  crmguard deliberately removes no data:
 * EspoCRM's rebuild never drops columns, so the company statuses, failure reasons and card
 * colours stay in account / opportunity / call, and crmguard's own tables (crmguard_phone,
 * crmguard_stage_log, ...) stay too, so reinstalling continues where it stopped.  This only
 * closes crmguard's cached connection before the module's code disappears.
 */
declare(strict_types=1);

class BeforeUninstall
{
    /** @param \Espo\Core\Container $container */
    public function run($container, array $params = []): void
    {
        if (extension_loaded('crmguard') && class_exists(\CrmGuard\Crm\Guard::class, false)) {
            \CrmGuard\Crm\Guard::reset();
        }
    }
}
