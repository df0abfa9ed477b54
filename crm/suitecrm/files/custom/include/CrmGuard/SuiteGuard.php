<?php
/*
 * The SuiteCRM side of crmguard's adapter core: a CrmGuard\Crm\Guard on SuiteCRM's own database
 * ($sugar_config['dbconfig'], config.php + config_override.php as SuiteCRM loaded them), with the
 * deployment's rule options from $sugar_config['crmguard_rules'] (config_override.php).
 */
declare(strict_types=1);

require_once __DIR__ . '/lib/Crm/autoload.php';

final class CrmGuardSuite
{
    public static function guard(): \CrmGuard\Crm\Guard
    {
        global $sugar_config;
        return new \CrmGuard\Crm\Guard(
            'suitecrm',
            self::dsn($sugar_config),
            (array) ($sugar_config['crmguard_rules'] ?? []),
        );
    }

    /** SuiteCRM's database as SuiteCRM reaches it (mysqli.default_socket for localhost): CrmGuard\CrmConfig, shared with the CLI. */
    public static function dsn(array $sugarConfig): string
    {
        return \CrmGuard\CrmConfig::dsnFromSuiteConfig($sugarConfig);
    }

    /**
     * The manifest's custom_fields that SuiteCRM does not know yet: those without a
     * fields_meta_data row <Module><name> (the row DynamicField::addFieldObject() looks for,
     * modules/DynamicFields/DynamicField.php 594-677).  A failed install removes only these.
     *
     * @param list<array{module: string, name: string}> $fields
     * @return list<array{module: string, name: string}>
     */
    public static function fieldsWithoutMetadata(\CrmGuard\Connection $db, array $fields): array
    {
        if ($fields === []) {
            return [];
        }
        $ids = array_map(static fn (array $f): string => $f['module'] . $f['name'], $fields);
        $rows = $db->query('SELECT id FROM fields_meta_data WHERE deleted = 0 AND id IN ('
            . implode(', ', array_fill(0, count($ids), '?')) . ')', $ids);
        $known = array_flip(array_column($rows, 'id'));
        return array_values(array_filter($fields, static fn (array $f): bool => !isset($known[$f['module'] . $f['name']])));
    }

    /** 'ru' or 'en': the language the user logged in with ($current_language: ru_RU, en_us ...). */
    public static function lang(): string
    {
        return \CrmGuard\Crm\Guard::lang($GLOBALS['current_language'] ?? null);
    }

    /** Logs a crmguard problem the way SuiteCRM code logs, and shows it to the user. */
    public static function report(string $message): void
    {
        if (isset($GLOBALS['log'])) {
            $GLOBALS['log']->fatal($message);
        }
        SugarApplication::appendErrorMessage($message);
    }
}
