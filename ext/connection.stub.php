<?php

/**
 * CrmGuard\Connection: a connection to the CRM's MariaDB/MySQL database.
 * ext/connection_arginfo.h is generated from this file by tools/gen-arginfo;
 * php-stubs/connection.php documents it for IDEs.
 *
 * @generate-class-entries
 */

namespace CrmGuard {
    /**
     * @strict-properties
     * @not-serializable
     */
    final class Connection
    {
        public function __construct(#[\SensitiveParameter] string $dsn, array $options = []) {}

        public function query(string $sql, array $params = []): array {}

        public function each(string $sql, array $params, callable $row): int {}

        public function exec(string $sql, array $params = []): int {}

        public function execScript(string $sql): void {}

        public function close(): void {}
    }
}
