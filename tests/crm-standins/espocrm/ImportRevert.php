<?php
/*
 * EspoCRM 9.2.7's Import -> Revert, application/Espo/Tools/Import/Service.php revert()
 * (205-295) and deleteRelations() (297-331), over EspoStandin (bootstrap.php):
 *   - every import_entity row of the import with isImported: the record, when it exists;
 *   - an import younger than REVERT_PERMANENTLY_REMOVE_PERIOD_DAYS (2, line 62): the record's
 *     many-to-many middle rows are deleted first (deleteRelations);
 *   - removeEntity() (deleted = 1 and the afterRemove hooks, where crmguard's run), then, when
 *     young, deleteFromDb (the row itself goes);
 *   - at the end the import itself is removed (deleted = 1).
 * The many-to-many links of the records an import makes (Modules/Crm/Resources/metadata/
 * entityDefs/{Contact,Account,Opportunity,Task}.json links, and the phoneNumbers /
 * emailAddresses relations Core/Utils/Database/Orm/FieldConverters/Phone.php 103 and
 * Email.php 92 add): middle table, its key of the record, the conditions.
 */
declare(strict_types=1);

final class ImportRevertStandin
{
    private const MANY_MANY = [
        'Contact' => [['account_contact', 'contact_id', ''], ['contact_opportunity', 'contact_id', ''],
            ['entity_team', 'entity_id', "entity_type = 'Contact'"], ['entity_phone_number', 'entity_id', "entity_type = 'Contact'"],
            ['entity_email_address', 'entity_id', "entity_type = 'Contact'"]],
        'Account' => [['account_contact', 'account_id', ''], ['entity_team', 'entity_id', "entity_type = 'Account'"],
            ['entity_phone_number', 'entity_id', "entity_type = 'Account'"], ['entity_email_address', 'entity_id', "entity_type = 'Account'"]],
        'Opportunity' => [['contact_opportunity', 'opportunity_id', ''], ['entity_team', 'entity_id', "entity_type = 'Opportunity'"]],
        'Task' => [['entity_team', 'entity_id', "entity_type = 'Task'"]],
    ];

    public function __construct(private EspoStandin $espo, private mysqli $db) {}

    public function revert(string $id): void
    {
        $import = $this->db->execute_query('SELECT created_at FROM import WHERE id = ? AND deleted = 0', [$id])->fetch_assoc()
            ?? throw new RuntimeException('Could not find import record.');
        $rows = $this->db->execute_query('SELECT entity_type, entity_id FROM import_entity WHERE import_id = ? AND is_imported = 1
            AND deleted = 0', [$id])->fetch_all(MYSQLI_ASSOC);
        $removeFromDb = $import['created_at'] !== null
            && (time() - strtotime($import['created_at'] . ' UTC')) / 86400 < 2;
        foreach ($rows as $row) {
            $type = $row['entity_type'];
            $table = strtolower(preg_replace('/(?<!^)[A-Z]/', '_$0', $type));
            if (!$this->db->execute_query("SELECT id FROM `$table` WHERE id = ? AND deleted = 0", [$row['entity_id']])->fetch_row()) {
                continue;
            }
            if ($removeFromDb) {
                foreach (self::MANY_MANY[$type] ?? [] as [$middle, $key, $cond]) {
                    $this->db->execute_query("DELETE FROM `$middle` WHERE `$key` = ?" . ($cond !== '' ? " AND $cond" : ''), [$row['entity_id']]);
                }
            }
            $this->espo->remove($this->espo->fetch($type, $row['entity_id']));
            if ($removeFromDb) {
                $this->db->execute_query("DELETE FROM `$table` WHERE id = ?", [$row['entity_id']]);
            }
        }
        $this->db->execute_query('UPDATE import SET deleted = 1 WHERE id = ?', [$id]);
    }
}
