<?php
declare(strict_types=1);

namespace CrmGuard\Cli;

/** `crmguard COMMAND ...`: finds the command, runs it, maps errors to exit codes. */
final class Application
{
    public const EXIT_OK = 0;
    public const EXIT_FAILURE = 1;
    public const EXIT_USAGE = 2;

    /** Commands that exist: name => class. */
    private const COMMANDS = [
        'normalize' => Command\NormalizeCommand::class,
        'schema' => Command\SchemaCommand::class,
        'report' => Command\ReportCommand::class,
        'qc-sample' => Command\QcSampleCommand::class,
        'audit' => Command\AuditCommand::class,
        'index' => Command\IndexCommand::class,
        'lookup' => Command\LookupCommand::class,
        'import' => Command\ImportCommand::class,
        'token' => Command\TokenCommand::class,
    ];

    private readonly Io $io;

    /**
     * @param resource $in
     * @param resource $out
     * @param resource $err
     */
    public function __construct(mixed $in, mixed $out, mixed $err)
    {
        $this->io = new Io($in, $out, $err);
    }

    /** @param list<string> $args the words after `crmguard` */
    public function run(array $args): int
    {
        $name = $args[0] ?? null;
        try {
            switch ($name) {
                case null:
                case 'help':
                case '--help':
                case '-h':
                    $topic = $name === 'help' ? ($args[1] ?? null) : null;
                    $this->io->write($topic === null ? $this->usage() : $this->command($topic)->help());
                    return self::EXIT_OK;
                case '--version':
                case 'version':
                    $this->io->write('crmguard ' . phpversion('crmguard') . "\n");
                    return self::EXIT_OK;
            }
            return $this->command($name)->run(array_slice($args, 1), $this->io);
        } catch (UsageError $e) {
            $this->io->error('crmguard: ' . $e->getMessage());
            $this->io->error($e->command !== null
                ? "Run 'crmguard {$e->command} --help' for its options."
                : "Run 'crmguard --help' for the list of commands.");
            return self::EXIT_USAGE;
        } catch (Failure $e) {
            $this->io->error('crmguard: ' . $e->getMessage());
            return self::EXIT_FAILURE;
        }
    }

    private function command(string $name): Command
    {
        if (isset(self::COMMANDS[$name])) {
            $class = self::COMMANDS[$name];
            return new $class();
        }
        if ($name !== '' && $name[0] === '-') {
            throw new UsageError("unknown option '$name'");
        }
        throw new UsageError("unknown command '$name'");
    }

    public function usage(): string
    {
        $lines = [
            'crmguard — admin CLI of the crmguard PHP extension (phone numbers, CRM import, call ownership)',
            '',
            'Usage: crmguard COMMAND [OPTIONS]',
            '       crmguard help COMMAND | crmguard COMMAND --help',
            '',
            'Commands:',
        ];
        foreach (self::COMMANDS as $class) {
            $command = new $class();
            $lines[] = '  ' . $command->synopsis();
        }
        array_push(
            $lines,
            '',
            'Every command takes --json for machine-readable output.',
            'Database options: --crm espocrm|suitecrm and --db mysql://user:pass@host:port/db',
            '  (?socket=/path for a unix socket) or --crm-root DIR; CRMGUARD_DB works like --db.',
            '',
            'Exit codes: 0 done, 1 failure (unreadable input, unknown region ...), 2 usage error.',
            '',
        );
        return implode("\n", $lines);
    }
}
