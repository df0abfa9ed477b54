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
 *   application/Espo/Core/Repositories/Database.php::remove  deleted = 1, afterRemove hooks;
 *   application/Espo/Core/Record/Service.php::create/update  (apiCreate/apiUpdate, what the REST
 *                                                API and the edit form go through, 9.2.7 lines
 *                                                676-744, 744-800): the field defaults of a new
 *                                                entity, set($data) (687 / 775), processValidation
 *                                                (692 / 783, 357-362) before the save and its hooks;
 *   application/Espo/Core/FieldValidation/FieldValidationManager.php processInternal (106-151):
 *                                                an existing entity's fields are validated only when
 *                                                they are in the payload (125-133); a failure is a
 *                                                ValidationError, a BadRequest (400);
 *   application/Espo/Classes/FieldValidators/EnumType.php::checkValid (55-98): no attribute ->
 *                                                valid; '' in the options stands for null (90-93);
 *                                                else the value must be in the options (in_array,
 *                                                loose, 95-97); 'valid' is mandatory for enums
 *                                                (Resources/metadata/fields/enum.json 71-74), so it
 *                                                runs even when the field is not required.  Only the
 *                                                enum fields of the module's own entityDefs are
 *                                                checked (they are the complete definition of
 *                                                crmguard's fields and of the stage list; a field
 *                                                whose options the module overrides without a type,
 *                                                Opportunity.stage, is EspoCRM's own enum:
 *                                                Modules/Crm/Resources/metadata/entityDefs/
 *                                                Opportunity.json).
 *   application/Espo/Core/Record/Service.php create (676-744) / update (744-800), the duplicate
 *                                                part: set($data) (687 / 775), the recordDefs
 *                                                earlyBefore{Create,Update}HookClassNameList record
 *                                                hooks with the Create/UpdateParams (689 / 781,
 *                                                Core/Record/HookManager.php 56-70, 117-131),
 *                                                validation, then unless the duplicate check is
 *                                                skipped (on update only with recordDefs
 *                                                updateDuplicateCheck, 787-791) processDuplicateCheck
 *                                                (624-637): Finder::find with the recordDefs
 *                                                duplicateWhereBuilderClassName (Core/Duplicate/
 *                                                Finder.php 49-58, 91-139: same entity type, not the
 *                                                record itself, at most 5) -> 409 'duplicate' with
 *                                                the list as body;
 *   application/Espo/Classes/FieldValidators/PhoneType.php isValidNumber (183-215): with
 *                                                phoneNumberInternational a number brick/phonenumber
 *                                                cannot parse without a country code (anything not
 *                                                "+digits", extension " ext. N" split off first) is
 *                                                invalid, a 400;
 *   application/Espo/Core/FieldProcessing/PhoneNumber/Saver.php (62-93, 203-370): after the row,
 *                                                the phoneNumberData (or phoneNumber) numbers become
 *                                                phone_number rows (reused by name) and
 *                                                entity_phone_number links, the first primary, the
 *                                                record's other links removed;
 *   application/Espo/Modules/Crm/Tools/Lead/ConvertService.php convert (83-120): unless skipped,
 *                                                processDuplicateCheck (553-606: each record's
 *                                                findDuplicates, 409 'duplicate' with id, name,
 *                                                _entityType); then Account and Contact created by
 *                                                the record service with the duplicate check
 *                                                skipped (273-321), the lead set to Converted.
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
        if ($class === Espo\ORM\EntityManager::class) {
            return $this->services[$class] = new Espo\ORM\EntityManager($this, $this->db);
        }
        $ctor = (new ReflectionClass($class))->getConstructor();
        $args = [];
        foreach ($ctor ? $ctor->getParameters() : [] as $p) {
            // a parameter of a built-in type with a default: the default (InjectableFactory does the same)
            $args[] = $p->getType()->isBuiltin() && $p->isDefaultValueAvailable() ? $p->getDefaultValue() : $this->create($p->getType()->getName());
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
        $this->savePhones($entity);
        $this->run($type, 'afterSave', $entity, Espo\ORM\Repository\Option\SaveOptions::fromAssoc([]));
        $entity->setAsSaved();
    }

    /** The merged entityDefs fields of the module(s) for $type (what crmguard defines). */
    private function moduleFieldDefs(string $type): array
    {
        $fields = [];
        foreach (glob("$this->root/custom/Espo/Modules/*/Resources/metadata/entityDefs/$type.json") as $file) {
            $fields = array_replace($fields, json_decode(file_get_contents($file), true, flags: JSON_THROW_ON_ERROR)['fields'] ?? []);
        }
        return $fields;
    }

    /** Record\Service::create(): defaults, set($data), validation, then the ORM save with its hooks. */
    public function apiCreate(string $type, array $data): Espo\ORM\BaseEntity
    {
        $defaults = [];
        foreach ($this->moduleFieldDefs($type) as $field => $defs) {
            if (array_key_exists('default', $defs)) {
                $defaults[$field] = $defs['default'];
            }
        }
        $entity = new Espo\ORM\BaseEntity($type, $defaults);
        $entity->set($data);
        $this->validate($entity, $data);
        $this->save($entity);
        return $entity;
    }

    /** Record\Service::update(): set($data) on the stored entity, validation of what the payload holds, save. */
    public function apiUpdate(string $type, string $id, array $data): Espo\ORM\BaseEntity
    {
        $entity = $this->fetch($type, $id);
        $entity->set($data);
        $this->validate($entity, $data);
        $this->save($entity);
        return $entity;
    }

    /** FieldValidationManager::processInternal() with EnumType::checkValid() (see the header). */
    private function validate(Espo\ORM\BaseEntity $entity, array $data): void
    {
        foreach ($this->moduleFieldDefs($entity->getEntityType()) as $field => $defs) {
            if (($defs['type'] ?? 'enum') !== 'enum' || !isset($defs['options'])) {
                continue;
            }
            if (!$entity->isNew() && !array_key_exists($field, $data)) {
                continue;
            }
            if (!$entity->has($field)) {
                continue;
            }
            $options = array_map(fn ($item) => $item === '' ? null : $item, $defs['options']);
            if (!in_array($entity->get($field), $options)) {
                throw new Espo\Core\FieldValidation\Exceptions\ValidationError(
                    "Field validation failure; entityType: {$entity->getEntityType()}, field: $field, type: valid.");
            }
        }
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

    /** The module's recordDefs of $type (Resources/metadata/recordDefs/<Type>.json, __APPEND__ dropped). */
    public function recordDefs(string $type): array
    {
        $defs = [];
        foreach (glob("$this->root/custom/Espo/Modules/*/Resources/metadata/recordDefs/$type.json") as $file) {
            $defs = array_replace($defs, json_decode(file_get_contents($file), true, flags: JSON_THROW_ON_ERROR));
        }
        foreach ($defs as $k => $v) {
            if (is_array($v) && ($v[0] ?? null) === '__APPEND__') {
                $defs[$k] = array_slice($v, 1);
            }
        }
        return $defs;
    }

    /** Record\Service::create() with its duplicate check (see the header); $skip: X-Skip-Duplicate-Check. */
    public function apiCreateChecked(string $type, array $data, bool $skip = false): Espo\ORM\BaseEntity
    {
        $entity = new Espo\ORM\BaseEntity($type, []);
        $entity->set($data);
        $params = Espo\Core\Record\CreateParams::create()->withSkipDuplicateCheck($skip);
        foreach ($this->recordDefs($type)['earlyBeforeCreateHookClassNameList'] ?? [] as $class) {
            $this->create($class)->process($entity, $params);
        }
        $this->validate($entity, $data);
        $this->validatePhones($entity);
        if (!$skip) {
            $this->processDuplicateCheck($entity);
        }
        if (!$entity->has('id')) {
            static $ids = 0; // EspoCRM makes 17-character ids; counted here so a test's output is stable
            $entity->set('id', sprintf('new%014d', ++$ids));
        }
        $this->save($entity);
        return $entity;
    }

    /** Record\Service::update() with its duplicate check (see the header). */
    public function apiUpdateChecked(string $type, string $id, array $data, bool $skip = false): Espo\ORM\BaseEntity
    {
        $entity = $this->fetch($type, $id);
        $entity->set($data);
        $params = Espo\Core\Record\UpdateParams::create()->withSkipDuplicateCheck($skip);
        foreach ($this->recordDefs($type)['earlyBeforeUpdateHookClassNameList'] ?? [] as $class) {
            $this->create($class)->process($entity, $params);
        }
        $this->validate($entity, $data);
        $this->validatePhones($entity);
        if (($this->recordDefs($type)['updateDuplicateCheck'] ?? false) && !$skip) {
            $this->processDuplicateCheck($entity);
        }
        $this->save($entity);
        return $entity;
    }

    /** Record\Service::findDuplicates() -> Finder::find(): the where-builder's rows of the same type. */
    public function findDuplicates(Espo\ORM\BaseEntity $entity): array
    {
        $class = $this->recordDefs($entity->getEntityType())['duplicateWhereBuilderClassName']
            ?? Espo\Classes\DuplicateWhereBuilders\General::class;
        $where = $this->create($class)->build($entity);
        if ($where === null) {
            return [];
        }
        $table = strtolower(preg_replace('/(?<!^)[A-Z]/', '_$0', $entity->getEntityType()));
        $sql = "SELECT * FROM `$table` WHERE deleted = 0 AND {$where->sql}" . ($entity->get('id') ? ' AND id <> ?' : '') . ' LIMIT 5';
        $rows = $this->db->execute_query($sql, [...$where->params, ...($entity->get('id') ? [$entity->get('id')] : [])])->fetch_all(MYSQLI_ASSOC);
        return array_map(fn ($r) => ['id' => $r['id'], 'name' => $r['name'] ?? trim(($r['first_name'] ?? '') . ' ' . ($r['last_name'] ?? '')),
            '_entityType' => $entity->getEntityType()], $rows);
    }

    private function processDuplicateCheck(Espo\ORM\BaseEntity $entity): void
    {
        $duplicates = $this->findDuplicates($entity);
        if ($duplicates !== []) {
            throw Espo\Core\Exceptions\ConflictSilent::createWithBody('duplicate', json_encode($duplicates, JSON_UNESCAPED_UNICODE));
        }
    }

    /** PhoneType::isValidNumber with phoneNumberInternational (see the header). */
    private function validatePhones(Espo\ORM\BaseEntity $entity): void
    {
        $config = $this->services[Espo\Core\Utils\Config::class] ?? null;
        if (!$config || !$config->get('phoneNumberInternational')) {
            return;
        }
        $numbers = [$entity->get('phoneNumber')];
        foreach ((array) ($entity->get('phoneNumberData') ?? []) as $item) {
            $numbers[] = $item->phoneNumber ?? null;
        }
        foreach ($numbers as $n) {
            if ($n !== null && $n !== '' && !preg_match('/^\+[1-9]\d{6,14}( ext\. \d+)?$/', $n)) {
                throw new Espo\Core\FieldValidation\Exceptions\ValidationError(
                    "Field validation failure; entityType: {$entity->getEntityType()}, field: phoneNumber, type: valid.");
            }
        }
    }

    /**
     * FieldProcessing/PhoneNumber/Saver (see the header): phoneNumberData replaces the record's
     * numbers (storeData, 93-...); a changed phoneNumber alone becomes its primary number and
     * leaves the others (storePrimary, 353-370).
     */
    private function savePhones(Espo\ORM\BaseEntity $entity): void
    {
        $data = $entity->get('phoneNumberData');
        $type = $entity->getEntityType();
        if (!is_array($data)) {
            if (!$entity->has('phoneNumber') || !$entity->get('phoneNumber') || !($entity->isNew() || $entity->isAttributeChanged('phoneNumber'))) {
                return;
            }
            $this->db->execute_query('UPDATE entity_phone_number SET `primary` = 0 WHERE entity_id = ? AND entity_type = ?', [$entity->getId(), $type]);
            $data = [(object) ['phoneNumber' => $entity->get('phoneNumber'), 'primary' => true]];
        } else {
            $this->db->execute_query('UPDATE entity_phone_number SET deleted = 1 WHERE entity_id = ? AND entity_type = ?', [$entity->getId(), $type]);
        }
        foreach (array_values($data) as $i => $item) {
            $row = $this->db->execute_query('SELECT id FROM phone_number WHERE name = ? AND deleted = 0', [$item->phoneNumber])->fetch_assoc();
            $pid = $row['id'] ?? substr(bin2hex(random_bytes(9)), 0, 17);
            if (!$row) {
                $this->db->execute_query('INSERT INTO phone_number (id, name, type, `numeric`, invalid, opt_out, deleted) VALUES (?, ?, ?, ?, 0, 0, 0)',
                    [$pid, $item->phoneNumber, $item->type ?? 'Mobile', preg_replace('/[^0-9]/', '', $item->phoneNumber)]);
            }
            $this->db->execute_query('INSERT INTO entity_phone_number (entity_id, phone_number_id, entity_type, `primary`, deleted)
                VALUES (?, ?, ?, ?, 0) ON DUPLICATE KEY UPDATE deleted = 0, `primary` = VALUES(`primary`)',
                [$entity->getId(), $pid, $type, !empty($item->primary) || ($i === 0 && !array_filter($data, fn ($x) => !empty($x->primary))) ? 1 : 0]);
        }
    }

    /** ConvertService::convert (see the header): $records['Account'|'Contact'] => attribute values. */
    public function convertLead(string $leadId, array $records, bool $skip = false): array
    {
        if (!$skip) {
            $list = [];
            foreach (['Account', 'Contact'] as $type) {
                if (isset($records[$type])) {
                    $list = [...$list, ...$this->findDuplicates(new Espo\ORM\BaseEntity($type, $records[$type]))];
                }
            }
            if ($list !== []) {
                throw Espo\Core\Exceptions\ConflictSilent::createWithBody('duplicate', json_encode($list, JSON_UNESCAPED_UNICODE));
            }
        }
        $made = [];
        foreach (['Account', 'Contact'] as $type) {
            if (isset($records[$type])) {
                $made[$type] = $this->apiCreateChecked($type, $records[$type], true);
            }
        }
        $lead = $this->fetch('Lead', $leadId);
        $lead->set('status', 'Converted');
        $this->save($lead);
        return $made;
    }

    private function columns(string $table): array
    {
        return $this->columns[$table] ??= array_column(
            $this->db->query("SHOW COLUMNS FROM `$table`")->fetch_all(MYSQLI_ASSOC), 'Field');
    }
}
