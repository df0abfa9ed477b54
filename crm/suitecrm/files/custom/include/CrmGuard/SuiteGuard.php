<?php
/*
 * The SuiteCRM side of crmguard's adapter core: a CrmGuard\Crm\Guard on SuiteCRM's own database
 * ($sugar_config['dbconfig'], config.php + config_override.php as SuiteCRM loaded them), with the
 * deployment's rule options from $sugar_config['crmguard_rules'] (config_override.php), and the
 * read replica the dashlet and the telephony call card may read from: 'crmguard_read_db' (a DSN,
 * or the 'dbconfig' keys that differ, CrmConfig::readDsnFromSuiteConfig) and
 * 'crmguard_read_max_lag' (seconds, default 5; CrmGuard\Crm\ReadConnection).
 */
declare(strict_types=1);

require_once __DIR__ . '/lib/Crm/autoload.php';

final class CrmGuardSuite
{
    /** The phone columns of each module (vardefs of modules/<M>/vardefs.php, type phone). */
    public const PHONE_FIELDS = [
        'Contacts' => ['phone_home', 'phone_mobile', 'phone_work', 'phone_other', 'phone_fax'],
        'Leads' => ['phone_home', 'phone_mobile', 'phone_work', 'phone_other', 'phone_fax'],
        'Accounts' => ['phone_office', 'phone_alternate', 'phone_fax'],
    ];

