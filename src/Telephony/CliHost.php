<?php
declare(strict_types=1);

namespace CrmGuard\Telephony;

/**
 * The host of `crmguard lookup --format`: an administrator at the server, who may read every
 * record and journals nothing.
 */
final class CliHost implements Host
{
    public function __construct(private readonly string $lang = 'en') {}

    public function mayRead(string $userId, string $entityType, string $entityId): bool
    {
        return true;
    }

    public function mayUseCalls(string $userId): bool
    {
        return true;
    }

    public function journalCall(array $call, ?string $existingId): string
    {
        throw new \LogicException('the CLI journals no calls');
    }

    public function recordUrl(string $entityType, string $entityId): ?string
    {
        return null;
    }

    public function setting(string $name): ?string
    {
        return null;
    }

    public function lang(): string
    {
        return $this->lang;
    }
}
