<?php
declare(strict_types=1);

namespace CrmGuard\Telephony;

/**
 * What the telephony adapter core needs from the CRM it runs in: its access rules, its way of
 * saving a Call record, its record URLs and its settings.  EspoCRM (Tools/TelephonyHost) and
 * SuiteCRM (TelephonyHost.php) each implement it with the CRM's own ACL and ORM; the CLI
 * implements it as an administrator that journals nothing.
 */
interface Host
{
    /** Whether the CRM user may read the record ($entityType as crmguard_phone names it). */
    public function mayRead(string $userId, string $entityType, string $entityId): bool;

    /** Whether the CRM user may read Calls at all (the call card's scope). */
    public function mayUseCalls(string $userId): bool;

    /**
     * Saves a Call record through the CRM's own ORM (so the CRM's hooks run, crmguard's colour
     * hook among them) and returns its id; $existingId: update that record instead.
     *
     * @param array{name: string, direction: string, status: string, date_start: string, date_end: string,
     *              duration: int, parent_type: ?string, parent_id: ?string, assigned_user_id: string,
     *              description: string, color: string} $call
     */
    public function journalCall(array $call, ?string $existingId): string;

    /** The record's page in the CRM, or null. */
    public function recordUrl(string $entityType, string $entityId): ?string;

    /** A deployment setting: 'zadarma_secret' (Zadarma's API secret, to check its Signature). */
    public function setting(string $name): ?string;

    /** The language tag the CRM has (ru_RU, en_us ...); \CrmGuard\message_language() reads it. */
    public function lang(): string;
}
