<?php
// Stand-in for EspoCRM application/Espo/Core/Exceptions/Error.php: HTTP 500.
namespace Espo\Core\Exceptions;

class Error extends \Exception
{
    protected $code = 500;
}
