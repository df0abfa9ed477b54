<?php
// Stand-in for EspoCRM application/Espo/ORM/EntityManager.php: getNewEntity($entityType), a new
// unsaved entity (here only Email, what crmguard's mailer asks for).
namespace Espo\ORM;

class EntityManager
{
    public function getNewEntity(string $entityType): object
    {
        $class = 'Espo\\Entities\\' . $entityType;
        return new $class();
    }
}
