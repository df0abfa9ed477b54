<?php
// Stand-in for EspoCRM application/Espo/ORM/Repository/Option/RemoveOptions.php.
namespace Espo\ORM\Repository\Option;

class RemoveOptions
{
    use Traits\Options;
}
