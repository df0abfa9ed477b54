<?php
/*
 * Runs crmguard's EspoCRM module the way EspoCRM 9.2 runs it, over the stand-in classes beside
 * this file and a real MariaDB database (tests/db.inc).  Mirrors, in small:
 *   application/Espo/Core/HookManager.php        hooks of custom/Espo/Modules/<M>/Hooks/<Scope>/*.php:
 *                                                every public method but __construct/set* is a hook
 *                                                type, ordered by static $order (default 9);
 *   application/Espo/Core/InjectableFactory.php  constructor autowiring by class (bound services,
 *                                                else a new instance of the class, recursively);
 *   application/Espo/ORM/Repository/RDBRepository.php::save  beforeSave hooks, INSERT/UPDATE,
 *                                                afterSave hooks, then the entity is not new and its
 *                                                fetched values are the saved ones;
 *   application/Espo/Core/Repositories/Database.php::remove  deleted = 1, afterRemove hooks.
 * Column of an attribute: its snake_case (Espo\Core\Utils\Util::toUnderScore).
 */
declare(strict_types=1);

spl_autoload_register(static function (string $class) {
    $file = __DIR__ . '/' . str_replace('\\', '/', $class) . '.php';
    if (str_starts_with($class, 'Espo\\') && !str_starts_with($class, 'Espo\\Modules\\') && is_file($file)) {
        require $file;
    }
});

final class EspoStandin
{
    private array $hooks = [];
    private array $columns = [];

    /**
     * @param string $root the unpacked package's files/ (the instance root it is copied onto)
     * @param array<class-string, object> $services bound services (User, Config, Language, Acl ...)
     */
    public function __construct(private string $root, private mysqli $db, private array $services)
    {
        spl_autoload_register(function (string $class) {
            $prefix = 'Espo\\Modules\\';
            if (str_starts_with($class, $prefix)) {
                $file = $this->root . '/custom/Espo/Modules/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
                if (is_file($file)) {
                    require $file;
                }
            }
        });
        foreach (glob("$root/custom/Espo/Modules/*/Hooks/*/*.php") as $file) {
            $scope = basename(dirname($file));
            $module = basename(dirname($file, 3));
            $class = "Espo\\Modules\\$module\\Hooks\\$scope\\" . basename($file, '.php');
            foreach (get_class_methods($class) as $method) {
                if ($method === '__construct' || str_starts_with($method, 'set')) {
                    continue;
                }
                $this->hooks[$scope][$method][] = ['class' => $class, 'order' => $class::$order ?? 9];
            }
        }
        foreach ($this->hooks as &$types) {
            foreach ($types as &$list) {
                usort($list, fn ($a, $b) => $a['order'] <=> $b['order']);
            }
        }
    }

    public function with(string $class, object $service): self
    {
        $this->services[$class] = $service;
        return $this;
    }

    /** InjectableFactory::create() */
    public function create(string $class): object
    {
        if (isset($this->services[$class])) {
            return $this->services[$class];
        }
        $ctor = (new ReflectionClass($class))->getConstructor();
        $args = [];
        foreach ($ctor ? $ctor->getParameters() : [] as $p) {
            $args[] = $this->create($p->getType()->getName());
        }
        return new $class(...$args);
    }

    public function hookClasses(string $scope, string $type): array
    {
        return array_column($this->hooks[$scope][$type] ?? [], 'class');
    }

    private function run(string $scope, string $type, Espo\ORM\Entity $entity, object $options): void
    {
        foreach ($this->hookClasses($scope, $type) as $class) {
            $this->create($class)->$type($entity, $options);
        }
    }

    public function save(Espo\ORM\BaseEntity $entity): void
    {
        $type = $entity->getEntityType();
        $this->run($type, 'beforeSave', $entity, Espo\ORM\Repository\Option\SaveOptions::fromAssoc([]));
        $table = strtolower(preg_replace('/(?<!^)[A-Z]/', '_$0', $type));
        $row = [];
        foreach ($entity->getValueMap() as $attr => $value) {
            $col = strtolower(preg_replace('/[A-Z]/', '_$0', $attr));
            if (in_array($col, $this->columns($table), true) && ($entity->isNew() || $entity->isAttributeChanged($attr))) {
                $row[$col] = $value;
            }
        }
        if ($row !== []) {
            $cols = array_keys($row);
            $sql = $entity->isNew()
                ? "INSERT INTO `$table` (`" . implode('`, `', $cols) . '`) VALUES (' . implode(', ', array_fill(0, count($cols), '?')) . ')'
                : "UPDATE `$table` SET " . implode(', ', array_map(fn ($c) => "`$c` = ?", $cols)) . ' WHERE id = ?';
            $params = array_values($row);
            if (!$entity->isNew()) {
                $params[] = $entity->getId();
            }
            $this->db->execute_query($sql, $params);
        }
        $this->run($type, 'afterSave', $entity, Espo\ORM\Repository\Option\SaveOptions::fromAssoc([]));
        $entity->setAsSaved();
    }

    public function remove(Espo\ORM\BaseEntity $entity): void
    {
        $type = $entity->getEntityType();
        $table = strtolower(preg_replace('/(?<!^)[A-Z]/', '_$0', $type));
        $this->db->execute_query("UPDATE `$table` SET deleted = 1 WHERE id = ?", [$entity->getId()]);
        $entity->set('deleted', true);
        $this->run($type, 'afterRemove', $entity, Espo\ORM\Repository\Option\RemoveOptions::fromAssoc([]));
    }

    /** The entity as EspoCRM's repository would fetch it (attributes from the row's columns). */
    public function fetch(string $type, string $id): Espo\ORM\BaseEntity
    {
        $table = strtolower(preg_replace('/(?<!^)[A-Z]/', '_$0', $type));
        $row = $this->db->execute_query("SELECT * FROM `$table` WHERE id = ?", [$id])->fetch_assoc()
            ?? throw new RuntimeException("no $type $id");
        $values = [];
        foreach ($row as $col => $v) {
            $values[lcfirst(str_replace('_', '', ucwords($col, '_')))] = $v;
        }
        return new Espo\ORM\BaseEntity($type, $values, true);
    }

    private function columns(string $table): array
    {
        return $this->columns[$table] ??= array_column(
            $this->db->query("SHOW COLUMNS FROM `$table`")->fetch_all(MYSQLI_ASSOC), 'Field');
    }
}
