<?php
// Stand-in for EspoCRM application/Espo/ORM/Query/Part/WhereItem.php.  Here a WHERE fragment with
// its bound values, which the stand-in Finder runs (EspoCRM's query composer turns the real ones
// into SQL the same way: column = value, column IN (...), OR / AND groups).
namespace Espo\ORM\Query\Part;

class WhereItem
{
    public function __construct(public readonly string $sql, public readonly array $params = []) {}
}
