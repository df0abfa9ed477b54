<?php
// Stand-in for EspoCRM application/Espo/Core/Exceptions/BadRequest.php: HTTP 400, createWithBody().
namespace Espo\Core\Exceptions;

use Espo\Core\Exceptions\Error\Body;

class BadRequest extends \Exception implements HasBody
{
    protected $code = 400;
    private ?string $body = null;

    final public function __construct(string $message = '', int $code = 0, ?\Throwable $previous = null)
    {
        parent::__construct($message, $code, $previous);
    }

    public static function createWithBody(string $message, string|Body $body): self
    {
        $e = new static($message);
        $e->body = $body instanceof Body ? $body->encode() : $body;
        return $e;
    }

    public function getBody(): ?string
    {
        return $this->body;
    }
}
