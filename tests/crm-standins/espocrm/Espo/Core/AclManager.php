<?php
// Stand-in for EspoCRM application/Espo/Core/AclManager.php (9.2.7): checkScope(User, scope)
// (425) and checkEntityRead(User, Entity) (328) -> checkEntity() (299-322): the scope first, then
// the scope's read level through Acl/DefaultAccessChecker::checkEntity (75-91): 'all', 'own'
// (AclManager::checkOwnershipOwn: the entity's assignedUserId, else createdById, is the user),
// 'no'.  Admins pass every check (the admin's Table is "all").  Roles here: user id =>
// ['scopes' => [scope => bool], 'read' => [scope => 'all'|'own'|'no']]; a user with no role
// given has every scope at 'all' (the existing tests' users).
namespace Espo\Core;

use Espo\Entities\User;
use Espo\ORM\Entity;

class AclManager
{
    public function __construct(private array $roles = []) {}

    public function checkScope(User $user, string $scope, ?string $action = null): bool
    {
        if ($user->isAdmin() || !isset($this->roles[$user->getId()])) {
            return true;
        }
        return !empty($this->roles[$user->getId()]['scopes'][$scope]);
    }

    public function checkEntityRead(User $user, Entity $entity): bool
    {
        if (!$this->checkScope($user, $entity->getEntityType(), 'read')) {
            return false;
        }
        if ($user->isAdmin() || !isset($this->roles[$user->getId()])) {
            return true;
        }
        $level = $this->roles[$user->getId()]['read'][$entity->getEntityType()] ?? 'all';
        return match ($level) {
            'all' => true,
            'own' => ($entity->get('assignedUserId') ?? $entity->get('createdById')) === $user->getId(),
            default => false,
        };
    }
}
