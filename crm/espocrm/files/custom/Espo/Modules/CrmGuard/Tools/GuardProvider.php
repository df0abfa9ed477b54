<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Tools;

require_once __DIR__ . '/../Lib/Crm/autoload.php';

use CrmGuard\Crm\ExtensionMissing;
use CrmGuard\Crm\Guard;
use CrmGuard\Crm\ReadConnection;
use CrmGuard\CrmConfig;
use Espo\Core\Exceptions\Error;
use Espo\Core\Utils\Config;
use Espo\Core\Utils\Language;

/**
 * The EspoCRM side of crmguard's adapter core: a CrmGuard\Crm\Guard on the CRM's own database
 * (data/config-internal.php 'database'), with the deployment's rule options from the config
 * parameter 'crmguardRules' (e.g. ['supervisor' => 'team_role:Head of sales']), and the read
 * replica the dashlet and the telephony call card may read from: 'crmguardReadDatabase' (a DSN,
 * or the 'database' keys that differ, CrmConfig::readDsnFromEspoConfig) and 'crmguardReadMaxLag'
 * (seconds, default 5; CrmGuard\Crm\ReadConnection).
 * EspoCRM's InjectableFactory creates it for each hook and action that asks for it.
 */
class GuardProvider
{
    public function __construct(
        private Config $config,
        private Language $language,
    ) {}

    /** @throws Error when the crmguard extension is not loaded (the message says what to do) */
    public function get(): Guard
    {
        try {
            $database = (array) $this->config->get('database');
            return new Guard(
                'espocrm',
                CrmConfig::dsnFromEspoConfig(['database' => $database]),
                (array) ($this->config->get('crmguardRules') ?? []),
                CrmConfig::readDsnFromEspoConfig(['database' => $database,
                    'crmguardReadDatabase' => $this->config->get('crmguardReadDatabase')]),
                ReadConnection::maxLag($this->config->get('crmguardReadMaxLag') ?? ReadConnection::DEFAULT_MAX_LAG),
            );
        } catch (ExtensionMissing $e) {
            throw new Error($e->getMessage());
        } catch (\InvalidArgumentException $e) {
            throw new Error('crmguard: ' . $e->getMessage());
        }
    }

    /**
     * The current user's language tag (ru_RU, en_US ...), for crmguard's messages: the extension
     * reads it (CrmGuard\Rules, CrmGuard\PhoneIndex::lookup), a Russian tag gives Russian.
     */
    public function lang(): string
    {
        return (string) $this->language->getLanguage();
    }
}
