<?php
// Stand-in for EspoCRM application/Espo/Core/Acl.php: checkScope() from a scope => allowed map,
// checkUserPermission() as AclManager::checkUserPermission (self always; else the role's
// "User Permission" level: 'yes' for admins, here given per user).
namespace Espo\Core;

use Espo\Entities\User;

class Acl
{
    public function __construct(private User $user, private array $scopes = [], private string $userPermission = 'no') {}

    public function checkScope(string $scope, ?string $action = null): bool
    {
        return $this->user->isAdmin() || !empty($this->scopes[$scope]);
    }

    public function checkUserPermission($target, string $permissionType = 'user'): bool
    {
        $id = is_object($target) ? $target->getId() : $target;
        if ($id === $this->user->getId()) {
            return true;
        }
        return $this->user->isAdmin() || $this->userPermission === 'yes';
    }
}
