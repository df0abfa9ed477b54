<?php
declare(strict_types=1);

namespace CrmGuard\Cli;

/** Wrong command line: unknown command or option, missing value.  Exit code 2. */
final class UsageError extends \RuntimeException
{
    public function __construct(string $message, public readonly ?string $command = null)
    {
        parent::__construct($message);
    }
}
