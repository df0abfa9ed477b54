<?php

/**
 * CrmGuard\Rules: the deal-stage and company-status rules both CRM packages
 * call.  ext/rules_arginfo.h is generated from this file by tools/gen-arginfo;
 * php-stubs/rules.php documents it for IDEs.
 *
 * @generate-class-entries
 */

namespace CrmGuard {
    /**
     * @strict-properties
     * @not-serializable
     */
    final class Rules
    {
        public function __construct(Connection $db, string $crm, array $options = []) {}

        public function checkStageChange(?string $from, string $to, ?string $failureReason, string $lang = 'en', ?string $actorUserId = null): array {}

        public function checkStatusChange(?string $from, string $to, string $actorUserId, ?string $assignedUserId, string $lang = 'en'): array {}

        public function dealStage(bool $isNew, ?string $from, ?string $to, ?string $failureReason, string $lang = 'en', ?string $actorUserId = null): array {}

        public function companyStatus(bool $isNew, ?string $from, ?string $to, ?string $actorUserId, ?string $assignedUserId, string $lang = 'en'): array {}

        public function defaultStatus(): string {}

        public function logStageChange(string $dealId, ?string $userId, ?string $from, string $to, ?string $failureReason): void {}

        public function stages(): array {}

        public function statuses(): array {}

        public function failureReasons(): array {}

        public static function label(string $key, string $lang = 'en'): ?string {}
    }
}
