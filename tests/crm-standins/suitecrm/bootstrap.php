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
 *   SugarViewStandin   include/MVC/View/SugarView.php 788-793: the page prints those messages raw.
 *   ACLController      modules/ACL/ACLController.php checkAccess($category, $action, $is_owner).
 *   is_admin()         include/utils.php.
 *   User               modules/Users/User.php: id, is_admin.
 *   LoggerStandin      include/SugarLogger/LoggerManager.php: fatal/info/warn.
 *   ModuleInstaller    ModuleInstall/ModuleInstaller.php (v7.14.6): install() and uninstall() run
 *                      the real steps in the real order, in the current directory as the
 *                      instance root (SuiteCRM runs with cwd = its root); line numbers at each
 *                      method.  abort($errors) puts them in the session and stops (here: throws).
 *   DynamicFieldStandin modules/DynamicFields/DynamicField.php addFieldObject / createCustomTable /
 *                      deleteField: <table>_cstm columns and fields_meta_data rows.
 *   ModuleLoaderStandin modules/Administration/UpgradeWizard.php (the upload's manifest scan) and
 *                      UpgradeWizard_commit.php: Install / Uninstall mode, the scripts of the
 *                      conventional names, the upgrade_history row.
 *   ModuleScanner      ModuleInstall/ModuleScanner.php scanFile() 590-720.
 *   check_logic_hook_file() / remove_logic_hook()  include/utils.php 3661-3707 / 3709-3731.
 *   SugarApplicationStandin::entryPoint  include/MVC/SugarApplication.php execute() 74-103 with
 *                      loadUser() 108-165 and SugarController handleEntryPoint() /
 *                      checkEntryPointRequiresAuth() (include/MVC/Controller/SugarController.php
 *                      1010-1040); AuthenticationController modules/Users/authentication.
 *   SugarApplicationStandin::action  index.php?module=M&action=A for a legacy action file
 *                      custom/modules/M/A.php: SugarApplication::execute() 74-103, loadLanguages()
 *                      348-362, SugarController::process() 449-476 -> callLegacyCode() 1047-1073
 *                      -> the classic view (include/MVC/View/views/view.classic.php 69-79,
 *                      SugarView::includeClassicFile() 814-825).
 *   AdminPanelStandin  modules/Administration/metadata/adminpaneldefs.php 451-497: the
 *                      administration.ext.php groups, links under 'Administration' for admins only.
 *   PackageManager     ModuleInstall/PackageManager/PackageManager.php validateManifestVersion()
 *                      444-484 and validate_manifest() 491-502.
 * Tables the installer writes that a fixture may lack: installer-tables.sql beside this file.
 */
declare(strict_types=1);

if (!defined('sugarEntry')) {
    define('sugarEntry', true);
}

// SuiteCRM runs with cwd = its instance root and the installer writes custom/ there, so each test
// gets a fresh, empty root: run from the checkout, the stand-in would write into the repository.
// CRMGUARD_SUITECRM_ROOT names a root a test keeps across several requests (PHP processes) to one
// instance, as an upgrade over an earlier install needs; the test removes it.
(static function (): void {
    $given = getenv('CRMGUARD_SUITECRM_ROOT');
    if (is_string($given) && $given !== '' && is_dir($given)) {
        chdir($given);
        return;
    }
    $root = sys_get_temp_dir() . '/crmguard-suitecrm-root-' . getmypid() . '-' . bin2hex(random_bytes(4));
    mkdir($root, 0700, true);
    chdir($root);
    register_shutdown_function(static function () use ($root): void {
        chdir(sys_get_temp_dir());
        exec('rm -rf ' . escapeshellarg($root));
    });
})();

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
    public function __construct(public string $id, public string $is_admin = '0', public string $status = 'Active') {}

    /** modules/Users/User.php isAdmin(): is_admin set. */
    public function isAdmin(): bool
    {
        return !empty($this->is_admin) && $this->is_admin !== '0';
    }
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

/**
 * The red message box of the next page: include/MVC/View/SugarView.php (v7.14.6) displayHeader()
 * 788-793 prints each error message into the page as it is:
 *     echo '<p class="error">' . $message . '</p>';
 */
final class SugarViewStandin
{
    public static function errorMessagesHtml(): string
    {
        $html = '';
        foreach (SugarApplication::getErrorMessages() as $message) {
            $html .= '<p class="error">' . $message . '</p>';
        }
        return $html;
    }
}

class ACLController
{
    /**
     * "Module:action" => true (ACL_ALLOW_ALL) or 'owner' (ACL_ALLOW_OWNER: only when $is_owner or
     * $in_group, modules/ACLActions/ACLAction.php 462-478), for the current (non-admin) user;
     * $allowedFor[user id] replaces it for that user (a role per user).
     * @var array<string, bool|string>
     */
    public static array $allowed = [];
    /** @var array<string, array<string, bool|string>> */
    public static array $allowedFor = [];

    /** modules/ACL/ACLController.php 70-...: admins always; else the user's access level of the action. */
    public static function checkAccess($category, $action, $is_owner = false, $type = 'module', $in_group = false): bool
    {
        $user = $GLOBALS['current_user'] ?? null;
        if (is_admin($user)) {
            return true;
        }
        $level = (self::$allowedFor[$user->id ?? ''] ?? self::$allowed)["$category:$action"] ?? false;
        return $level === 'owner' ? ($is_owner || $in_group) : !empty($level);
    }
}

/**
 * data/BeanFactory.php getBean() 109-170 (a bean retrieved with deleted = 0, false when there is
 * none) and newBean() 298-308, for the modules crmguard touches; Users gives the User stand-in.
 */
final class BeanFactory
{
    public const TABLES = ['Accounts' => 'accounts', 'Contacts' => 'contacts', 'Leads' => 'leads', 'Calls' => 'calls', 'Users' => 'users'];

    public static function getBean($module, $id = null, $params = [], $deleted = true)
    {
        $table = self::TABLES[$module] ?? null;
        if ($table === null || $id === null) {
            return $table === null ? false : self::newBean($module);
        }
        $db = suitecrm_standin_db();
        if ($module === 'Users') {
            $row = $db->execute_query('SELECT id, is_admin, status FROM users WHERE id = ?' . ($deleted ? ' AND deleted = 0' : ''), [$id])->fetch_assoc();
            return $row === null ? false : new User($row['id'], (string) $row['is_admin'], (string) $row['status']);
        }
        if ($db->execute_query("SELECT id FROM `$table` WHERE id = ?" . ($deleted ? ' AND deleted = 0' : ''), [$id])->num_rows === 0) {
            return false;
        }
        return SugarBeanStandin::retrieve($db, $module, $table, (string) $id);
    }

    public static function newBean($module)
    {
        return new SugarBeanStandin($module, self::TABLES[$module], suitecrm_standin_db());
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

    /**
     * data/SugarBean.php ACLAccess() 6107-6183 for 'view' (list, edit ... likewise): admins always;
     * is_owner from isOwner() (1676-1700: fetched_row's assigned_user_id, else the bean's, else
     * created_by); in_group: SecurityGroup::groupHasAccess (no security groups here: false);
     * then ACLController::checkAccess(module_dir, view, is_owner, acltype, in_group).
     */
    public function ACLAccess($view, $is_owner = 'not_set', $in_group = 'not_set'): bool
    {
        global $current_user;
        if ($current_user->isAdmin()) {
            return true;
        }
        $view = ['detail' => 'view', 'detailview' => 'view', 'listview' => 'list', 'index' => 'list', 'editview' => 'edit', 'save' => 'edit'][strtolower($view)] ?? strtolower($view);
        if ($is_owner === 'not_set') {
            $is_owner = $this->isOwner($current_user->id);
        }
        return ACLController::checkAccess($this->module_dir, $view, $is_owner, 'module', $in_group === 'not_set' ? false : $in_group);
    }

    /** data/SugarBean.php isOwner() 1676-1700. */
    public function isOwner($user_id): bool
    {
        if (!isset($this->id)) {
            return true;
        }
        if (!empty($this->fetched_row['assigned_user_id'])) {
            return $this->fetched_row['assigned_user_id'] == $user_id;
        }
        if (!empty($this->assigned_user_id)) {
            return $this->assigned_user_id == $user_id;
        }
        return !empty($this->created_by) && $this->created_by == $user_id;
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


/** The instance's database as SuiteCRM's MysqliManager::connect() opens it: $sugar_config['dbconfig'], mysqli.default_socket. */
function suitecrm_standin_db(): mysqli
{
    static $db = [];
    $c = $GLOBALS['sugar_config']['dbconfig'];
    $key = json_encode($c) . ini_get('mysqli.default_socket');
    if (!isset($db[$key])) {
        mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
        $db[$key] = new mysqli($c['db_host_name'], $c['db_user_name'], $c['db_password'], $c['db_name']);
        $db[$key]->set_charset('utf8');
    }
    return $db[$key];
}

/** include/utils.php 3661-3707 check_logic_hook_file(): adds the hook to custom/modules/<M>/logic_hooks.php unless one with the same description is there (logic_utils.php check_existing_element 63-75, build_logic_file 98-120). */
function check_logic_hook_file($module_name, $event, $action_array): void
{
    $hook_array = suitecrm_standin_hook_array($module_name);
    foreach ($hook_array[$event] ?? [] as $action) {
        if ($action[1] == $action_array[1]) {
            return;
        }
    }
    $hook_array[$event][] = $action_array;
    suitecrm_standin_write_hooks($module_name, $hook_array);
}

/** include/utils.php 3709-3731 remove_logic_hook(): drops the entries matching order, description, class and function. */
function remove_logic_hook($module_name, $event, $action_array): void
{
    if (!file_exists("custom/modules/$module_name/logic_hooks.php")) {
        return;
    }
    $hook_array = suitecrm_standin_hook_array($module_name);
    foreach ($hook_array[$event] ?? [] as $i => $hook) {
        if ($hook[0] == $action_array[0] && $hook[1] == $action_array[1] && $hook[3] == $action_array[3] && $hook[4] == $action_array[4]) {
            unset($hook_array[$event][$i]);
        }
    }
    suitecrm_standin_write_hooks($module_name, $hook_array);
}

function suitecrm_standin_hook_array(string $module): array
{
    $hook_array = [];
    if (file_exists($f = "custom/modules/$module/logic_hooks.php")) {
        include $f;
    }
    return $hook_array;
}

function suitecrm_standin_write_hooks(string $module, array $hook_array): void
{
    @mkdir("custom/modules/$module", 0777, true);
    file_put_contents("custom/modules/$module/logic_hooks.php", "<?php\n\$hook_version = 1;\n\$hook_array = " . var_export($hook_array, true) . ";\n");
}

/** A sugar_die() / DBManager query with dieOnError: the request ends (here: throws). */
final class SugarDie extends RuntimeException
{
}

/**
 * modules/DynamicFields/DynamicField.php for a module's custom fields.  The SQL is what
 * MysqlManager::changeColumnSQL() (include/database/MysqlManager.php 844-864) makes of
 * TemplateField::get_field_def() (modules/DynamicFields/templates/Fields/TemplateField.php 331-350):
 * enum and varchar -> varchar(len) (TemplateEnum: len 100 by default), NULL, DEFAULT only when set.
 */
final class DynamicFieldStandin
{
    public function __construct(private mysqli $db, public string $module, public string $table) {}

    /** DynamicField.php 1007-1023 getDBName(): non-word characters to '_', '_c' appended unless there. */
    public static function getDBName(string $name): string
    {
        $n = preg_replace('/[^\w]+/', '_', $name);
        return str_ends_with($n, '_c') ? $n : $n . '_c';
    }

    /** DynamicField.php 843-891 createCustomTable(): <table>_cstm (id_c char(36) NOT NULL, PRIMARY KEY) when missing. */
    public function createCustomTable(): void
    {
        if ($this->db->query("SHOW TABLES LIKE '{$this->table}\\_cstm'")->num_rows === 0) {
            $this->db->query("CREATE TABLE {$this->table}_cstm (id_c char(36) NOT NULL, PRIMARY KEY (id_c)) CHARACTER SET utf8 COLLATE utf8_general_ci");
        }
    }

    /**
     * DynamicField.php 594-677 addFieldObject(): a fields_meta_data row <Module><name> decides:
     * present -> ALTER TABLE ... MODIFY (is_update); absent -> createCustomTable(), ADD COLUMN without
     * its default ('Cannot create column': dieOnError, so an existing column ends the request), then
     * MODIFY with the default; then the fields_meta_data row is saved.
     */
    public function addFieldObject(array $field): void
    {
        $id = $this->module . $field['name'];
        $isUpdate = $this->db->execute_query('SELECT id FROM fields_meta_data WHERE id = ? AND deleted = 0', [$id])->num_rows > 0;
        if (!$isUpdate) {
            $field['name'] = self::getDBName($field['name']);
            $id = $this->module . $field['name'];
        }
        $this->createCustomTable();
        $table = "{$this->table}_cstm";
        $len = (int) ($field['len'] ?? ($field['type'] === 'enum' ? 100 : 255));
        $column = fn (bool $withDefault) => "{$field['name']} varchar($len)"
            . ($withDefault && (string) ($field['default_value'] ?? '') !== '' ? " DEFAULT '" . $this->db->real_escape_string((string) $field['default_value']) . "'" : '') . ' NULL';
        try {
            if (!$isUpdate) {
                $this->db->query("ALTER TABLE $table add COLUMN " . $column(false));
            }
            $this->db->query("ALTER TABLE $table modify COLUMN " . $column(true));
        } catch (mysqli_sql_exception $e) {
            throw new SugarDie(($isUpdate ? 'Cannot modify field' : 'Cannot create column') . ': ' . $e->getMessage(), 0, $e);
        }
        $this->db->execute_query('REPLACE INTO fields_meta_data (id, name, vname, custom_module, type, len, required, default_value, date_modified, deleted, audited, massupdate, duplicate_merge, reportable, importable, ext1, ext2, ext3, ext4, comments, help)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
            $id, $field['name'], strtoupper((string) ($field['label'] ?? '')), $this->module, $field['type'], $len,
            empty($field['required']) ? 0 : 1, (string) ($field['default_value'] ?? ''), empty($field['audited']) ? 0 : 1,
            empty($field['massupdate']) ? 0 : 1, (int) ($field['duplicate_merge'] ?? 0), empty($field['reportable']) ? 0 : 1,
            $field['importable'] ?? null, $field['ext1'] ?? null, $field['ext2'] ?? null, $field['ext3'] ?? null,
            $field['ext4'] ?? '', $field['comments'] ?? '', $field['help'] ?? '']);
        // saveExtendedAttributes() 681-702 -> writeVardefExtension() 747-775: the attributes that are
        // not fields_meta_data columns and not at their default (inline_edit = 1 for every field) in
        // custom/Extension/modules/<M>/Ext/Vardefs/_override_sugarfield_<name>.php.  (Written only
        // under an instance root, a directory with custom/, so tests that run the install scripts
        // from the repository write nothing there.)
        if (is_dir('custom')) {
            @mkdir("custom/Extension/modules/{$this->module}/Ext/Vardefs", 0777, true);
            file_put_contents("custom/Extension/modules/{$this->module}/Ext/Vardefs/_override_sugarfield_{$field['name']}.php",
                "<?php\n \$dictionary['{$this->module}']['fields']['{$field['name']}']['inline_edit']=1;\n");
        }
    }

    /**
     * DynamicField.php 523-548 deleteField(): the fields_meta_data row, ALTER TABLE <table>_cstm drop
     * COLUMN, removeVardefExtension() (777-785: sugarfield_<name>.php only; the
     * _override_sugarfield_ file of saveExtendedAttributes stays, in SuiteCRM too).
     */
    public function deleteField(string $name): void
    {
        $this->db->query("DELETE FROM fields_meta_data WHERE id='" . $this->module . $name . "'");
        $this->db->query("ALTER TABLE {$this->table}_cstm drop COLUMN $name");
        @unlink("custom/Extension/modules/{$this->module}/Ext/Vardefs/sugarfield_$name.php");
    }
}

class ModuleInstaller
{
    /** include/modules.php $beanList / the beans' table_name, for the modules crmguard touches. */
    public const TABLES = ['Accounts' => 'accounts', 'Contacts' => 'contacts', 'Leads' => 'leads',
        'Opportunities' => 'opportunities', 'Calls' => 'calls', 'Tasks' => 'tasks'];

    public array $installdefs = [];
    public string $base_dir = '';
    public string $id_name = '';
    /** Every step run, in order (what a test reads; SuiteCRM shows it as the progress log). */
    public static array $steps = [];

    /** The real constructor takes no argument; a base_dir here only loads the manifest (older tests call the scripts directly). */
    public function __construct(?string $base_dir = null)
    {
        if ($base_dir !== null) {
            $this->base_dir = $base_dir;
            $installdefs = [];
            include "$base_dir/manifest.php";
            $this->installdefs = $installdefs;
            $this->id_name = $installdefs['id'] ?? '';
        }
    }

    /**
     * ModuleInstaller.php 96-232 install(): the manifest's installdefs, then the tasks of lines
     * 123-136 in that order (run at 166-172), install_beans (173), and only then, at 182-185,
     * install_custom_fields.  Rebuilds and cache clearing after it are not modelled.
     */
    public function install($base_dir, $is_upgrade = false, $previous_version = ''): void
    {
        $this->base_dir = $base_dir;
        $tasks = ['pre_execute', 'install_copy', 'install_extensions', 'install_images', 'install_dcactions',
            'install_dashlets', 'install_connectors', 'install_layoutfields', 'install_relationships',
            'enable_manifest_logichooks', 'post_execute', 'reset_opcodes'];
        $installdefs = [];
        include "$this->base_dir/manifest.php";
        $this->id_name = $installdefs['id'];
        $this->installdefs = $installdefs;
        foreach ($tasks as $task) {
            self::$steps[] = $task;
            $this->$task();
        }
        if (isset($installdefs['custom_fields'])) {
            self::$steps[] = 'install_custom_fields';
            $this->install_custom_fields($installdefs['custom_fields']);
        }
    }

    /**
     * ModuleInstaller.php 1642-1742 uninstall(): the tasks of 1651-1663 in order, then (1697-1700)
     * uninstall_custom_fields only when the admin ticked "Remove tables" ($GLOBALS['mi_remove_tables']).
     */
    public function uninstall($base_dir): void
    {
        $this->base_dir = $base_dir;
        $tasks = ['pre_uninstall', 'uninstall_relationships', 'uninstall_copy', 'uninstall_dcactions',
            'uninstall_dashlets', 'uninstall_connectors', 'uninstall_layoutfields', 'uninstall_extensions',
            'uninstall_global_search', 'disable_manifest_logichooks', 'post_uninstall'];
        $installdefs = [];
        include "$this->base_dir/manifest.php";
        $this->installdefs = $installdefs;
        $this->id_name = $this->installdefs['id'];
        foreach ($tasks as $task) {
            self::$steps[] = $task;
            $this->$task();
        }
        if (isset($installdefs['custom_fields']) && !empty($GLOBALS['mi_remove_tables'])) {
            self::$steps[] = 'uninstall_custom_fields';
            $this->uninstall_custom_fields($installdefs['custom_fields']);
        }
    }

    /** 247-255 pre_execute(), 257-265 post_execute(), 267-275 pre_uninstall(), 277-285 post_uninstall(): require_once each file, $this the installer. */
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

    public function post_uninstall(): void
    {
        $this->runFiles('post_uninstall');
    }

    private function runFiles(string $key): void
    {
        foreach ($this->installdefs[$key] ?? [] as $file) {
            require_once str_replace('<basepath>', $this->base_dir, $file);
        }
    }

    /**
     * 291-307 install_copy(): copy_path() with a backup of every file it overwrites under
     * "<install_file>-restore" (copy_recursive_with_backup 2028-2098).
     */
    public function install_copy(): void
    {
        foreach ($this->installdefs['copy'] ?? [] as $cp) {
            $from = str_replace('<basepath>', $this->base_dir, $cp['from']);
            foreach (self::files($from) as $rel) {
                $to = $cp['to'] . $rel;
                if (is_file($to)) {
                    @mkdir(dirname($this->backupPath() . '/' . $to), 0777, true);
                    copy($to, $this->backupPath() . '/' . $to);
                }
                @mkdir(dirname($to), 0777, true);
                copy($from . $rel, $to);
            }
        }
    }

    /** 308-334 uninstall_copy() with uninstall_new_files() 336-365: new files removed, backups restored, empty directories removed. */
    public function uninstall_copy(): void
    {
        foreach ($this->installdefs['copy'] ?? [] as $cp) {
            $from = str_replace('<basepath>', $this->base_dir, $cp['from']);
            foreach (self::files($from) as $rel) {
                $backup = $this->backupPath() . '/' . $cp['to'] . $rel;
                if (is_file($backup)) {
                    copy($backup, $cp['to'] . $rel);
                } elseif (is_file($cp['to'] . $rel)) {
                    unlink($cp['to'] . $rel);
                }
            }
            if (is_dir($cp['to']) && self::files($cp['to']) === []) {
                self::rmdirRecursive($cp['to']);
            }
        }
        self::rmdirRecursive($this->backupPath());
    }

    /**
     * 708-723 install_extensions(): for each extension of ModuleInstall/extensions.php 46-66 that the
     * manifest has: install_languages() (942-968, non-standard) or installExt() (382-424: the file
     * to custom/Extension/<application|modules/M>/Ext/<extdir>/<basename of from>.php), then
     * rebuild_extensions() (merge into custom/application/Ext/... ; here: entry points only).
     */
    public function install_extensions(): void
    {
        $this->install_languages();
        foreach (self::EXTENSIONS as $section => [$module, $extdir, $file]) {
            foreach ($this->installdefs[$section] ?? [] as $item) {
                $from = str_replace('<basepath>', $this->base_dir, $item['from']);
                @mkdir(self::extPath($module, $extdir), 0777, true);
                copy($from, self::extPath($module, $extdir) . '/' . ($item['name'] ?? basename($from, '.php')) . '.php');
            }
            $this->rebuildExt($module, $extdir, $file);
        }
    }

    /** 725-740 uninstall_extensions(): uninstall_languages() (981-1009) and uninstallExt() (426-477) remove those files; rebuilt. */
    public function uninstall_extensions(): void
    {
        foreach ($this->installdefs['language'] ?? [] as $packs) {
            @unlink($this->languagePath($packs));
        }
        foreach (self::EXTENSIONS as $section => [$module, $extdir, $file]) {
            foreach ($this->installdefs[$section] ?? [] as $item) {
                @unlink(self::extPath($module, $extdir) . '/' . ($item['name'] ?? basename($item['from'], '.php')) . '.php');
            }
            $this->rebuildExt($module, $extdir, $file);
        }
    }

    /**
     * The extensions of ModuleInstall/extensions.php (v7.14.6) that crmguard's manifest uses:
     * section => [module, extdir, file] (49 administration, 50 entrypoints).
     */
    public const EXTENSIONS = [
        'administration' => ['Administration', 'Administration', 'administration.ext.php'],
        'entrypoints' => ['application', 'EntryPointRegistry', 'entry_point_registry.ext.php'],
    ];

    /** 366-373 getExtDir() / installExt() 395-399: where a module's Ext files go. */
    private static function extPath(string $module, string $extdir): string
    {
        return ($module === 'application' ? 'custom/Extension/application/Ext' : "custom/Extension/modules/$module/Ext") . "/$extdir";
    }

    public function install_languages(): void
    {
        foreach ($this->installdefs['language'] ?? [] as $packs) {
            $path = $this->languagePath($packs);
            @mkdir(dirname($path), 0777, true);
            copy(str_replace('<basepath>', $this->base_dir, $packs['from']), $path);
        }
    }

    /** 970-979 getInstallLanguagesPath(). */
    private function languagePath(array $packs): string
    {
        $path = $packs['to_module'] === 'application' ? 'custom/Extension/application/Ext/Language'
            : "custom/Extension/modules/{$packs['to_module']}/Ext/Language";
        return "$path/{$packs['language']}.{$this->id_name}.php";
    }

    /**
     * rebuildExt($extdir, $file) / merge_files 1834-1909: every Ext file of the module into one,
     * custom/application/Ext/<extdir>/<file> or custom/modules/<module>/Ext/<extdir>/<file>.
     */
    private function rebuildExt(string $module, string $extdir, string $file): void
    {
        $out = "<?php\n";
        foreach (glob(self::extPath($module, $extdir) . '/*.php') ?: [] as $f) {
            $out .= preg_replace('/^<\?php\s*/', '', (string) file_get_contents($f)) . "\n";
        }
        $dir = ($module === 'application' ? 'custom/application/Ext' : "custom/modules/$module/Ext") . "/$extdir";
        @mkdir($dir, 0777, true);
        file_put_contents("$dir/$file", $out);
    }

    /** 1108-1119 enable_manifest_logichooks() / 1121-1132 disable_manifest_logichooks(). */
    public function enable_manifest_logichooks(): void
    {
        foreach ($this->installdefs['logic_hooks'] ?? [] as $hook) {
            check_logic_hook_file($hook['module'], $hook['hook'], [$hook['order'], $hook['description'], $hook['file'], $hook['class'], $hook['function']]);
        }
    }

    public function disable_manifest_logichooks(): void
    {
        foreach ($this->installdefs['logic_hooks'] ?? [] as $hook) {
            remove_logic_hook($hook['module'], $hook['hook'], [$hook['order'], $hook['description'], $hook['file'], $hook['class'], $hook['function']]);
        }
    }

    /**
     * 1279-1325 install_custom_fields(): for each field of a known module, get_widget(type) ->
     * populateFromRow (TemplateField.php 495-514: label -> vname, default_value -> default, ...),
     * then the bean's DynamicField::addFieldObject().  An unknown module is skipped with a debug line.
     */
    public function install_custom_fields($fields): void
    {
        foreach ($fields as $field) {
            $table = self::TABLES[$field['module']] ?? null;
            if ($table === null) {
                $GLOBALS['log']->debug("Could not install custom field {$field['name']} for module {$field['module']}: Module does not exist");
                continue;
            }
            (new DynamicFieldStandin(suitecrm_standin_db(), $field['module'], $table))->addFieldObject($field);
        }
    }

    /** 1327-1349 uninstall_custom_fields(): DynamicField::deleteField() per field. */
    public function uninstall_custom_fields($fields): void
    {
        foreach ($fields as $field) {
            (new DynamicFieldStandin(suitecrm_standin_db(), $field['module'], self::TABLES[$field['module']]))->deleteField($field['name']);
        }
    }

    /** Steps crmguard's manifest has nothing for (images, dashlets, connectors, relationships, ...) and rebuilds of caches not modelled (rebuild_vardefs 1758-1762): nothing to do. */
    public function __call($name, $args)
    {
        if (!preg_match('/^(install|uninstall)_(images|dcactions|dashlets|connectors|layoutfields|relationships|global_search)$|^reset_opcodes$|^rebuild_vardefs$/', $name)) {
            throw new SugarDie("Unknown method ModuleInstaller::$name called");
        }
    }

    /** 2159-2166 abort(): the errors into the session, a refresh to the Module Loader page, die(). */
    public function abort($errors = []): void
    {
        $_SESSION['MODULEINSTALLER_ERRORS'] = $errors;
        throw new RuntimeException('ModuleInstaller::abort: ' . implode('; ', $errors));
    }

    /** The restore point of install_copy: clean_path(remove_file_extension(install_file) . '-restore'). */
    private function backupPath(): string
    {
        return preg_replace('/\.zip$/', '', (string) ($_REQUEST['install_file'] ?? 'upload/upgrades/module/package.zip')) . '-restore';
    }

    /** Files under $dir, as paths starting with '/', sorted. */
    private static function files(string $dir): array
    {
        if (is_file($dir)) {
            return [''];
        }
        $out = [];
        foreach (is_dir($dir) ? new RecursiveIteratorIterator(new RecursiveDirectoryIterator($dir, FilesystemIterator::SKIP_DOTS)) : [] as $f) {
            $out[] = substr((string) $f, strlen($dir));
        }
        sort($out);
        return $out;
    }

    private static function rmdirRecursive(string $dir): void
    {
        if (!is_dir($dir)) {
            return;
        }
        foreach (new RecursiveIteratorIterator(new RecursiveDirectoryIterator($dir, FilesystemIterator::SKIP_DOTS), RecursiveIteratorIterator::CHILD_FIRST) as $f) {
            $f->isDir() ? rmdir((string) $f) : unlink((string) $f);
        }
        rmdir($dir);
    }
}

/**
 * modules/Administration/UpgradeWizard_commit.php, module packages: Install -> $mi->install()
 * (333-350) and, only if the request got that far (a die() or a fatal error ends it before),
 * the upgrade_history row (425-450) the Module Loader lists and uninstalls from; Uninstall ->
 * $GLOBALS['mi_remove_tables'] from the "Remove tables" choice, $mi->uninstall() (351-358), then
 * the rows with the zip's md5 deleted (473-483; none: "no upgrade record", die).
 */
final class ModuleLoaderStandin
{
    /**
     * The upload (modules/Administration/UpgradeWizard.php 143-157): the manifest is scanned with
     * ModuleScanner::scanFile() whatever the packageScan setting; issues -> "Issue with the
     * manifest", the upload stops (here: throws).
     */
    public static function upload(string $unzipDir): void
    {
        $issues = ModuleScanner::scanFile("$unzipDir/manifest.php");
        if ($issues !== []) {
            throw new SugarDie('Issue with the manifest: ' . implode('; ', $issues));
        }
    }

    /**
     * An install: the upload, then UpgradeWizard_prepare.php 202-208, which asks
     * UpgradeHistory::determineIfUpgrade() for a previous version of the package's id, and
     * UpgradeWizard_commit.php: install($unzip_dir, true, $previous_version) when there is one,
     * else install($unzip_dir) (336-344); the upgrade_history row takes previous_id when there is
     * one, whose zip is deleted (425-455).  Returns the previous version found ('' for none).
     */
    public static function install(string $unzipDir, string $installFile): string
    {
        self::upload($unzipDir);
        $manifest = [];
        $installdefs = [];
        include "$unzipDir/manifest.php";
        try {
            $previous = self::determineIfUpgrade(suitecrm_standin_db(), $installdefs['id'], $manifest['version']);
        } catch (mysqli_sql_exception) {
            $previous = null; // (tests that give crmguard a database it cannot reach: pre_execute says so)
        }
        $previousVersion = empty($previous['version']) ? '' : (string) $previous['version'];
        $previousId = empty($previous['id']) ? '' : $previous['id'];
        $_REQUEST['install_file'] = $installFile;
        self::conventionalScript($unzipDir, 'scripts/pre_install.php', 'pre_install'); // 217-226
        if ($previousVersion !== '') {
            (new ModuleInstaller())->install($unzipDir, true, $previousVersion);
        } else {
            (new ModuleInstaller())->install($unzipDir);
        }
        self::conventionalScript($unzipDir, 'scripts/post_install.php', 'post_install'); // 345-349
        $db = suitecrm_standin_db();
        if ($previousId !== '') {
            $old = $db->execute_query('SELECT filename FROM upgrade_history WHERE id = ?', [$previousId])->fetch_column();
            if (is_string($old) && is_file($old)) {
                unlink($old);
            }
            $db->execute_query('DELETE FROM upgrade_history WHERE id = ?', [$previousId]);
        }
        $db->execute_query('INSERT INTO upgrade_history (id, filename, md5sum, type, status, version, name, description, id_name, manifest, date_entered, enabled)
            VALUES (' . ($previousId !== '' ? '?' : 'UUID()') . ', ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), 1)', [...($previousId !== '' ? [$previousId] : []),
            $installFile, md5_file($installFile), 'module', 'installed',
            $manifest['version'], $manifest['name'], $manifest['description'], $installdefs['id'], base64_encode(serialize(['manifest' => $manifest, 'installdefs' => $installdefs]))]);
        return $previousVersion;
    }

    /**
     * modules/Administration/UpgradeHistory.php 133-154 determineIfUpgrade(), with
     * is_right_version_greater() 250-271: the search starts from version 0, so a version
     * starting with "0." is never found as a previous one (then: a plain install).
     */
    public static function determineIfUpgrade(mysqli $db, string $idName, string $version): ?array
    {
        $rows = $db->execute_query('SELECT id, version FROM upgrade_history WHERE id_name = ? ORDER BY date_entered DESC', [$idName])
            ->fetch_all(MYSQLI_ASSOC);
        $tempVersion = 0;
        $id = '';
        foreach ($rows as $row) {
            if (!self::isRightVersionGreater(explode('.', (string) $row['version']), explode('.', (string) $tempVersion))) {
                $tempVersion = $row['version'];
                $id = $row['id'];
            }
        }
        if (self::isRightVersionGreater(explode('.', (string) $tempVersion), explode('.', $version), false)) {
            return ['id' => $id, 'version' => $tempVersion];
        }
        return null;
    }

    /** UpgradeHistory.php 250-271 is_right_version_greater(). */
    public static function isRightVersionGreater(array $left, array $right, bool $equalsIsGreater = true): bool
    {
        if (count($left) === 0 && count($right) === 0) {
            return $equalsIsGreater;
        }
        if (count($left) === 0 || count($right) === 0) {
            return true;
        }
        if ($left[0] == $right[0]) {
            array_shift($left);
            array_shift($right);
            return self::isRightVersionGreater($left, $right, $equalsIsGreater);
        }
        return $left[0] < $right[0];
    }

    public static function uninstall(string $unzipDir, string $installFile, bool $removeTables): void
    {
        $_REQUEST['install_file'] = $installFile;
        $GLOBALS['mi_remove_tables'] = $removeTables;
        $db = suitecrm_standin_db();
        if ($db->execute_query('SELECT id FROM upgrade_history WHERE md5sum = ?', [md5_file($installFile)])->num_rows === 0) {
            throw new SugarDie("no upgrade record for $installFile");
        }
        self::conventionalScript($unzipDir, 'scripts/pre_uninstall.php', 'pre_uninstall'); // 227-233
        (new ModuleInstaller())->uninstall($unzipDir);
        $db->execute_query('DELETE FROM upgrade_history WHERE md5sum = ?', [md5_file($installFile)]);
    }

    /**
     * UpgradeWizard_commit.php runs the package's scripts of the conventional names itself
     * (UpgradeWizardCommon.php 73-76: scripts/pre_install.php, post_install.php,
     * pre_uninstall.php, post_uninstall.php): include($file); then the function of that name.
     */
    private static function conventionalScript(string $unzipDir, string $file, string $function): void
    {
        if (is_file("$unzipDir/$file")) {
            include "$unzipDir/$file";
            $function();
        }
    }
}

/**
 * ModuleInstall/ModuleScanner.php 590-720 scanFile(), the token walk: a T_VARIABLE or a black
 * listed function name followed by '(' -> "Invalid usage of a function NAME()", echo, exit/die,
 * eval and the backtick are refused.  The black list is the one at 119-330 (its eio_* entries left
 * out: nothing here calls them).
 */
final class ModuleScanner
{
    private const BLACK_LIST = [
        'array_diff_uassoc', 'array_diff_ukey', 'array_filter', 'array_intersect_uassoc',
        'array_intersect_ukey', 'array_map', 'array_reduce', 'array_udiff', 'array_udiff_assoc',
        'array_udiff_uassoc', 'array_uintersect', 'array_uintersect_assoc',
        'array_uintersect_uassoc', 'array_walk', 'array_walk_recursive', 'call_user_func',
        'call_user_func_array', 'chdir', 'chgrp', 'chmod', 'chroot', 'chwown', 'clearstatcache',
        'consume', 'copy', 'copy_recursive', 'create_cache_directory', 'create_custom_directory',
        'create_function', 'dir', 'disk_free_space', 'disk_total_space', 'diskfreespace',
        'escapeshellarg', 'escapeshellcmd', 'eval', 'exec', 'fclose', 'fdf_enum_values', 'feof',
        'fflush', 'fgetc', 'fgetcsv', 'fgets', 'fgetss', 'file', 'file_exists', 'file_get_contents',
        'file_put_contents', 'fileatime', 'filectime', 'filegroup', 'fileinode', 'filemtime',
        'fileowner', 'fileperms', 'filesize', 'filetype', 'flock', 'fnmatch', 'fopen',
        'forward_static_call', 'forward_static_call_array', 'fpassthru', 'fputcsv', 'fputs',
        'fread', 'fscanf', 'fseek', 'fstat', 'ftell', 'ftruncate', 'fwrite', 'getimagesize', 'glob',
        'ini_set', 'is_dir', 'is_executable', 'is_file', 'is_link', 'is_readable',
        'is_uploaded_file', 'is_writable', 'is_writeable', 'lchgrp', 'lchown', 'link', 'linkinfo',
        'lstat', 'mk_temp_dir', 'mkdir', 'mkdir_recursive', 'move_uploaded_file', 'opendir',
        'parse_ini_file', 'parse_ini_string', 'passthru', 'pathinfo', 'pclose', 'phpinfo', 'popen',
        'proc_close', 'proc_get_status', 'proc_nice', 'proc_open', 'readdir', 'readfile',
        'readlink', 'realpath', 'realpath_cache_get', 'realpath_cache_size',
        'register_shutdown_function', 'register_tick_function', 'rename', 'rewind', 'rmdir',
        'rmdir_recursive', 'set_error_handler', 'set_exception_handler', 'set_file_buffer',
        'set_time_limit', 'setclientcallback', 'setcompletecallback', 'setdatacallback',
        'setexceptioncallback', 'setfailcallback', 'setstatuscallback', 'shell_exec', 'stat',
        'sugar_chgrp', 'sugar_chmod', 'sugar_chown', 'sugar_file_put_contents',
        'sugar_file_put_contents_atomic', 'sugar_fopen', 'sugar_mkdir', 'sugar_rename',
        'sugar_touch', 'symlink', 'system', 'tempnam', 'tmpfile', 'touch', 'uasort', 'uksort',
        'umask', 'unlink', 'usort', 'write_array_to_file', 'write_encoded_file',
    ];

    /** @return list<string> the issues */
    public static function scanFile(string $file): array
    {
        $issues = [];
        $checkFunction = false;
        $possibleIssue = '';
        $last = null;
        foreach (token_get_all((string) file_get_contents($file)) as $token) {
            $previous = $last;
            if (!is_array($token) || $token[0] !== T_WHITESPACE) {
                $last = $token;
            }
            if (is_string($token)) {
                if ($token === '`') {
                    $issues[] = "Invalid usage of a function '`'";
                }
                if (($token === '(' || $token === ']') && $checkFunction) {
                    $issues[] = $possibleIssue;
                }
                $checkFunction = false;
                $possibleIssue = '';
                continue;
            }
            switch ($token[0]) {
                case T_WHITESPACE:
                    break;
                case T_EVAL:
                    $issues[] = 'Invalid usage of a function eval()';
                    break;
                case T_ECHO:
                    $issues[] = 'Invalid usage of a function echo';
                    break;
                case T_EXIT:
                    $issues[] = 'Invalid usage of a function exit / die';
                    break;
                case T_STRING:
                    // after -> or :: a method (its own black list at 119-410, not modelled)
                    $method = is_array($previous) && in_array($previous[0], [T_OBJECT_OPERATOR, T_DOUBLE_COLON], true);
                    if ($method || !in_array(strtolower($token[1]), self::BLACK_LIST, true)) {
                        $checkFunction = false;
                        break;
                    }
                    // a black-listed name: like a variable, an issue when called
                case T_VARIABLE:
                    $checkFunction = true;
                    $possibleIssue = 'Invalid usage of a function ' . $token[1] . '()';
                    break;
                default:
                    $checkFunction = false;
                    $possibleIssue = '';
            }
        }
        return $issues;
    }
}

/** The end of a request: SugarApplication::redirect()'s exit(), sugar_cleanup(true) (here: throws). */
final class SugarExit extends RuntimeException
{
}

/**
 * modules/Users/authentication/AuthenticationController.php 206-219 sessionAuthenticate() ->
 * SugarAuthenticate.php 200-231 sessionAuthenticate() / 240-260 postSessionAuthenticate():
 * no authenticated_user_id -> false; a session of another instance (unique_key) -> Location to
 * the login page and exit; the user row not found (SugarAuthenticateUser.php 132-145
 * loadUserOnSession: User::retrieve, deleted = 0) -> Location to the login page and exit; else
 * $current_user is that user.
 */
class AuthenticationController
{
    public function sessionAuthenticate(): bool
    {
        global $sugar_config;
        if (!isset($_SESSION['authenticated_user_id'])) {
            return false;
        }
        if (($_SESSION['unique_key'] ?? '') !== ($sugar_config['unique_key'] ?? '')) {
            SugarApplicationStandin::headerExit('index.php?action=Login&module=Users');
        }
        $row = suitecrm_standin_db()->execute_query('SELECT id, is_admin FROM users WHERE id = ? AND deleted = 0',
            [$_SESSION['authenticated_user_id']])->fetch_assoc();
        if ($row === null) {
            SugarApplicationStandin::headerExit('index.php?action=Login&module=Users&loginErrorMessage=LBL_SESSION_EXPIRED');
        }
        $GLOBALS['current_user'] = new User($row['id'], (string) $row['is_admin']);
        return true;
    }
}

/** One index.php?entryPoint=NAME request through SugarApplication::execute() (see the header). */
final class SugarApplicationStandin
{
    /** @param array<string, array{file: string, auth?: bool}> $registry the merged entry_point_registry */
    public static function entryPoint(string $name, array $registry): void
    {
        unset($GLOBALS['current_user']); // include/entryPoint.php 198-199: an empty User until loadUser()
        // SugarApplication.php 88-94 with SugarController::checkEntryPointRequiresAuth() 1030-1040.
        if (!(isset($registry[$name]['auth']) && !$registry[$name]['auth'])) {
            self::loadUser();
        }
        // SugarController::handleEntryPoint() 1010-1022 (require_once there; a request per process).
        include $registry[$name]['file'];
    }

    /**
     * One index.php?module=M&action=A request for a logged-in user whose action is a file
     * custom/modules/M/A.php: SugarApplication::execute() 74-103 (loadUser(), then
     * loadLanguages() 348-362: $mod_strings = return_module_language($current_language, M)),
     * SugarController::process() 449-476 with the process_tasks of 148-155, of which
     * callLegacyCode() 1047-1073 takes a custom/modules/M/A.php without a views/view.a.php:
     * action_default() 845-848 -> the classic view, include/MVC/View/views/view.classic.php
     * display() 69-79 -> SugarView::includeClassicFile() 814-825 (include_once with the globals
     * $current_user, $mod_strings ... of 817-820).  The page's header and footer are not
     * modelled: what the test reads is the file's own output.
     * return_module_language (include/SugarObjects/LanguageManager.php 202: the module's
     * custom/modules/M/Ext/Language/<lang>.lang.ext.php, merged by rebuild_languages() 1744-1756
     * from custom/Extension/modules/M/Ext/Language/*<lang>.*.php, merge_files 1834-1909): here
     * those Ext files are read directly.
     */
    public static function action(string $module, string $action): void
    {
        unset($GLOBALS['current_user']);
        self::loadUser();
        $lang = (string) ($GLOBALS['current_language'] ?? 'en_us');
        $mod_strings = [];
        foreach (glob("custom/Extension/modules/$module/Ext/Language/*$lang.*.php") ?: [] as $f) {
            include $f;
        }
        $GLOBALS['mod_strings'] = $mod_strings;
        $file = "custom/modules/$module/$action.php";
        if (!is_file($file) || is_file("custom/modules/$module/views/view." . strtolower($action) . '.php')) {
            throw new SugarExit("no legacy action file $file");
        }
        (static function (string $file): void {
            global $sugar_config, $current_user, $mod_strings, $current_language;
            include $file;
        })($file);
    }

    /** SugarApplication.php 108-165 loadUser(): another instance's session or none -> the login page (redirect()). */
    private static function loadUser(): void
    {
        global $sugar_config;
        if (($_SESSION['unique_key'] ?? '') !== ($sugar_config['unique_key'] ?? '')) {
            $_SESSION = [];
            self::redirect('index.php?action=Login&module=Users');
        }
        if (isset($_SESSION['authenticated_user_id'])) {
            if (!(new AuthenticationController())->sessionAuthenticate()) {
                self::redirect('index.php?action=Login&module=Users');
            }
        } else {
            self::redirect('index.php?action=Login&module=Users');
        }
    }

    /** SugarApplication.php 639-670 redirect(): 301 Moved Permanently + Location, exit. */
    public static function redirect(string $url): never
    {
        http_response_code(301);
        header("Location: $url");
        throw new SugarExit("301 Location: $url");
    }

    /** header("Location: ...") + sugar_cleanup(true): a 302 and exit. */
    public static function headerExit(string $url): never
    {
        http_response_code(302);
        header("Location: $url");
        throw new SugarExit("302 Location: $url");
    }
}

/**
 * ModuleInstall/PackageManager/PackageManager.php (v7.14.6, the same at public/legacy/ in SuiteCRM
 * 8.8.0) validateManifestVersion() 444-484: acceptable_sugar_versions is matched against
 * $sugar_version (sugar_version.php: '6.5.25' in 7.14.6 and in 8.8.0's legacy), every other key
 * against $suitecrm_version (suitecrm_version.php: '7.14.6'; '8.8.0' in SuiteCRM 8.8.0);
 * exact_matches, then regex_matches as preg_match("/$match/"); no list: accepted.
 * validate_manifest() 491-502 needs both.
 */
final class PackageManager
{
    public static function validateManifestVersion($versions, string $key, string $sugarVersion, string $suitecrmVersion): bool
    {
        $checked = $key === 'acceptable_sugar_versions' ? $sugarVersion : $suitecrmVersion;
        if (empty($versions)) {
            return true;
        }
        foreach ($versions['exact_matches'] ?? [] as $match) {
            if ($match == $checked) {
                return true;
            }
        }
        foreach ($versions['regex_matches'] ?? [] as $match) {
            if (preg_match("/$match/", $checked)) {
                return true;
            }
        }
        return !isset($versions['exact_matches']) && !isset($versions['regex_matches']);
    }

    public static function validate_manifest(array $manifest, string $sugarVersion, string $suitecrmVersion): bool
    {
        return self::validateManifestVersion($manifest['acceptable_sugar_versions'] ?? '', 'acceptable_sugar_versions', $sugarVersion, $suitecrmVersion)
            && self::validateManifestVersion($manifest['acceptable_suitecrm_versions'] ?? '', 'acceptable_suitecrm_versions', $sugarVersion, $suitecrmVersion);
    }
}

/**
 * The Administration page's panel (modules/Administration/index.php 52-54: admins and admins
 * of a module only; 63: modules/Administration/metadata/adminpaneldefs.php).  adminpaneldefs.php
 * (v7.14.6) 451-453 includes custom/modules/Administration/Ext/Administration/administration.ext.php
 * after its own groups, then 458-497 drops, for a user who is not an admin, every link under
 * the key 'Administration' (467-469) and the links of modules not in the user's developer
 * modules (492-494; here: a non-admin has none).  Returns [group header label, [link key =>
 * [icon, title label, description label, URL]]] of the extension's groups only.
 */
final class AdminPanelStandin
{
    public static function groups(): array
    {
        global $current_user;
        $admin_group_header = [];
        if (file_exists('custom/modules/Administration/Ext/Administration/administration.ext.php')) {
            include 'custom/modules/Administration/Ext/Administration/administration.ext.php';
        }
        $out = [];
        foreach ($admin_group_header as $values) {
            $links = [];
            foreach ($values[3] as $mod => $defs) {
                if (is_admin($current_user)) {
                    $links += $defs;
                }
            }
            $out[] = [$values[0], $links];
        }
        return $out;
    }
}

