<?php
// Stand-in for EspoCRM application/Espo/Core/FieldValidation/Exceptions/ValidationError.php (9.2.7,
// line 39): a field validation failure is a BadRequest, so the API answers 400.
namespace Espo\Core\FieldValidation\Exceptions;

use Espo\Core\Exceptions\BadRequest;

class ValidationError extends BadRequest
{
}
