<?php
// Stand-in for EspoCRM application/Espo/ORM/Entity.php (9.2): the methods crmguard's hooks call.
namespace Espo\ORM;

interface Entity
{
    public function getId(): string;
    public function set($attribute, $value = null): static;
    public function get(string $attribute);
    public function has(string $attribute): bool;
    public function getEntityType(): string;
    public function isNew(): bool;
    public function isAttributeChanged(string $name): bool;
    public function getFetched(string $attribute);
}
