<?php
// Stand-in for EspoCRM application/Espo/Core/Container.php: getByClass() of the services
// the install scripts ask for.
namespace Espo\Core;

class Container
{
    public function __construct(private array $services) {}

    public function getByClass(string $className): object
    {
        return $this->services[$className] ?? throw new \RuntimeException("no service $className");
    }
}
