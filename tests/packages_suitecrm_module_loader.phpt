--TEST--
crmguard SuiteCRM package through the Module Loader's own checks: the manifest passes the upload scan, no conventional script breaks install or uninstall
--FILE--
<?php
require __DIR__ . '/packages.inc';
require __DIR__ . '/crm-standins/suitecrm/module_loader.php';
$tree = crmguard_packages_tree() . '/suitecrm';

echo "== upload: the manifest scan (always on)\n";
$issues = UpgradeWizardStandin::upload($tree);
echo $issues === [] ? "accepted\n" : "refused:\n  " . implode("\n  ", $issues) . "\n";

echo "== the scanner itself refuses what the real one refuses\n";
$probe = tempnam(sys_get_temp_dir(), 'crmguard-scan');
foreach (['$f = "x"; $f();', '$a = [fn () => 1];', 'exec("id");', '$o->file("x");', 'echo 1;'] as $code) {
    file_put_contents($probe, "<?php\n$code\n");
    echo str_pad($code, 22), ' -> ', implode('; ', ModuleScannerStandin::scanFile($probe)) ?: 'accepted', "\n";
}
unlink($probe);

echo "== commit page: conventional scripts\n";
foreach (['pre_install', 'post_install', 'pre_uninstall', 'post_uninstall'] as $step) {
    echo "$step: ", UpgradeWizardStandin::conventionalScript($tree, $step), "\n";
}

echo "== packageScan (off by default): files the scan would refuse\n";
foreach (UpgradeWizardStandin::packageScan($tree) as $file => $found) {
    echo "$file: ", count($found), "\n";
}
?>
--EXPECT--
== upload: the manifest scan (always on)
accepted
== the scanner itself refuses what the real one refuses
$f = "x"; $f();        -> Invalid usage of a function $f()
$a = [fn () => 1];     -> accepted
exec("id");            -> Invalid usage of a function exec()
$o->file("x");         -> accepted
echo 1;                -> Invalid usage of a function echo
== commit page: conventional scripts
pre_install: none
post_install: none
pre_uninstall: none
post_uninstall: none
== packageScan (off by default): files the scan would refuse
files/custom/include/CrmGuard/CallCard.php: 7
files/custom/include/CrmGuard/LogicHooks.php: 1
files/custom/include/CrmGuard/lib/Crm/Guard.php: 1
files/custom/include/CrmGuard/lib/Crm/autoload.php: 1
files/custom/include/CrmGuard/lib/CrmConfig.php: 10
files/custom/include/CrmGuard/lib/Schema.php: 2