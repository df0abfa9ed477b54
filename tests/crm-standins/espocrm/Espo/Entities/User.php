<?php
// Stand-in for EspoCRM application/Espo/Entities/User.php: id, type (regular, admin, system ...),
// isActive (get('isActive')); an Entity of type User.
namespace Espo\Entities;

class User implements \Espo\ORM\Entity
{
    public function __construct(private string $id, private string $type = 'regular', private bool $isActive = true) {}

    public function getEntityType(): string
    {
        return 'User';
    }

    public function set($attribute, $value = null): static
    {
        return $this;
    }

    public function has(string $attribute): bool
    {
        return in_array($attribute, ['id', 'type', 'isActive'], true);
    }

    public function isNew(): bool
    {
        return false;
    }

    public function isAttributeChanged(string $name): bool
    {
        return false;
    }

    public function getFetched(string $attribute)
    {
        return $this->get($attribute);
    }

    public function get(string $attribute)
    {
        return match ($attribute) {
            'id' => $this->id,
            'type' => $this->type,
            'isActive' => $this->isActive,
            default => null,
        };
    }

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
