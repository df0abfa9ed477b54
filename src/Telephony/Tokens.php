<?php
declare(strict_types=1);

namespace CrmGuard\Telephony;

use CrmGuard\Connection;

/**
 * Connector tokens (`crmguard token create|list|revoke`) and the slowing down of clients that
 * guess them.
 *
 * A token is 32 random bytes as 64 hex digits (URL-safe: Asterisk's CURL() and Superfecta can
 * only send it in the URL).  crmguard_connector_token stores its SHA-256 and the CRM user whose
 * read rights the connector gets; the token is returned once by create() and is never stored,
 * logged or put in a message.  verify() hashes what the client sent and compares it with every
 * stored hash through hash_equals() (constant time, no early exit), so neither the SQL nor the
 * comparison depends on how much of a guess was right.
 *
 * Failures: FAILURE_LIMIT failed checks from one client address within FAILURE_WINDOW seconds
 * and that address is refused (429, Retry-After) until the window ends, without its token even
 * being checked; a successful check clears the address.  The address is the TCP peer
 * (REMOTE_ADDR), never a forwarded-for header a client can write itself.
 */
final class Tokens
{
    public const FAILURE_LIMIT = 10;
    public const FAILURE_WINDOW = 600;
    public const MAX_TOKEN_BYTES = 128;
    public const NAME_PATTERN = '/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/';

    /** @var array<string, bool> per address, whether retryAfter() found a failure row (a success deletes only one seen or not asked about) */
    private array $failing = [];

    public function __construct(private readonly Connection $db) {}

    /**
     * @return string the token (shown once)
     * @throws \InvalidArgumentException bad name, unknown user, name taken
     */
    public function create(string $name, string $userId, string $crm): string
    {
        if (!preg_match(self::NAME_PATTERN, $name)) {
            throw new \InvalidArgumentException("token name '" . self::printable($name) . "': letters, digits, '_', '.', '-', at most 64");
        }
        $users = $crm === 'espocrm' ? 'SELECT id FROM `user` WHERE id = ? AND deleted = 0 AND is_active = 1'
            : "SELECT id FROM users WHERE id = ? AND deleted = 0 AND (status IS NULL OR status = 'Active')";
        if ($this->db->query($users, [$userId]) === []) {
            throw new \InvalidArgumentException("no active CRM user with id '" . self::printable($userId) . "' (the connector reads as this user)");
        }
        if ($this->db->query('SELECT name FROM crmguard_connector_token WHERE name = ?', [$name]) !== []) {
            throw new \InvalidArgumentException("a token named '$name' exists: revoke it first");
        }
        $token = bin2hex(random_bytes(32));
        $this->db->exec('INSERT INTO crmguard_connector_token (name, token_sha256, user_id, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP())',
            [$name, hash('sha256', $token), $userId]);
        return $token;
    }

    /** @return list<array{name: string, user_id: string, created_at: string, last_used_at: ?string}> */
    public function list(): array
    {
        return $this->db->query('SELECT name, user_id, created_at, last_used_at FROM crmguard_connector_token ORDER BY name');
    }

    /** @return bool whether a token of that name existed */
    public function revoke(string $name): bool
    {
        return $this->db->exec('DELETE FROM crmguard_connector_token WHERE name = ?', [$name]) > 0;
    }

    /** Seconds the address must still wait, 0 when it may try. */
    public function retryAfter(string $address): int
    {
        $rows = $this->db->query('SELECT failures, GREATEST(0, ? - TIMESTAMPDIFF(SECOND, window_start, UTC_TIMESTAMP())) AS wait
            FROM crmguard_connector_failure WHERE address = ?', [self::FAILURE_WINDOW, self::address($address)]);
        if ($rows === []) {
            $this->failing[self::address($address)] = false;
            return 0;
        }
        $this->failing[self::address($address)] = true;
        if ((int) $rows[0]['failures'] < self::FAILURE_LIMIT) {
            return 0;
        }
        return (int) $rows[0]['wait'];
    }

    /**
     * The connector of a token, or null (and the failure counted for the address).
     *
     * @return ?array{name: string, user_id: string}
     */
    public function verify(#[\SensitiveParameter] string $token, string $address): ?array
    {
        $found = null;
        if ($token !== '' && strlen($token) <= self::MAX_TOKEN_BYTES) {
            $hash = hash('sha256', $token);
            foreach ($this->db->query('SELECT name, token_sha256, user_id,
                    last_used_at IS NULL OR last_used_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND AS stale
                    FROM crmguard_connector_token') as $row) {
                if (hash_equals((string) $row['token_sha256'], $hash) && $found === null) {
                    $found = ['name' => (string) $row['name'], 'user_id' => (string) $row['user_id'], 'stale' => (bool) $row['stale']];
                }
            }
        }
        $address = self::address($address);
        if ($found === null) {
            $this->failing[$address] = true;
            // a new window when the old one is over, else one more failure in it
            $this->db->exec('INSERT INTO crmguard_connector_failure (address, window_start, failures) VALUES (?, UTC_TIMESTAMP(), 1)
                ON DUPLICATE KEY UPDATE
                  failures = IF(TIMESTAMPDIFF(SECOND, window_start, UTC_TIMESTAMP()) >= ?, 1, failures + 1),
                  window_start = IF(TIMESTAMPDIFF(SECOND, window_start, UTC_TIMESTAMP()) >= ?, UTC_TIMESTAMP(), window_start)',
                [$address, self::FAILURE_WINDOW, self::FAILURE_WINDOW]);
            return null;
        }
        // writes only when there is something to write: a failure row retryAfter() saw (or none asked),
        // last_used_at older than a minute (list's "last used" is to the minute)
        if ($this->failing[$address] ?? true) {
            $this->db->exec('DELETE FROM crmguard_connector_failure WHERE address = ?', [$address]);
            unset($this->failing[$address]);
        }
        if ($found['stale']) {
            $this->db->exec('UPDATE crmguard_connector_token SET last_used_at = UTC_TIMESTAMP() WHERE name = ?', [$found['name']]);
        }
        unset($found['stale']);
        return $found;
    }

    /** The address as a key: an IP literal, else a fixed bucket (nothing a client wrote reaches the table unchecked). */
    private static function address(string $address): string
    {
        return filter_var($address, FILTER_VALIDATE_IP) !== false ? $address : 'unknown';
    }

    private static function printable(string $s): string
    {
        return substr((string) preg_replace('/[^\x20-\x7e]/', '?', $s), 0, 64);
    }
}
