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

    /** @var ?array{0: string, 1: array} phoneHolders()'s last answer, by its question */
    private static ?array $holders = null;

    private ?Rules $rules = null;
    private ?PhoneIndex $index = null;
    private ?ReadConnection $reading = null;
    private readonly string $key;

    /**
     * @param string $crm 'espocrm' or 'suitecrm'
     * @param string $dsn the CRM's own database (CrmGuard\CrmConfig builds it from the CRM config)
     * @param array<string, mixed> $ruleOptions CrmGuard\Rules options (supervisor rule, extra stages ...)
     * @param ?string $readDsn a read replica of $dsn (EspoCRM 'crmguardReadDatabase', SuiteCRM
     *        $sugar_config['crmguard_read_db']): the dashlet and the telephony call card read there
     *        while it is up to date within $maxLag seconds (ReadConnection); writes, and every
     *        read a save decision rests on (hooks), stay on $dsn
     */
    public function __construct(
        private readonly string $crm,
        #[\SensitiveParameter] private readonly string $dsn,
        private readonly array $ruleOptions = [],
        #[\SensitiveParameter] private readonly ?string $readDsn = null,
        private readonly float $maxLag = ReadConnection::DEFAULT_MAX_LAG,
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
        self::$holders = null;
    }

    /**
     * The connection the read-only answers use (dashlet, telephony call card): the replica when one
     * is configured and up to date within the lag limit, else the primary (ReadConnection::choose,
     * asked once per Guard).
     */
    public function reading(): ReadConnection
    {
        return $this->reading ??= ReadConnection::choose($this->connection(), $this->readDsn, $this->maxLag,
            fn (#[\SensitiveParameter] string $dsn): Connection => self::$connections[$this->crm . ':' . hash('sha256', $dsn)]
                ??= new Connection($dsn));
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
     * @return array<string, mixed> PhoneIndex::lookup()'s result; with a read replica configured,
     *         read from the replica when it has applied every transaction the primary had committed
     *         within the lag limit, else from the primary, and "read_from": "replica"|"primary"
     *         added.  A lagging replica never gives an older card: the card is then the primary's.
     */
    public function callCard(string $phone, string $callerUserId, string $lang = 'en'): array
    {
        if (trim($phone) === '' || \CrmGuard\normalize_phone($phone) === null) {
            throw new BadInput('phone', "'$phone' is not a phone number");
        }
        if (trim($callerUserId) === '') {
            throw new BadInput('userId', 'the user placing or taking the call is required');
        }
        $read = $this->reading();
        if (!$read->replicaConfigured) {
            return $this->index()->lookup($phone, $callerUserId, $lang);
        }
        $index = $read->source === ReadConnection::REPLICA ? new PhoneIndex($read->connection, $this->crm) : $this->index();
        return $index->lookup($phone, $callerUserId, $lang) + $read->answer();
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

    /**
     * The phone duplicate check of a lead, contact or company being typed in (issue 14), for both
     * CRM packages: every number of $values (free text: `8 (912) 345-67-89`, two numbers in a
     * field) that another live lead, contact or company holds, with the call card of that
     * number for the user saving ($actorUserId; null: the CRM itself) from PhoneIndex::lookup,
     * the one colour rule.  Numbers the record itself already holds (an update that keeps them)
     * are not new to it and are skipped.
     *
     * Cost: one statement over the phone index for all the numbers together (an unknown number
     * costs nothing more); each number that someone else holds adds its lookup (two statements),
     * and then the save stops for the dialog or the refusal anyway.  The answer is kept for the
     * rest of the save (the CRM asks twice: its dialog and its save hook) until the next reindex.
     *
     * @param iterable<?string> $values the record's phone values as typed
     * @param ?string $entityId null for a record not stored yet
     * @return list<array{phone: string, color: string, verdict: string, owner_id: ?string,
     *         owner_name: ?string, entity_type: ?string, entity_id: ?string, matches: list<array>}>
     *         one card per number held by another record; matches: the other records only
     */
    public function phoneHolders(iterable $values, string $entityType, ?string $entityId, ?string $actorUserId,
                                 string $lang = 'en'): array
    {
        $digits = Phones::digits($values);
        if ($digits === []) {
            return [];
        }
        sort($digits);
        $key = implode(',', [$this->key, $entityType, (string) $entityId, (string) $actorUserId, $lang, ...$digits]);
        if (self::$holders !== null && self::$holders[0] === $key) {
            return self::$holders[1];
        }
        $rows = $this->connection()->query('SELECT e164, entity_type, entity_id FROM crmguard_phone WHERE e164 IN ('
            . implode(', ', array_fill(0, count($digits), '?')) . ')', $digits);
        $mine = [];
        $others = [];
        foreach ($rows as $row) {
            if ($entityId !== null && $row['entity_type'] === $entityType && (string) $row['entity_id'] === $entityId) {
                $mine[(string) $row['e164']] = true;
            } else {
                $others[(string) $row['e164']] = true;
            }
        }
        $cards = [];
        foreach ($digits as $d) {
            if (!isset($others[$d]) || isset($mine[$d])) {
                continue;
            }
            $card = $this->index()->lookup('+' . $d, (string) $actorUserId, $lang);
            $card['matches'] = array_values(array_filter($card['matches'], static fn (array $m): bool =>
                !($m['entity_type'] === $entityType && $entityId !== null && (string) $m['entity_id'] === $entityId)));
            if ($card['matches'] === []) {
                continue;
            }
            $cards[] = $card;
        }
        self::$holders = [$key, $cards];
        return $cards;
    }

    /**
     * The red rule of the duplicate check, for both packages: a number whose card is red (a
     * company in work with another manager holds it, itself or through a contact) may not be
     * saved by a manager; the responsible manager's supervisor or an administrator may (the
     * supervisor rule of company statuses, Rules::checkStatusChange: whoever may move that
     * company's status may also let another manager take its number).  The CRM itself ($actor
     * null: workflows, jobs) is not checked.  Yellow and blue cards are the CRM's ordinary
     * duplicates: the user may confirm them.
     *
     * @param list<array<string, mixed>> $cards phoneHolders()'s answer
     * @return array{allowed: bool, code: string, message: string, card: ?array} code: 'ok',
     *         'phone_held_red' (refused) or 'red_overridden' (allowed: a supervisor or admin)
     */
    public function phoneDuplicateDecision(array $cards, ?string $actorUserId, string $lang = 'en'): array
    {
        foreach ($cards as $card) {
            if ($card['color'] !== 'red') {
                continue;
            }
            if ($actorUserId === null) {
                return ['allowed' => true, 'code' => 'ok', 'message' => '', 'card' => $card];
            }
            $may = $actorUserId !== '' && $this->rules()->checkStatusChange('waiting', 'in_work', $actorUserId,
                $card['owner_id'] ?? null, $lang)['allowed'];
            if ($may) {
                return ['allowed' => true, 'code' => 'red_overridden', 'message' => '', 'card' => $card];
            }
            $owner = (string) ($card['owner_name'] ?? $card['owner_id'] ?? '');
            $message = $lang === 'ru'
                ? "Сохранение отклонено: {$card['verdict']} Сохранить этот номер может только руководитель менеджера $owner или администратор."
                : "Not saved: {$card['verdict']} Only the supervisor of $owner or an administrator may save this number.";
            return ['allowed' => false, 'code' => 'phone_held_red', 'message' => $message, 'card' => $card];
        }
        return ['allowed' => true, 'code' => 'ok', 'message' => '', 'card' => null];
    }

    /**
     * One line of the CRM's duplicate dialog for a holder of a number: "<name> (<kind>, <owner>) —
     * <number> <COLOUR>: <verdict>", the verdict being the number's call card (the record that
     * decides its colour may be another holder of the same number).
     */
    public static function holderLine(array $card, array $match): string
    {
        return sprintf('%s (%s%s) — %s %s: %s', $match['name'] ?? $match['entity_id'], $match['entity_type'],
            ($match['owner_name'] ?? '') !== '' ? ', ' . $match['owner_name'] : '', $card['phone'],
            strtoupper((string) $card['color']), $card['verdict']);
    }

    /** Brings the phone index up to date for one lead, contact or account (saved, removed or restored). */
    public function reindex(string $entityType, string $entityId): void
    {
        self::$holders = null;
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
