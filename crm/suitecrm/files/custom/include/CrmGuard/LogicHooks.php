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
    private const START_STAGE = 'New';

    /** Accounts before_save: default status on create (also lead conversion); status changes only as Rules allow. */
    public function accountBeforeSave($bean, $event, $arguments): void
    {
        global $current_user;
        $stored = is_array($bean->fetched_row) ? $bean->fetched_row : [];
        $isNew = $stored === [];
        $from = $isNew ? null : ($stored['crmguard_status_c'] ?? null);
        $to = (string) ($bean->crmguard_status_c ?? '');
        try {
            $guard = CrmGuardSuite::guard();
            if ($to === '') {
                $to = ($from === null || $from === '') ? $guard->defaultStatus() : (string) $from;
                $bean->crmguard_status_c = $to;
                return;
            }
            if ($to === (string) $from || ($isNew && $to === $guard->defaultStatus())) {
                return;
            }
            $assigned = $isNew ? ($bean->assigned_user_id ?? null) : ($stored['assigned_user_id'] ?? $bean->assigned_user_id ?? null);
            $verdict = $guard->checkStatus($from, $to, (string) ($current_user->id ?? ''), $assigned, CrmGuardSuite::lang());
        } catch (Throwable $e) {
            $verdict = ['allowed' => false, 'message' => $e->getMessage()];
        }
        if (!$verdict['allowed']) {
            $bean->crmguard_status_c = ($from === null || $from === '') ? self::defaultStatusOr('waiting') : $from;
            CrmGuardSuite::refuse($verdict['message']);
        }
    }

    /** Opportunities before_save: stage rules and the failure reason. */
    public function opportunityBeforeSave($bean, $event, $arguments): void
    {
        global $current_user;
        $stored = is_array($bean->fetched_row) ? $bean->fetched_row : [];
        $from = $stored === [] ? null : ($stored['sales_stage'] ?? null);
        $to = (string) ($bean->sales_stage ?? '');
        $reasonChanged = (string) ($stored['crmguard_failure_reason_c'] ?? '') !== (string) ($bean->crmguard_failure_reason_c ?? '');
        if ($to === '' || ($stored !== [] && $to === (string) $from && !$reasonChanged)) {
            return;
        }
        try {
            $verdict = CrmGuardSuite::guard()->checkStage($from, $to, $bean->crmguard_failure_reason_c ?? null,
                CrmGuardSuite::lang(), $current_user->id ?? null);
        } catch (Throwable $e) {
            $verdict = ['allowed' => false, 'message' => $e->getMessage()];
        }
        if (!$verdict['allowed']) {
            $bean->sales_stage = ($from === null || $from === '') ? self::START_STAGE : $from;
            if ($stored !== []) {
                $bean->crmguard_failure_reason_c = $stored['crmguard_failure_reason_c'] ?? null;
            }
            CrmGuardSuite::refuse($verdict['message']);
        }
    }

    /** Opportunities after_save: every stage change that went through into crmguard_stage_log. */
    public function opportunityAfterSave($bean, $event, $arguments): void
    {
        global $current_user;
        $stored = is_array($bean->fetched_row) ? $bean->fetched_row : [];
        $from = $stored === [] ? null : ($stored['sales_stage'] ?? null);
        $to = (string) ($bean->sales_stage ?? '');
        if ($to === '' || ($stored !== [] && $to === (string) $from)) {
            return;
        }
        self::quietly(fn () => CrmGuardSuite::guard()->logStage(
            (string) $bean->id, $current_user->id ?? null, $from, $to, $bean->crmguard_failure_reason_c ?? null));
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

    /** Leads, Contacts, Accounts after_save / after_delete / after_restore: the record's phones reindexed. */
    public function reindex($bean, $event, $arguments): void
    {
        self::quietly(fn () => CrmGuardSuite::guard()->reindex((string) $bean->module_dir, (string) $bean->id));
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
