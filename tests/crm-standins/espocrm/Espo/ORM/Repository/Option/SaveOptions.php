<?php
// Stand-in for EspoCRM application/Espo/ORM/Repository/Option/SaveOptions.php.
namespace Espo\ORM\Repository\Option;

class SaveOptions
{
    use Traits\Options;
}
