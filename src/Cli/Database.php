<?php
declare(strict_types=1);

namespace CrmGuard\Cli;

use CrmGuard\Connection;
use CrmGuard\Crm\ReadConnection;
use CrmGuard\CrmConfig;
use CrmGuard\DbException;
use CrmGuard\Schema;

/**
 * The database options every DB command takes:
 *   --crm espocrm|suitecrm
 *   --db mysql://user:pass@host:port/db[?socket=/path]   (or env CRMGUARD_DB)
 *   --crm-root DIR   read the CRM's own config (then --crm may be left out)
 * --db wins over CRMGUARD_DB; --db and --crm-root together are a usage error.
 *
 * The commands that only read also take READ_OPTIONS: --read-db DSN (or env CRMGUARD_READ_DB), a
 * read replica of that database, and --max-lag SECONDS; connectForReading() opens the connection
 * they read through, as CrmGuard\Crm\ReadConnection decides.  Every write uses connect(), the
 * primary.
 */
final class Database
{
    /** Option spec for Options::parse(). */
    public const OPTIONS = ['crm' => true, 'db' => true, 'crm-root' => true];

    /** Option spec of the commands that only read. */
    public const READ_OPTIONS = ['read-db' => true, 'max-lag' => true];

    public const READ_HELP = <<<'TXT'
      --read-db DSN   read from this replica of the --db database (CRMGUARD_READ_DB
                      works the same); writes always go to --db.  Before reading, the
                      replica must have applied every transaction the primary had
                      committed (GTID, MASTER_GTID_WAIT); it is given --max-lag seconds
                      for that, else the primary is read and stderr says why
      --max-lag S     seconds to wait for the replica (default 5; 0: no waiting)
    TXT;

