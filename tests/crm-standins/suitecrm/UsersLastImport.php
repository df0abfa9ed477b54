<?php
/*
 * SuiteCRM 7.14.6's "Undo Import", as modules/Import/views/view.undo.php 76 runs it:
 * UsersLastImport::undo($module) (modules/Import/UsersLastImport.php 150-167) deletes, for each
 * users_last_import row of the current user and module, the record it names (_deleteRecord,
 * 175-226):
 *   - $focus->mark_relationships_deleted($id): SugarBean::delete_linked() (data/SugarBean.php
 *     5448-5476) deletes every link of the bean: many-to-many rows get deleted = 1
 *     (M2MRelationship::removeAll), a one-to-many child loses its key (One2MBeanRelationship);
 *     the links here are those of the records an import makes (modules/<Module>/vardefs.php:
 *     accounts, contacts, opportunities, tasks, SecurityGroups, email_addresses);
 *   - DELETE FROM <table> WHERE id = ... (plain SQL: no logic hook runs);
 *   - DELETE FROM email_addr_bean_rel of the bean, then each address no other bean uses;
 *   - DELETE FROM <table>_cstm WHERE id_c = ... (when the module has custom fields).
 * bean_type is the bean's class: Contact, Account, Opportunity, Task.
 */
declare(strict_types=1);

final class UsersLastImportStandin
{
    /** class => [table, module_dir, links: [table, key column, extra condition]] */
    private const BEANS = [
        'Contact' => ['contacts', 'Contacts', [['accounts_contacts', 'contact_id', ''], ['opportunities_contacts', 'contact_id', ''],
            ['securitygroups_records', 'record_id', "module = 'Contacts'"]], [['tasks', 'contact_id', '']]],
        'Account' => ['accounts', 'Accounts', [['accounts_contacts', 'account_id', ''], ['accounts_opportunities', 'account_id', ''],
            ['securitygroups_records', 'record_id', "module = 'Accounts'"]], []],
        'Opportunity' => ['opportunities', 'Opportunities', [['accounts_opportunities', 'opportunity_id', ''],
            ['opportunities_contacts', 'opportunity_id', ''], ['securitygroups_records', 'record_id', "module = 'Opportunities'"]],
            [['tasks', 'parent_id', "parent_type = 'Opportunities'"]]],
        'Task' => ['tasks', 'Tasks', [['securitygroups_records', 'record_id', "module = 'Tasks'"]], []],
    ];

    public function __construct(private mysqli $db) {}

    /** UsersLastImport::undo($module) for $userId (the current user). */
    public function undo(string $module, string $userId): bool
    {
        $rows = $this->db->execute_query("SELECT bean_id, bean_type FROM users_last_import WHERE assigned_user_id = ?
            AND import_module = ? AND deleted=0", [$userId, $module])->fetch_all(MYSQLI_ASSOC);
        foreach ($rows as $row) {
            $this->deleteRecord($row['bean_id'], $row['bean_type']);
        }
        return true;
    }

    private function deleteRecord(string $id, string $class): void
    {
        [$table, $moduleDir, $m2m, $o2m] = self::BEANS[$class];
        foreach ($m2m as [$rel, $key, $cond]) {
            $this->db->execute_query("UPDATE `$rel` SET deleted = 1, date_modified = UTC_TIMESTAMP() WHERE `$key` = ?"
                . ($cond !== '' ? " AND $cond" : '') . ' AND deleted = 0', [$id]);
        }
        foreach ($o2m as [$child, $key, $cond]) {
            $this->db->execute_query("UPDATE `$child` SET `$key` = NULL WHERE `$key` = ?" . ($cond !== '' ? " AND $cond" : ''), [$id]);
        }
        $this->db->execute_query("DELETE FROM `$table` WHERE id = ?", [$id]);
        $addresses = $this->db->execute_query('SELECT email_address_id FROM email_addr_bean_rel WHERE bean_id = ? AND bean_module = ?',
            [$id, $moduleDir])->fetch_all(MYSQLI_NUM);
        $this->db->execute_query('DELETE FROM email_addr_bean_rel WHERE bean_id = ? AND bean_module = ?', [$id, $moduleDir]);
        foreach ($addresses as [$address]) {
            if (!$this->db->execute_query('SELECT email_address_id FROM email_addr_bean_rel WHERE email_address_id = ?', [$address])->fetch_row()) {
                $this->db->execute_query('DELETE FROM email_addresses WHERE id = ?', [$address]);
            }
        }
        if ($this->db->query("SHOW TABLES LIKE '{$table}\\_cstm'")->num_rows > 0) {
            $this->db->execute_query("DELETE FROM `{$table}_cstm` WHERE id_c = ?", [$id]);
        }
    }
}
