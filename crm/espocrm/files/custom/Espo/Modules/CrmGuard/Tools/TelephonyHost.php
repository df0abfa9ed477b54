<?php
declare(strict_types=1);

namespace Espo\Modules\CrmGuard\Tools;

require_once __DIR__ . '/../Lib/Crm/autoload.php';

use CrmGuard\Telephony\Host;
use Espo\Core\AclManager;
use Espo\Core\Utils\Config;
use Espo\Entities\User;
use Espo\ORM\EntityManager;

/**
 * EspoCRM under crmguard's telephony adapter core: a record is readable when EspoCRM's
 * AclManager::checkEntityRead() says so for the CRM user (the connector token's, or the logged-in
 * user), Calls when AclManager::checkScope(user, 'Call'); a Call is saved through the
 * EntityManager (its hooks run: crmguard's colour among them).
 * Config: siteUrl (record links), crmguardZadarmaSecret (Zadarma's API secret), language.
 */
class TelephonyHost implements Host
{
    /** @var array<string, ?User> */
    private array $users = [];

    public function __construct(
        private EntityManager $entityManager,
        private AclManager $aclManager,
        private Config $config,
    ) {}

    private function user(string $userId): ?User
    {
        if (!array_key_exists($userId, $this->users)) {
            $user = $this->entityManager->getEntityById('User', $userId);
            $this->users[$userId] = $user instanceof User && $user->get('isActive') !== false ? $user : null;
        }
        return $this->users[$userId];
    }

    public function mayRead(string $userId, string $entityType, string $entityId): bool
    {
        $user = $this->user($userId);
        $entity = $user === null ? null : $this->entityManager->getEntityById($entityType, $entityId);
        return $entity !== null && $this->aclManager->checkEntityRead($user, $entity);
    }

    public function mayUseCalls(string $userId): bool
    {
        $user = $this->user($userId);
        return $user !== null && $this->aclManager->checkScope($user, 'Call');
    }

    public function journalCall(array $call, ?string $existingId): string
    {
        $data = [
            'name' => $call['name'],
            'status' => $call['status'],
            'direction' => $call['direction'],
            'dateStart' => $call['date_start'],
            'dateEnd' => $call['date_end'],
            'parentType' => $call['parent_type'],
            'parentId' => $call['parent_id'],
            'assignedUserId' => $call['assigned_user_id'],
            'description' => $call['description'],
        ];
        $entity = $existingId !== null ? $this->entityManager->getEntityById('Call', $existingId) : null;
        if ($entity === null) {
            return $this->entityManager->createEntity('Call', $data)->getId();
        }
        $entity->set($data);
        $this->entityManager->saveEntity($entity);
        return $entity->getId();
    }

    public function recordUrl(string $entityType, string $entityId): ?string
    {
        $site = rtrim((string) $this->config->get('siteUrl'), '/');
        return $site === '' ? null : "$site/#$entityType/view/" . rawurlencode($entityId);
    }

    public function setting(string $name): ?string
    {
        return $name === 'zadarma_secret' ? ((string) $this->config->get('crmguardZadarmaSecret')) ?: null : null;
    }

    public function lang(): string
    {
        return (string) $this->config->get('language');
    }
}
