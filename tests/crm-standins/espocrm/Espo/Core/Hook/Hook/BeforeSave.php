<?php
// Stand-in for EspoCRM application/Espo/Core/Hook/Hook/BeforeSave.php (same signature).
namespace Espo\Core\Hook\Hook;

use Espo\ORM\Entity;
use Espo\ORM\Repository\Option\SaveOptions;

interface BeforeSave
{
    public function beforeSave(Entity $entity, SaveOptions $options): void;
}
