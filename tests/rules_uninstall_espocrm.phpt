--TEST--
crmguard EspoCRM uninstall (issue 13): no deal is left in New or Calling, stages EspoCRM lists only while crmguard is installed; a reinstall gives them back; without the extension the uninstall is refused with what to do
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/espocrm';
require __DIR__ . '/crm-standins/espocrm/bootstrap.php';

$dsn = crmguard_test_db('espocrm', crmguard_packages_fixture());
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
$database = ['host' => 'localhost', 'dbname' => ltrim($parts['path'], '/'), 'user' => rawurldecode($parts['user']),
    'password' => rawurldecode($parts['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql'];
$container = new Espo\Core\Container([Espo\Core\Utils\Config::class => new Espo\Core\Utils\Config(['database' => $database])]);
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$deals = function () use ($sql): string {
    $rows = $sql('SELECT name, deleted, stage, last_stage FROM opportunity ORDER BY name');
    return implode("\n", array_map(fn ($r) => sprintf('  %-22s %s %s / %s', $r['name'], $r['deleted'] ? 'deleted' : 'live   ',
        $r['stage'], $r['last_stage'] ?? '-'), $rows));
};
// The stages EspoCRM 9.2.7 lists once the module's entityDefs are gone (its own
// Modules/Crm/Resources/metadata/entityDefs/Opportunity.json, fields.stage.options).
$espoStages = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];
$unlisted = fn () => count($sql("SELECT id FROM opportunity WHERE stage NOT IN ('" . implode("', '", $espoStages)
    . "') OR last_stage NOT IN ('" . implode("', '", $espoStages) . "')"));

require "$tree/scripts/AfterInstall.php";
(new AfterInstall())->run($container, []);
// A deleted deal in New (the trash can give it back) and a deal in Calling.
$db->query("INSERT INTO opportunity (id, name, deleted, stage, last_stage, assigned_user_id) VALUES
    ('cgdealdeleted0001', 'Удалённая', 1, 'New', 'New', NULL), ('cgdealcalling0002', 'Вторая', 0, 'Calling', 'Calling', NULL)");
echo "== installed\n", $deals(), "\nstages EspoCRM would not list without crmguard: ", $unlisted(), "\n";

echo "== without the extension, BeforeUninstall refuses\n";
[$code, $out, $err] = crmguard_packages_php("require '" . __DIR__ . "/crm-standins/espocrm/bootstrap.php'; require '$tree/scripts/BeforeUninstall.php';"
    . " try { (new BeforeUninstall())->run(new Espo\\Core\\Container([]), []); echo 'uninstalled'; } catch (Throwable \$e) { echo get_class(\$e), ': ', \$e->getMessage(); }", false);
echo preg_replace('/\(PHP [^)]*\)/', '(PHP ...)', $out . $err), "\n";

echo "== uninstall (BeforeUninstall, twice: a retried uninstall)\n";
require "$tree/scripts/BeforeUninstall.php";
(new BeforeUninstall())->run($container, []);
(new BeforeUninstall())->run($container, []);
echo $deals(), "\nstages EspoCRM would not list: ", $unlisted(), "\nparked: ",
    implode(', ', array_map(fn ($r) => implode(':', $r), $sql('SELECT field, stage, parked_as, COUNT(*) FROM crmguard_parked_stage GROUP BY 1, 2, 3 ORDER BY 1, 2'))), "\n";

echo "== while uninstalled, a user moves one of them on\n";
$db->query("UPDATE opportunity SET stage = 'Proposal', last_stage = 'Proposal' WHERE name = 'Вторая'");

echo "== installed again (AfterInstall in a new request)\n";
[$code, $out, $err] = crmguard_packages_php("require '" . __DIR__ . "/crm-standins/espocrm/bootstrap.php'; require '$tree/scripts/AfterInstall.php';"
    . " (new AfterInstall())->run(new Espo\\Core\\Container([Espo\\Core\\Utils\\Config::class => new Espo\\Core\\Utils\\Config(" . var_export(['database' => $database], true) . ")]), []); echo 'ok';");
echo "AfterInstall: $code $out$err\n", $deals(), "\nparked left: ", $sql('SELECT COUNT(*) n FROM crmguard_parked_stage')[0]['n'], "\n";
?>
--EXPECT--
== installed
  Acme: pilot            live    Calling / Calling
  Вторая           live    Calling / Calling
  ИП Петров: лицензии live    Closed Lost / Calling
  Ромашка: поставка live    New / New
  Удалённая     deleted New / New
stages EspoCRM would not list without crmguard: 5
== without the extension, BeforeUninstall refuses
RuntimeException: crmguard: the PHP extension "crmguard" is not loaded in this PHP (PHP ...), so the deals in the stages New and Calling, which EspoCRM lists only while crmguard is installed, cannot be moved to EspoCRM's own stages before the uninstall. Load the extension again and uninstall, or first move them yourself in the database: UPDATE opportunity SET stage = 'Prospecting' WHERE stage = 'New'; UPDATE opportunity SET stage = 'Qualification' WHERE stage = 'Calling'; (the same for last_stage).
== uninstall (BeforeUninstall, twice: a retried uninstall)
  Acme: pilot            live    Qualification / Qualification
  Вторая           live    Qualification / Qualification
  ИП Петров: лицензии live    Closed Lost / Qualification
  Ромашка: поставка live    Prospecting / Prospecting
  Удалённая     deleted Prospecting / Prospecting
stages EspoCRM would not list: 0
parked: last_stage:Calling:Qualification:3, last_stage:New:Prospecting:2, stage:Calling:Qualification:2, stage:New:Prospecting:2
== while uninstalled, a user moves one of them on
== installed again (AfterInstall in a new request)
AfterInstall: 0 ok
  Acme: pilot            live    Calling / Calling
  Вторая           live    Proposal / Proposal
  ИП Петров: лицензии live    Closed Lost / Calling
  Ромашка: поставка live    New / New
  Удалённая     deleted New / New
parked left: 0
