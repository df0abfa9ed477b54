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

        /**
         * The call card for a number and the user placing or taking the call.
         *
         * Gathers every live lead (not deleted, not converted), every live contact with all
         * its live companies (EspoCRM account_contact and contact.account_id; SuiteCRM
         * accounts_contacts) and every live company holding the number, and colours the card:
         * red: a company in 'in_work' assigned to someone other than the caller holds the
         * number itself or through a linked contact; yellow: a contact holds it; blue: only
         * leads hold it; none: anything else (unknown, the caller's own company, a company
         * not in work).  A missing company status is 'waiting'.
         *
         * ```php
         * $card = $index->lookup('8 (912) 345-67-89', $currentUserId, 'ru');
         * // ['phone' => '+79123456789', 'color' => 'red',
         * //  'verdict' => 'Компания «Ромашка» в работе у менеджера Ольга Петрова: звонить нельзя.',
         * //  'owner_id' => '...', 'owner_name' => 'Ольга Петрова', 'entity_type' => 'Accounts',
         * //  'entity_id' => '...', 'company_status' => 'in_work', 'matches' => [...]]
         * ```
         *
         * @param string $phone any format people type (the index's region for national numbers)
         * @param string $callerUserId the CRM user id of the caller
         * @param string $lang 'ru' (also 'ru_RU', 'ru-RU') or anything else for English (the verdict)
         * @return array{phone: string, color: 'red'|'yellow'|'blue'|'none', verdict: string,
         *     owner_id: ?string, owner_name: ?string, entity_type: ?string, entity_id: ?string,
         *     company_status: ?string,
         *     matches: list<array{entity_type: string, entity_id: string, name: string,
         *         owner_id: ?string, owner_name: ?string, company_status?: string, via_contact_id?: string}>}
         *     entity_*, owner_*: the deciding record (the red company, the contact, the lead, or
         *     for none the company if any); company_status: that company's, or for yellow the
         *     contact's first company's; matches: every record, companies reached through a
         *     contact with via_contact_id (that contact)
         * @throws \ValueError when $phone is not a valid number
         * @throws DbException
         */
        public function lookup(string $phone, string $callerUserId, string $lang = 'en'): array {}
    }
}
