<?php
declare(strict_types=1);

namespace CrmGuard\Cli;

/**
 * One `crmguard` command.  Add a command: a class in src/Cli/Command/ and one
 * line in Application::COMMANDS.
 */
interface Command
{
    /** The word after `crmguard`, e.g. "normalize". */
    public function name(): string;

    /** One line for the command list: the arguments and what it does. */
    public function synopsis(): string;

    /** The text of `crmguard COMMAND --help`. */
    public function help(): string;

    /**
     * Runs with the arguments after the command's name; returns the exit code
     * (Application::EXIT_*).  Throws UsageError for bad arguments and Failure
     * for anything else that stops it.
     *
     * @param list<string> $args
     */
    public function run(array $args, Io $io): int;
}
