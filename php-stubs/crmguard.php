<?php

/**
 * IDE and static-analysis stubs of the crmguard PHP extension (0.2.0).
 *
 * Never include this file at run time: the functions and classes come from the
 * extension (crmguard.so).  Kept in sync with ext/crmguard.stub.php, which the C
 * arginfo is generated from; tests/stubs_in_sync.phpt compares the two and the
 * loaded extension.
 *
 * @phpstan-type ParsedPhone array{
 *     e164: ?string,
 *     country_code: ?int,
 *     region: ?string,
 *     national: ?string,
 *     extension: ?string,
 *     valid: bool,
 *     error: ?string
 * }
 */

namespace CrmGuard {
    /**
     * The number in E.164 form, or null when the text is not a valid number.
     *
     * Reads what people type: spaces, brackets, dashes (also no-break spaces and
     * Unicode dashes), fullwidth digits, labels such as "тел." or "(моб.)", the
     * Russian trunk prefix 8 and the international prefix 8 10.  An extension
     * ("доб. 123", "ext. 45", "x45") is dropped.
     *
     * ```php
     * normalize_phone('8 (912) 345-67-89');        // '+79123456789'
     * normalize_phone('+375 29 123-45-67');        // '+375291234567'
     * normalize_phone('8 10 49 30 1234567');       // '+49301234567'
     * normalize_phone('030 1234567', 'DE');        // '+49301234567'
     * normalize_phone('123');                      // null
     * ```
     *
     * @param string $raw    one phone number as typed (any bytes; longer than 4096 bytes is no number)
     * @param string $region ISO 3166 alpha-2 code (any case) for numbers written without a
     *                       country code
     * @return non-empty-string|null E.164, e.g. "+79123456789"
     * @throws \ValueError when $region is not a known region code
     */
    function normalize_phone(string $raw, string $region = 'RU'): ?string {}

    /**
     * normalize_phone() for many values at once; the keys are kept.
     *
     * Strings are read as numbers, ints as their decimal digits; any other value
     * (null, float, bool, array, object) gives null without an error.
     *
     * ```php
     * normalize_phones(['a' => '8 912 345-67-89', 7 => 89123456789, 'x' => 'none']);
     * // ['a' => '+79123456789', 7 => '+79123456789', 'x' => null]
     * ```
     *
     * @template K of array-key
     * @param array<K, mixed> $raw
     * @param string $region ISO 3166 alpha-2 code, as for normalize_phone()
     * @return array<K, non-empty-string|null>
     * @throws \ValueError when $region is not a known region code
     */
    function normalize_phones(array $raw, string $region = 'RU'): array {}

    /**
     * Everything crmguard reads from one number.
     *
     * - e164: "+79123456789", null unless valid
     * - country_code: 7, null when none could be determined
     * - region: ISO 3166 alpha-2 ("RU", "KZ"), "001" for non-geographic numbers, null when unknown
     * - national: the national significant number, digits only ("9123456789"), or null
     * - extension: digits ("123" of "доб. 123"), or null
     * - valid: whether the number is valid
     * - error: null when valid, else a stable code: "empty", "not_a_number",
     *   "invalid_country_code", "too_short", "too_long", "invalid_for_region"
     *
     * ```php
     * parse_phone('8 (495) 123-45-67 доб. 2');
     * // ['e164' => '+74951234567', 'country_code' => 7, 'region' => 'RU',
     * //  'national' => '4951234567', 'extension' => '2', 'valid' => true, 'error' => null]
     * parse_phone('+7 701 123 4567')['region'];   // 'KZ'
     * parse_phone('123')['error'];                // 'too_short'
     * ```
     *
     * @param string $region ISO 3166 alpha-2 code, as for normalize_phone()
     * @return ParsedPhone
     * @throws \ValueError when $region is not a known region code
     */
    function parse_phone(string $raw, string $region = 'RU'): array {}

    /**
     * The valid numbers of a free-text cell, in E.164, each once, in order of
     * first appearance.
     *
     * Numbers may be separated by , ; / a new line, "или" or "or"; two numbers are
     * never glued into one.  Invalid parts are left out.
     *
     * ```php
     * extract_phones('8-912-345-67-89, 8 (495) 123-45-67 доб. 2');
     * // ['+79123456789', '+74951234567']
     * extract_phones('8 912 345 67 89 или 8 912 345 67 90');
     * // ['+79123456789', '+79123456790']
     * ```
     *
     * @param string $region ISO 3166 alpha-2 code, as for normalize_phone()
     * @return list<non-empty-string>
     * @throws \ValueError when $region is not a known region code
     */
    function extract_phones(string $text, string $region = 'RU'): array {}

    /**
     * The cell as crmguard writes it into a CSV file: a cell that starts with
     * = + - @ a tab, a carriage return or ' gets a ' before it, so that a
     * spreadsheet (Excel, LibreOffice Calc) shows it as text and runs no
     * formula (OWASP "CSV Injection").  Every CSV crmguard writes (the import's
     * rejects file, report --csv, qc-sample --csv, audit --csv) uses this rule,
     * and importing a rejects file takes the ' off again.
     *
     * ```php
     * csv_cell('=HYPERLINK("http://x")'); // '\'=HYPERLINK("http://x")'
     * csv_cell('+7 912 111-22-33');       // "'+7 912 111-22-33"
     * csv_cell('Иванов');                 // 'Иванов'
     * ```
     */
    function csv_cell(string $cell): string {}

    /**
     * The language crmguard's messages take for a CRM language tag: "ru" for ru, ru_RU, ru-RU
     * (any case), "en" for anything else. PHP code that shows its own texts beside crmguard's
     * uses it, so the two never disagree.
     *
     * message_language('ru_RU'); // 'ru'
     * message_language('en_us'); // 'en'
     */
    function message_language(string $tag): string {}

    /**
     * Base class of every exception crmguard throws.
     */
    class Exception extends \RuntimeException
    {
    }

    /**
     * A database error: connecting, a query, a lost connection.  Messages never
     * contain the password.
     */
    class DbException extends Exception
    {
    }

    /**
     * A CSV file that cannot be read at all (a malformed row is reported and
     * skipped instead, see the import report).
     */
    class CsvException extends Exception
    {
    }
}
