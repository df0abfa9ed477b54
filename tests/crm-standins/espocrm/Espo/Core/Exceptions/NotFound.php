<?php
// Stand-in for EspoCRM application/Espo/Core/Exceptions/NotFound.php (9.2.7 36-48): HTTP 404; an
// uncaught one's message goes to the X-Status-Reason header.
namespace Espo\Core\Exceptions;

class NotFound extends \Exception
{
    protected $code = 404;
}
