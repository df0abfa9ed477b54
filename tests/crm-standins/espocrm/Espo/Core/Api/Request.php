<?php
// Stand-in for EspoCRM application/Espo/Core/Api/Request.php (an interface there, 44-127; a class
// here): query, route and server params, headers (case-insensitive, as PSR-7's getHeaderLine),
// method, raw body.
namespace Espo\Core\Api;

class Request
{
    public function __construct(private array $query, private string $method = 'GET', private array $routeParams = [],
                                private array $headers = [], private ?string $body = null, private array $server = []) {}

    public function getQueryParam(string $name): ?string
    {
        return isset($this->query[$name]) ? (string) $this->query[$name] : null;
    }

    public function getQueryParams(): array
    {
        return $this->query;
    }

    public function getRouteParam(string $name): ?string
    {
        return isset($this->routeParams[$name]) ? (string) $this->routeParams[$name] : null;
    }

    public function getHeader(string $name): ?string
    {
        foreach ($this->headers as $k => $v) {
            if (strcasecmp($k, $name) === 0) {
                return (string) $v;
            }
        }
        return null;
    }

    public function getMethod(): string
    {
        return $this->method;
    }

    public function getBodyContents(): ?string
    {
        return $this->body;
    }

    public function getServerParam(string $name)
    {
        return $this->server[$name] ?? null;
    }
}
