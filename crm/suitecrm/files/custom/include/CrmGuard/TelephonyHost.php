<?php
/*
 * SuiteCRM under crmguard's telephony adapter core (CrmGuard\Telephony\Host).  Access is
 * SuiteCRM's own, checked as the CRM user in question (a connector token's user, or the
 * logged-in user): the record's bean ACLAccess('view') (data/SugarBean.php 6107-6183: admins
 * always; else ACLController::checkAccess(module, 'view', is_owner, 'module', in_group), owner by
 * isOwner() 1676-1700, groups by SecurityGroup::groupHasAccess), with $current_user set to that
 * user for the check and put back after; Calls by ACLController::checkAccess('Calls', 'view',
 * true).  A Call is saved as a Calls bean (its logic hooks run: crmguard's colour among them).
 * Config: site_url (record links), crmguard_zadarma_secret (Zadarma's API secret),
 * default_language.
 */
declare(strict_types=1);

require_once __DIR__ . '/SuiteGuard.php';

final class CrmGuardTelephonyHost implements \CrmGuard\Telephony\Host
{
    /** @var array<string, mixed> user id => its User bean, or null when there is none */
    private array $users = [];

    /** Runs $check with $current_user set to the user (null: no such user -> false). */
    private function asUser(string $userId, callable $check): bool
    {
        global $current_user;
        if (!array_key_exists($userId, $this->users)) {
            $user = BeanFactory::getBean('Users', $userId);
            $this->users[$userId] = $user && !empty($user->id) && (($user->status ?? 'Active') === 'Active' || ($user->status ?? '') === '')
                ? $user : null;
        }
        if ($this->users[$userId] === null) {
            return false;
        }
        $saved = $current_user ?? null;
        $current_user = $this->users[$userId];
        try {
            return (bool) $check();
        } finally {
            $current_user = $saved;
        }
    }

    public function mayRead(string $userId, string $entityType, string $entityId): bool
    {
        return $this->asUser($userId, static function () use ($entityType, $entityId): bool {
            $bean = BeanFactory::getBean($entityType, $entityId);
            return $bean && !empty($bean->id) && $bean->ACLAccess('view');
        });
    }

    public function mayUseCalls(string $userId): bool
    {
        return $this->asUser($userId, static fn (): bool => ACLController::checkAccess('Calls', 'view', true));
    }

    public function journalCall(array $call, ?string $existingId): string
    {
        $bean = $existingId !== null ? BeanFactory::getBean('Calls', $existingId) : null;
        if (!$bean || empty($bean->id)) {
            $bean = BeanFactory::newBean('Calls');
        }
        $bean->name = \CrmGuard\Telephony\Formats::clip($call['name'], 50);
        $bean->status = $call['status'];
        $bean->direction = $call['direction'];
        $bean->date_start = $call['date_start'];
        $bean->date_end = $call['date_end'];
        $bean->duration_hours = intdiv($call['duration'], 3600);
        $bean->duration_minutes = intdiv($call['duration'] % 3600, 60);
        $bean->parent_type = $call['parent_type'];
        $bean->parent_id = $call['parent_id'];
        $bean->assigned_user_id = $call['assigned_user_id'];
        $bean->description = $call['description'];
        return (string) $bean->save();
    }

    public function recordUrl(string $entityType, string $entityId): ?string
    {
        $site = rtrim((string) ($GLOBALS['sugar_config']['site_url'] ?? ''), '/');
        return $site === '' ? null : "$site/index.php?module=" . rawurlencode($entityType) . '&action=DetailView&record=' . rawurlencode($entityId);
    }

    public function setting(string $name): ?string
    {
        $value = $name === 'zadarma_secret' ? (string) ($GLOBALS['sugar_config']['crmguard_zadarma_secret'] ?? '') : '';
        return $value === '' ? null : $value;
    }

    public function lang(): string
    {
        return (string) ($GLOBALS['sugar_config']['default_language'] ?? 'en_us');
    }
}
