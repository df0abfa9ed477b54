--TEST--
crmguard CRM packages: tools/build-packages makes both zips, with the adapter core and sql bundled, no CRM code, byte-identical on rebuild
--EXTENSIONS--
crmguard
--FILE--
<?php
require __DIR__ . '/packages.inc';
$root = dirname(__DIR__);
$out = sys_get_temp_dir() . '/crmguard-zip-' . getmypid();
register_shutdown_function(fn () => crmguard_packages_rm($out));
[$code, $stdout] = crmguard_packages_run([$root . '/tools/build-packages', "$out/a"]);
$version = phpversion('crmguard');
foreach (explode("\n", trim($stdout)) as $zip) {
    echo basename($zip), "\n";
}
crmguard_packages_run([$root . '/tools/build-packages', "$out/b"]);

foreach (['espocrm', 'suitecrm'] as $crm) {
    $zip = "$out/a/crmguard-$crm-$version.zip";
    echo "== $crm: rebuild identical: ", sha1_file($zip) === sha1_file("$out/b/crmguard-$crm-$version.zip") ? 'yes' : 'no', "\n";
    [, $list] = crmguard_packages_run(['unzip', '-Z1', $zip]);
    $files = explode("\n", trim($list));
    sort($files);
    $lib = $crm === 'espocrm' ? 'files/custom/Espo/Modules/CrmGuard/Lib' : 'files/custom/include/CrmGuard/lib';
    // Everything in the zip comes from crm/<crm>, or is the bundled core / sql.
    $unexpected = [];
    foreach ($files as $f) {
        if (str_starts_with($f, "$lib/")) {
            $rel = substr($f, strlen($lib) + 1);
            $src = str_starts_with($rel, 'sql/') ? $rel : "src/$rel";
        } else {
            $src = "crm/$crm/$f";
        }
        if (!is_file("$root/$src")) {
            $unexpected[] = $f;
        } elseif (!in_array($f, ['manifest.json', 'manifest.php'], true)) {
            [, $content] = crmguard_packages_run(['unzip', '-p', $zip, $f]);
            if ($content !== file_get_contents("$root/$src")) {
                $unexpected[] = "$f (differs from $src)";
            }
        }
    }
    echo "files not from crm/$crm, src/ or sql/: ", $unexpected ? implode(', ', $unexpected) : 'none', "\n";
    foreach (["$lib/Crm/Guard.php", "$lib/Crm/autoload.php", "$lib/CrmConfig.php", "$lib/Schema.php"] as $f) {
        echo in_array($f, $files, true) ? "has $f\n" : "MISSING $f\n";
    }
    // sql/<crm>/*.sql and its migrations/*.sql, as paths under sql/<crm>/
    $sql = array_map(fn ($f) => substr($f, strlen("$root/sql/$crm/")), [...glob("$root/sql/$crm/*.sql"), ...glob("$root/sql/$crm/migrations/*.sql")]);
    sort($sql);
    $zipped = array_map(fn ($f) => substr($f, strlen("$lib/sql/$crm/")), array_filter($files, fn ($f) => str_starts_with($f, "$lib/sql/$crm/")));
    sort($zipped);
    echo "sql/$crm bundled in full (migrations too): ", $sql !== [] && array_values($zipped) === $sql ? 'yes' : 'no', "\n";
    // No CRM code: nothing declares a class in the CRMs' own namespaces except our module, no CRM core file names.
    [, $all] = crmguard_packages_run(['unzip', '-p', $zip]);
    echo "declares CRM core namespaces: ", preg_match('/^namespace Espo\\\\(?!Modules\\\\CrmGuard)/m', $all) ? 'yes' : 'no', "\n";
    echo "files: ", count($files), "\n";
}

echo "== manifests\n";
[, $json] = crmguard_packages_run(['unzip', '-p', "$out/a/crmguard-espocrm-$version.zip", 'manifest.json']);
$m = json_decode($json, true, flags: JSON_THROW_ON_ERROR);
echo "espocrm: {$m['name']} ", $m['version'] === $version ? 'version ok' : "version {$m['version']}", ', ',
    json_encode($m['acceptableVersions']), ', php ', json_encode($m['php']), ', releaseDate ',
    preg_match('/^\d{4}-\d{2}-\d{2}$/', $m['releaseDate']) ? 'a date' : $m['releaseDate'], "\n";
$dir = "$out/suitecrm";
mkdir($dir);
crmguard_packages_run(['unzip', '-q', "$out/a/crmguard-suitecrm-$version.zip", '-d', $dir]);
$installdefs = [];
include "$dir/manifest.php";
echo "suitecrm: {$manifest['name']} ", $manifest['version'] === $version ? 'version ok' : "version {$manifest['version']}",
    ", type {$manifest['type']}, uninstallable ", var_export($manifest['is_uninstallable'], true), "\n";
