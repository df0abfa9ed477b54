<?php

/**
 * IDE and static-analysis stubs of CrmGuard\Rules (crmguard extension).
 * Never include this file at run time.  Kept in sync with ext/rules.stub.php
 * by tests/stubs_in_sync.phpt.
 *
 * @phpstan-type RuleResult array{allowed: bool, code: string, message: string}
 * @phpstan-type StageDecision array{allowed: bool, code: string, message: string, stage: string}
 * @phpstan-type StatusDecision array{allowed: bool, code: string, message: string, status: string}
 */

namespace CrmGuard {
    /**
     * The sales-process rules both CRM packages enforce: deal-stage moves,
     * the failure reason of a lost deal, and who may change a company's
     * status.  One native implementation; the packages' hooks call it and
     * refuse the save with the message when `allowed` is false.
     *
     * ```php
     * $rules = new Rules($db, 'suitecrm', ['stages' => ['Meeting'], 'failure_reasons' => ['too_expensive']]);
     * $r = $rules->checkStageChange('Calling', 'Closed Lost', null, 'ru');
     * // ['allowed' => false, 'code' => 'failure_reason_required',
     * //  'message' => 'Для этапа «Неудача» укажите причину неуспеха: Нет интереса, ...']
     * $r = $rules->checkStatusChange('waiting', 'in_work', $currentUserId, $account->assigned_user_id, 'en');
     * $rules->logStageChange($dealId, $currentUserId, 'Calling', 'Closed Won', null);
     * ```
     *
     * Stage keys: 'New', 'Calling', 'Closed Won' (Success), 'Closed Lost' (Failure) and the
     * extra open stages of option `stages`.  For everybody: a new deal starts in New or an
     * open stage; New -> any known stage; an open stage -> another open stage or closed; an
     * open stage -> New is refused (the deal has been called); a closed deal is final
     * (`deal_closed`); a deal in a stage outside the process (the CRM's Prospecting, ...)
     * may move into the process; nobody may move a deal into such a stage (`unknown_stage`).
     * An administrator (pass $actorUserId) may also reopen, go back to New and create closed
     * deals.  'Closed Lost' always needs a failure reason from the list.
     *
     * Company statuses: 'waiting' (default; null, '' and a missing value read as waiting),
     * 'in_work' and option `statuses`.  A change (or a new company in a status other than
     * waiting) is allowed to an administrator or the assigned user's supervisor only; the
     * assigned user himself may not (`owner_may_not_change`), nor anyone else
     * (`not_supervisor`, `new_company_status`); without an assigned user only an
     * administrator may (`no_assigned_user`).
     *
     * What a CRM hook calls: dealStage() and companyStatus(), with the record's explicit
     * "is new" flag; they also answer the value to save (the target, the start value, or
     * the stored value when refused).  An empty stage or status is "none given": a new deal
     * starts in New and a new company in waiting; an existing company keeps its status; an
     * existing deal keeps its stage and the save is refused (`stage_required`).
     *
     * Codes: ok, unknown_stage, transition_not_allowed, deal_closed, failure_reason_required,
     * unknown_failure_reason, unknown_status, not_supervisor, owner_may_not_change,
     * no_assigned_user, new_company_status, stage_required.
     */
    final class Rules
    {
        /**
         * @param Connection $db the CRM's database (admins, supervisors, the stage log)
         * @param string $crm 'espocrm' or 'suitecrm'
         * @param array{stages?: list<string>, statuses?: list<string>, failure_reasons?: list<string>, supervisor?: string} $options
         *        `supervisor`: 'field:<user column>' (the column holds the supervisor's id; the chain
         *        is followed upwards; SuiteCRM's default 'field:reports_to_id'),
         *        'team_role:<role>' (EspoCRM: a member of one of the assigned user's teams with
         *        that team_user.role; EspoCRM's default 'team_role:Supervisor') or 'none'
         * @throws \ValueError for an unknown CRM or option, a malformed key or supervisor rule
         * @throws \TypeError for an option of the wrong type
         */
        public function __construct(Connection $db, string $crm, array $options = []) {}

