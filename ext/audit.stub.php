<?php

/**
 * CrmGuard\Audit: the data-quality checks of client cards and deals.
 * ext/audit_arginfo.h is generated from this file by tools/gen-arginfo;
 * php-stubs/audit.php documents it for IDEs.
 *
 * @generate-class-entries
 */

namespace CrmGuard {
    /**
     * @strict-properties
     * @not-serializable
     */
    final class Audit
    {
        public function __construct(array $options = []) {}

        public function checkName(string $value): array {}

        public function checkPhone(string $value): ?string {}

        public function scan(Connection $db, string|array $sql, array $params = [], ?int $keep = null): array {}
    }
}
