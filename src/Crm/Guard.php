<?php
declare(strict_types=1);

namespace CrmGuard\Crm;

use CrmGuard\Connection;
use CrmGuard\PhoneIndex;
use CrmGuard\Rules;

/**
 * The one adapter core both CRM packages call (design principle 1): the EspoCRM hooks and the
 * SuiteCRM logic hooks only read fields from the CRM's record, call a method here and apply the
 * result.  Every rule lives in the extension (CrmGuard\Rules, CrmGuard\PhoneIndex); this class
 * only connects, caches and shapes.
 *
 * One connection per CRM database and request: hooks run many times in one request (a list
 * import saves thousands of records), so the Connection is opened once and kept in a static
 * cache; under PHP-FPM the extension makes it persistent across requests as well.
 */
final class Guard
{
    /**
     * This package's crmguard version (the same as CrmGuard\Schema::VERSION and the extension's
     * PHP_CRMGUARD_VERSION; tools/build-packages refuses to build when they differ): it needs the
     * extension of its major.minor or newer (ExtensionTooOld).
     */
    public const VERSION = '0.2.0';

    /**
     * The process's own stages, which the CRM lists only while the package is installed, and the
     * CRM's own stage each waits in while it is not: the first two of both CRMs' default lists,
     * with the same probability (EspoCRM probabilityMap: Prospecting 10, Qualification 20).
     */
    public const PARKED_STAGES = ['New' => 'Prospecting', 'Calling' => 'Qualification'];

    /** Per CRM: the deals' table and the columns that hold a stage key (EspoCRM also last_stage). */
    private const DEAL_STAGE_COLUMNS = [
        'espocrm' => ['opportunity', ['stage', 'last_stage']],
        'suitecrm' => ['opportunities', ['sales_stage']],
    ];

    /** @var array<string, Connection> keyed by a hash of the DSN, never by the DSN itself */
    private static array $connections = [];

    private ?Rules $rules = null;
    private ?PhoneIndex $index = null;
    private readonly string $key;

    /**
     * @param string $crm 'espocrm' or 'suitecrm'
     * @param string $dsn the CRM's own database (CrmGuard\CrmConfig builds it from the CRM config)
     * @param array<string, mixed> $ruleOptions CrmGuard\Rules options (supervisor rule, extra stages ...)
     */
    public function __construct(
        private readonly string $crm,
        #[\SensitiveParameter] private readonly string $dsn,
        private readonly array $ruleOptions = [],
    ) {
        self::requireExtension();
        $this->key = $crm . ':' . hash('sha256', $dsn);
    }

    /**
     * Throws ExtensionMissing, with what to do, when this PHP has not loaded crmguard, and
     * ExtensionTooOld when it runs a crmguard.so older than this package (a PHP not reloaded after
     * the upgrade): every hook refuses with that message rather than mix versions.
     */
    public static function requireExtension(): void
    {
        if (!extension_loaded('crmguard')) {
            throw new ExtensionMissing();
        }
        ExtensionTooOld::requireFor(self::VERSION);
    }

    public function crm(): string
    {
        return $this->crm;
    }

    public function connection(): Connection
    {
        return self::$connections[$this->key] ??= new Connection($this->dsn);
    }

    /** Forgets the cached connections (tests; a long-running worker after a server restart). */
    public static function reset(): void
    {
        foreach (self::$connections as $connection) {
            $connection->close();
        }
        self::$connections = [];
    }

    public function rules(): Rules
    {
        return $this->rules ??= new Rules($this->connection(), $this->crm, $this->ruleOptions);
    }

    public function index(): PhoneIndex
    {
        return $this->index ??= new PhoneIndex($this->connection(), $this->crm);
    }

