<?php
declare(strict_types=1);

namespace CrmGuard\Telephony;

use CrmGuard\Connection;

/**
 * What a call card may show to one viewer (issue 15, "what a card reveals").
 *
 * The colour, the responsible manager (owner_id, owner_name) and the company's status are always
 * shown: telling a caller whose number it is and whether to call is the point of the card.
 * Record names and ids only of records the viewer may read, by the CRM's own access rules
 * ($mayRead, the CRM's ACL for the viewer: a logged-in user, or the CRM user a connector token is
 * bound to): `matches` keeps only those, entity_type/entity_id are null when the deciding record
 * is not readable, and the verdict (which names records) is replaced by one that names only the
 * manager when any match is hidden.
 */
final class CardView
{
    private const GENERIC = [
        'en' => [
            'red' => 'In work with %s: do not call.',
            'yellow' => 'A contact in the CRM (responsible: %s).',
            'blue' => 'Known only as a lead (responsible: %s).',
            'none' => 'Not held by a company in work with another manager.',
        ],
        'ru' => [
            'red' => 'В работе у менеджера %s: звонить нельзя.',
            'yellow' => 'Контакт в CRM (ответственный: %s).',
            'blue' => 'Номер есть только среди лидов (ответственный: %s).',
            'none' => 'Номер не в работе у другого менеджера.',
        ],
    ];

    /**
     * @param array<string, mixed> $card PhoneIndex::lookup()'s result
     * @param callable(string, string): bool $mayRead (entity type, id) => may the viewer read it
     * @return array<string, mixed> the same keys, what the viewer may see
     */
    public static function redact(array $card, callable $mayRead, string $lang): array
    {
        $shown = [];
        $hidden = 0;
        $readable = [];
        foreach ($card['matches'] as $m) {
            $key = $m['entity_type'] . ':' . $m['entity_id'];
            $readable[$key] ??= (bool) $mayRead((string) $m['entity_type'], (string) $m['entity_id']);
            if ($readable[$key]) {
                if (isset($m['via_contact_id']) && !self::readableId($readable, $mayRead, $card['matches'], (string) $m['via_contact_id'])) {
                    $m['via_contact_id'] = null;
                }
                $shown[] = $m;
            } else {
                $hidden++;
            }
        }
        $view = $card;
        $view['matches'] = $shown;
        if ($card['entity_id'] !== null) {
            $key = $card['entity_type'] . ':' . $card['entity_id'];
            if (!($readable[$key] ??= (bool) $mayRead((string) $card['entity_type'], (string) $card['entity_id']))) {
                $view['entity_type'] = $view['entity_id'] = null;
                $hidden = max($hidden, 1);
            }
        }
        if ($hidden > 0) {
            $lang = \CrmGuard\message_language($lang);
            $texts = self::GENERIC[$lang];
            $view['verdict'] = sprintf($texts[$card['color']] ?? $texts['none'],
                $card['owner_name'] ?? ($lang === 'ru' ? 'не назначен' : 'nobody'));
        }
        return $view;
    }

    private static function readableId(array &$readable, callable $mayRead, array $matches, string $contactId): bool
    {
        foreach ($matches as $m) {
            if ($m['entity_id'] === $contactId && preg_match('/^Contacts?$/', (string) $m['entity_type'])) {
                return $readable[$m['entity_type'] . ':' . $contactId] ??= (bool) $mayRead((string) $m['entity_type'], $contactId);
            }
        }
        return false;
    }

    /** 'contact', 'lead', 'account' of crmguard_phone's entity type (EspoCRM Contact, SuiteCRM Contacts). */
    public static function kind(?string $entityType): ?string
    {
        return match ($entityType) {
            'Contact', 'Contacts' => 'contact',
            'Lead', 'Leads' => 'lead',
            'Account', 'Accounts' => 'account',
            default => null,
        };
    }

    /**
     * The person a PBX shows for a redacted card: the first readable contact, else lead, else the
     * deciding or first readable company; with first/last name, e-mail and company from the CRM's
     * tables (one statement each, by primary key).
     *
     * @return ?array{entity_type: string, entity_id: string, first_name: string, last_name: string,
     *                full_name: string, company: string, email: string}
     */
    public static function person(array $view, Connection $db, string $crm): ?array
    {
        $pick = null;
        foreach (['contact', 'lead', 'account'] as $kind) {
            foreach ($view['matches'] as $m) {
                if (self::kind($m['entity_type']) === $kind) {
                    $pick = $m;
                    break 2;
                }
            }
        }
        if ($pick === null) {
            return null;
        }
        $kind = self::kind($pick['entity_type']);
        $espo = $crm === 'espocrm';
        $table = $espo ? ['contact' => 'contact', 'lead' => 'lead', 'account' => 'account'][$kind]
            : ['contact' => 'contacts', 'lead' => 'leads', 'account' => 'accounts'][$kind];
        $cols = $kind === 'account' ? 'name AS first_name, NULL AS last_name' : 'first_name, last_name';
        $row = $db->query("SELECT $cols FROM `$table` WHERE id = ?", [$pick['entity_id']])[0] ?? ['first_name' => null, 'last_name' => null];
        $email = $espo
            ? $db->query('SELECT ea.name AS email FROM entity_email_address eea JOIN email_address ea ON ea.id = eea.email_address_id AND ea.deleted = 0
                WHERE eea.entity_id = ? AND eea.entity_type = ? AND eea.deleted = 0 ORDER BY eea.`primary` DESC, ea.name LIMIT 1',
                [$pick['entity_id'], $pick['entity_type']])
            : $db->query('SELECT ea.email_address AS email FROM email_addr_bean_rel r JOIN email_addresses ea ON ea.id = r.email_address_id AND ea.deleted = 0
                WHERE r.bean_id = ? AND r.bean_module = ? AND r.deleted = 0 ORDER BY r.primary_address DESC, ea.email_address LIMIT 1',
                [$pick['entity_id'], $pick['entity_type']]);
        $company = '';
        if ($kind === 'account') {
            $company = (string) $row['first_name'];
            $row = ['first_name' => '', 'last_name' => (string) $row['first_name']];
        } else {
            foreach ($view['matches'] as $m) {
                if (self::kind($m['entity_type']) === 'account'
                    && (($m['via_contact_id'] ?? null) === $pick['entity_id'] || $company === '')) {
                    $company = (string) $m['name'];
                }
            }
        }
        return [
            'entity_type' => (string) $pick['entity_type'],
            'entity_id' => (string) $pick['entity_id'],
            'first_name' => (string) ($row['first_name'] ?? ''),
            'last_name' => (string) ($row['last_name'] ?? ''),
            'full_name' => (string) $pick['name'],
            'company' => $company,
            'email' => (string) ($email[0]['email'] ?? ''),
        ];
    }
}
