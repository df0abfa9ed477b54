<?php
/*
 * crmguard's SuiteCRM logic hooks (registered by the package manifest's installdefs 'logic_hooks';
 * SuiteCRM's LogicHook::process_hooks creates the class and calls method($bean, $event, $arguments)).
 * Thin: read the bean's fields, ask CrmGuard\Crm\Guard, apply the answer.
 *
 * A refused change: SugarBean::save() has no way for a before_save hook to stop the save short of
 * exiting (which loses everything the user typed), so the hook puts back only the refused field's
 * stored value (fetched_row; a new record gets the start value), lets the rest of the record save,
 * and tells the user why through SugarApplication::appendErrorMessage — the red message box
 * SuiteCRM shows on the next page — and the log, for imports and web-service saves.  SuiteCRM 8's
 * own UI shows no such message, so there a refusal stops the save through SuiteCRM 8's error path
 * instead (CrmGuardSuite::refuse()).
 */
declare(strict_types=1);

require_once __DIR__ . '/SuiteGuard.php';

class CrmGuardLogicHooks
{
    /** Only when crmguard cannot answer (extension or database gone): a new deal's safe stage. */
    private const START_STAGE = 'New';

    /**
     * What opportunityBeforeSave saw of a deal being saved (spl_object_id => [is new, stored
     * stage]), for opportunityAfterSave: by then the stored row is the new one.
     *
     * @var array<int, array{0: bool, 1: ?string}>
     */
    private static array $dealsInSave = [];

    /**
     * Accounts before_save: the status to store and whether its change is allowed, from the one rule
     * (Guard::companyStatus): a new company (also a lead conversion) without a status gets the
     * default, an existing one saved without a status keeps its own; a change needs the
     * responsible manager's supervisor or an admin.  New means not stored yet
     * (CrmGuardSuite::storedRow: fetched_row, or the database for a bean saved without
     * retrieve()), so an account without an accounts_cstm row is an existing one (its status
     * reads as the default), never a new one.
     */
    public function accountBeforeSave($bean, $event, $arguments): void
    {
        global $current_user;
        $stored = self::storedRow($bean);
        $isNew = $stored === [];
        $from = $isNew ? null : ($stored['crmguard_status_c'] ?? null);
        // The manager responsible until now: his supervisor decides, even when this save reassigns.
        $assigned = $isNew ? ($bean->assigned_user_id ?? null) : ($stored['assigned_user_id'] ?? $bean->assigned_user_id ?? null);
        try {
            $decision = CrmGuardSuite::guard()->companyStatus($isNew, $from, self::text($bean->crmguard_status_c ?? null),
                (string) ($current_user->id ?? ''), $assigned, CrmGuardSuite::lang());
        } catch (Throwable $e) {
            $decision = ['allowed' => false, 'message' => $e->getMessage(),
                'status' => ($from === null || $from === '') ? self::defaultStatusOr('waiting') : $from];
        }
        $bean->crmguard_status_c = $decision['status'];
        if (!$decision['allowed']) {
            CrmGuardSuite::refuse($decision['message']);
        }
    }

