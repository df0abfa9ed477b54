<?php
// Stand-in for EspoCRM application/Espo/Core/Api/Response.php: status, headers, body.
namespace Espo\Core\Api;

class Response
{
    public array $headers = [];
    public string $body = '';
    public int $status = 200;

    /** Response.php 52 */
    public function setStatus(int $code, ?string $reason = null): self
    {
        $this->status = $code;
        return $this;
    }

    public function setHeader(string $name, string $value): self
    {
        $this->headers[$name] = $value;
        return $this;
    }

    public function writeBody(string $string): self
    {
        $this->body .= $string;
        return $this;
    }
}
