<?php
declare(strict_types=1);

namespace CrmGuard\Telephony;

/**
 * One HTTP request from a PBX, as the CRM's front controller received it: method, query,
 * parsed form or JSON body, headers (names lower-cased), the raw body's size and the TCP peer.
 * fromGlobals() reads PHP's superglobals (SuiteCRM's entry points); EspoCRM's action builds it
 * from its Request.  Nothing here is trusted: Gateway bounds and checks every value.
 */
final class Request
{
    /**
     * @param array<string, mixed> $query
     * @param array<string, mixed> $form form fields, or a JSON object body's fields
     * @param array<string, string> $headers lower-case names
     */
    public function __construct(
        public readonly string $method,
        public readonly array $query,
        public readonly array $form,
        public readonly array $headers,
        public readonly int $bodyBytes,
        public readonly string $address,
    ) {}

    /** A request from a raw body and Content-Type (form-urlencoded or JSON; anything else: no fields). */
    public static function fromBody(string $method, array $query, string $body, array $headers, string $address): self
    {
        $headers = array_change_key_case($headers, CASE_LOWER);
        $type = strtolower(trim(explode(';', (string) ($headers['content-type'] ?? ''))[0]));
        $form = [];
        if ($body !== '' && strlen($body) <= Gateway::MAX_BODY_BYTES) {
            if ($type === 'application/json') {
                $decoded = json_decode($body, true, 4);
                $form = is_array($decoded) ? $decoded : ['' => "\0not a JSON object"];
            } elseif ($type === 'application/x-www-form-urlencoded' || $type === '') {
                parse_str($body, $form);
            }
        }
        return new self(strtoupper($method), $query, $form, $headers, strlen($body), $address);
    }

    /** The request PHP is answering (SuiteCRM's index.php?entryPoint=...). */
    public static function fromGlobals(): self
    {
        $headers = [];
        foreach ($_SERVER as $k => $v) {
            if (is_string($v) && str_starts_with($k, 'HTTP_')) {
                $headers[strtolower(str_replace('_', '-', substr($k, 5)))] = $v;
            }
        }
        if (isset($_SERVER['CONTENT_TYPE'])) {
            $headers['content-type'] = (string) $_SERVER['CONTENT_TYPE'];
        }
        $length = (int) ($_SERVER['CONTENT_LENGTH'] ?? 0);
        $query = $_GET;
        unset($query['entryPoint'], $query['module'], $query['action'], $query['protocol']);
        $method = strtoupper((string) ($_SERVER['REQUEST_METHOD'] ?? 'GET'));
        $type = strtolower(trim(explode(';', (string) ($headers['content-type'] ?? ''))[0]));
        if ($method === 'POST' && $type === 'application/x-www-form-urlencoded') {
            // PHP has parsed the form into $_POST already (php://input may be gone)
            return new self($method, $query, $length > Gateway::MAX_BODY_BYTES ? [] : $_POST, $headers, $length,
                (string) ($_SERVER['REMOTE_ADDR'] ?? ''));
        }
        $body = $length > Gateway::MAX_BODY_BYTES ? str_repeat(' ', Gateway::MAX_BODY_BYTES + 1)
            : (string) file_get_contents('php://input', false, null, 0, Gateway::MAX_BODY_BYTES + 1);
        return self::fromBody($method, $query, $body, $headers, (string) ($_SERVER['REMOTE_ADDR'] ?? ''));
    }

    public function header(string $name): ?string
    {
        $v = $this->headers[strtolower($name)] ?? null;
        return is_string($v) ? $v : null;
    }
}
