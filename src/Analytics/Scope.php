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
    /**
     * @param array<string, mixed> $ruleOptions the deployment's CrmGuard\Rules options
     * @return array{role: string, user_id: string, user_ids: ?list<string>} user_ids null: all
     */
    public static function of(Connection $db, string $crm, string $userId, array $ruleOptions = []): array
    {
        [$rules, $from, $to] = self::rule($db, $crm, $ruleOptions);
        if ($rules->checkStatusChange($from, $to, $userId, null)['allowed']) {
            return ['role' => 'admin', 'user_id' => $userId, 'user_ids' => null];
        }
        $ids = [$userId];
        foreach ($db->query('SELECT user_id FROM crmguard_v_user WHERE user_id <> ? ORDER BY user_id', [$userId]) as $u) {
            if ($rules->checkStatusChange($from, $to, $userId, (string) $u['user_id'])['allowed']) {
                $ids[] = (string) $u['user_id'];
            }
        }
        return ['role' => count($ids) > 1 ? 'supervisor' : 'manager', 'user_id' => $userId, 'user_ids' => $ids];
    }

    /** Whether the rule sees $userId as an administrator (all managers' rows). */
    public static function isAdmin(Connection $db, string $crm, string $userId, array $ruleOptions = []): bool
    {
        [$rules, $from, $to] = self::rule($db, $crm, $ruleOptions);
        return $rules->checkStatusChange($from, $to, $userId, null)['allowed'];
    }

    /** @return array{0: Rules, 1: string, 2: string} the rule and the status change it is asked about */
    private static function rule(Connection $db, string $crm, array $ruleOptions): array
    {
        $rules = new Rules($db, $crm, $ruleOptions);
        $from = $rules->defaultStatus();
        foreach ($rules->statuses() as $s) {
            if ($s !== $from) {
                return [$rules, $from, $s];
            }
        }
        throw new \LogicException('crmguard: the status rule has a single status; no supervisor can be told');
    }
}
