<?php
// Stand-in for EspoCRM application/Espo/Entities/User.php: id and type (regular, admin, system ...).
namespace Espo\Entities;

class User
{
    public function __construct(private string $id, private string $type = 'regular') {}

    public function getId(): string
    {
        return $this->id;
    }

    public function isAdmin(): bool
    {
        return in_array($this->type, ['admin', 'super-admin'], true);
    }

    public function isSystem(): bool
    {
        return $this->type === 'system';
    }
}
