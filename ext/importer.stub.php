<?php

/**
 * CrmGuard\Importer: bulk import of a contact list (CSV) into the CRM.
 * ext/importer_arginfo.h is generated from this file by tools/gen-arginfo;
 * php-stubs/importer.php documents it for IDEs.
 *
 * @generate-class-entries
 */

namespace CrmGuard {
    /**
     * @strict-properties
     * @not-serializable
     */
    final class Importer
    {
        public function __construct(Connection $db, string $crm, array $options = []) {}

        public function run(string $csvPath): array {}
    }
}
