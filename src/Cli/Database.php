<?php
declare(strict_types=1);

namespace CrmGuard\Cli;

use CrmGuard\Connection;
use CrmGuard\CrmConfig;
use CrmGuard\DbException;
use CrmGuard\Schema;

/**
 * The database options every DB command takes:
 *   --crm espocrm|suitecrm
 *   --db mysql://user:pass@host:port/db[?socket=/path]   (or env CRMGUARD_DB)
 *   --crm-root DIR   read the CRM's own config (then --crm may be left out)
 * --db wins over CRMGUARD_DB; --db and --crm-root together are a usage error.
 */
final class Database
{
    /** Option spec for Options::parse(). */
    public const OPTIONS = ['crm' => true, 'db' => true, 'crm-root' => true];

    public const HELP = <<<'TXT'
      --crm NAME      espocrm or suitecrm (found from --crm-root when left out)
      --db DSN        mysql://user:password@host:port/database, ?socket=/path
                      for a unix socket (mariadb:// too); CRMGUARD_DB works the same
      --crm-root DIR  read the database settings from the CRM's own config
                      (EspoCRM data/config.php + data/config-internal.php;
                      SuiteCRM config.php + config_override.php)
    TXT;

    private function __construct(
        public readonly string $crm,
        #[\SensitiveParameter] private readonly string $dsn,
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
        return new self($crm, $dsn);
    }

    /**
     * Opens the connection for a command that reads crmguard's report views ($what: "the
     * report", ...): when the CRM lacks a column the views read (crmguard's custom field, gone
     * for instance after a SuiteCRM uninstall with "Remove tables", which leaves the views
     * invalid: ERROR 1356), a Failure saying what is missing and what to do.
     */
    public function connectForViews(string $what): Connection
    {
        $db = $this->connect();
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
        return new \CrmGuard\Crm\Guard($this->crm, $this->dsn);
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