    /**
     * Opportunities before_save: stage rules and the failure reason, from the one rule
     * (Guard::dealStage), asked for a new deal or when the stage or the reason changed.  A deal
     * saved without a stage: a new one starts in New; a stored one keeps its stage (refused).
     */
    public function opportunityBeforeSave($bean, $event, $arguments): void
    {
        global $current_user;
        $stored = self::storedRow($bean);
        $isNew = $stored === [];
        $from = $isNew ? null : ($stored['sales_stage'] ?? null);
        self::$dealsInSave[spl_object_id($bean)] = [$isNew, $from];
        // An unset field is not part of an update: SugarBean writes only fields that are set
        // (include/database/DBManager.php updateSQL 2075-2079, DynamicField::save 457), so the
        // stored value stays.
        $storedReason = $stored['crmguard_failure_reason_c'] ?? null;
        $to = $isNew || isset($bean->sales_stage) ? self::text($bean->sales_stage ?? null) : $from;
        $reason = $isNew || isset($bean->crmguard_failure_reason_c) ? self::text($bean->crmguard_failure_reason_c ?? null) : $storedReason;
        if (!$isNew && (string) $to === (string) $from && (string) $reason === (string) $storedReason) {
            return;
        }
        try {
            $decision = CrmGuardSuite::guard()->dealStage($isNew, $from, $to, $reason,
                CrmGuardSuite::lang(), $current_user->id ?? null);
        } catch (Throwable $e) {
            $decision = ['allowed' => false, 'message' => $e->getMessage(), 'stage' => $isNew ? self::START_STAGE : (string) $from];
        }
        $bean->sales_stage = $decision['stage'];
        if ((string) $decision['stage'] !== (string) $to) {
            self::probabilityFollows($bean, (string) $to, (string) $decision['stage'], $stored);
        }
        if (!$decision['allowed']) {
            if (!$isNew) {
                $bean->crmguard_failure_reason_c = $storedReason;
            }
            CrmGuardSuite::refuse($decision['message']);
        }
    }

    /**
     * The stage the deal keeps instead of $asked brings its probability along, unless the user typed
     * one of his own: the edit view sets the probability from the stage picked
     * (sales_probability_dom), and Opportunity::save() fills it only when unset
     * (modules/Opportunities/Opportunity.php 363-367), so a refused Closed Won would stay at 100.
     */
    private static function probabilityFollows($bean, string $asked, string $kept, array $stored): void
    {
        $byStage = $GLOBALS['app_list_strings']['sales_probability_dom'] ?? [];
        $probability = isset($bean->probability) ? (string) $bean->probability : '';
        if ($probability !== '' && (!isset($byStage[$asked]) || (string) $byStage[$asked] !== $probability)) {
            return;
        }
        if ($stored !== [] && ($stored['sales_stage'] ?? null) === $kept && isset($stored['probability'])) {
            $bean->probability = $stored['probability'];
        } elseif (isset($byStage[$kept])) {
            $bean->probability = $byStage[$kept];
        }
    }

    /** Opportunities after_save: every stage change that went through into crmguard_stage_log. */
    public function opportunityAfterSave($bean, $event, $arguments): void
    {
        global $current_user;
        $stored = is_array($bean->fetched_row) ? $bean->fetched_row : [];
        [$isNew, $from] = self::$dealsInSave[spl_object_id($bean)] ?? [$stored === [], $stored['sales_stage'] ?? null];
        unset(self::$dealsInSave[spl_object_id($bean)]);
        $to = (string) ($bean->sales_stage ?? '');
        if ($to === '' || (!$isNew && $to === (string) $from)) {
            return;
        }
        self::quietly(fn () => CrmGuardSuite::guard()->logStage(
            (string) $bean->id, $current_user->id ?? null, $isNew ? null : $from, $to, $bean->crmguard_failure_reason_c ?? null));
    }

    /** Calls before_save: the card colour and the number's owner for the call's user. */
    public function callBeforeSave($bean, $event, $arguments): void
    {
        global $current_user;
        $stored = is_array($bean->fetched_row) ? $bean->fetched_row : [];
        if ($stored !== []
            && ($stored['parent_type'] ?? null) === ($bean->parent_type ?? null)
            && ($stored['parent_id'] ?? null) === ($bean->parent_id ?? null)
            && ($stored['assigned_user_id'] ?? null) === ($bean->assigned_user_id ?? null)) {
            return;
        }
        self::quietly(function () use ($bean, $current_user) {
            $card = CrmGuardSuite::guard()->cardForRecords(
                [[$bean->parent_type ?? null, $bean->parent_id ?? null]],
                ($bean->assigned_user_id ?? '') !== '' ? $bean->assigned_user_id : ($current_user->id ?? null),
            );
            $bean->crmguard_card_color_c = $card['color'];
            $bean->crmguard_card_owner_c = $card['owner_name'] ?? '';
        });
    }

