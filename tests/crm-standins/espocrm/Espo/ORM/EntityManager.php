<?php
// Stand-in for EspoCRM application/Espo/ORM/EntityManager.php (9.2.7): getEntityById() (238: the
// repository's getById, deleted = 0; null when there is none), createEntity() (311: a new entity
// with the data, saved through the repository, hooks included), saveEntity().  'User' gives the
// Espo\Entities\User stand-in.  Ids: 17 hex characters, as Espo\Core\Utils\Id makes them.
// getNewEntity($entityType): a new unsaved entity of the stand-in class Espo\Entities\<type>
// (here only Email, what crmguard's scheduled-report mailer asks for).
namespace Espo\ORM;

use Espo\Entities\User;

class EntityManager
{
    public function __construct(private \EspoStandin $espo, private \mysqli $db) {}

    public function getEntityById(string $entityType, string $id): ?Entity
    {
        if ($entityType === 'User') {
            $row = $this->db->execute_query('SELECT id, type, is_active FROM `user` WHERE id = ? AND deleted = 0', [$id])->fetch_assoc();
            return $row === null ? null : new User($row['id'], (string) $row['type'], (bool) $row['is_active']);
        }
        $table = strtolower(preg_replace('/(?<!^)[A-Z]/', '_$0', $entityType));
        if ($this->db->execute_query("SELECT id FROM `$table` WHERE id = ? AND deleted = 0", [$id])->num_rows === 0) {
            return null;
        }
        return $this->espo->fetch($entityType, $id);
    }

    public function createEntity(string $entityType, $data = [], array $options = []): Entity
    {
        $entity = new BaseEntity($entityType, ['id' => substr(bin2hex(random_bytes(9)), 0, 17), 'deleted' => 0] + (array) $data);
        $this->espo->save($entity);
        return $entity;
    }

    public function saveEntity(Entity $entity, array $options = []): void
    {
        $this->espo->save($entity);
    }

    public function getNewEntity(string $entityType): object
    {
        $class = 'Espo\\Entities\\' . $entityType;
        return new $class();
    }
}
