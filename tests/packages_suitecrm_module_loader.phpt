--TEST--
crmguard SuiteCRM package through the Module Loader's scanner: the manifest passes the upload scan; what packageScan would refuse
--FILE--
<?php
require __DIR__ . '/packages.inc';
require __DIR__ . '/crm-standins/suitecrm/bootstrap.php';
$tree = crmguard_packages_tree() . '/suitecrm';

echo "== upload: the manifest scan (always on)\n";
$issues = ModuleScanner::scanFile("$tree/manifest.php");
echo $issues === [] ? "accepted\n" : "refused:\n  " . implode("\n  ", $issues) . "\n";

echo "== the scanner refuses what the real one refuses\n";
$probe = tempnam(sys_get_temp_dir(), 'crmguard-scan');
foreach (['$f = "x"; $f();', '$a = [fn () => 1];', 'exec("id");', '$o->file("x");', 'usort($a, $f);', 'echo 1;'] as $code) {
    file_put_contents($probe, "<?php\n$code\n");
    echo str_pad($code, 22), ' -> ', implode('; ', ModuleScanner::scanFile($probe)) ?: 'accepted', "\n";
}
unlink($probe);

echo "== packageScan (off by default, ModuleInstaller.php 101-108): files it would refuse\n";
$found = [];
foreach (new RecursiveIteratorIterator(new RecursiveDirectoryIterator($tree, FilesystemIterator::SKIP_DOTS)) as $file) {
    if (str_ends_with((string) $file, '.php') && ($issues = ModuleScanner::scanFile((string) $file)) !== []) {
        $found[substr((string) $file, strlen($tree) + 1)] = count($issues);
    }
}
ksort($found);
echo implode("\n", array_keys($found)), "\n";
?>
--EXPECT--
== upload: the manifest scan (always on)
accepted
== the scanner refuses what the real one refuses
$f = "x"; $f();        -> Invalid usage of a function $f()
$a = [fn () => 1];     -> accepted
exec("id");            -> Invalid usage of a function exec()
$o->file("x");         -> accepted
usort($a, $f);         -> Invalid usage of a function usort()
echo 1;                -> Invalid usage of a function echo
== packageScan (off by default, ModuleInstaller.php 101-108): files it would refuse
files/custom/include/CrmGuard/CallCard.php
files/custom/include/CrmGuard/DashletData.php
files/custom/include/CrmGuard/LogicHooks.php
files/custom/include/CrmGuard/Pbx.php
files/custom/include/CrmGuard/PhoneDuplicates.php
files/custom/include/CrmGuard/SuiteGuard.php
files/custom/include/CrmGuard/TelephonyHost.php
files/custom/include/CrmGuard/TokenAdmin.php
files/custom/include/CrmGuard/lib/Analytics/AuditRun.php
files/custom/include/CrmGuard/lib/Analytics/Csv.php
files/custom/include/CrmGuard/lib/Analytics/Dashlet.php
files/custom/include/CrmGuard/lib/Analytics/DashletLinks.php
files/custom/include/CrmGuard/lib/Analytics/HtmlReport.php
files/custom/include/CrmGuard/lib/Analytics/Labels.php
files/custom/include/CrmGuard/lib/Analytics/QcSample.php
files/custom/include/CrmGuard/lib/Analytics/Report.php
files/custom/include/CrmGuard/lib/Analytics/ReportOptions.php
files/custom/include/CrmGuard/lib/Analytics/ReportPass.php
files/custom/include/CrmGuard/lib/Analytics/ScheduledReport.php
files/custom/include/CrmGuard/lib/Analytics/Scope.php
files/custom/include/CrmGuard/lib/Analytics/TextReport.php
files/custom/include/CrmGuard/lib/Crm/Guard.php
files/custom/include/CrmGuard/lib/Crm/PhoneFix.php
files/custom/include/CrmGuard/lib/Crm/Phones.php
files/custom/include/CrmGuard/lib/Crm/ReadConnection.php
files/custom/include/CrmGuard/lib/Crm/ReportSchedule.php
files/custom/include/CrmGuard/lib/Crm/autoload.php
files/custom/include/CrmGuard/lib/CrmConfig.php
files/custom/include/CrmGuard/lib/Schema.php
files/custom/include/CrmGuard/lib/Telephony/CardView.php
files/custom/include/CrmGuard/lib/Telephony/Formats.php
files/custom/include/CrmGuard/lib/Telephony/Gateway.php
files/custom/include/CrmGuard/lib/Telephony/Request.php
files/custom/include/CrmGuard/lib/Telephony/Response.php
files/custom/include/CrmGuard/lib/Telephony/Tokens.php
scripts/before_uninstall.php
scripts/post_execute.php