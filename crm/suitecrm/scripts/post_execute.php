<?php
/*
 * Runs inside ModuleInstaller::post_execute(), $this being the ModuleInstaller.
 *
 * SuiteCRM's install() (ModuleInstall/ModuleInstaller.php, v7.14.6) runs pre_execute, copy,
 * extensions (language, entry points), layout fields, logic hooks, then this post_execute
 * (steps 123-136, run at 166-172), and only after it, at 182-185, install_custom_fields.  The
 * report views of sql/suitecrm read crmguard's custom field opportunities_cstm.crmguard_failure_
 * reason_c, which on a SuiteCRM that never had crmguard does not exist yet at this point.  So:
 *
 *  1. the custom fields first, through SuiteCRM's own public API, $this->install_custom_fields()
 *     (the very call of line 184: DynamicField::addFieldObject, fields_meta_data, vardefs), so
 *     they are made exactly as SuiteCRM makes them; when line 184 runs later it finds each field
 *     in fields_meta_data and only re-applies its definition (addFieldObject's update branch).
 *     Chosen over views that avoid the column (they would show no failure reasons) and over
 *     creating the views later (no later install step runs package code), because it adds
 *     nothing SuiteCRM would not add itself and works the same in SuiteCRM 8's legacy backend;
 *  2. crmguard's tables and views (CrmGuard\Schema::migrate, which checks the columns it needs
 *     first; over an older crmguard, the Module Loader's upgrade of the same id, it runs the
 *     migration steps once and records them in crmguard_schema_version), then a full phone index, then the deals an earlier uninstall parked in SuiteCRM's own stages
 *     get New / Calling back (before_uninstall.php).  Idempotent.
 *
 * On success, the older crmguard rows of upgrade_history go (with their zips), as SuiteCRM's
 * own upgrade path does with the row of the version it replaces (UpgradeWizard_commit.php 433-440:
 * the new row takes previous_id and the previous zip is deleted).  SuiteCRM only takes that path
 * when UpgradeHistory::determineIfUpgrade() finds an older version (UpgradeHistory.php 133-154),
 * and its comparison (is_right_version_greater(), 250-271, starting from version 0) never finds
 * a version that starts with "0.": without this, crmguard 0.1.0 and 0.2.0 would both be listed as
 * installed, and uninstalling the 0.1.0 entry would remove 0.2.0's files and hooks.
 *
 * A failure here must not leave SuiteCRM half-installed (files and hooks in place, no
 * upgrade_history row, so the Module Loader could neither list nor uninstall the package): the
 * steps install() has already run are undone with the installer's own uninstall steps, in
 * uninstall()'s order (1651-1663), plus the custom fields this run added, then abortInstaller() shows the
 * reason on the Module Loader page and ends the request before upgrade_history is written.  Over
 * an installed crmguard (an upgrade) only the copy is undone: uninstall_copy() puts back the files
 * install_copy() had saved (ModuleInstaller.php 308-334), while the language files, entry point
 * and hooks have the names the installed version's have and stay, so the installed version keeps
 * working and stays listed; its schema is untouched (a failed migration drops what it created).
 */
require_once __DIR__ . '/../files/custom/include/CrmGuard/lib/Crm/autoload.php';
require_once __DIR__ . '/../files/custom/include/CrmGuard/SuiteGuard.php';

(function (): void {
    $fields = $this->installdefs['custom_fields'] ?? [];
    $added = [];
    $installed = [];
    try {
        \CrmGuard\Crm\Guard::requireExtension();
        $guard = \CrmGuardSuite::guard();
        $installed = $guard->connection()->query("SELECT id, version, filename FROM upgrade_history WHERE id_name = ? AND type = 'module'",
            [(string) ($this->installdefs['id'] ?? 'crmguard')]);
        $added = \CrmGuardSuite::fieldsWithoutMetadata($guard->connection(), $fields);
        $this->install_custom_fields($fields);
        $result = $guard->install(__DIR__ . '/../files/custom/include/CrmGuard/lib/sql', 'SuiteCRM package ' . \CrmGuard\Crm\Guard::VERSION);
        $restored = $guard->restoreDealStages();
        \CrmGuard\Crm\ReportSchedule::create($guard->connection(), 'suitecrm');
        $schema = $result['schema'];
        $GLOBALS['log']->info('crmguard: custom fields in place; applied ' . implode(', ', $result['applied'])
            . '; schema ' . ($schema['from'] ?? 'none') . ' -> ' . $schema['to']
            . ($schema['migrations'] === [] ? '' : ' (migrations ' . implode(', ', $schema['migrations']) . ')') . '; phone index rebuilt'
            . ($restored > 0 ? "; $restored parked deal(s) back in New / Calling" : ''));
        foreach ($installed as $row) {
            if (version_compare((string) $row['version'], \CrmGuard\Crm\Guard::VERSION, '<=')) {
                $guard->connection()->exec('DELETE FROM upgrade_history WHERE id = ?', [$row['id']]);
                if (is_string($row['filename']) && $row['filename'] !== '' && is_file($row['filename'])) {
                    @unlink($row['filename']);
                }
                $GLOBALS['log']->info("crmguard: the Module Loader's entry of crmguard {$row['version']} replaced by this install");
            }
        }
    } catch (\Throwable $e) {
        $why = $e instanceof \CrmGuard\SchemaNotReady
            ? 'SuiteCRM\'s install_custom_fields() did not create ' . implode(', ', $e->missing)
                . ', which crmguard\'s report views read (is that module enabled in SuiteCRM?).'
            : $e->getMessage();
        $message = 'crmguard was not installed: ' . $why
            . ' Everything this install had done was undone; fix the cause and install the package again.';
        $undo = $installed !== [] ? ['uninstall_copy' => fn () => $this->uninstall_copy()] : [
            'uninstall_copy' => fn () => $this->uninstall_copy(),
            'uninstall_layoutfields' => fn () => $this->uninstall_layoutfields(),
            'uninstall_extensions' => fn () => $this->uninstall_extensions(),
            'disable_manifest_logichooks' => fn () => $this->disable_manifest_logichooks(),
            'uninstall_custom_fields' => fn () => $added === [] ? null : $this->uninstall_custom_fields($added),
            // DynamicField::deleteField() leaves the _override_sugarfield_<name>.php vardef file that
            // addFieldObject() -> saveExtendedAttributes() wrote (DynamicField.php 681-785); a field
            // this run added goes entirely.
            'vardef files' => function () use ($added): void {
                foreach ($added as $f) {
                    @unlink("custom/Extension/modules/{$f['module']}/Ext/Vardefs/_override_sugarfield_{$f['name']}.php");
                }
                if ($added !== []) {
                    $this->rebuild_vardefs();
                }
            },
        ];
        foreach ($undo as $step => $run) {
            try {
                $run();
            } catch (\Throwable $u) {
                $GLOBALS['log']->fatal("crmguard: undoing the failed install, $step: " . $u->getMessage());
            }
        }
        \CrmGuard\Crm\Guard::reset();
        \CrmGuardSuite::abortInstaller($this, $message);
    }
})();
