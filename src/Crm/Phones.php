<?php
declare(strict_types=1);

namespace CrmGuard\Crm;

/**
 * The canonical form of a stored phone value, one implementation for both CRM packages and
 * `crmguard audit --fix phones` (issue 14):
 *
 *   - one number: its E.164 (`+79123456789`), an extension kept the way EspoCRM writes it
 *     (EspoCRM Core/PhoneNumber/Sanitizer.php parsePhoneNumber(): "<e164> ext. <n>"), also in
 *     SuiteCRM, which has no convention of its own;
 *   - several numbers in one value (`8 912 ..., 8 (495) ...`): the pieces split at , ; or
 *     " / ", each canonical, joined by ", " (SuiteCRM keeps them in one field; EspoCRM's package
 *     makes each one a phoneNumberData entry);
 *   - anything else (a piece that is not a valid number): null, the value is not rewritten.
 *
 * Parsing is the extension's (CrmGuard\parse_phone), which reads Russian habits (`8 912 ...`,
 * `тел. 8(912)...`, `доб. 12`) that EspoCRM's own parser (brick/phonenumber) refuses.
 */
final class Phones
{
    /** The EspoCRM way of writing an extension after the number. */
    public const EXTENSION = ' ext. ';

    /**
     * @return list<string>|null the canonical numbers of $raw (one per piece), [] for a blank
     *         value, null when a piece is not a valid number
     */
    public static function canonicalList(string $raw, string $region = 'RU'): ?array
    {
        if (trim($raw) === '') {
            return [];
        }
        $one = self::one($raw, $region);
        if ($one !== null) {
            return [$one];
        }
        $pieces = preg_split('~\s*(?:[,;]|\s/\s)\s*~u', trim($raw), -1, PREG_SPLIT_NO_EMPTY);
        if ($pieces === false || count($pieces) < 2) {
            return null;
        }
        $out = [];
        foreach ($pieces as $piece) {
            $c = self::one($piece, $region);
            if ($c === null) {
                return null;
            }
            $out[] = $c;
        }
        return $out;
    }

    /** The canonical value of $raw ('' for blank), or null when it is not made of valid numbers. */
    public static function canonical(string $raw, string $region = 'RU'): ?string
    {
        $list = self::canonicalList($raw, $region);
        return $list === null ? null : implode(', ', $list);
    }

    /**
     * Every number in the values (free text: two numbers in a field, words around them), as
     * E.164 digits without '+' (the phone index's key), unique, in order.
     *
     * @param iterable<?string> $values
     * @return list<string>
     */
    public static function digits(iterable $values, string $region = 'RU'): array
    {
        $seen = [];
        foreach ($values as $value) {
            if ($value === null || trim((string) $value) === '') {
                continue;
            }
            $found = \CrmGuard\extract_phones((string) $value, $region);
            $p = \CrmGuard\parse_phone((string) $value, $region);
            if ($p['valid']) {
                $found[] = $p['e164'];
            }
            foreach ($found as $e164) {
                $seen[substr((string) $e164, 1)] = true;
            }
        }
        return array_map('strval', array_keys($seen));
    }

    /**
     * Text that is part of how a number is written (digits, spaces, ()+-./, the usual words before
     * a number or an extension); anything else (a name, a note) would be lost by a rewrite, so a
     * value holding it is not canonicalized.
     */
    private const NOISE = '~\d|\s|[()+\-./:#]|\b(?:тел|телефон|моб|мобильный|раб|дом|доб|вн|tel|phone|mob|mobile|work|ext|x)\b\.?~iu';

    private static function one(string $raw, string $region): ?string
    {
        if (preg_replace(self::NOISE, '', $raw) !== '') {
            return null;
        }
        $p = \CrmGuard\parse_phone($raw, $region);
        if (!$p['valid'] || $p['e164'] === null) {
            return null;
        }
        return $p['e164'] . (($p['extension'] ?? '') !== '' ? self::EXTENSION . $p['extension'] : '');
    }
}
