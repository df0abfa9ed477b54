<?php

/**
 * IDE and static-analysis stubs of CrmGuard\PhoneIndex (crmguard extension).
 * Never include this file at run time.  Kept in sync with
 * ext/phone_index.stub.php by tests/stubs_in_sync.phpt.
 */

namespace CrmGuard {
    /**
     * The CRM's phone numbers in E.164, for the call-card lookup: table
     * crmguard_phone (entity_type, entity_id, e164 as BIGINT UNSIGNED = the
     * digits after '+', source_field), created by `crmguard schema apply`.
     *
     * Only records that count are indexed: deleted records and converted leads
     * have no rows.  Entity types are the CRM's own: EspoCRM 'Lead', 'Contact',
     * 'Account'; SuiteCRM 'Leads', 'Contacts', 'Accounts'.
     *
     * ```php
     * $index = new PhoneIndex(new Connection($dsn), 'suitecrm');
     * $report = $index->rebuild();              // after install, or nightly
     * $index->reindex('Contacts', $contactId);  // in an after-save hook
     * ```
     */
    final class PhoneIndex
    {
        /**
         * @param string $crm 'espocrm' or 'suitecrm'
         * @param array{region?: string} $options region: ISO 3166 code for numbers stored
         *                                        without a country code (default 'RU')
         * @throws \ValueError for an unknown CRM, option or region
         */
        public function __construct(Connection $db, string $crm, array $options = []) {}

        /**
         * Rebuilds the whole index: streams every live lead, contact and account, splits
         * and normalizes each stored phone value (labels, extensions and several numbers in
         * one value are understood), writes the rows in batches into a new table and swaps
         * it in with one RENAME TABLE.  If anything fails the previous index stays as it was.
         * Memory use does not grow with the number of records; one rebuild per database
         * runs at a time.
         *
         * @return array{records: int, phones: int, invalid: int,
         *     invalid_sample: list<array{entity_type: string, entity_id: string, field: string, value: string}>,
         *     elapsed_s: float}
         *     records read, index rows written (distinct numbers per record), stored values
         *     holding no valid number or an invalid part, the first 10 of them, seconds taken
         * @throws DbException
         */
        public function rebuild(): array {}

        /**
         * Replaces one record's rows with its current numbers (none when it is deleted,
         * converted or gone), in one transaction, or in the caller's when one is open on
         * the connection.  For after-save hooks.
         *
         * @param string $entityType the CRM's entity type ('Contact' / 'Contacts', ...)
         * @throws \ValueError for an entity type the index does not hold
         * @throws DbException
         */
        public function reindex(string $entityType, string $id): void {}
    }
}
