<?php
/*
 * tools/gendata/Truth.php — THE definitions behind the truth file of tools/gen-crm-data.
 *
 * The generator knows, for every record it writes, what crmguard's rules and analytics must say
 * about it, and writes that to `--truth FILE.json`. Every figure there is computed by a function
 * of this file, from the generated records (not from intentions), so the rules and analytics
 * branches can compare their SQL / C against these definitions one by one. All counts exclude
 * deleted records (deleted = 1) unless said otherwise; "period" is the generated span
 * [period_start, as_of) and every generated date of the past lies in it.
 *
 * Call card colour (design.md, "Call card colour") — cardColor():
 *   holders of a number: every lead, contact and account that stores it (in any phone field /
 *   entity_phone_number link, in any format, also as one of two numbers in a field).
 *   1. red    a non-deleted account in status 'in_work' whose assigned user is not the caller
 *             holds it, or a non-deleted contact holds it that is linked (non-deleted link:
 *             account_contact / accounts_contacts) to such an account;
 *   2. yellow else, a non-deleted contact holds it;
 *   3. blue   else, a non-deleted, not converted lead holds it and no non-deleted account does
 *             ("found only among leads"; leads in status Dead still count);
 *   4. none   anything else: unknown, only the caller's own / not-in-work companies, only
 *             converted or deleted leads, only deleted records.
 *   For red, red_owner_ids lists the assigned users of every company that makes it red.
 *
 * Per-manager KPIs (kpi.<user id>), over non-deleted opportunities assigned to the manager:
 *   deals_by_stage          count per stage key (New, Calling, Closed Won, Closed Lost);
 *   open_deals              stage New or Calling;
 *   open_without_open_task  open deals with no non-deleted task (parent = the deal) whose status
 *                           is open: EspoCRM Not Started / Started, SuiteCRM Not Started /
 *                           In Progress / Pending Input (Completed, Canceled, Deferred are not);
 *   won / lost / win_ratio  Closed Won, Closed Lost, won / (won + lost) (null when both 0);
 *   lost_by_reason          Closed Lost per failure reason key; '' = no reason (legacy data);
 *   poor_quality_failures   Closed Lost with reason poor_quality_contact;
 *   stale.<N>               open deals whose current stage was entered more than N days before
 *                           as_of (entered = the deal's last crmguard_stage_log row's changed_at;
 *                           every deal has one, New deals at their creation), N in stale_days;
 *   response                inbound items = non-deleted calls with direction Inbound and
 *                           non-deleted inbound emails (EspoCRM: status Archived and no
 *                           sent_by_id; SuiteCRM: type inbound) assigned to the manager. An item
 *                           is answered at: its own start for an inbound call with status Held;
 *                           otherwise at the earliest outbound call (status Held or Not Held)
 *                           or outbound email (EspoCRM status Sent; SuiteCRM type out) with the
 *                           same parent (parent_type, parent_id) and the same assigned user at or
 *                           after the item's time. late = not answered before as_of, or answered
 *                           more than sla_minutes after the item. coefficient = late / inbound
 *                           (null when no inbound); alarm when coefficient > 0.3;
 *   conversion_by_source    non-deleted leads assigned to the manager per lead source:
 *                           leads, converted (status Converted), rate = converted / leads.
 * conversion_by_source (top level): the same over all managers; band [0.15, 0.20], alarm
 *   'low' / 'high' outside it.
 *
 * Audit (audit.*), non-deleted records:
 *   lowercase_names.<type>  contacts / leads whose first or last name, accounts whose name,
 *                           starts with a lowercase letter (isLowercaseStart());
 *   insult_names.<type>     contacts / leads whose first or last name contains one of
 *                           INSULT_WORDS, case-insensitively (containsInsult());
 *   phones.*                stored phone values of non-deleted leads, contacts and accounts (a
 *                           SuiteCRM phone column that is not empty; an EspoCRM
 *                           entity_phone_number link with its phone_number.name):
 *                           values, canonical (exactly the E.164 form of one valid number),
 *                           noncanonical = values - canonical, of which invalid (no valid number),
 *                           multiple (two or more numbers), messy (one number, other spelling);
 *   missing_phone.<type>    records with no phone value at all;
 *   deals_without_comment   non-deleted deals with an empty description and no non-deleted note
 *                           (EspoCRM note type Post, SuiteCRM notes) whose parent is the deal;
 *   deals_without_due_date  close date (EspoCRM close_date, SuiteCRM date_closed) NULL;
 *   deals_without_task      no non-deleted task whose parent is the deal;
 *   lost_without_reason     Closed Lost with no failure reason.
 */
declare(strict_types=1);

namespace CrmGuard\GenData;

final class Truth
{
    /** Words the generator puts into name fields as nicknames / insults (audit). */
    public const INSULT_WORDS = ['истеричка', 'неадекват', 'псих', 'жлоб', 'скандалист',
        'не знает что хочет', 'тупой', 'idiot', 'crazy'];

    public const OPEN_STAGES = ['New', 'Calling'];
    public const STAGES = ['New', 'Calling', 'Closed Won', 'Closed Lost'];
    public const FAILURE_REASONS = ['no_interest', 'poor_quality_contact', 'no_decision_maker', 'competitor', 'other'];
    public const RESPONSE_ALARM = 0.3;
    public const CONVERSION_BAND = [0.15, 0.20];