    /**
     * Leads, Contacts, Accounts before_save: the phone part of the duplicate check (issue 14), on
     * every save (the edit form after ShowDuplicates, web services, the importer, workflows).
     * Canonical phones ($sugar_config['crmguard_canonical_phones'], default true): each phone
     * field typed or changed is stored in E.164 (CrmGuard\Crm\Phones, " ext. N" for an
     * extension, two numbers as "+7..., +7..."); a value that is not made of valid numbers is
     * kept as typed.  Then the red rule (Guard::phoneDuplicateDecision): a number a company in
     * work with another manager holds is refused for a manager — the fields holding such numbers
     * get their stored values back (a new record: empty), the rest of the record is saved, and
     * the user is told why (CrmGuardSuite::refuse).  The responsible manager's supervisor or an
     * admin may save it.
     */
    public function phoneBeforeSave($bean, $event, $arguments): void
    {
        global $current_user, $sugar_config;
        $module = (string) $bean->module_dir;
        $fields = CrmGuardSuite::PHONE_FIELDS[$module] ?? [];
        $stored = self::storedRow($bean);
        $changed = [];
        foreach ($fields as $field) {
            $value = isset($bean->$field) ? (string) $bean->$field : '';
            if ($value === '' || ($stored !== [] && $value === (string) ($stored[$field] ?? ''))) {
                continue;
            }
            if ($sugar_config['crmguard_canonical_phones'] ?? true) {
                $canonical = \CrmGuard\Crm\Phones::canonical($value);
                if ($canonical !== null && $canonical !== '') {
                    $bean->$field = $value = $canonical;
                }
            }
            if ($stored === [] || $value !== (string) ($stored[$field] ?? '')) {
                $changed[$field] = $value;
            }
        }
        if ($changed === []) {
            return;
        }
        $actor = (string) ($current_user->id ?? '');
        try {
            $guard = CrmGuardSuite::guard();
            $cards = $guard->phoneHolders($changed, $module, $stored === [] ? null : (string) $bean->id, $actor, CrmGuardSuite::lang());
            $decision = $guard->phoneDuplicateDecision($cards, $actor, CrmGuardSuite::lang());
        } catch (Throwable $e) {
            CrmGuardSuite::report($e->getMessage());
            return;
        }
        if ($decision['allowed']) {
            return;
        }
        $red = [];
        foreach ($cards as $card) {
            if ($card['color'] === 'red') {
                $red[substr($card['phone'], 1)] = true;
            }
        }
        foreach ($changed as $field => $value) {
            if (array_intersect_key(array_flip(\CrmGuard\Crm\Phones::digits([$value])), $red) !== []) {
                $bean->$field = $stored[$field] ?? '';
            }
        }
        CrmGuardSuite::refuse($decision['message']);
    }

    /** Leads, Contacts, Accounts after_save / after_delete / after_restore: the record's phones reindexed. */
    public function reindex($bean, $event, $arguments): void
    {
        self::quietly(fn () => CrmGuardSuite::guard()->reindex((string) $bean->module_dir, (string) $bean->id));
    }

    /** A bean field as text: SuiteCRM holds them as strings, null or (unset) nothing. */
    private static function text($value): ?string
    {
        return $value === null ? null : (string) $value;
    }

    /** The record as stored (CrmGuardSuite::storedRow); fetched_row when that cannot be read, said to the user. */
    private static function storedRow($bean): array
    {
        try {
            return CrmGuardSuite::storedRow($bean);
        } catch (Throwable $e) {
            CrmGuardSuite::report($e->getMessage());
            return is_array($bean->fetched_row) ? $bean->fetched_row : [];
        }
    }

    private static function defaultStatusOr(string $fallback): string
    {
        try {
            return CrmGuardSuite::guard()->defaultStatus();
        } catch (Throwable) {
            return $fallback;
        }
    }

    /** Work that must not stop a save that already happened (or only decorates it): report and go on. */
    private static function quietly(callable $work): void
    {
        try {
            $work();
        } catch (Throwable $e) {
            CrmGuardSuite::report($e->getMessage());
        }
    }
}
