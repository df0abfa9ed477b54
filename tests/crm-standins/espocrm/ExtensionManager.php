<?php
/*
 * Stand-in for EspoCRM 9.2.7's extension installer (Administration > Extensions > Install), one
 * install per PHP process as one request is in EspoCRM:
 *   application/Espo/Core/Upgrades/Actions/Extension/Install.php
 *     beforeRunAction() 47-57: the installed extension of the same name is looked up (loadExtension
 *       115-126); if there is one, scriptParams['isUpgrade'] = true, compareVersion() 181-195
 *       refuses a version that is not >= the installed one ("You cannot install an older version
 *       of this extension.", before anything changed), then uninstallExtension() 202-216 runs its
 *       Uninstall action in this same request (skipSystemRebuild, skipAfterScript);
 *   application/Espo/Core/Upgrades/Actions/Base/Uninstall.php run() 44-108: the installed
 *     version's BeforeUninstall (63-68, from its backup directory: the scripts of its package,
 *     Extension/Install.php backupExistingFiles() 76-89), then its files are deleted (78-81);
 *   application/Espo/Core/Upgrades/Actions/Base/Install.php run() 45-83: BeforeInstall (58), the
 *     files copied (64), rebuild, AfterInstall (73), with scriptParams; Base.php runScript() 384-406
 *     calls run($container, $scriptParams) and turns an exception into the package's removal with
 *     its message;
 *   afterRunAction() 62-69 / storeExtension() 133-174: the extension row (name, version).
 * The CRM root is the working directory (EspoCRM's bootstrap.php chdir()s there); the installed
 * extension's record is data/crmguard-standin-extension.json.  Rebuilds are not modelled.
 */
declare(strict_types=1);

final class EspoExtensionManagerStandin
{
    /** Installs $packageDir (an unpacked extension) into the CRM at the working directory; returns what happened. */
    public static function install(string $packageDir, \Espo\Core\Container $container): string
    {
        $manifest = json_decode((string) file_get_contents("$packageDir/manifest.json"), true);
        $recordFile = 'data/crmguard-standin-extension.json';
        $installed = is_file($recordFile) ? json_decode((string) file_get_contents($recordFile), true) : null;
        $params = [];
        if ($installed !== null && $installed['name'] === $manifest['name']) {
            $params['isUpgrade'] = true;
            if (!version_compare($manifest['version'], $installed['version'], '>=')) {
                return 'refused: You cannot install an older version of this extension.';
            }
            // Uninstall of the installed version, same request: its BeforeUninstall, then its files go.
            $backupScript = $installed['backup'] . '/scripts/BeforeUninstall.php';
            if (is_file($backupScript)) {
                require_once $backupScript;
                try {
                    (new BeforeUninstall())->run($container, []);
                } catch (\Throwable $e) {
                    return 'refused (uninstall of ' . $installed['version'] . '): ' . $e->getMessage();
                }
            }
            foreach ($installed['files'] as $f) {
                @unlink($f);
            }
        }
        try {
            if (is_file("$packageDir/scripts/BeforeInstall.php")) {
                require_once "$packageDir/scripts/BeforeInstall.php";
                (new BeforeInstall())->run($container, $params);
            }
            $files = [];
            $it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator("$packageDir/files", FilesystemIterator::SKIP_DOTS));
            foreach ($it as $file) {
                $rel = substr((string) $file, strlen("$packageDir/files/"));
                @mkdir(dirname($rel), 0777, true);
                copy((string) $file, $rel);
                $files[] = $rel;
            }
            if (is_file("$packageDir/scripts/AfterInstall.php")) {
                require_once "$packageDir/scripts/AfterInstall.php";
                (new AfterInstall())->run($container, $params);
            }
        } catch (\Throwable $e) {
            // The installed version was uninstalled above and stays so (its extension row is no
            // longer isInstalled; Base/Uninstall.php afterRunAction), this package is not stored.
            if (isset($params['isUpgrade'])) {
                @unlink($recordFile);
            }
            return 'failed: ' . $e->getMessage();
        }
        // The backup directory keeps the package's scripts (backupExistingFiles 76-89).
        $backup = 'data/.backup/' . $manifest['version'];
        @mkdir("$backup/scripts", 0777, true);
        foreach (glob("$packageDir/scripts/*.php") as $s) {
            copy($s, "$backup/scripts/" . basename($s));
        }
        @mkdir('data', 0777, true);
        file_put_contents($recordFile, json_encode(['name' => $manifest['name'], 'version' => $manifest['version'],
            'files' => $files, 'backup' => getcwd() . "/$backup"]));
        return 'installed ' . $manifest['version'] . (isset($params['isUpgrade']) ? ' (upgrade of ' . $installed['version'] . ')' : '');
    }
}
