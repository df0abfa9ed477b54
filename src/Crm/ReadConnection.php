<?php
declare(strict_types=1);

namespace CrmGuard\Crm;

use CrmGuard\Connection;
use CrmGuard\DbException;

/**
 * Where a read goes when a read replica is configured (issue 18): the one place that decides,
 * for the CLI (CrmGuard\Cli\Database: --read-db, CRMGUARD_READ_DB, --max-lag) and the CRM
 * packages (Guard: EspoCRM 'crmguardReadDatabase', SuiteCRM $sugar_config['crmguard_read_db']).
 * Writes never come here: they always go to the primary.
 *
 * Bounded staleness, by GTID rather than by Seconds_Behind_Master: the primary is asked for
 * @@gtid_binlog_pos (every transaction it has committed), then the replica is given at most
 * $maxLag seconds to have applied it (MASTER_GTID_WAIT(pos, $maxLag)).  A read on the replica
 * therefore sees every write committed on the primary before the read began: what a manager
 * saved a moment ago is in the card, the report, the audit, exactly as on the primary.
 * Seconds_Behind_Master does not give that: it is 0 while the I/O thread itself is behind (the
 * replica does not know what it has not received), it is NULL while the SQL thread is stopped,
 * and it counts from the event's timestamp, so it jumps after an idle period or a long
 * transaction; it also needs a privilege the CRM's database user rarely has.
 *
 * The decision, in order (each fallback reads from the primary and gives the reason):
 *   1. no replica configured: the primary, no reason;
 *   2. the primary writes no binary log, or is no MariaDB (MySQL has no @@gtid_binlog_pos and no
 *      MASTER_GTID_WAIT): its position cannot be compared;
 *   3. the replica cannot be reached, or is the primary itself (same @@server_id);
 *   4. the replica already has the position: the replica, at once;
 *   5. SHOW REPLICA STATUS (when the read user may run it: SLAVE MONITOR / REPLICATION CLIENT)
 *      says replication is not configured or a thread is stopped: the primary, at once;
 *   6. MASTER_GTID_WAIT(pos, $maxLag) reached it: the replica; timed out: the primary.
 * Without the privilege of 5., a stopped replica costs each read $maxLag seconds of waiting.
 */
final class ReadConnection
{
    /** Seconds a read waits for the replica to catch up before it reads the primary instead. */
    public const DEFAULT_MAX_LAG = 5.0;

    public const PRIMARY = 'primary';
    public const REPLICA = 'replica';

    /**
     * @param string  $source self::PRIMARY or self::REPLICA
     * @param ?string $reason why the primary although a replica is configured; null otherwise
     */
    private function __construct(
        public readonly Connection $connection,
        public readonly string $source,
        public readonly ?string $reason,
        public readonly bool $replicaConfigured,
    ) {
    }

    /**
     * @param Connection $primary the primary (the main DSN), opened by the caller: writes use it
     * @param ?string    $readDsn the replica's DSN, null or '' for none
     * @param ?callable(string): Connection $open opens a DSN (default: new Connection)
     */
    public static function choose(Connection $primary, #[\SensitiveParameter] ?string $readDsn,
        float $maxLag = self::DEFAULT_MAX_LAG, ?callable $open = null): self
    {
        if ($readDsn === null || $readDsn === '') {
            return new self($primary, self::PRIMARY, null, false);
        }
        if (!is_finite($maxLag) || $maxLag < 0) {
            throw new \InvalidArgumentException('the replica lag limit must be 0 seconds or more');
        }
        $fallback = static fn (string $why): self => new self($primary, self::PRIMARY, $why, true);
        try {
            $p = $primary->query('SELECT @@log_bin AS log_bin, @@gtid_binlog_pos AS pos, @@server_id AS server_id')[0];
        } catch (DbException $e) {
            if ($e->getCode() !== 1193) { // 1193 unknown system variable: MySQL, whose GTIDs are another kind
                throw $e;
            }
            return $fallback('the primary has no MariaDB GTID position (@@gtid_binlog_pos): read replicas need MariaDB');
        }
        if ((int) $p['log_bin'] !== 1) {
            return $fallback('the primary writes no binary log, so the replica cannot be shown to be up to date');
        }
        $pos = (string) $p['pos'];
        try {
            $replica = $open !== null ? $open($readDsn) : new Connection($readDsn);
            $r = $replica->query('SELECT @@server_id AS server_id, MASTER_GTID_WAIT(?, 0) AS reached', [$pos])[0];
        } catch (DbException $e) {
            return $fallback('the replica cannot be read: ' . $e->getMessage());
        }
        if ((int) $r['server_id'] === (int) $p['server_id']) {
            return $fallback('the read database is the primary itself (same server_id ' . $p['server_id'] . ')');
        }
        if ($r['reached'] === 0) {
            return new self($replica, self::REPLICA, null, true);
        }
        try {
            $status = $replica->query('SHOW REPLICA STATUS');
            if ($status === []) {
                return $fallback('the read database replicates from no primary');
            }
            // MariaDB's column names; MySQL 8.0.22+ says Replica_ (its SHOW REPLICA STATUS).
            $io = (string) ($status[0]['Slave_IO_Running'] ?? $status[0]['Replica_IO_Running'] ?? '');
            $sql = (string) ($status[0]['Slave_SQL_Running'] ?? $status[0]['Replica_SQL_Running'] ?? '');
            if ($io !== 'Yes' || $sql !== 'Yes') {
                return $fallback("replication is not running on the replica (I/O thread: $io, SQL thread: $sql)");
            }
        } catch (DbException $e) {
            // No SLAVE MONITOR privilege: the wait below tells.
        }
        try {
            $r = $replica->query('SELECT MASTER_GTID_WAIT(?, ?) AS reached', [$pos, $maxLag])[0];
        } catch (DbException $e) {
            return $fallback('the replica cannot be read: ' . $e->getMessage());
        }
        if ($r['reached'] === 0) {
            return new self($replica, self::REPLICA, null, true);
        }
        return $fallback(sprintf('the replica is more than %s s behind the primary (it has not applied GTID %s)',
            rtrim(rtrim(sprintf('%.3f', $maxLag), '0'), '.'), $pos));
    }

    /**
     * What an answer carries about where it was read (the dashlet's JSON, the call card): nothing
     * when no replica is configured, else "read_from" and, when the primary was read, "read_note".
     *
     * @return array{read_from?: string, read_note?: string}
     */
    public function answer(): array
    {
        if (!$this->replicaConfigured) {
            return [];
        }
        return ['read_from' => $this->source] + ($this->reason !== null ? ['read_note' => $this->reason] : []);
    }

    /** A --max-lag / config value as seconds; InvalidArgumentException when it is no number 0-3600. */
    public static function maxLag(mixed $value): float
    {
        if (is_int($value) || is_float($value)) {
            $value = (string) $value;
        }
        if (!is_string($value) || !preg_match('/^\d{1,4}(\.\d{1,3})?$/', trim($value)) || (float) $value > 3600) {
            throw new \InvalidArgumentException('the replica lag limit must be a number of seconds, 0 to 3600, not '
                . json_encode($value, JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE));
        }
        return (float) $value;
    }
}
