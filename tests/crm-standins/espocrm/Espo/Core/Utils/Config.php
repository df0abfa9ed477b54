<?php
// Stand-in for EspoCRM application/Espo/Core/Utils/Config.php: get() over the merged
// data/config.php + data/config-internal.php array.
namespace Espo\Core\Utils;

class Config
{
    public function __construct(private array $data) {}

    public function get(string $name, $default = null)
    {
        return $this->data[$name] ?? $default;
    }
}
