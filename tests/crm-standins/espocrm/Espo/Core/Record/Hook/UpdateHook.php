<?php
// Stand-in for EspoCRM application/Espo/Core/Record/Hook/UpdateHook.php (9.2.7 41-50).
namespace Espo\Core\Record\Hook;

use Espo\Core\Record\UpdateParams;
use Espo\ORM\Entity;

interface UpdateHook
{
    public function process(Entity $entity, UpdateParams $params): void;
}
