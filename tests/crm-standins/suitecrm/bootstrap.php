<?php
/*
 * Runs crmguard's SuiteCRM package the way SuiteCRM 7.14.6 runs it, over small stand-ins of the
 * classes it touches and a real MariaDB database (tests/db.inc).  Each class names its source:
 *
 *   SugarBeanStandin   data/SugarBean.php: save() (insert or update as SugarBean decides it,
 *                      2320-2358) calls the before_save hooks, writes the table row and the
 *                      <table>_cstm row (DynamicField::save 435-513: set custom fields by id_c),
 *                      then after_save; a new record has every custom field with a default
 *                      set (SugarBean.php 516 + 544-600: populateDefaultValues in the
 *                      constructor; here when a new record is saved, and a custom field's
 *                      default is its column's DEFAULT), so its _cstm row is written even when
 *                      the caller sets no custom field; fetched_row holds the stored row (custom fields included)
 *                      as retrieve() leaves it; mark_deleted() -> deleted = 1, after_delete;
 *                      mark_undeleted() -> deleted = 0, after_restore.
 *   LogicHook          include/utils/LogicHook.php process_hooks(): for each registered hook
 *                      [order, description, file, class, function] of the module and event:
 *                      include_once(file); (new class())->function($bean, $event, $arguments).
 *                      Registered from the manifest's installdefs['logic_hooks'] as
 *                      ModuleInstaller::enable_manifest_logichooks() does.
 *   SugarApplication   include/MVC/SugarApplication.php appendErrorMessage()/getErrorMessages()
 *                      ($_SESSION['user_error_message']).
 *   ACLController      modules/ACL/ACLController.php checkAccess($category, $action, $is_owner).
 *   is_admin()         include/utils.php.
 *   User               modules/Users/User.php: id, is_admin.
 *   LoggerStandin      include/SugarLogger/LoggerManager.php: fatal/info/warn.
 *   ModuleInstaller    ModuleInstall/ModuleInstaller.php: pre_execute / post_execute /
 *                      pre_uninstall require each installdefs file with $this the installer;
 *                      abort($errors) puts them in the session and stops (here: throws).
 */
declare(strict_types=1);

if (!defined('sugarEntry')) {
    define('sugarEntry', true);
}

final class LoggerStandin
{
    public array $lines = [];

    public function __call(string $level, array $args): void
    {
        $this->lines[] = "$level: " . implode(' ', $args);
    }
}

class User
{
    public function __construct(public string $id, public string $is_admin = '0') {}
}

function is_admin($user): bool
{
    return !empty($user) && !empty($user->is_admin) && $user->is_admin !== '0';
}

class SugarApplication
{
    public static function appendErrorMessage($message): void
    {
        $_SESSION['user_error_message'][] = $message;
    }

    public static function getErrorMessages(): array
    {
        $m = $_SESSION['user_error_message'] ?? [];
        unset($_SESSION['user_error_message']);
        return $m;
    }
}

class ACLController
{
    /** @var array<string, bool> "Module:action" => allowed, for the current (non-admin) user */
    public static array $allowed = [];

    public static function checkAccess($category, $action, $is_owner = false, $type = 'module', $in_group = false): bool
    {
        return is_admin($GLOBALS['current_user'] ?? null) || !empty(self::$allowed["$category:$action"]);
    }
}

final class LogicHook
{
    /** @var array<string, array<string, list<array>>> module => event => [order, description, file, class, function] */
    public static array $hooks = [];

    /** ModuleInstaller::enable_manifest_logichooks() -> check_logic_hook_file() */
    public static function register(array $installdefs, string $root): void
    {
        foreach ($installdefs['logic_hooks'] as $h) {
            self::$hooks[$h['module']][$h['hook']][] = [$h['order'], $h['description'], "$root/{$h['file']}", $h['class'], $h['function']];
        }
    }

    public static function process(SugarBeanStandin $bean, string $event, $arguments): void
    {
        $list = self::$hooks[$bean->module_dir][$event] ?? [];
        usort($list, fn ($a, $b) => $a[0] <=> $b[0]);
        foreach ($list as [, , $file, $class, $function]) {
            include_once $file;
            (new $class())->$function($bean, $event, $arguments);
        }
    }
}

/** SuiteCRM's beans as data/SugarBean.php saves them (see the header). */
#[AllowDynamicProperties]
class SugarBeanStandin
{
    public $id;
    public $fetched_row = false;
    public $new_with_id = false;
    public $deleted = 0;

    public function __construct(public string $module_dir, public string $table_name, private mysqli $db) {}

    public static function retrieve(mysqli $db, string $module, string $table, string $id): self
    {
        $bean = new self($module, $table, $db);
        // SugarBean joins <table>_cstm only when the module has custom fields (DynamicField::getJOIN).
        $custom = $db->query("SHOW TABLES LIKE '{$table}\\_cstm'")->num_rows > 0;
        $row = $db->execute_query($custom
            ? "SELECT t.*, c.* FROM `$table` t LEFT JOIN `{$table}_cstm` c ON c.id_c = t.id WHERE t.id = ?"
            : "SELECT t.* FROM `$table` t WHERE t.id = ?", [$id])->fetch_assoc()
            ?? throw new RuntimeException("no $module $id");
        unset($row['id_c']);
        foreach ($row as $k => $v) {
            $bean->$k = $v;
        }
        $bean->fetched_row = $row;
        return $bean;
    }

