<?php
// Stand-in for EspoCRM application/Espo/Core/Hook/Hook/AfterSave.php (same signature).
namespace Espo\Core\Hook\Hook;

use Espo\ORM\Entity;
use Espo\ORM\Repository\Option\SaveOptions;

interface AfterSave
{
    public function afterSave(Entity $entity, SaveOptions $options): void;
}