    public static function guard(): \CrmGuard\Crm\Guard
    {
        global $sugar_config;
        return new \CrmGuard\Crm\Guard(
            'suitecrm',
            self::dsn($sugar_config),
            (array) ($sugar_config['crmguard_rules'] ?? []),
            \CrmGuard\CrmConfig::readDsnFromSuiteConfig($sugar_config),
            \CrmGuard\Crm\ReadConnection::maxLag($sugar_config['crmguard_read_max_lag'] ?? \CrmGuard\Crm\ReadConnection::DEFAULT_MAX_LAG),
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

    /**
     * The bean's stored row (its table's and its _cstm table's columns), [] for a record not stored
     * yet.  SugarBean::save() gives before_save hooks no "new" flag (data/SugarBean.php 2320-2358:
     * isUpdate is "an id and not new_with_id", and a new bean's id is made before the hooks run),
     * so: fetched_row when retrieve() filled it; nothing for a bean marked new_with_id; else the
     * database is asked (a bean given an existing id and saved without retrieve() is an update).
     */
    public static function storedRow($bean): array
    {
        if (is_array($bean->fetched_row ?? null) && $bean->fetched_row !== []) {
            return $bean->fetched_row;
        }
        if (empty($bean->id) || !empty($bean->new_with_id)) {
            return [];
        }
        static $hasCustom = []; // per table, once a request: a list import saves thousands of beans
        $table = (string) $bean->table_name;
        $db = self::guard()->connection();
        $custom = $hasCustom[$table] ??= $db->query('SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()'
            . ' AND TABLE_NAME = ?', [$table . '_cstm']) !== [];
        $rows = $db->query($custom
            ? "SELECT t.*, c.* FROM `$table` t LEFT JOIN `{$table}_cstm` c ON c.id_c = t.id WHERE t.id = ?"
            : "SELECT t.* FROM `$table` t WHERE t.id = ?", [(string) $bean->id]);
        if ($rows === []) {
            return [];
        }
        unset($rows[0]['id_c']);
        return $rows[0];
    }

    /**
     * The language tag the user logged in with ($current_language: ru_RU, en_us ...), for
     * crmguard's messages: the extension reads it, a Russian tag gives Russian.
     */
    public static function lang(): string
    {
        return (string) ($GLOBALS['current_language'] ?? 'en');
    }

    /**
     * A change a rule refused (the hook has already put the stored value back).
     *
     * SuiteCRM 7 (and SuiteCRM 8's classic /legacy pages): report() — the log and
     * SugarApplication::appendErrorMessage(), the red box on the next page; the rest of the
     * record is saved.
     *
     * SuiteCRM 8's own UI saves through its core (SuiteCRM-Core v8.8.0
     * core/backend/Data/LegacyHandler/RecordHandler.php saveRecord() 242-282 -> save() 321-324,
     * $bean->save()), where nothing reads appendErrorMessage: the refusal would be silent.  There
     * the save is stopped with an HTTP exception, SuiteCRM 8's own error path: API Platform's
     * GraphQL layer keeps its message and status (api-platform/core GraphQl/Serializer/Exception/
     * HttpExceptionNormalizer.php), and the record view answers the failed mutation with its
     * danger message LBL_ERROR_SAVING, "Error occurred while saving record"
     * (core/app/core/src/lib/views/record/store/record-view/record-view.store.ts 371-374);
     * nothing of the refused save is written, and the reason is in the log and the response.
     * Core requests are recognised by SuiteCRM 8's LegacyHandler class being loaded (every core
     * request that runs legacy code goes through one, core/backend/Engine/LegacyHandler/
     * LegacyHandler.php); classic legacy pages never load it.
     */
    public static function refuse(string $message): void
    {
        if (!class_exists('App\\Engine\\LegacyHandler\\LegacyHandler', false)) {
            self::report($message);
            return;
        }
        if (isset($GLOBALS['log'])) {
            $GLOBALS['log']->fatal($message);
        }
        $http = 'Symfony\\Component\\HttpKernel\\Exception\\UnprocessableEntityHttpException';
        throw class_exists($http) ? new $http($message) : new \RuntimeException($message);
    }

    /**
     * Stops an install or uninstall step of the Module Loader with $message.  ModuleInstaller::abort()
     * (ModuleInstall/ModuleInstaller.php 2159-2166) puts it in MODULEINSTALLER_ERRORS and returns to
     * the Module Loader page, which in 7.14.6 never prints that block
     * (PackageManager/PackageManagerDisplay.php 118: "$form2 = '';"), so the message also goes to
     * the red message box that page does print (SugarApplication::appendErrorMessage) and the log.
     *
     * @param object $installer the ModuleInstaller running the package script ($this there)
     */
    public static function abortInstaller(object $installer, string $message): void
    {
        if (isset($GLOBALS['log'])) {
            $GLOBALS['log']->fatal($message);
        }
        if (class_exists('SugarApplication')) {
            SugarApplication::appendErrorMessage(self::html($message));
        }
        $installer->abort([$message]);
    }

    /** Logs a crmguard problem the way SuiteCRM code logs, and shows it to the user (as text: html()). */
    public static function report(string $message): void
    {
        if (isset($GLOBALS['log'])) {
            $GLOBALS['log']->fatal($message);
        }
        SugarApplication::appendErrorMessage(self::html($message));
    }

    /**
     * A crmguard message (plain text, quoting what the user typed and names from the CRM) as HTML
     * that shows exactly that text.  SuiteCRM prints appendErrorMessage() text into the page as it
     * is ('<p class="error">' . $message . '</p>', include/MVC/View/SugarView.php 788-793): it is
     * HTML.  Values read from a bean may be HTML-encoded already (securexss() on the request,
     * cleanBean(), fetchByAssoc: include/utils.php 2622-2651, data/SugarBean.php 2509-2535), so the
     * text is first decoded to what was typed (at most four rounds, as cg_html_decode_all), then
     * escaped once (< > &; the text goes into element content, where quotes are plain): a stage typed
     * as <img src=x onerror=...> shows as those characters whether it came through SuiteCRM's
     * request cleaning or around it (REST, a script's bean save).
     */
    public static function html(string $plain): string
    {
        for ($i = 0; $i < 4; $i++) {
            $decoded = html_entity_decode($plain, ENT_QUOTES | ENT_HTML401, 'UTF-8');
            if ($decoded === $plain) {
                break;
            }
            $plain = $decoded;
        }
        return htmlspecialchars($plain, ENT_NOQUOTES | ENT_SUBSTITUTE | ENT_HTML401, 'UTF-8'); // element content: < > & are enough
    }

}