    /**
     * data/SugarBean.php save() (7.14.6): isUpdate is "an id and not new_with_id" (2320-2326); a
     * new bean without new_with_id gets its id before the hooks (2348-2358); before_save (2380);
     * the row; the _cstm row as DynamicField::save($isUpdate) writes it (modules/DynamicFields/
     * DynamicField.php 435-513: only custom fields that are isset(), UPDATE when the row exists,
     * else INSERT); after_save; new_with_id = false (2437).
     */
    public function save($check_notify = false): string
    {
        $isUpdate = !empty($this->id) && !$this->new_with_id;
        if (!$isUpdate && !$this->new_with_id) {
            $this->id = sprintf('%08x-%04x-%04x-%04x-%012x', random_int(0, 0xffffffff), random_int(0, 0xffff),
                random_int(0, 0xffff), random_int(0, 0xffff), random_int(0, 0xffffffffffff));
        }
        // populateDefaultValues() (in the constructor): what the caller has not set of the custom fields
        // with a default; here, before the hooks, for a new record
        $cstm = "{$this->table_name}_cstm";
        if (!$isUpdate && $this->db->query("SHOW TABLES LIKE '{$this->table_name}\\_cstm'")->num_rows > 0) {
            foreach ($this->db->query("SHOW COLUMNS FROM `$cstm`")->fetch_all(MYSQLI_ASSOC) as $c) {
                if ($c['Field'] !== 'id_c' && $c['Default'] !== null && strtoupper($c['Default']) !== 'NULL' && !isset($this->{$c['Field']})) {
                    $this->{$c['Field']} = trim($c['Default'], "'");
                }
            }
        }
        LogicHook::process($this, 'before_save', ['check_notify' => $check_notify]);
        $main = $custom = [];
        foreach ($this->columns($this->table_name) as $col) {
            // An update writes only the fields that are set (include/database/DBManager.php updateSQL 2075-2079).
            if ($isUpdate ? isset($this->$col) : (property_exists($this, $col) || isset($this->$col))) {
                $main[$col] = $this->$col;
            }
        }
        $hasCustom = $this->db->query("SHOW TABLES LIKE '{$this->table_name}\\_cstm'")->num_rows > 0;
        foreach ($hasCustom ? $this->columns("{$this->table_name}_cstm") : [] as $col) {
            if ($col !== 'id_c' && isset($this->$col)) {
                $custom[$col] = $this->$col;
            }
        }
        $this->write($this->table_name, 'id', $main, $isUpdate);
        if ($custom !== []) {
            $cstm = "{$this->table_name}_cstm";
            $exists = $isUpdate && $this->db->execute_query("SELECT id_c FROM `$cstm` WHERE id_c = ?", [$this->id])->num_rows > 0;
            if ($exists) {
                $this->db->execute_query("UPDATE `$cstm` SET " . implode(', ', array_map(fn ($c) => "`$c` = ?", array_keys($custom)))
                    . ' WHERE id_c = ?', [...array_values($custom), $this->id]);
            } else {
                $custom['id_c'] = $this->id;
                $cols = array_keys($custom);
                $this->db->execute_query("INSERT INTO `$cstm` (`" . implode('`, `', $cols) . '`) VALUES ('
                    . implode(', ', array_fill(0, count($cols), '?')) . ')', array_values($custom));
            }
        }
        LogicHook::process($this, 'after_save', '');
        $this->new_with_id = false;
        return $this->id;
    }

    public function mark_deleted($id): void
    {
        LogicHook::process($this, 'before_delete', ['id' => $id]);
        $this->db->execute_query("UPDATE `{$this->table_name}` SET deleted = 1 WHERE id = ?", [$id]);
        $this->deleted = 1;
        LogicHook::process($this, 'after_delete', ['id' => $id]);
    }

    public function mark_undeleted($id): void
    {
        LogicHook::process($this, 'before_restore', ['id' => $id]);
        $this->db->execute_query("UPDATE `{$this->table_name}` SET deleted = 0 WHERE id = ?", [$id]);
        $this->deleted = 0;
        LogicHook::process($this, 'after_restore', ['id' => $id]);
    }

    private function write(string $table, string $key, array $row, bool $isUpdate): void
    {
        $row[$key] = $this->id;
        $cols = array_keys($row);
        if ($isUpdate) {
            $this->db->execute_query("UPDATE `$table` SET " . implode(', ', array_map(fn ($c) => "`$c` = ?", $cols))
                . " WHERE `$key` = ?", [...array_values($row), $this->id]);
        } else {
            $this->db->execute_query("INSERT INTO `$table` (`" . implode('`, `', $cols) . '`) VALUES ('
                . implode(', ', array_fill(0, count($cols), '?')) . ')', array_values($row));
        }
    }

    private function columns(string $table): array
    {
        static $cache = [];
        return $cache[$table] ??= array_column($this->db->query("SHOW COLUMNS FROM `$table`")->fetch_all(MYSQLI_ASSOC), 'Field');
    }
}

class ModuleInstaller
{
    public array $installdefs;

    public function __construct(public string $base_dir)
    {
        $installdefs = [];
        include "$base_dir/manifest.php";
        $this->installdefs = $installdefs;
    }

    public function pre_execute(): void
    {
        $this->runFiles('pre_execute');
    }

    public function post_execute(): void
    {
        $this->runFiles('post_execute');
    }

    public function pre_uninstall(): void
    {
        $this->runFiles('pre_uninstall');
    }

    private function runFiles(string $key): void
    {
        foreach ($this->installdefs[$key] ?? [] as $file) {
            require str_replace('<basepath>', $this->base_dir, $file);
        }
    }

    public function abort($errors = []): void
    {
        $_SESSION['MODULEINSTALLER_ERRORS'] = $errors;
        throw new RuntimeException('ModuleInstaller::abort: ' . implode('; ', $errors));
    }
}
