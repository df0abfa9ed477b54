<?php
// Stand-in for EspoCRM application/Espo/Core/Record/Hook/CreateHook.php (9.2.7 41-50).
namespace Espo\Core\Record\Hook;

use Espo\Core\Record\CreateParams;
use Espo\ORM\Entity;

interface CreateHook
{
    public function process(Entity $entity, CreateParams $params): void;
}