    /**
     * Colour of the call card for $caller, from the holders of one number.
     * Holder shapes (as the generator records them):
     *   ['type' => 'Account', 'id', 'deleted' => bool, 'owner' => user id, 'status' => string]
     *   ['type' => 'Contact', 'id', 'deleted' => bool, 'links' => [['account_id', 'account_deleted',
     *        'link_deleted', 'owner', 'status'], ...]]
     *   ['type' => 'Lead', 'id', 'deleted' => bool, 'converted' => bool]
     * @return array{0: string, 1: string[]} colour and, for red, the owners that make it red
     */
    public static function cardColor(array $holders, string $caller): array
    {
        $redOwners = [];
        $contact = $lead = $account = false;
        foreach ($holders as $h) {
            if ($h['deleted']) {
                continue;
            }
            switch ($h['type']) {
                case 'Account':
                    $account = true;
                    if ($h['status'] === 'in_work' && $h['owner'] !== $caller) {
                        $redOwners[$h['owner']] = true;
                    }
                    break;
                case 'Contact':
                    $contact = true;
                    foreach ($h['links'] as $l) {
                        if (!$l['account_deleted'] && !$l['link_deleted'] && $l['status'] === 'in_work'
                            && $l['owner'] !== $caller) {
                            $redOwners[$l['owner']] = true;
                        }
                    }
                    break;
                case 'Lead':
                    if (!$h['converted']) {
                        $lead = true;
                    }
                    break;
            }
        }
        if ($redOwners) {
            $owners = array_keys($redOwners);
            sort($owners, SORT_STRING);
            return ['red', $owners];
        }
        if ($contact) {
            return ['yellow', []];
        }
        if ($lead && !$account) {
            return ['blue', []];
        }
        return ['none', []];
    }

    /**
     * Response times of one parent's activities (the 'response' KPI), in minutes, null = never.
     * $items: ['kind' => 'call'|'email', 'dir' => 'in'|'out', 'status' => call status or '',
     *          'at' => unix time, 'owner' => user id, 'deleted' => bool], all with the same parent.
     * @return list<array{item: int, owner: string, minutes: ?float}> one per inbound item
     */
    public static function responses(array $items, int $asOf): array
    {
        $out = [];
        foreach ($items as $i => $it) {
            if ($it['deleted'] || $it['dir'] !== 'in') {
                continue;
            }
            if ($it['kind'] === 'call' && $it['status'] === 'Held') {
                $out[] = ['item' => $i, 'owner' => $it['owner'], 'minutes' => 0.0];
                continue;
            }
            $best = null;
            foreach ($items as $r) {
                if ($r['deleted'] || $r['dir'] !== 'out' || $r['owner'] !== $it['owner'] || $r['at'] < $it['at']
                    || $r['at'] >= $asOf) {
                    continue;
                }
                if ($r['kind'] === 'call' && $r['status'] !== 'Held' && $r['status'] !== 'Not Held') {
                    continue;
                }
                if ($best === null || $r['at'] < $best) {
                    $best = $r['at'];
                }
            }
            $out[] = ['item' => $i, 'owner' => $it['owner'], 'minutes' => $best === null ? null : ($best - $it['at']) / 60];
        }
        return $out;
    }

    public static function isLate(?float $minutes, int $slaMinutes): bool
    {
        return $minutes === null || $minutes > $slaMinutes;
    }

    private const UPPER = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
    private const LOWER = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
    private static array $toLower = [];
    private static array $toUpper = [];

    /** Lowercase of Latin and Russian letters (no mbstring needed: php -n runs this). */
    public static function lower(string $s): string
    {
        if (!self::$toLower) {
            preg_match_all('/./u', self::UPPER, $u);
            preg_match_all('/./u', self::LOWER, $l);
            self::$toLower = array_combine($u[0], $l[0]);
            self::$toUpper = array_combine($l[0], $u[0]);
        }
        return strtr(strtolower($s), self::$toLower);
    }

    public static function upper(string $s): string
    {
        self::lower('');
        return strtr(strtoupper($s), self::$toUpper);
    }

    /** The first $n characters of a UTF-8 string. */
    public static function cut(string $s, int $n): string
    {
        preg_match('/^.{0,' . $n . '}/us', $s, $m);
        return $m[0];
    }

    /** Starts with a lowercase letter: a-z or а-я, ё (the names crmguard audits are Russian or English). */
    public static function isLowercaseStart(?string $s): bool
    {
        if ($s === null || $s === '') {
            return false;
        }
        $c = self::cut($s, 1);
        return self::lower($c) === $c && self::upper($c) !== $c;
    }

    public static function containsInsult(?string ...$fields): bool
    {
        $text = self::lower(implode(' ', array_filter($fields, fn ($f) => $f !== null)));
        foreach (self::INSULT_WORDS as $w) {
            if (str_contains($text, $w)) {
                return true;
            }
        }
        return false;
    }

    /** Audit class of one stored phone value: canonical | messy | multiple | invalid. */
    public static function phoneValueClass(string $stored, array $e164s): string
    {
        if (!$e164s) {
            return 'invalid';
        }
        if (count($e164s) > 1) {
            return 'multiple';
        }
        return $stored === $e164s[0] ? 'canonical' : 'messy';
    }

    public static function stageEnteredStale(int $enteredAt, int $asOf, int $days): bool
    {
        return $enteredAt < $asOf - $days * 86400;
    }

    public static function conversionAlarm(?float $rate): ?string
    {
        if ($rate === null) {
            return null;
        }
        return $rate < self::CONVERSION_BAND[0] ? 'low' : ($rate > self::CONVERSION_BAND[1] ? 'high' : null);
    }
}
