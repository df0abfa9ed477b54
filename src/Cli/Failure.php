<?php
declare(strict_types=1);

namespace CrmGuard\Cli;

/** The command could not do its work (unreadable input, unknown region ...).  Exit code 1. */
final class Failure extends \RuntimeException
{
}
