<?php
// Stand-in for EspoCRM application/Espo/ORM/BaseEntity.php: attribute values, fetched values,
// the new flag; isAttributeChanged() compares a value with its fetched one as the real one does.
namespace Espo\ORM;

class BaseEntity implements Entity
{
    private array $values = [];
    private array $fetched = [];
    private bool $isNew = true;

    public function __construct(private string $entityType, array $values = [], bool $fetched = false)
    {
        $this->values = $values;
        if ($fetched) {
            $this->fetched = $values;
            $this->isNew = false;
        }
    }

    public function getId(): string
    {
        return (string) ($this->values['id'] ?? '');
    }

    public function set($attribute, $value = null): static
    {
        foreach (is_array($attribute) ? $attribute : [$attribute => $value] as $k => $v) {
            $this->values[$k] = $v;
        }
        return $this;
    }

    public function get(string $attribute)
    {
        return $this->values[$attribute] ?? null;
    }

    public function has(string $attribute): bool
    {
        return array_key_exists($attribute, $this->values);
    }

    public function getEntityType(): string
    {
        return $this->entityType;
    }

    public function isNew(): bool
    {
        return $this->isNew;
    }

    public function isAttributeChanged(string $name): bool
    {
        if (!array_key_exists($name, $this->values)) {
            return false;
        }
        if (!array_key_exists($name, $this->fetched)) {
            return true;
        }
        return $this->values[$name] !== $this->fetched[$name];
    }

    public function getFetched(string $attribute)
    {
        return $this->fetched[$attribute] ?? null;
    }

    public function getValueMap(): array
    {
        return $this->values;
    }

    /** RDBRepository::save() ends with these two (setAsNotNew, updateFetchedValues). */
    public function setAsSaved(): void
    {
        $this->isNew = false;
        $this->fetched = $this->values;
    }
}
