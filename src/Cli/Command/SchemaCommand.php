<?php
declare(strict_types=1);

namespace CrmGuard\Cli\Command;

use CrmGuard\Cli\Command;
use CrmGuard\Cli\Database;
use CrmGuard\Cli\Failure;
use CrmGuard\Cli\Io;
use CrmGuard\Cli\Options;
use CrmGuard\Cli\UsageError;
use CrmGuard\DbException;
use CrmGuard\Schema;
use CrmGuard\SchemaNotReady;
use CrmGuard\SchemaTooNew;

/** `crmguard schema apply`: creates crmguard's own tables and views (sql/<crm>/*.sql). */
final class SchemaCommand implements Command
{
    public function name(): string
    {
        return 'schema';
    }

    public function synopsis(): string
    {
        return 'schema apply [--json]           create/update crmguard\'s own tables (sql/<crm>/*.sql)';
    }

    public function help(): string
    {
        return "Usage: crmguard schema apply [--crm NAME] (--db DSN | --crm-root DIR) [--json]\n\n"
            . "Applies sql/<crm>/*.sql in lexical order: crmguard's own tables and views\n"
            . "(phone index, import journal, stage log, report views).  Every file is\n"
            . "idempotent and touches no CRM table, so running it again is safe.\n"
            . "The schema is versioned with crmguard (table crmguard_schema_version): over an\n"
            . "older crmguard's tables it first runs the migration steps of each newer version\n"
            . "(sql/<crm>/migrations/<version>.sql) once and records the version reached;\n"
            . "over tables of a newer crmguard it refuses (no downgrade) and changes nothing.\n"
            . "The report views read crmguard's custom fields in the CRM; without them\n"
            . "nothing is applied and the message says what to install first.\n\n"
            . "Options:\n" . Database::HELP . "\n"
            . "  --json          {\"crm\":..., \"from\":version|null, \"to\":version, \"migrations\":[step, ...],\n"
            . "                  \"recorded\":bool, \"applied\":[file, ...], \"elapsed_s\":...}\n"
            . "  --help          this text\n\n"
            . "Exit codes: 0 applied, 1 database error or newer schema, 2 usage error.\n";
    }

    public function run(array $args, Io $io): int
    {
        $options = Options::parse($args, Database::OPTIONS + ['json' => false, 'help' => false], 'schema');
        if ($options->has('help')) {
            $io->write($this->help());
            return 0;
        }
        if ($options->arguments !== ['apply']) {
            throw new UsageError($options->arguments === [] ? "what to do? ('schema apply')"
                : "unknown 'schema' action '" . implode(' ', $options->arguments) . "' (known: apply)", 'schema');
        }
        $database = Database::fromOptions($options, 'schema');
        $db = $database->connect();
        $t0 = hrtime(true);
        try {
            $result = Schema::migrate($db, $database->crm, null, 'crmguard CLI ' . Schema::VERSION);
            $files = $result['files'];
        } catch (SchemaNotReady|SchemaTooNew $e) {
            throw new Failure($e->getMessage());
        } catch (DbException $e) {
            throw new Failure($e->getMessage());
        }
        $elapsed = round((hrtime(true) - $t0) / 1e9, 3);
        $names = array_map(static fn (string $f): string => 'sql/' . $database->crm . '/' . basename($f), $files);
        if ($options->has('json')) {
            $io->write(json_encode(['crm' => $database->crm, 'from' => $result['from'], 'to' => $result['to'],
                'migrations' => $result['migrations'], 'recorded' => $result['recorded'], 'applied' => $names, 'elapsed_s' => $elapsed],
                JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR) . "\n");
        } else {
            foreach ($result['migrations'] as $m) {
                $io->write("migrated sql/{$database->crm}/migrations/$m\n");
            }
            foreach ($names as $n) {
                $io->write("applied $n\n");
            }
            $io->write($result['from'] === $result['to'] ? "schema already at {$result['to']}: nothing to migrate\n"
                : 'schema ' . ($result['from'] ?? '(none)') . " -> {$result['to']}, recorded in crmguard_schema_version\n");
            $io->write(sprintf("%d file(s) applied to the %s database in %.2fs\n", count($names), $database->crm, $elapsed));
        }
        return 0;
    }
}
