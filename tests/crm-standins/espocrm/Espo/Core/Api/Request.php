<?php
// Stand-in for EspoCRM application/Espo/Core/Api/Request.php (an interface there; a query-only class here).
namespace Espo\Core\Api;

class Request
{
    public function __construct(private array $query) {}

    public function getQueryParam(string $name): ?string
    {
        return isset($this->query[$name]) ? (string) $this->query[$name] : null;
    }
}