echo "  suitecrm versions ", json_encode($manifest['acceptable_suitecrm_versions']['regex_matches']), ": ",
    // any regex matching accepts, as PackageManager::validateManifestVersion() does
    implode(' ', array_map(fn ($v) => $v . (array_filter($manifest['acceptable_suitecrm_versions']['regex_matches'], fn ($r) => preg_match("/$r/", $v)) ? '+' : '-'),
        ['7.14.6', '7.10.0', '8.0.0', '8.8.0', '9.0.0'])), "\n";
foreach ($installdefs['logic_hooks'] as $h) {
    $ok = is_file("$dir/files/{$h['file']}") || is_file("$dir/files/" . preg_replace('#^custom/include/CrmGuard/#', 'custom/include/CrmGuard/', $h['file']));
    echo "  hook {$h['module']} {$h['hook']} -> {$h['class']}::{$h['function']}", $ok ? '' : ' (file missing)', "\n";
}
foreach ($installdefs['custom_fields'] as $f) {
    echo "  field {$f['module']}.{$f['name']} {$f['type']}", isset($f['ext1']) ? " ({$f['ext1']})" : '', "\n";
}
foreach (['copy' => 'from', 'language' => 'from', 'entrypoints' => 'from'] as $key => $field) {
    foreach ($installdefs[$key] as $e) {
        $path = str_replace('<basepath>', $dir, $e[$field]);
        if (!file_exists($path)) {
            echo "  MISSING $key $path\n";
        }
    }
}
foreach (['pre_execute', 'post_execute', 'pre_uninstall'] as $key) {
    foreach ($installdefs[$key] as $f) {
        echo "  $key ", is_file(str_replace('<basepath>', $dir, $f)) ? basename($f) : "MISSING $f", "\n";
    }
}
?>
--EXPECTF--
crmguard-espocrm-%s.zip
crmguard-suitecrm-%s.zip
== espocrm: rebuild identical: yes
files not from crm/espocrm, src/ or sql/: none
has files/custom/Espo/Modules/CrmGuard/Lib/Crm/Guard.php
has files/custom/Espo/Modules/CrmGuard/Lib/Crm/autoload.php
has files/custom/Espo/Modules/CrmGuard/Lib/CrmConfig.php
has files/custom/Espo/Modules/CrmGuard/Lib/Schema.php
sql/espocrm bundled in full (migrations too): yes
declares CRM core namespaces: no
files: %d
== suitecrm: rebuild identical: yes
files not from crm/suitecrm, src/ or sql/: none
has files/custom/include/CrmGuard/lib/Crm/Guard.php
has files/custom/include/CrmGuard/lib/Crm/autoload.php
has files/custom/include/CrmGuard/lib/CrmConfig.php
has files/custom/include/CrmGuard/lib/Schema.php
sql/suitecrm bundled in full (migrations too): yes
declares CRM core namespaces: no
files: %d
== manifests
espocrm: crmguard version ok, [">=9.2.7 <9.4.0"], php ["~8.2.0","~8.4.0"], releaseDate a date
suitecrm: crmguard version ok, type module, uninstallable true
  suitecrm versions ["^7\\.14\\.","^8\\."]: 7.14.6+ 7.10.0- 8.0.0+ 8.8.0+ 9.0.0-
  hook Contacts before_save -> CrmGuardLogicHooks::phoneBeforeSave
  hook Leads before_save -> CrmGuardLogicHooks::phoneBeforeSave
  hook Accounts before_save -> CrmGuardLogicHooks::phoneBeforeSave
  hook Accounts before_save -> CrmGuardLogicHooks::accountBeforeSave
  hook Opportunities before_save -> CrmGuardLogicHooks::opportunityBeforeSave
  hook Opportunities after_save -> CrmGuardLogicHooks::opportunityAfterSave
  hook Calls before_save -> CrmGuardLogicHooks::callBeforeSave
  hook Leads after_save -> CrmGuardLogicHooks::reindex
  hook Leads after_delete -> CrmGuardLogicHooks::reindex
  hook Leads after_restore -> CrmGuardLogicHooks::reindex
  hook Contacts after_save -> CrmGuardLogicHooks::reindex
  hook Contacts after_delete -> CrmGuardLogicHooks::reindex
  hook Contacts after_restore -> CrmGuardLogicHooks::reindex
  hook Accounts after_save -> CrmGuardLogicHooks::reindex
  hook Accounts after_delete -> CrmGuardLogicHooks::reindex
  hook Accounts after_restore -> CrmGuardLogicHooks::reindex
  field Accounts.crmguard_status_c enum (crmguard_status_dom)
  field Opportunities.crmguard_failure_reason_c enum (crmguard_failure_reason_dom)
  field Calls.crmguard_card_color_c enum (crmguard_card_color_dom)
  field Calls.crmguard_card_owner_c varchar
  pre_execute pre_execute.php
  post_execute post_execute.php
  pre_uninstall before_uninstall.php
