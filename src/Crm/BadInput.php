<?php
declare(strict_types=1);

namespace CrmGuard\Crm;

/** A request parameter of a package endpoint is missing or malformed; $parameter names it. */
final class BadInput extends \InvalidArgumentException
{
    public function __construct(public readonly string $parameter, string $message)
    {
        parent::__construct("$parameter: $message");
    }
}
