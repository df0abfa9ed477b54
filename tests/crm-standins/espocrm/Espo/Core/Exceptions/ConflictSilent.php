<?php
// Stand-in for EspoCRM application/Espo/Core/Exceptions/ConflictSilent.php: a Conflict logged at notice level.
namespace Espo\Core\Exceptions;

class ConflictSilent extends Conflict
{
}
