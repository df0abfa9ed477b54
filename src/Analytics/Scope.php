<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

use CrmGuard\Connection;
use CrmGuard\Rules;

/**
 * Whose rows a CRM user sees in the dashlet: an administrator all managers, a supervisor his own
 * row and those of the users he supervises, a manager his own row only.
 *
 * Nothing here decides who is an administrator or a supervisor: the extension's rule does
 * (CrmGuard\Rules, ext/core/rules_db.c: the CRM's admin flag; the deployment's `supervisor`
 * option — SuiteCRM reports_to_id chain, EspoCRM team role — the same rule that lets a
 * supervisor change a company's status).  Asked as that rule is asked: may $userId move a
 * company of user U from waiting to in work?  Without an assigned user only an administrator
 * may; for U, only an administrator or U's supervisor.
 */
final class Scope
{
    /** @var ?list<string> the CRM's users, read once per Scope */
    private ?array $users = null;

    private function __construct(
        private readonly Connection $db,
        private readonly Rules $rules,
        private readonly string $from,
        private readonly string $to,
    ) {
    }

    /**
     * @param array<string, mixed> $ruleOptions the deployment's CrmGuard\Rules options
     * @return array{role: string, user_id: string, user_ids: ?list<string>} user_ids null: all
     */
    public static function of(Connection $db, string $crm, string $userId, array $ruleOptions = []): array
    {
        return self::rule($db, $crm, $ruleOptions)->forUser($userId);
    }

    /** The rule, built once, for asking about several users (the report job's recipients). */
    public static function rule(Connection $db, string $crm, array $ruleOptions = []): self
    {
        $rules = new Rules($db, $crm, $ruleOptions);
        $from = $rules->defaultStatus();
        foreach ($rules->statuses() as $s) {
            if ($s !== $from) {
                return new self($db, $rules, $from, $s);
            }
        }
        throw new \LogicException('crmguard: the status rule has a single status; no supervisor can be told');
    }

    /** @return array{role: string, user_id: string, user_ids: ?list<string>} user_ids null: all */
    public function forUser(string $userId): array
    {
        if ($this->isAdmin($userId)) {
            return ['role' => 'admin', 'user_id' => $userId, 'user_ids' => null];
        }
        $ids = [$userId];
        foreach ($this->users() as $u) {
            if ($u !== $userId && $this->supervises($userId, $u)) {
                $ids[] = $u;
            }
        }
        return ['role' => count($ids) > 1 ? 'supervisor' : 'manager', 'user_id' => $userId, 'user_ids' => $ids];
    }

    /** Whether the rule sees $userId as an administrator (all managers' rows). */
    public function isAdmin(string $userId): bool
    {
        return $this->rules->checkStatusChange($this->from, $this->to, $userId, null)['allowed'];
    }

    /** An administrator, or the supervisor of at least one user: not a manager (asks no further). */
    public function seesOthers(string $userId): bool
    {
        if ($this->isAdmin($userId)) {
            return true;
        }
        foreach ($this->users() as $u) {
            if ($u !== $userId && $this->supervises($userId, $u)) {
                return true;
            }
        }
        return false;
    }

    private function supervises(string $userId, string $other): bool
    {
        return $this->rules->checkStatusChange($this->from, $this->to, $userId, $other)['allowed'];
    }

    /** @return list<string> */
    private function users(): array
    {
        return $this->users ??= array_map('strval', array_column(
            $this->db->query('SELECT user_id FROM crmguard_v_user ORDER BY user_id'), 'user_id'));
    }
}
