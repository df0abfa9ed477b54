<?php
/*
 * Stand-ins of SuiteCRM 7.14.6's edit-form save path for Contacts, Leads and Accounts, loaded by
 * the test into the instance root as modules/<M>/<M>FormBase.php so the package's
 * custom/modules/<M>/Save.php requires them as it requires SuiteCRM's:
 *
 *   handleSave($prefix, ...)  modules/Contacts/ContactFormBase.php 431-560 (Leads/LeadFormBase.php
 *                             259-330, Accounts/AccountFormBase.php alike): the bean from $_POST
 *                             (include/formbase.php populateFromPost: every field the post has
 *                             under $prefix); on a new record that is not dup_checked,
 *                             checkForDuplicates($prefix), and rows -> $_SESSION['SHOW_DUPLICATES']
 *                             with duplicate[i]=id and a redirect to ShowDuplicates (here a
 *                             SugarExit naming the location) — else the bean's save().
 *   checkForDuplicates        Contacts, Leads: include/SugarObjects/forms/PersonFormBase.php 199-249
 *                             over getDuplicateQuery (ContactFormBase.php 70-95: first_name LIKE 'x%'
 *                             AND last_name = ; LeadFormBase.php 62-82: first and last name, not
 *                             Converted); Accounts: AccountFormBase.php 63-110 (name LIKE 'x%').
 *                             Rows or null.  (E-mail checks are not in these tests.)
 *   ShowDuplicates            modules/Contacts/ShowDuplicates.php 88-115: the module's live records
 *                             whose id is in duplicate[] (Leads: view.showduplicates.php, Accounts:
 *                             ShowDuplicates.php alike); the message box: SugarApplication's
 *                             error messages, shown on the page.
 */
declare(strict_types=1);

abstract class CrmGuardFormBaseStandin
{
    protected string $moduleName;
    protected string $table;

    public function handleSave($prefix, $redirect = true, $useRequired = false)
    {
        $db = suitecrm_standin_db();
        $focus = empty($_POST['record'])
            ? new SugarBeanStandin($this->moduleName, $this->table, $db)
            : SugarBeanStandin::retrieve($db, $this->moduleName, $this->table, $_POST['record']);
        foreach (array_column($db->query("SHOW COLUMNS FROM `$this->table`")->fetch_all(MYSQLI_ASSOC), 'Field') as $col) {
            if (isset($_POST[$prefix . $col])) {
                $focus->$col = $_POST[$prefix . $col];
            }
        }
        if (empty($_POST['record']) && empty($_POST['dup_checked'])) {
            $duplicates = $this->checkForDuplicates($prefix);
            if (isset($duplicates)) {
                $get = '';
                foreach (array_values($duplicates) as $i => $row) {
                    $get .= "&duplicate[$i]=" . $row['id'];
                }
                $_SESSION['SHOW_DUPLICATES'] = $get;
                throw new SugarExit("Location: index.php?module={$this->moduleName}&action=ShowDuplicates");
            }
        }
        $focus->save();
        return $focus;
    }

    protected function duplicateRows(string $sql, array $params): ?array
    {
        $rows = suitecrm_standin_db()->execute_query($sql, $params)->fetch_all(MYSQLI_ASSOC);
        return $rows === [] ? null : $rows;
    }

    /** ShowDuplicates: the module's live records among duplicate[] ids, and the message box. */
    public static function showDuplicates(string $module, string $table): array
    {
        parse_str($_SESSION['SHOW_DUPLICATES'] ?? '', $post);
        unset($_SESSION['SHOW_DUPLICATES']);
        $ids = $post['duplicate'] ?? [];
        $name = $table === 'accounts' ? 'name' : "CONCAT_WS(' ', first_name, last_name)";
        $rows = $ids === [] ? [] : suitecrm_standin_db()->execute_query("SELECT id, $name AS name FROM `$table` WHERE deleted = 0 AND id IN ("
            . implode(', ', array_fill(0, count($ids), '?')) . ') ORDER BY id', array_values($ids))->fetch_all(MYSQLI_ASSOC);
        return ['rows' => $rows, 'messages' => SugarApplication::getErrorMessages()];
    }
}

class PersonFormBase extends CrmGuardFormBaseStandin
{
    public function checkForDuplicates($prefix = '')
    {
        [$first, $last] = [$_POST[$prefix . 'first_name'] ?? '', $_POST[$prefix . 'last_name'] ?? ''];
        if ($this->moduleName === 'Contacts') {
            return $first !== '' && $last !== ''
                ? $this->duplicateRows("SELECT id, first_name, last_name FROM contacts WHERE deleted = 0 AND first_name LIKE ? AND last_name = ?", ["$first%", $last])
                : $this->duplicateRows("SELECT id, first_name, last_name FROM contacts WHERE deleted = 0 AND last_name = ?", [$last]);
        }
        return $first !== '' && $last !== ''
            ? $this->duplicateRows("SELECT id, first_name, last_name FROM leads WHERE deleted != 1 AND (status <> 'Converted' OR status IS NULL) AND first_name = ? AND last_name = ?", [$first, $last])
            : $this->duplicateRows("SELECT id, first_name, last_name FROM leads WHERE deleted != 1 AND (status <> 'Converted' OR status IS NULL) AND last_name = ?", [$last]);
    }
}

class ContactFormBase extends PersonFormBase
{
    protected string $moduleName = 'Contacts';
    protected string $table = 'contacts';
}

class LeadFormBase extends PersonFormBase
{
    protected string $moduleName = 'Leads';
    protected string $table = 'leads';
}

class AccountFormBase extends CrmGuardFormBaseStandin
{
    protected string $moduleName = 'Accounts';
    protected string $table = 'accounts';

    public function checkForDuplicates($prefix)
    {
        $name = $_POST[$prefix . 'name'] ?? '';
        return $name === '' ? null : $this->duplicateRows('SELECT id, name FROM accounts WHERE deleted != 1 AND name LIKE ?', ["$name%"]);
    }
}
