--TEST--
crmguard EspoCRM extension: install scripts (refuse without the extension, apply sql, build the index, idempotent, uninstall keeps data) and the callCard API action
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/espocrm';
require __DIR__ . '/crm-standins/espocrm/bootstrap.php';

use Espo\Core\Exceptions\BadRequest;
use Espo\Core\Exceptions\Forbidden;
use Espo\Entities\User;

echo "== without the extension\n";
foreach (['BeforeInstall', 'AfterInstall'] as $script) {
    [$code, $out, $err] = crmguard_packages_php(
        "require '$tree/scripts/$script.php'; try { (new $script())->run(null, []); echo 'ran'; }"
        . " catch (Throwable \$e) { echo get_class(\$e), ': ', \$e->getMessage(); }", false);
    echo "$script: ", preg_replace('/\(PHP [^)]*\)/', '(PHP ...)', $out), "\n";
}

$dsn = crmguard_test_db('espocrm', crmguard_packages_fixture());
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
$config = new Espo\Core\Utils\Config([
    'database' => ['host' => 'localhost', 'dbname' => ltrim($parts['path'], '/'), 'user' => rawurldecode($parts['user']),
        'password' => rawurldecode($parts['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql'],
]);
$container = new Espo\Core\Container([Espo\Core\Utils\Config::class => $config]);
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);
$objects = crmguard_packages_sql_objects('espocrm');
// crmguard's tables and views, named as sql/espocrm names them (every file of it), or the list when they differ.
$tables = function () use ($sql, $objects) {
    $have = array_map(fn ($r) => array_values($r)[0], $sql("SHOW TABLES LIKE 'crmguard\\_%'"));
    sort($have);
    return $have === [] ? '' : ($have === $objects ? 'the ' . count($objects) . ' tables and views of sql/espocrm (crmguard_phone, crmguard_stage_log, ...)' : implode(', ', $have));
};

echo "== install\n";
echo "before: '", $tables(), "'\n";
require "$tree/scripts/BeforeInstall.php";
(new BeforeInstall())->run($container, []);
require "$tree/scripts/AfterInstall.php";
(new AfterInstall())->run($container, []);
echo "after: ", $tables(), "\n";
$indexed = $sql('SELECT COUNT(*) n FROM crmguard_phone')[0]['n'];
echo "phone index rows: ", $indexed > 0 ? 'some' : 'none', "\n";
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$db->query("INSERT INTO crmguard_stage_log (deal_id, user_id, from_stage, to_stage, changed_at) VALUES ('d', 'u', 'New', 'Calling', NOW())");
// Installing again is another request: a separate PHP process (the rebuild's lock belongs to the
// first process's connection until the server has processed its disconnect).
[$code, $out, $err] = crmguard_packages_php("require '" . __DIR__ . "/crm-standins/espocrm/bootstrap.php'; require '$tree/scripts/AfterInstall.php';"
    . " (new AfterInstall())->run(new Espo\\Core\\Container([Espo\\Core\\Utils\\Config::class => new Espo\\Core\\Utils\\Config(" . var_export(['database' => $config->get('database')], true) . ")]), []); echo 'ok';");
echo "second install: $code $out$err\n";
echo "installed again: ", $tables(), ", index rows ", $sql('SELECT COUNT(*) n FROM crmguard_phone')[0]['n'],
    ", stage log kept: ", $sql('SELECT COUNT(*) n FROM crmguard_stage_log')[0]['n'], "\n";

echo "== callCard action\n";
const ADMIN = '6955b900000000077', M1 = '6955d52e03dde92f7', M2 = '6955e34505ccda34a';
$call = function (string $userId, string $type, array $query, array $scopes = ['Call' => true], string $userPermission = 'no',
                 string $locale = 'en_US', array $roles = []) use ($tree, $db, $config) {
    $user = new User($userId, $type);
    $espo = new EspoStandin("$tree/files", $db, [User::class => $user, Espo\Core\Utils\Config::class => $config,
        Espo\Core\Utils\Language::class => new Espo\Core\Utils\Language($locale),
        Espo\Core\Acl::class => new Espo\Core\Acl($user, $scopes, $userPermission),
        Espo\Core\AclManager::class => new Espo\Core\AclManager($roles)]);
    try {
        $r = $espo->create(Espo\Modules\CrmGuard\Api\GetCallCard::class)->process(new Espo\Core\Api\Request($query));
        return $r->headers['Content-Type'] . ' ' . $r->body;
    } catch (BadRequest|Forbidden $e) {
        return $e->getCode() . ' ' . $e->getMessage();
    }
};
$card = json_decode(explode(' ', $call(M2, 'regular', ['phone' => '8 (495) 123-45-67']), 2)[1], true);
echo "manager 2 asks about Ромашка's office phone: {$card['phone']} {$card['color']}, owner {$card['owner_name']}, ",
    "{$card['entity_type']} {$card['entity_id']}, status {$card['company_status']}, ", count($card['matches']), " matches\n";
echo "keys: ", implode(' ', array_keys($card)), "\n";
$card = json_decode(explode(' ', $call(M2, 'regular', ['phone' => '8 (495) 123-45-67'], ['Call' => true], 'no', 'en_US',
    [M2 => ['scopes' => ['Call' => true, 'Account' => true, 'Contact' => true], 'read' => ['Account' => 'own', 'Contact' => 'own']]]), 2)[1], true);
echo "manager 2, whose role reads only its own companies: {$card['color']}, owner {$card['owner_name']}, record ",
    json_encode([$card['entity_type'], $card['entity_id']]), ", matches ", count($card['matches']), ", verdict: {$card['verdict']}\n";
echo "admin asks for manager 1: ", json_decode(explode(' ', $call(ADMIN, 'admin', ['phone' => '+74951234567', 'userId' => M1]), 2)[1])->color, "\n";
echo "manager 1 asks for manager 2: ", $call(M1, 'regular', ['phone' => '+74951234567', 'userId' => M2]), "\n";
echo "with User Permission 'yes': ", json_decode(explode(' ', $call(M1, 'regular', ['phone' => '+74951234567', 'userId' => M2], ['Call' => true], 'yes'), 2)[1])->color, "\n";
echo "no access to Calls: ", $call(M1, 'regular', ['phone' => '+74951234567'], []), "\n";
echo "not a phone: ", $call(M1, 'regular', ['phone' => 'позвоните мне']), "\n";
echo "no phone: ", $call(M1, 'regular', []), "\n";
foreach (['en_US', 'ru_RU'] as $locale) {
    echo "verdict for a $locale user: ", json_decode(explode(' ', $call(M2, 'regular', ['phone' => '+74951234567'], ['Call' => true], 'no', $locale), 2)[1])->verdict, "\n";
}

echo "== uninstall keeps the data\n";
$routes = json_decode(file_get_contents("$tree/files/custom/Espo/Modules/CrmGuard/Resources/routes.json"), true);
echo "route: GET /api/v1{$routes[0]['route']}, noAuth ", var_export($routes[0]['noAuth'] ?? false, true), "\n";
require "$tree/scripts/BeforeUninstall.php";
(new BeforeUninstall())->run($container, []);
(new BeforeUninstall())->run($container, []);
echo "after BeforeUninstall twice: ", $tables(), ", statuses ",
    implode(',', array_column($sql('SELECT c_crmguard_status s FROM account ORDER BY id'), 's')), "\n";
?>
--EXPECTF--
== without the extension
BeforeInstall: CrmGuard\Crm\ExtensionMissing: crmguard: the PHP extension "crmguard" is not loaded in this PHP (PHP ...). Install crmguard.so, enable it (extension=crmguard) for the PHP that runs the CRM (web server or PHP-FPM and cron), restart it, then install this package again.
AfterInstall: CrmGuard\Crm\ExtensionMissing: crmguard: the PHP extension "crmguard" is not loaded in this PHP (PHP ...). Install crmguard.so, enable it (extension=crmguard) for the PHP that runs the CRM (web server or PHP-FPM and cron), restart it, then install this package again.
== install
before: ''
after: the %d tables and views of sql/espocrm (crmguard_phone, crmguard_stage_log, ...)
phone index rows: some
second install: 0 ok
installed again: the %d tables and views of sql/espocrm (crmguard_phone, crmguard_stage_log, ...), index rows %d, stage log kept: 1
== callCard action
manager 2 asks about Ромашка's office phone: +74951234567 red, owner Алексей Смирнов, Account 6955ff7309aab8a8b, status in_work, %d matches
keys: phone color verdict owner_id owner_name entity_type entity_id company_status matches
manager 2, whose role reads only its own companies: red, owner Алексей Смирнов, record [null,null], matches 0, verdict: In work with Алексей Смирнов: do not call.
admin asks for manager 1: yellow
manager 1 asks for manager 2: 403 crmguard: no permission to look up calls for user '6955e34505ccda34a'.
with User Permission 'yes': red
no access to Calls: 403 crmguard: no access to Calls.
not a phone: 400 phone: 'позвоните мне' is not a phone number
no phone: 400 phone: '' is not a phone number
verdict for a en_US user: Company "ООО Ромашка" is in work with Алексей Смирнов: do not call it.
verdict for a ru_RU user: Компания «ООО Ромашка» в работе у менеджера Алексей Смирнов: звонить нельзя.
== uninstall keeps the data
route: GET /api/v1/CrmGuard/callCard, noAuth false
after BeforeUninstall twice: the %d tables and views of sql/espocrm (crmguard_phone, crmguard_stage_log, ...), statuses in_work,waiting,in_work
