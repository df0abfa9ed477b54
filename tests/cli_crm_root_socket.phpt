--TEST--
--crm-root honours the CRM's own default socket for localhost: SuiteCRM mysqli.default_socket (MysqliManager), EspoCRM pdo_mysql.default_socket (MysqlPDOFactory); the packages use the same DSN code
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/cli.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';
require __DIR__ . '/packages.inc';

$dsn = crmguard_test_db('suitecrm', ['schema.sql', 'crmguard-fields.sql']);
$p = parse_url($dsn);
parse_str($p['query'], $q);
$socket = $q['socket'];
// A SuiteCRM root whose config says 'localhost' and nothing about a socket, as installs do.
$root = sys_get_temp_dir() . '/crmguard-socket-' . getmypid();
@mkdir($root, 0777, true);
register_shutdown_function(fn () => crmguard_packages_rm($root));
$config = ['dbconfig' => ['db_host_name' => 'localhost', 'db_user_name' => rawurldecode($p['user']),
    'db_password' => rawurldecode($p['pass']), 'db_name' => ltrim($p['path'], '/'), 'db_type' => 'mysql', 'db_port' => '']];
file_put_contents("$root/config.php", '<?php $sugar_config = ' . var_export($config, true) . ';');
file_put_contents("$root/suitecrm_version.php", "<?php\n\$suitecrm_version = '7.14.6';\n");

$mask = fn (string $s) => str_replace([$socket, ltrim($p['path'], '/')], ['SOCK', 'DB'], trim($s));
// The CLI with the host's mysqli.default_socket (php.ini; here -d), with and without mysqli loaded.
foreach ([true, false] as $withMysqli) {
    $ini = ['mysqli.default_socket' => $socket];
    if ($withMysqli) {
        $ini['extension'] = PHP_EXTENSION_DIR . '/mysqli.so';
    }
    [$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm-root', $root, '--json'], '', true, ['CRMGUARD_DB' => null], $ini);
    echo "schema apply --crm-root, mysqli " . ($withMysqli ? 'loaded' : 'not loaded') . ": exit $rc ", $mask($err), "\n";
}
[$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm-root', $root], '', true, ['CRMGUARD_DB' => null]);
echo "without a default socket: exit $rc, ", str_contains($err, 'cannot connect') ? 'cannot connect' : $err, ", ", str_contains($err, rawurldecode($p['pass'])) ? 'PASSWORD SHOWN' : 'no password', "\n";

// One implementation: the package's DSN is CrmConfig's.
$tree = crmguard_packages_tree() . '/suitecrm';
require "$tree/files/custom/include/CrmGuard/SuiteGuard.php";
ini_set('mysqli.default_socket', '/run/other/mysqld.sock');
foreach (['localhost', '', 'db.example', '127.0.0.1', 'localhost:3307'] as $host) {
    $c = $config;
    $c['dbconfig']['db_host_name'] = $host;
    $a = CrmGuardSuite::dsn($c);
    echo json_encode($host), ': ', $mask($a), $a === CrmGuard\CrmConfig::dsnFromSuiteConfig($c) ? '' : ' DIFFERS from CrmConfig', "\n";
}

echo "== EspoCRM: PDO's pdo_mysql.default_socket\n";
$espoDsn = crmguard_test_db('espocrm', ['schema.sql', 'crmguard-fields.sql']);
$e = parse_url($espoDsn);
$espo = "$root/espo";
@mkdir("$espo/data", 0777, true);
@mkdir("$espo/application/Espo", 0777, true);
$espoDb = ['host' => 'localhost', 'port' => '', 'dbname' => ltrim($e['path'], '/'), 'user' => rawurldecode($e['user']),
    'password' => rawurldecode($e['pass']), 'platform' => 'Mysql'];
file_put_contents("$espo/data/config.php", "<?php\nreturn [];\n");
file_put_contents("$espo/data/config-internal.php", "<?php\nreturn " . var_export(['database' => $espoDb], true) . ";\n");
$mask = fn (string $s) => str_replace([$socket, ltrim($e['path'], '/')], ['SOCK', 'DB'], trim($s));
foreach (['pdo_mysql.default_socket', 'mysqli.default_socket'] as $setting) {
    [$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm-root', $espo, '--json'], '', true, ['CRMGUARD_DB' => null], [$setting => $socket]);
    echo "schema apply --crm-root, $setting set: exit $rc", $rc === 0 ? '' : (str_contains($err, 'cannot connect') ? ', cannot connect' : " $err"), "\n";
}
foreach (['localhost', '', 'db.example'] as $host) {
    echo json_encode($host), ': ', $mask(CrmGuard\CrmConfig::dsnFromEspoConfig(['database' => ['host' => $host] + $espoDb], '/run/other/mysqld.sock')), "\n";
}
echo "a 'socket' key wins: ", $mask(CrmGuard\CrmConfig::dsnFromEspoConfig(['database' => ['socket' => '/srv/my.sock'] + $espoDb], '/run/other/mysqld.sock')), "\n";
?>
--EXPECT--
schema apply --crm-root, mysqli loaded: exit 0 
schema apply --crm-root, mysqli not loaded: exit 0 
without a default socket: exit 1, cannot connect, no password
"localhost": mysql://crmguard:crmguard-dev@localhost/DB?socket=/run/other/mysqld.sock
"": mysql://crmguard:crmguard-dev@localhost/DB?socket=/run/other/mysqld.sock
"db.example": mysql://crmguard:crmguard-dev@db.example/DB
"127.0.0.1": mysql://crmguard:crmguard-dev@127.0.0.1/DB
"localhost:3307": mysql://crmguard:crmguard-dev@localhost:3307/DB?socket=/run/other/mysqld.sock
== EspoCRM: PDO's pdo_mysql.default_socket
schema apply --crm-root, pdo_mysql.default_socket set: exit 0
schema apply --crm-root, mysqli.default_socket set: exit 1, cannot connect
"localhost": mysql://crmguard:crmguard-dev@localhost/DB?socket=/run/other/mysqld.sock
"": mysql://crmguard:crmguard-dev@localhost/DB?socket=/run/other/mysqld.sock
"db.example": mysql://crmguard:crmguard-dev@db.example/DB
a 'socket' key wins: mysql://crmguard:crmguard-dev@localhost/DB?socket=/srv/my.sock
