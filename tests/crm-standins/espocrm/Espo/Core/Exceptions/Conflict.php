<?php
// Stand-in for EspoCRM application/Espo/Core/Exceptions/Conflict.php (9.2.7 35-73): HTTP 409,
// createWithBody($reason, $body); the reason ('duplicate') is the message.
namespace Espo\Core\Exceptions;

use Espo\Core\Exceptions\Error\Body;

class Conflict extends \Exception implements HasBody
{
    protected $code = 409;
    private ?string $body = null;

    final public function __construct(string $message = '', int $code = 0, ?\Throwable $previous = null)
    {
        parent::__construct($message, $code, $previous);
    }

    public static function createWithBody(string $reason, string|Body $body): self
    {
        $e = new static($reason);
        $e->body = $body instanceof Body ? $body->encode() : $body;
        return $e;
    }

    public function getBody(): ?string
    {
        return $this->body;
    }
}
