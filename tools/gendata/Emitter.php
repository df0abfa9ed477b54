<?php
/*
 * tools/gendata/Emitter.php — what a CRM-specific writer provides to World, and the id formats.
 *
 * Ids are the CRM's own format, derived from the record's creation time like the CRM's own
 * generator, plus a global counter run through a bijection so they never collide:
 *   EspoCRM  Util::generateId() = uniqid() . substr(md5((string) rand()), 0, 4): 8 hex digits of
 *            the unix second, 5 of the microsecond, 4 random -> 17 characters (here the
 *            "microsecond" is the counter mod 10^6 permuted, and the counter's next 4 bits are
 *            added to the first random digit, so ids are unique up to 16M records);
 *   SuiteCRM create_guid(): 5 hex of the microsecond + 3 random, -4-4-4- random, then the first
 *            6 hex digits of the unix second + 6 random (8-4-4-4-12, 36 characters).
 */
declare(strict_types=1);

namespace CrmGuard\GenData;

abstract class Emitter
{
    protected int $seq = 0;
    /** @var array<int, string> unix day => 'Y-m-d ' */
    private array $days = [];
    /** @var string[] second of day => 'H:i:s' */
    private array $hms = [];

    public function __construct(protected Writer $w)
    {
    }

    abstract public function adminId(): string;
    abstract public function leadSources(): array;
    abstract public function supervisorRule(): string;
    abstract public function begin(int $start, int $asOf): void;
    abstract public function team(array $t): void;
    abstract public function user(array $u): void;
    abstract public function account(array $a): void;
    abstract public function contact(array $c): void;
    abstract public function lead(array $l): void;
    abstract public function deal(array $d): void;
    abstract public function task(array $t): void;
    abstract public function call(array $c): void;
    abstract public function email(array $m): void;
    abstract public function emailAddress(string $addr, string $parentType, string $parentId, int $at): void;
    abstract public function note(array $n): void;
    abstract public function newId(int $created): string;

    public function end(): array
    {
        return $this->w->close();
    }

    /** 17-character EspoCRM id for a record created at $t. */
    protected function espoId(int $t): string
    {
        $n = $this->seq++;
        $usec = ($n * 7919 + 104729) % 1000000;
        $r = mt_rand(0, 4095);   // the counter's high nibble rides on the random digits, recoverably
        return sprintf('%08x%05x%x%03x', $t, $usec, (intdiv($n, 1000000) + $r) & 15, $r);
    }

    /** 36-character SuiteCRM create_guid() for a record created at $t. */
    protected function suiteId(int $t): string
    {
        $n = $this->seq++;
        $usec = ($n * 7919 + 104729) % 1000000;
        $m = ($n * 2654435761) & 0xffffffff;   // odd multiplier: a bijection mod 2^32
        $a = mt_rand();
        $b = mt_rand();
        // dechex($t) has 8 digits for any date after 1978; SuiteCRM keeps the first 6.
        return sprintf('%05x%03x-%04x-%04x-%04x-%06x%06x', $usec, $a & 0xfff, $m >> 16, $m & 0xffff,
            ($a >> 12) & 0xffff, $t >> 8, $b & 0xffffff);
    }

    /** 'Y-m-d H:i:s' (UTC, as both CRMs store) without gmdate() per value. */
    protected function dt(?int $t): ?string
    {
        if ($t === null) {
            return null;
        }
        $d = intdiv($t, 86400);
        if (!$this->hms) {
            for ($s = 0; $s < 86400; $s++) {
                $this->hms[] = sprintf('%02d:%02d:%02d', intdiv($s, 3600), intdiv($s, 60) % 60, $s % 60);
            }
        }
        return ($this->days[$d] ??= gmdate('Y-m-d ', $d * 86400)) . $this->hms[$t - $d * 86400];
    }

    /** crmguard_stage_log as agreed between the branches (sql/<crm>/030_stage_log.sql). */
    protected function stageLogTable(): void
    {
        $this->w->sql("CREATE TABLE IF NOT EXISTS `crmguard_stage_log` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `deal_id` varchar(36) NOT NULL,
  `user_id` varchar(36) DEFAULT NULL,
  `from_stage` varchar(100) DEFAULT NULL,
  `to_stage` varchar(100) NOT NULL,
  `failure_reason` varchar(100) DEFAULT NULL,
  `changed_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  KEY `deal_changed` (`deal_id`, `changed_at`),
  KEY `changed_at` (`changed_at`)
);");
        $this->w->table('crmguard_stage_log', ['deal_id', 'user_id', 'from_stage', 'to_stage', 'failure_reason', 'changed_at']);
    }

    protected function stageLog(array $d): void
    {
        foreach ($d['changes'] as [$from, $to, $at, $user, $reason]) {
            $this->w->row('crmguard_stage_log', [$d['id'], $user, $from, $to, $reason, $this->dt($at)]);
        }
    }
}
