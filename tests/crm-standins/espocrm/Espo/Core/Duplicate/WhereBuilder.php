<?php
// Stand-in for EspoCRM application/Espo/Core/Duplicate/WhereBuilder.php (9.2.7 36-44).
namespace Espo\Core\Duplicate;

use Espo\ORM\Entity;
use Espo\ORM\Query\Part\WhereItem;

interface WhereBuilder
{
    public function build(Entity $entity): ?WhereItem;
}
