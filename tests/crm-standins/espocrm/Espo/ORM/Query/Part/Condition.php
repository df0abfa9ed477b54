<?php
// Stand-in for EspoCRM application/Espo/ORM/Query/Part/Condition.php: column(), equal(), notEqual(),
// in(), or(), and() — the parts General and crmguard's PhoneAware use — as WhereItem SQL fragments.
// A column's SQL name is its snake_case (Espo\Core\Utils\Util::toUnderScore).
namespace Espo\ORM\Query\Part;

class Condition
{
    public static function column(string $name): WhereItem
    {
        return new WhereItem('`' . strtolower(preg_replace('/[A-Z]/', '_$0', $name)) . '`');
    }

    public static function equal(WhereItem $column, $value): WhereItem
    {
        return new WhereItem("{$column->sql} = ?", [$value]);
    }

    public static function notEqual(WhereItem $column, $value): WhereItem
    {
        return new WhereItem("{$column->sql} <> ?", [$value]);
    }

    public static function in(WhereItem $column, array $values): WhereItem
    {
        return new WhereItem("{$column->sql} IN (" . implode(', ', array_fill(0, count($values), '?')) . ')', array_values($values));
    }

    public static function or(WhereItem ...$items): WhereItem
    {
        return new WhereItem('(' . implode(' OR ', array_map(fn ($i) => $i->sql, $items)) . ')',
            array_merge(...array_map(fn ($i) => $i->params, $items)));
    }

    public static function and(WhereItem ...$items): WhereItem
    {
        return new WhereItem('(' . implode(' AND ', array_map(fn ($i) => $i->sql, $items)) . ')',
            array_merge(...array_map(fn ($i) => $i->params, $items)));
    }
}
