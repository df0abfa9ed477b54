<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

/**
 * What a report covers and the thresholds it applies.  Dates are the CRM's
 * (UTC); `since` and `until` are whole days, both included.
 */
final class ReportOptions
{
    /**
     * @param ?string $since       first day (YYYY-MM-DD), null: from the first record
     * @param ?string $until       last day (YYYY-MM-DD), null: up to now
     * @param ?string $managerId   only this manager's records
     * @param ?string $teamId      only the records of this team's members
     * @param int     $slaMinutes  an inbound call or email answered later than this (or not at
     *                             all once this has passed) is late
     * @param int     $staleDays   an open deal in its stage longer than this is stale
     * @param float   $bandLow     normal conversion band, percent
     * @param float   $alarmCoefficient response-speed coefficient above this raises the alarm
     * @param string  $now         the moment staleness and unanswered inbounds are measured at
     *                             (YYYY-MM-DD HH:MM:SS, UTC)
     * @param ?string $trend       'day', 'week' or null (day for up to 62 days, else week)
     * @param ?list<string> $userIds only the records of these users (a dashlet's scope,
     *                             CrmGuard\Analytics\Scope); null: no such limit
     */
    public function __construct(
        public readonly ?string $since = null,
        public readonly ?string $until = null,
        public readonly ?string $managerId = null,
        public readonly ?string $teamId = null,
        public readonly int $slaMinutes = 60,
        public readonly int $staleDays = 7,
        public readonly float $bandLow = 15.0,
        public readonly float $bandHigh = 20.0,
        public readonly float $alarmCoefficient = 0.3,
        public readonly string $now = '',
        public readonly ?string $trend = null,
        public readonly ?array $userIds = null,
    ) {
        foreach (['since' => $since, 'until' => $until] as $name => $date) {
            if ($date !== null && !self::isDate($date)) {
                throw new \InvalidArgumentException("--$name must be a date YYYY-MM-DD, '$date' given");
            }
        }
        if ($since !== null && $until !== null && $since > $until) {
            throw new \InvalidArgumentException("--since $since is after --until $until");
        }
        if ($slaMinutes < 0 || $staleDays < 0) {
            throw new \InvalidArgumentException('--sla and --stale-days must not be negative');
        }
        if ($bandLow < 0 || $bandHigh > 100 || $bandLow > $bandHigh) {
            throw new \InvalidArgumentException("--band must be LOW-HIGH percent with 0 <= LOW <= HIGH <= 100");
        }
        if ($now !== '' && !preg_match('/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/', $now)) {
            throw new \InvalidArgumentException("--now must be YYYY-MM-DD[ HH:MM[:SS]], '$now' given");
        }
        if ($trend !== null && $trend !== 'day' && $trend !== 'week') {
            throw new \InvalidArgumentException("--trend must be day or week, '$trend' given");
        }
        if ($managerId !== null && $teamId !== null) {
            throw new \InvalidArgumentException('--manager and --team exclude each other');
        }
    }

    public static function isDate(string $s): bool
    {
        if (!preg_match('/^(\d{4})-(\d{2})-(\d{2})$/', $s, $m)) {
            return false;
        }
        return checkdate((int) $m[2], (int) $m[3], (int) $m[1]);
    }

    /** "15-20" -> [15.0, 20.0] */
    public static function parseBand(string $band): array
    {
        if (!preg_match('/^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*%?\s*$/', $band, $m)) {
            throw new \InvalidArgumentException("--band must look like 15-20, '$band' given");
        }
        return [(float) $m[1], (float) $m[2]];
    }

    /** The reference moment as 'YYYY-MM-DD HH:MM:SS'. */
    public function nowTime(): string
    {
        if ($this->now === '') {
            return gmdate('Y-m-d H:i:s');
        }
        $n = strlen($this->now) === 10 ? $this->now . ' 00:00:00' : $this->now;
        return strlen($n) === 16 ? $n . ':00' : $n;
    }

    /** The exclusive upper bound of the period ('YYYY-MM-DD 00:00:00' of the day after until), or null. */
    public function untilExclusive(): ?string
    {
        return $this->until === null ? null
            : gmdate('Y-m-d 00:00:00', (int) strtotime($this->until . ' 00:00:00 UTC') + 86400);
    }

    /**
     * SQL condition (with its parameters) that keeps a row of a view in the
     * period and scope: $timeColumn in [since, until], and the user column
     * the manager or one of the team's members.
     *
     * @return array{0: string, 1: list<string>}
     */
    public function where(string $timeColumn, string $userColumn = 'user_id'): array
    {
        $sql = ['1 = 1'];
        $params = [];
        if ($this->since !== null) {
            $sql[] = "$timeColumn >= ?";
            $params[] = $this->since . ' 00:00:00';
        }
        if ($this->until !== null) {
            $sql[] = "$timeColumn < ?";
            $params[] = $this->untilExclusive();
        }
        if ($this->managerId !== null) {
            $sql[] = "$userColumn = ?";
            $params[] = $this->managerId;
        }
        if ($this->userIds !== null) {
            $sql[] = $this->userIds === [] ? '1 = 0'
                : "$userColumn IN (" . implode(', ', array_fill(0, count($this->userIds), '?')) . ')';
            array_push($params, ...array_map('strval', $this->userIds));
        }
        if ($this->teamId !== null) {
            $sql[] = "$userColumn IN (SELECT ut.user_id FROM crmguard_v_user_team ut WHERE ut.team_id = ?)";
            $params[] = $this->teamId;
        }
        return [implode(' AND ', $sql), $params];
    }
}
