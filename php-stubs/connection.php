<?php

/**
 * IDE and static-analysis stubs of CrmGuard\Connection (crmguard extension).
 * Never include this file at run time.  Kept in sync with
 * ext/connection.stub.php by tests/stubs_in_sync.phpt.
 */

namespace CrmGuard {
    /**
     * A connection to the CRM's MariaDB or MySQL database (MariaDB Connector/C).
     *
     * ```php
     * $db = new Connection('mysql://crm:secret@localhost/espocrm');
     * $db = new Connection('mysql://crm:secret@localhost/suitecrm?socket=/run/mysqld/mysqld.sock');
     * $rows = $db->query('SELECT id, name FROM account WHERE assigned_user_id = ?', [$userId]);
     * $n = $db->exec('UPDATE account SET c_crmguard_status = ? WHERE id = ?', ['in_work', $id]);
     * ```
     *
     * Persistent connections (default under PHP-FPM, CGI and Apache; off in the
     * CLI) stay open in the worker process and are reused by later requests, as
     * phpredis's pconnect: the first Connection of a request that takes the
     * link resets it (open transaction rolled back, temporary tables and session
     * variables dropped), and Connection objects of one request with the same
     * DSN share it.  A read (SELECT, SHOW, ...) outside a transaction is retried
     * once on a new link when the server has gone away; writes never are.
     *
     * Errors are {@see DbException} with the server's message and error number
     * (getCode()); the password never appears in messages, traces or phpinfo().
     */
    final class Connection
    {
        /**
         * @param string $dsn     mysql://user:password@host:port/database, or
         *                        mysql://user:password@localhost/database?socket=/path for a
         *                        unix socket (mariadb:// too; user, password and database may be
         *                        percent-encoded; ?charset=, default utf8mb4)
         * @param array{persistent?: bool} $options persistent: keep the link for later requests
         *                        (default true under FPM/CGI/Apache, false in the CLI)
         * @throws DbException when the DSN is malformed or the server refuses the connection
         */
        public function __construct(#[\SensitiveParameter] string $dsn, array $options = []) {}

        /**
         * Runs one statement and returns its rows as associative arrays (column name => value:
         * int for integer columns, null for NULL, string for everything else).
         *
         * @param string $sql     one statement; `?` placeholders are bound through a prepared
         *                        statement
         * @param list<null|bool|int|float|string> $params the values of the `?`, in order
         * @return list<array<string, null|int|string>>
         * @throws DbException
         */
        public function query(string $sql, array $params = []): array {}

        /**
         * Runs one statement and gives its rows to $row one at a time, as query() would return
         * them, while they stream from the server: memory does not grow with the result, and
         * the caller's work on a row overlaps the server's on the next.  An exception thrown by
         * $row stops the reading and comes out of each().  Keep to $row's own work: this
         * connection is busy until the last row (another statement on it fails).
         *
         * @param list<null|bool|int|float|string> $params the values of the `?`, in order
         * @param callable(array<string, null|int|string>): mixed $row
         * @return int the number of rows given
         * @throws DbException
         */
        public function each(string $sql, array $params, callable $row): int {}

        /**
         * Runs one statement that returns no rows; returns the number of affected rows.
         *
         * @param list<null|bool|int|float|string> $params the values of the `?`, in order
         * @throws DbException
         */
        public function exec(string $sql, array $params = []): int {}

        /**
         * Runs several statements separated by `;` (an SQL file such as crmguard's sql/
         * files; quotes and comments are respected).  Stops at the first error, whose
         * message names the statement's number and line.
         *
         * @throws DbException
         */
        public function execScript(string $sql): void {}

        /**
         * Closes the connection (a persistent link is handed back to the process for
         * later requests).  Any later call throws a DbException.
         */
        public function close(): void {}
    }
}