    /**
     * The call card for a number typed or dialled by a telephony connector.
     *
     * @throws BadInput when the number is not a phone number
     * @param string $lang the user's language tag as the CRM has it (ru_RU, en_us, ru ...): the
     *        extension reads it (a Russian tag gives Russian, anything else English)
     * @return array<string, mixed> PhoneIndex::lookup()'s result
     */
    public function callCard(string $phone, string $callerUserId, string $lang = 'en'): array
    {
        if (trim($phone) === '' || \CrmGuard\normalize_phone($phone) === null) {
            throw new BadInput('phone', "'$phone' is not a phone number");
        }
        if (trim($callerUserId) === '') {
            throw new BadInput('userId', 'the user placing or taking the call is required');
        }
        return $this->index()->lookup($phone, $callerUserId, $lang);
    }

    /**
     * The card colour of a call logged against records (the call's parent lead, contact or
     * account, then its account): the first of them with a number in the phone index, looked up
     * for the caller.  A call with no such record, or records with no number, is 'none'.
     *
     * @param list<array{0: ?string, 1: ?string}> $records [entity type, id] pairs, in order of preference
     * @return array{color: string, phone: ?string, owner_id: ?string, owner_name: ?string}
     */
    public function cardForRecords(array $records, ?string $callerUserId): array
    {
        $card = ['color' => 'none', 'phone' => null, 'owner_id' => null, 'owner_name' => null];
        if ($callerUserId === null || $callerUserId === '') {
            return $card;
        }
        foreach ($records as [$entityType, $entityId]) {
            if ($entityType === null || $entityType === '' || $entityId === null || $entityId === '') {
                continue;
            }
            $rows = $this->connection()->query(
                'SELECT e164 FROM crmguard_phone WHERE entity_type = ? AND entity_id = ? ORDER BY e164 LIMIT 1',
                [$entityType, $entityId],
            );
            if ($rows === []) {
                continue;
            }
            $found = $this->index()->lookup('+' . $rows[0]['e164'], $callerUserId);
            foreach (array_keys($card) as $key) {
                $card[$key] = $found[$key] ?? null;
            }
            $card['color'] = (string) $card['color'];
            break;
        }
        return $card;
    }

    /**
     * The stage a deal is to be saved with, and whether the move is allowed (CrmGuard\Rules::dealStage,
     * the one rule): $isNew is the CRM's own "not stored yet" flag, never guessed from an empty
     * stored stage.  No stage given: a new deal starts in New; an existing deal keeps its stored
     * stage and the save is refused (`stage_required`).  Asked when the deal is new, or its stage
     * or failure reason changed.
     *
     * @return array{allowed: bool, code: string, message: string, stage: string} `stage`: what to
     *         save (when refused: the stored stage, or New for a new deal)
     */
    public function dealStage(bool $isNew, ?string $from, ?string $to, ?string $failureReason, string $lang,
                              ?string $actorUserId = null): array
    {
        return $this->rules()->dealStage($isNew, $isNew ? null : (string) $from, (string) $to,
            self::blankToNull($failureReason), $lang, self::blankToNull($actorUserId));
    }

    /**
     * The status a company is to be saved with, and whether the change is allowed
     * (CrmGuard\Rules::companyStatus, the one rule): $isNew is the CRM's own flag (a company stored
     * without a status value is an existing company in 'waiting', not a new one).  No status
     * given (null, ''): a new company gets 'waiting', an existing one keeps its own.
     *
     * @param ?string $actorUserId the user saving; null: the CRM itself (EspoCRM's system user:
     *        workflows, jobs), not checked; '' is nobody (refused like any other manager)
     * @param ?string $assignedUserId the responsible user (for an existing company: the one before
     *        this save, whose supervisor decides)
     * @return array{allowed: bool, code: string, message: string, status: string} `status`: what to
     *         save (when refused: the stored status, 'waiting' for a new company)
     */
    public function companyStatus(bool $isNew, ?string $from, ?string $to, ?string $actorUserId, ?string $assignedUserId,
                                  string $lang): array
    {
        return $this->rules()->companyStatus($isNew, $isNew ? null : (string) $from, (string) $to, $actorUserId,
            self::blankToNull($assignedUserId), $lang);
    }

    public function defaultStatus(): string
    {
        return $this->rules()->defaultStatus();
    }

    public function logStage(string $dealId, ?string $userId, ?string $from, string $to, ?string $failureReason): void
    {
        $this->rules()->logStageChange($dealId, self::blankToNull($userId), self::blankToNull($from), $to,
            self::blankToNull($failureReason));
    }