        /**
         * Whether a deal may move from $from (null or '': a new deal) to $to.
         *
         * @param string $lang 'ru' (also 'ru_RU', 'ru-RU') or anything else for English
         * @param string|null $actorUserId the user making the change; only asked about (is
         *        this an administrator?) when a manager would be refused
         * @return RuleResult
         * @throws DbException
         */
        public function checkStageChange(?string $from, string $to, ?string $failureReason, string $lang = 'en', ?string $actorUserId = null): array {}

        /**
         * Whether $actorUserId may set a company's status from $from (null: a new company)
         * to $to; $assignedUserId is the company's assigned user after the save.
         *
         * @return RuleResult
         * @throws DbException
         */
        public function checkStatusChange(?string $from, string $to, string $actorUserId, ?string $assignedUserId, string $lang = 'en'): array {}

        /**
         * The stage a deal is to be saved with, and whether the move is allowed: the rule of
         * checkStageChange() with the deal's "is new" flag given, never guessed.  $to null or
         * '': no stage given (a new deal: 'New', allowed; an existing deal: refused with
         * `stage_required`, unless its stored stage is empty too).  An existing deal stored
         * without a stage counts as a deal in a stage outside the process, not as a new one.
         * `stage`: the target when allowed ('New' for none on a new deal); when refused the
         * stored stage ($from), or 'New' for a new deal.
         *
         * @param bool $isNew the deal is being created (the CRM's own flag; $from is then ignored)
         * @param string|null $actorUserId as for checkStageChange()
         * @return StageDecision
         * @throws DbException
         */
        public function dealStage(bool $isNew, ?string $from, ?string $to, ?string $failureReason, string $lang = 'en', ?string $actorUserId = null): array {}

        /**
         * The status a company is to be saved with, and whether the change is allowed: the
         * rule of checkStatusChange() with the company's "is new" flag given (a company stored
         * without a status value, e.g. a SuiteCRM account without an accounts_cstm row, is an
         * existing company in 'waiting').  $to null or '': no status given, allowed (a new
         * company: 'waiting'; an existing one keeps $from, 'waiting' when that is empty).
         * `status`: the target when allowed; when refused the stored status ('waiting' for a
         * new company or an empty stored value).
         *
         * @param bool $isNew the company is being created ($from is then ignored)
         * @param string|null $actorUserId the user making the change; null: the CRM itself
         *        (EspoCRM's system user: workflows, jobs), not a person, not checked; '' is nobody
         * @param string|null $assignedUserId the company's responsible user (before the save
         *        for an existing company: his supervisor decides)
         * @return StatusDecision
         * @throws DbException
         */
        public function companyStatus(bool $isNew, ?string $from, ?string $to, ?string $actorUserId, ?string $assignedUserId, string $lang = 'en'): array {}

        /** 'waiting': the status of a new company and of one created by lead conversion. */
        public function defaultStatus(): string {}

        /**
         * Appends a row to crmguard_stage_log (changed_at: UTC now).
         *
         * @throws \ValueError when a value is longer than its column (ids 36, stages and reasons 100 bytes) or $to is empty
         * @throws DbException
         */
        public function logStageChange(string $dealId, ?string $userId, ?string $from, string $to, ?string $failureReason): void {}

        /** @return list<string> the stage keys of the process, built-ins first */
        public function stages(): array {}

        /** @return list<string> the company statuses, built-ins first */
        public function statuses(): array {}

        /** @return list<string> the failure reasons, built-ins first */
        public function failureReasons(): array {}

        /**
         * The wording of a built-in stage ('Closed Won' -> 'Success' / 'Успех'), company status or
         * failure reason: the one the rules' messages use, which the report and the CRM packages'
         * dropdowns show too (tests/labels_in_sync.phpt).  Null for a key that has none.
         *
         * @param string $lang 'en' or 'ru' (anything else: 'en')
         */
        public static function label(string $key, string $lang = 'en'): ?string {}
    }
}
