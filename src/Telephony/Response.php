<?php
declare(strict_types=1);

namespace CrmGuard\Telephony;

/** What a connector answers: status, Content-Type, extra headers, body. */
final class Response
{
    /** @param array<string, string> $headers */
    public function __construct(
        public readonly int $status,
        public readonly string $contentType,
        public readonly string $body,
        public readonly array $headers = [],
    ) {}

    public static function json(int $status, array|\stdClass $data, array $headers = []): self
    {
        return new self($status, 'application/json; charset=utf-8', json_encode($data,
            JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR), $headers);
    }

    public static function text(int $status, string $line, array $headers = []): self
    {
        return new self($status, 'text/plain; charset=utf-8', $line === '' ? '' : $line . "\n", $headers);
    }

    /** Sends it with PHP's header()/echo (SuiteCRM's entry point). */
    public function send(): void
    {
        if (!headers_sent()) {
            http_response_code($this->status);
            header('Content-Type: ' . $this->contentType);
            header('Cache-Control: no-store');
            foreach ($this->headers as $name => $value) {
                header("$name: $value");
            }
        }
        echo $this->body;
    }
}