    /** Brings the phone index up to date for one lead, contact or account (saved, removed or restored). */
    public function reindex(string $entityType, string $entityId): void
    {
        $this->index()->reindex($entityType, $entityId);
    }

    /**
     * Install step of both packages: crmguard's own tables brought to this version
     * ($sqlDir/<crm>/*.sql and its migrations through CrmGuard\Schema::migrate, the code of
     * `crmguard schema apply`, which refuses a newer schema), then a full phone index.  Safe to
     * run again: every SQL file is idempotent, a migration runs once, the rebuild replaces the
     * index.  $by is recorded in crmguard_schema_version.
     *
     * @return array{applied: list<string>, index: array<string, mixed>, schema: array<string, mixed>}
     */
    public function install(string $sqlDir, string $by = 'crmguard'): array
    {
        $schema = \CrmGuard\Schema::migrate($this->connection(), $this->crm, $sqlDir, $by);
        return ['applied' => array_map('basename', $schema['files']), 'index' => $this->index()->rebuild(), 'schema' => $schema];
    }

    /**
     * Before an uninstall: every deal (deleted ones too, the trash can give them back) in New or
     * Calling goes to the CRM's own stage of PARKED_STAGES, and crmguard_parked_stage records what
     * it had, in one transaction, so the CRM is left with no deal in a stage it cannot show.  Safe
     * to run again (a deal parked twice keeps its latest real stage).
     *
     * @return array<string, int> per process stage, the deals moved (by their stage column)
     */
    public function parkDealStages(): array
    {
        [$table, $columns] = self::DEAL_STAGE_COLUMNS[$this->crm];
        $db = $this->connection();
        $moved = array_fill_keys(array_keys(self::PARKED_STAGES), 0);
        $db->exec('START TRANSACTION');
        try {
            foreach ($columns as $i => $column) {
                foreach (self::PARKED_STAGES as $stage => $parkedAs) {
                    $db->exec("INSERT INTO crmguard_parked_stage (deal_id, field, stage, parked_as, parked_at)
                        SELECT t.id, ?, t.`$column`, ?, UTC_TIMESTAMP() FROM `$table` t WHERE t.`$column` = ?
                        ON DUPLICATE KEY UPDATE stage = VALUES(stage), parked_as = VALUES(parked_as), parked_at = VALUES(parked_at)",
                        [$column, $parkedAs, $stage]);
                    $n = $db->exec("UPDATE `$table` SET `$column` = ? WHERE `$column` = ?", [$parkedAs, $stage]);
                    if ($i === 0) {
                        $moved[$stage] = $n;
                    }
                }
            }
            $db->exec('COMMIT');
        } catch (\Throwable $e) {
            $db->exec('ROLLBACK');
            throw $e;
        }
        return $moved;
    }

    /**
     * After a (re)install: every parked deal still in the stage it was parked in gets its stage
     * back; one changed meanwhile keeps what it has now (the CRM's users decided).  Empties
     * crmguard_parked_stage.
     *
     * @return int the deals given their stage back
     */
    public function restoreDealStages(): int
    {
        [$table, $columns] = self::DEAL_STAGE_COLUMNS[$this->crm];
        $db = $this->connection();
        $restored = 0;
        $db->exec('START TRANSACTION');
        try {
            foreach ($columns as $i => $column) {
                $n = $db->exec("UPDATE `$table` t JOIN crmguard_parked_stage p ON p.deal_id = t.id AND p.field = ?
                    SET t.`$column` = p.stage WHERE t.`$column` = p.parked_as", [$column]);
                if ($i === 0) {
                    $restored = $n;
                }
            }
            $db->exec('DELETE FROM crmguard_parked_stage');
            $db->exec('COMMIT');
        } catch (\Throwable $e) {
            $db->exec('ROLLBACK');
            throw $e;
        }
        return $restored;
    }

    private static function blankToNull(?string $value): ?string
    {
        return $value === null || $value === '' ? null : $value;
    }
}
