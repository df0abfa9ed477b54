<?php

/**
 * The PHP API of the crmguard extension.  ext/crmguard_arginfo.h is generated
 * from this file by tools/gen-arginfo; php-stubs/crmguard.php repeats these
 * declarations with documentation for IDEs (tests/stubs_in_sync.phpt checks
 * that the two agree).
 *
 * @generate-class-entries
 */

namespace CrmGuard {
    function normalize_phone(string $raw, string $region = 'RU'): ?string {}

    function normalize_phones(array $raw, string $region = 'RU'): array {}

    function parse_phone(string $raw, string $region = 'RU'): array {}

    function extract_phones(string $text, string $region = 'RU'): array {}

    function csv_cell(string $cell): string {}

    function message_language(string $tag): string {}

    /**
     * @strict-properties
     */
    class Exception extends \RuntimeException
    {
    }

    /**
     * @strict-properties
     */
    class DbException extends Exception
    {
    }

    /**
     * @strict-properties
     */
    class CsvException extends Exception
    {
    }
}