    public const HELP = <<<'TXT'
      --crm NAME      espocrm or suitecrm (found from --crm-root when left out)
      --db DSN        mysql://user:password@host:port/database, ?socket=/path
                      for a unix socket (mariadb:// too); CRMGUARD_DB works the same
      --crm-root DIR  read the database settings from the CRM's own config
                      (EspoCRM data/config.php + data/config-internal.php;
                      SuiteCRM config.php + config_override.php)
    TXT;

    /** The last connectForReading()'s choice (where it reads, and why the primary), null before. */
    public ?ReadConnection $read = null;

    private function __construct(
        public readonly string $crm,
        #[\SensitiveParameter] private readonly string $dsn,
        #[\SensitiveParameter] private readonly ?string $readDsn = null,
        private readonly float $maxLag = ReadConnection::DEFAULT_MAX_LAG,
    ) {
    }


    /** @param array<string, string> $env normally getenv() */
    public static function fromOptions(Options $options, string $command, ?array $env = null): self
    {
        $env ??= getenv();
        $root = $options->has('crm-root') ? $options->get('crm-root', '') : null;
        $dsn = $options->has('db') ? $options->get('db', '') : null;
        if ($root !== null && $dsn !== null) {
            throw new UsageError('give either --db or --crm-root, not both', $command);
        }
        $crm = $options->has('crm') ? strtolower($options->get('crm', '')) : null;
        if ($crm !== null && $crm !== 'espocrm' && $crm !== 'suitecrm') {
            throw new UsageError("--crm must be espocrm or suitecrm, not '$crm'", $command);
        }
        if ($root !== null) {
            if (!is_dir($root)) {
                throw new Failure("--crm-root: $root is not a directory");
            }
            $crm ??= CrmConfig::detect($root)
                ?? throw new UsageError("--crm-root: cannot tell which CRM is in $root; give --crm", $command);
            try {
                $dsn = CrmConfig::dsnFromRoot($crm, $root);
            } catch (\InvalidArgumentException $e) {
                throw new Failure('--crm-root: ' . $e->getMessage());
            }
        }
        if ($dsn === null && isset($env['CRMGUARD_DB']) && $env['CRMGUARD_DB'] !== '') {
            $dsn = $env['CRMGUARD_DB'];
        }
        if ($dsn === null || $dsn === '') {
            throw new UsageError('which database? give --db DSN, --crm-root DIR or set CRMGUARD_DB', $command);
        }
        if ($crm === null) {
            throw new UsageError('which CRM? give --crm espocrm or --crm suitecrm', $command);
        }
        $readDsn = $options->has('read-db') ? $options->get('read-db', '')
            : (isset($env['CRMGUARD_READ_DB']) && is_string($env['CRMGUARD_READ_DB']) ? $env['CRMGUARD_READ_DB'] : '');
        try {
            $maxLag = ReadConnection::maxLag($options->get('max-lag', (string) ReadConnection::DEFAULT_MAX_LAG));
        } catch (\InvalidArgumentException $e) {
            throw new UsageError('--max-lag: ' . $e->getMessage(), $command);
        }
        return new self($crm, $dsn, $readDsn !== '' ? $readDsn : null, $maxLag);
    }

    /**
     * The connection a command that only reads reads through: the replica of --read-db when it is
     * up to date within --max-lag, else the primary (ReadConnection::choose); when a replica was
     * given but the primary is read, a line on stderr says why.  $views: as connectForViews().
     */
    public function connectForReading(Io $io, ?string $views = null): Connection
    {
        $primary = $this->connect();
        try {
            $read = ReadConnection::choose($primary, $this->readDsn, $this->maxLag);
        } catch (DbException $e) {
            throw new Failure($e->getMessage());
        }
        $this->read = $read;
        if ($read->reason !== null) {
            $io->error('crmguard: reading from the primary: ' . $read->reason);
        }
        return $views !== null ? $this->checkViews($read->connection, $views) : $read->connection;
    }

    /**
     * Opens the connection for a command that reads crmguard's report views ($what: "the
     * report", ...): when the CRM lacks a column the views read (crmguard's custom field, gone
     * for instance after a SuiteCRM uninstall with "Remove tables", which leaves the views
     * invalid: ERROR 1356), a Failure saying what is missing and what to do.
     */
    public function connectForViews(string $what): Connection
    {
        return $this->checkViews($this->connect(), $what);
    }

    private function checkViews(Connection $db, string $what): Connection
    {
        try {
            $missing = Schema::missing($db, $this->crm);
        } catch (DbException $e) {
            throw new Failure($e->getMessage());
        }
        if ($missing !== []) {
            throw new Failure(Schema::missingMessage($this->crm, $missing, "$what cannot run until then"));
        }
        return $db;
    }

    /**
     * A query's DbException as the command's Failure.  An unknown column (1054) among the ones
     * crmguard reads means crmguard's custom fields are gone (a SuiteCRM uninstall with "Remove
     * tables", or the package never installed): the message says so and what to do.
     */
    public function failure(DbException $e): Failure
    {
        if ($e->getCode() === 1054 && preg_match("/Unknown column '(?:\\w+\\.)?(c_crmguard\\w*|crmguard\\w*)'/", $e->getMessage(), $m)) {
            $package = $this->crm === 'espocrm' ? 'the crmguard extension in EspoCRM (Administration > Extensions)'
                : 'the crmguard package in SuiteCRM (Admin > Module Loader)';
            return new Failure("the CRM has no column {$m[1]}, one of crmguard's custom fields: install $package,"
                . " which adds them, then run 'crmguard index rebuild' (" . $e->getMessage() . ')');
        }
        return new Failure($e->getMessage());
    }

    /** The CRM packages' adapter core on this database (the telephony connectors' answers). */
    public function guard(): \CrmGuard\Crm\Guard
    {
        return new \CrmGuard\Crm\Guard($this->crm, $this->dsn, [], $this->readDsn, $this->maxLag);
    }

    /** Opens the connection; a DbException becomes a Failure (exit 1). */
    public function connect(): Connection
    {
        try {
            return new Connection($this->dsn);
        } catch (DbException $e) {
            throw new Failure($e->getMessage());
        }
    }
}
