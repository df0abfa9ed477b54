<?php
declare(strict_types=1);

namespace CrmGuard\Telephony;

/**
 * Each protocol's answer to "who is this number", from a card already redacted for its viewer
 * (CardView::redact) and the person it shows (CardView::person).  Pure functions: the gateway
 * and `crmguard lookup --format` print the same bytes.
 */
final class Formats
{
    /** Characters of the one-line answer: what a CallerID name holds on common SIP phones. */
    public const TEXT_MAX_CHARS = 48;

    /**
     * Asterisk CURL() / FreePBX Superfecta: one line, "RED Ольга Петрова: ООО «Ромашка»" — the
     * colour (none is left out), the responsible manager, the deciding record's name when the
     * viewer may read it; an unknown number is an empty line (the PBX keeps the number).  No
     * control characters, no '"', '\', ',' or '|' (dialplan argument separators and quoting),
     * at most TEXT_MAX_CHARS characters.
     */
    public static function text(array $view): string
    {
        if ($view['matches'] === [] && $view['entity_id'] === null && $view['owner_id'] === null && $view['color'] === 'none') {
            return '';
        }
        $parts = [];
        if ($view['color'] !== 'none') {
            $parts[] = strtoupper((string) $view['color']);
        }
        $name = null;
        foreach ($view['matches'] as $m) {
            if ($view['entity_id'] !== null && $m['entity_id'] === $view['entity_id'] && $m['entity_type'] === $view['entity_type']) {
                $name = (string) $m['name'];
            }
        }
        $owner = $view['owner_name'] ?? null;
        $head = implode(' ', array_filter([...$parts, $owner], fn ($s) => $s !== null && $s !== ''));
        $line = $name !== null && $name !== '' ? ($head !== '' ? "$head: $name" : $name) : $head;
        return self::clip(self::clean($line), self::TEXT_MAX_CHARS);
    }

    /**
     * 3CX's server-side CRM template (Scenario Id="": Rules on contact_id, Variables by path):
     * flat fields.  A known number whose records the viewer may not read still answers a contact
     * (contact_id "crmguard:+7…", the colour and manager as its name) so 3CX shows the colour.
     */
    public static function threeCx(array $view, ?array $person, ?string $contactUrl): array
    {
        $label = $view['color'] === 'none' ? '' : strtoupper((string) $view['color']);
        $out = ['phone' => $view['phone'], 'color' => $view['color'], 'color_label' => $label,
            'verdict' => self::oneLine((string) $view['verdict']), 'owner_name' => (string) ($view['owner_name'] ?? '')];
        if ($person !== null) {
            return ['contact_id' => $person['entity_id'], 'first_name' => self::oneLine($person['first_name']),
                'last_name' => self::oneLine($person['last_name']), 'full_name' => self::oneLine($person['full_name']),
                'company' => self::oneLine($person['company']), 'email' => self::oneLine($person['email']),
                'contact_url' => (string) $contactUrl, 'entity_type' => $person['entity_type'],
                'entity_id' => $person['entity_id']] + $out;
        }
        if ($view['color'] === 'none' && $view['owner_id'] === null) {
            return $out; // unknown: no contact_id, the template's Rule finds no contact
        }
        return ['contact_id' => 'crmguard:' . $view['phone'], 'first_name' => '', 'last_name' => self::text($view),
            'full_name' => self::text($view), 'company' => '', 'email' => '', 'contact_url' => '',
            'entity_type' => '', 'entity_id' => ''] + $out;
    }

    /** iTooLabs cmd=contact: {"contact_name", "responsible"} (responsible: the manager's CRM login, left out when none). */
    public static function itoolabs(array $view, ?string $ownerLogin): array|\stdClass
    {
        $name = self::text($view);
        $out = [];
        if ($name !== '') {
            $out['contact_name'] = $name;
        }
        if ($ownerLogin !== null && $ownerLogin !== '') {
            $out['responsible'] = $ownerLogin;
        }
        return $out === [] ? new \stdClass() : $out;
    }

    /** Zadarma NOTIFY_START answer: {"caller_name": ...}; {} for an unknown number. */
    public static function zadarma(array $view): array|\stdClass
    {
        $name = self::text($view);
        return $name === '' ? new \stdClass() : ['caller_name' => $name];
    }

    /** Printable one-line text: control characters and dialplan-special characters become spaces. */
    public static function clean(string $s): string
    {
        $s = self::scrub($s);
        $s = (string) preg_replace('/[\x00-\x1f\x7f"\\\\,|]+/u', ' ', $s);
        return trim((string) preg_replace('/ {2,}/', ' ', $s));
    }

    /** At most $chars characters (UTF-8), '…' marking a cut.  (No mbstring: the CRMs have it, `php -n` has not.) */
    /** One line of valid UTF-8 (3CX's fields): control characters become spaces, nothing else changes. */
    public static function oneLine(string $s): string
    {
        return trim((string) preg_replace('/[\x00-\x1f\x7f]+/u', ' ', self::scrub($s)));
    }

    public static function clip(string $s, int $chars): string
    {
        if (preg_match_all('/./us', $s) <= $chars) {
            return $s;
        }
        preg_match('/^.{0,' . ($chars - 1) . '}/us', $s, $m);
        return rtrim($m[0]) . '…';
    }

    /** Valid UTF-8: each invalid byte becomes U+FFFD. */
    public static function scrub(string $s): string
    {
        return preg_match('//u', $s) ? $s : (string) json_decode((string) json_encode($s, JSON_INVALID_UTF8_SUBSTITUTE));
    }
}
