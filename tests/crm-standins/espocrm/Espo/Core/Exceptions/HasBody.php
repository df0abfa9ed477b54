<?php
// Stand-in for EspoCRM application/Espo/Core/Exceptions/HasBody.php.
namespace Espo\Core\Exceptions;

interface HasBody
{
    public function getBody(): ?string;
}
