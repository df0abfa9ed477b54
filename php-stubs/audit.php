<?php

/**
 * IDE and static-analysis stubs of CrmGuard\Audit (crmguard extension).
 * Never include at run time; kept in sync with ext/audit.stub.php
 * (tests/stubs_in_sync.phpt).
 *
 * @phpstan-type AuditFinding array{
 *     entity_type: string,
 *     entity_id: string,
 *     user_id: ?string,
 *     field: string,
 *     source_field: string,
 *     problem: 'lowercase'|'bad_word'|'not_canonical'|'several_numbers'|'invalid_phone'|'missing',
 *     value: ?string,
 *     detail: ?string
 * }
 */

namespace CrmGuard {
    /**
     * The data-quality checks of client cards and deals, run natively.
     *
     * ```php
     * $audit = new CrmGuard\Audit(['words' => ['истеричк*', 'не знает что хочет'],
     *                              'required' => ['Contact.phone', 'Deal.comment']]);
     * $audit->checkName('мария');            // [['problem' => 'lowercase']]
     * $audit->checkPhone('8 (912) 345-67-89'); // 'not_canonical'
     * $audit->scan($db, 'SELECT * FROM crmguard_v_card_field');
     * // ['rows' => 1234, 'findings' => [[...AuditFinding...], ...]]
     * ```
     */
    final class Audit
    {
        /**
         * @param array{
         *     words?: list<string>,
         *     region?: string,
         *     name_fields?: list<string>,
         *     phone_fields?: list<string>,
         *     required?: list<string>
         * } $options
         *   words: nicknames and insults to find in name fields (case, ё and punctuation do not
         *   matter; whole words, or a word prefix when the entry ends in '*');
         *   region: ISO 3166 code for phones without a country code (default RU);
         *   name_fields: fields checked as names (default first_name, last_name, name);
         *   phone_fields: fields checked as phones (default phone);
         *   required: "EntityType.field" entries whose empty value is a finding (default none).
         * @throws \ValueError on an unknown option or a value of the wrong kind
         */
        public function __construct(array $options = []) {}

        /**
         * The problems of one name: a lower-case first letter, a listed word.
         *
         * @return list<array{problem: 'lowercase'}|array{problem: 'bad_word', word: string}>
         */
        public function checkName(string $value): array {}

        /**
         * null when the stored value is exactly E.164, else 'several_numbers' (two or more
         * numbers in one field), 'invalid_phone' (no valid number) or 'not_canonical'.
         */
        public function checkPhone(string $value): ?string {}

        /**
         * Runs $sql (one query, or a list run one after another with one count), whose rows are
         * (entity_type, entity_id, user_id, field, source_field, value) like the view
         * crmguard_v_card_field, streaming them through the checks in C.
         * Every finding is counted there; only the first $keep are returned as arrays (null:
         * all), so memory stays flat however many rows and problems there are.
         *
         * @param string|list<string> $sql
         * @param list<null|bool|int|float|string> $params the values of the `?` in $sql (in each
         *        query when a list), in order, bound as Connection::query() binds them
         * @param ?int $keep how many findings to list (0 or more; null: every one)
         * @return array{rows: int, findings: list<AuditFinding>, problems: int, records: int,
         *               kinds: list<array{0: string, 1: string, 2: string, 3: int}>,
         *               by_user: array<string, int>}
         *         kinds: [entity_type, field, problem, count]; by_user: problems per user_id
         *         ('' for records of nobody); records: distinct records with a problem
         * @throws DbException when the query fails or returns fewer than six columns
         */
        public function scan(Connection $db, string|array $sql, array $params = [], ?int $keep = null): array {}
    }
}
