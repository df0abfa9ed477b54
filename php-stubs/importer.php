<?php

/**
 * IDE and static-analysis stubs of CrmGuard\Importer (crmguard extension).
 * Never include this file at run time.  Kept in sync with
 * ext/importer.stub.php by tests/stubs_in_sync.phpt.
 */

namespace CrmGuard {
    /**
     * Bulk import of a contact list (CSV) into EspoCRM or SuiteCRM.
     *
     * Each row whose phone number neither an earlier row nor the CRM holds (any
     * live lead, contact or account, through the phone index crmguard_phone)
     * becomes, written as the CRM itself writes them: a contact; its company (an
     * existing one of the same name is reused, a new one gets status 'waiting');
     * a deal in stage 'New' linked to both; a call task (Not Started) on the deal
     * — all assigned to one manager.  Other rows go to a rejects CSV (the
     * original row, its line and the reason).
     *
     * The file is read as a stream in constant memory: UTF-8 with or without a
     * BOM or Windows-1251 (detected), ',' ';' or tab (detected), quoted and
     * multi-line fields; headers in Russian or English are recognised (ФИО,
     * Телефон, Компания, Email, Комментарий, Источник, Name, Phone, ...).
     * Writing is batched: one transaction per batch with a journal
     * (crmguard_import, crmguard_import_row), under a lock per database, so a
     * crash leaves no contact without its deal and task, a re-run of the same
     * file creates nothing twice, and two imports never add one number twice.
     *
     * ```php
     * $importer = new Importer(new Connection($dsn), 'espocrm', ['assign' => 'olga,ivan']);
     * $report = $importer->run('/tmp/list.csv');
     * echo $report['contacts_created'], ' created, ', $report['rejected_rows'], " rejected\n";
     * ```
     */
    final class Importer
    {
        /**
         * @param string $crm 'espocrm' or 'suitecrm'
         * @param array{
         *     assign?: string|list<string>,
         *     assign_column?: string|bool,
         *     map?: string|list<string>|array<string, string>,
         *     region?: string,
         *     encoding?: string,
         *     delimiter?: string,
         *     rejects?: string|null,
         *     dry_run?: bool,
         *     batch_size?: int,
         *     task_due?: int|string,
         *     close_days?: int,
         *     currency?: string,
         *     phone_extensions?: bool,
         *     lang?: string,
         *     created_by?: string,
         *     max_field?: int,
         *     connections?: int,
         *     progress?: bool,
         * } $options
         *   assign: managers in turn, user names or ids ("u1,u2", weights "u1:3,u2:1");
         *   assign_column: take each row's manager from this column (true: the column the
         *   header names Менеджер / Manager); map: "column=field" overrides (column: a header or a
         *   1-based number; fields: name, first_name, last_name, middle_name, phone, mobile,
         *   work_phone, company, email, comment, source, title, city, manager, ignore);
         *   region: for numbers without a country code (default 'RU'); encoding: 'auto' (default),
         *   'utf-8', 'cp1251'; delimiter: one character, 'tab', or '' to detect; rejects: the
         *   rejects file (default: beside the input, NAME.rejects.csv); dry_run: check everything,
         *   write nothing to the database; batch_size: rows per transaction (default 2000);
         *   task_due: seconds from now or a strtotime() phrase (default '+1 day'); close_days:
         *   the deals' close date (default 30); currency: EspoCRM amount currency (default: the
         *   CRM's default currency, the rate-1 row of its `currency` table, else 'USD');
         *   phone_extensions: EspoCRM's phoneNumberExtensions is on: numbers keep their extension
         *   as EspoCRM stores it, "+74951234567 ext. 2" (default false, EspoCRM's default);
         *   lang: 'ru' or 'en' task names; created_by: user name or id (default: the first active
         *   admin); max_field: the longest field kept, in bytes (default 1 MiB; a row with a longer
         *   one is rejected); connections: to the database, 1 to 5 (default 3: one reads and
         *   checks, two write batches side by side on the given connection and a new one, each
         *   batch still one transaction, committed in file order; 1: the given connection alone;
         *   a file of one batch, or a server that refuses more connections, gets 1);
         *   progress: rows, rows/s and ETA on stderr.
         * @throws \ValueError for an unknown or mistyped option
         */
        public function __construct(Connection $db, string $crm, array $options = []) {}

        /**
         * Imports the file.
         *
         * @return array{rows_read: int, contacts_created: int, deals_created: int, tasks_created: int,
         *     companies_created: int, companies_reused: int, duplicates_in_file: int,
         *     duplicates_in_crm: int, invalid_phone: int, malformed_rows: int, manager_errors: int,
         *     already_imported: int, rejected_rows: int, rejects_file: ?string, elapsed_s: float,
         *     dry_run: bool, import_id: string, encoding: string, delimiter: string, batches: int,
         *     write_method: string, connections: int, bytes: int}
         *     write_method: 'load_data' (LOAD DATA LOCAL fed from memory), 'insert' (multi-row
         *     INSERTs: the server has local_infile=OFF) or 'none' (dry run); connections: how
         *     many the import used
         * @throws CsvException the file cannot be read (missing, not CSV, an encoding that is
         *                      neither UTF-8 nor Windows-1251, no phone column)
         * @throws DbException the database refused or went away (earlier batches stay; run again)
         * @throws Exception unknown or inactive managers
         */
        public function run(string $csvPath): array {}
    }
}
