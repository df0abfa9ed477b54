<?php
// Stand-in for EspoCRM application/Espo/Core/Mail/Exceptions/SendingError.php: an Exception.
namespace Espo\Core\Mail\Exceptions;

class SendingError extends \Exception
{
}
