<?php
// Stand-in for EspoCRM application/Espo/ORM/Name/Attribute.php: the id attribute's name.
namespace Espo\ORM\Name;

class Attribute
{
    public const ID = 'id';
}
