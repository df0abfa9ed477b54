<?php

/**
 * CrmGuard\PhoneIndex: the CRM's phone numbers in E.164 (table crmguard_phone).
 * ext/phone_index_arginfo.h is generated from this file by tools/gen-arginfo;
 * php-stubs/phone_index.php documents it for IDEs.
 *
 * @generate-class-entries
 */

namespace CrmGuard {
    /**
     * @strict-properties
     * @not-serializable
     */
    final class PhoneIndex
    {
        public function __construct(Connection $db, string $crm, array $options = []) {}

        public function rebuild(): array {}

        public function reindex(string $entityType, string $id): void {}

        public function lookup(string $phone, string $callerUserId, string $lang = 'en'): array {}
    }
}
