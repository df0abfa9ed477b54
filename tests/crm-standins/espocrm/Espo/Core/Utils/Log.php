<?php
// Stand-in for EspoCRM application/Espo/Core/Utils/Log.php (a PSR-3 logger): the lines logged.
namespace Espo\Core\Utils;

class Log
{
    /** @var list<string> */
    public static array $lines = [];

    public function __call(string $level, array $args): void
    {
        self::$lines[] = "$level: " . $args[0];
    }
}
