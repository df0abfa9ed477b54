--TEST--
Upgrades: crmguard.so replaced under a running CRM (php -S serving a call-card page as the CRM's PHP would): the running PHP keeps the extension it loaded until it is restarted; the 0.2.0 package over a PHP still running the 0.1.0 extension refuses with a clear message instead of answering; after the restart the same answers as before
--EXTENSIONS--
crmguard
mysqli
--SKIPIF--
<?php
// run-tests -m runs valgrind with --trace-children=yes: the PHP servers this test starts would
// run under valgrind too.  The plain run covers it.
if (getenv('USE_ZEND_ALLOC') === '0') {
    die('skip starts PHP servers, which valgrind would trace (run scripts/test without CRMGUARD_VALGRIND)');
}
?>
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/upgrade.inc';
require_once __DIR__ . '/cli.inc';
$old = upgrade_previous_tree();
$oldSo = upgrade_previous_so($old);
$new = crmguard_packages_tree();
$dsn = crmguard_test_db('espocrm', crmguard_packages_fixture(), 'upgrade_extension');
$lib = fn (string $pkg) => "$pkg/espocrm/files/custom/Espo/Modules/CrmGuard/Lib";

// The CRM's PHP: its extension directory, holding crmguard.so as an admin installs it.
$work = sys_get_temp_dir() . '/crmguard-upgrade-ext-' . getmypid();
@mkdir("$work/ext", 0777, true);
@mkdir("$work/www", 0777, true);
register_shutdown_function(static fn () => crmguard_packages_rm($work));
// `install -m 0644 crmguard.so EXTDIR/` writes a new file and renames it into place (a new inode):
// a running PHP keeps the file it mapped.  (Copying over the mapped file in place, as `cp` does,
// may crash running workers: see the README's upgrade steps.)
$installSo = function (string $so) use ($work): void {
    copy($so, "$work/ext/.crmguard.so.new");
    rename("$work/ext/.crmguard.so.new", "$work/ext/crmguard.so");
};
$installSo($oldSo);
// The page a hook runs on: the installed package's lib (www/lib.txt says where: the installer
// replaces the module's files), the call card of Ромашка's office phone for manager 2.
file_put_contents("$work/www/index.php", '<?php
header("Content-Type: text/plain");
require trim(file_get_contents(__DIR__ . "/lib.txt")) . "/Crm/autoload.php";
try {
    \CrmGuard\Crm\Guard::requireExtension();
    $g = new \CrmGuard\Crm\Guard("espocrm", getenv("CG_DSN"));
    $c = $g->callCard("+74951234567", "6955e34505ccda34a");
    echo "extension ", phpversion("crmguard"), ": ", $c["color"], " ", $c["owner_name"];
} catch (Throwable $e) {
    http_response_code(500);
    echo "extension ", phpversion("crmguard"), ": ", get_class($e), ": ", $e->getMessage();
}
');
$port = upgrade_free_port();
$server = null;
$start = function () use (&$server, $work, $port, $dsn): void {
    $argv = [PHP_BINARY, '-n', '-d', "extension_dir=$work/ext", '-d', 'extension=crmguard'];
    foreach (['mysqlnd', 'mysqli'] as $e) {
        if (is_file(PHP_EXTENSION_DIR . "/$e.so")) {
            array_push($argv, '-d', 'extension=' . PHP_EXTENSION_DIR . "/$e.so");
        }
    }
    array_push($argv, '-S', "127.0.0.1:$port", '-t', "$work/www");
    $server = proc_open($argv, [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$work/server.log", 'a'], 2 => ['file', "$work/server.log", 'a']],
        $pipes, null, ['CG_DSN' => $dsn, 'PATH' => getenv('PATH')]);
    for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $port); $i++) {
        usleep(100000);
    }
};
$stop = function () use (&$server): void {
    proc_terminate($server);
    proc_close($server);
};
register_shutdown_function(static function () use (&$server): void {
    if (is_resource($server)) {
        proc_terminate($server);
    }
});

echo "== 0.1.0 running: extension 0.1.0, package 0.1.0\n";
file_put_contents("$work/www/lib.txt", $lib($old));
[$rc, $out] = crmguard_packages_php("require '" . $lib($old) . "/Crm/autoload.php'; (new CrmGuard\\Crm\\Guard('espocrm', '$dsn'))->install('" . $lib($old) . "/sql'); echo 'ok';");
echo "0.1.0 installed: $out\n";
$start();
echo upgrade_get($port, '/'), "\n";
$before = upgrade_checksums($dsn);

echo "== step 1: the new crmguard.so installed into the extension directory, PHP not restarted\n";
$installSo(dirname(__DIR__) . '/modules/crmguard.so');
echo upgrade_get($port, '/'), "\n";

echo "== step 2: the 0.2.0 package installed (its files, its schema), PHP still not restarted\n";
file_put_contents("$work/www/lib.txt", $lib($new));
[$rc, $out, $err] = crmguard_cli(['schema', 'apply', '--crm', 'espocrm', '--db', $dsn, '--json']);
$r = json_decode($out, true);
echo "schema: exit $rc, {$r['from']} -> {$r['to']}, migrations ", implode(' ', $r['migrations']), "\n";
echo upgrade_get($port, '/'), "\n";

echo "== step 3: PHP restarted (php-fpm reload)\n";
$stop();
$start();
echo upgrade_get($port, '/'), "\n";
echo "tables changed: ", upgrade_diff($before, upgrade_checksums($dsn)), "\n";

echo "== and back: the 0.1.0 crmguard.so under the 0.2.0 package (a downgraded or forgotten PHP)\n";
$installSo($oldSo);
$stop();
$start();
echo upgrade_get($port, '/'), "\n";
$stop();

echo "== the 0.2.0 packages' installers on a PHP running the 0.1.0 extension\n";
$withOld = function (string $code) use ($oldSo): string {
    $argv = [PHP_BINARY, '-n', '-d', "extension=$oldSo"];
    foreach (['mysqlnd', 'mysqli', 'tokenizer'] as $e) {
        if (is_file(PHP_EXTENSION_DIR . "/$e.so")) {
            array_push($argv, '-d', 'extension=' . PHP_EXTENSION_DIR . "/$e.so");
        }
    }
    [, $out, $err] = crmguard_packages_run([...$argv, '-r', $code], false);
    return preg_replace('/\(PHP [^)]*\)/', '(PHP ...)', trim($out . $err));
};
echo "EspoCRM BeforeInstall: ", $withOld("require '$new/espocrm/scripts/BeforeInstall.php'; try { (new BeforeInstall())->run(null, []); echo 'ran'; }"
    . " catch (Throwable \$e) { echo get_class(\$e), ': ', \$e->getMessage(); }"), "\n";
echo "SuiteCRM pre_execute: ", $withOld("require '" . __DIR__ . "/crm-standins/suitecrm/bootstrap.php'; \$GLOBALS['log'] = new LoggerStandin();"
    . " \$mi = new ModuleInstaller('$new/suitecrm'); try { \$mi->pre_execute(); echo 'installed'; } catch (RuntimeException \$e) { echo \$e->getMessage(); }"), "\n";

echo "== EspoCRM: the 0.2.0 extension installed over 0.1.0 while the CRM's PHP still runs the 0.1.0 crmguard.so\n";
$dsn = crmguard_test_db('espocrm', crmguard_packages_fixture(), 'upgrade_extension_espo');
$p = parse_url($dsn);
parse_str($p['query'], $q);
$database = var_export(['database' => ['host' => 'localhost', 'dbname' => ltrim($p['path'], '/'), 'user' => rawurldecode($p['user']),
    'password' => rawurldecode($p['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql']], true);
@mkdir("$work/espo/data", 0777, true);
$request = fn (string $pkg) => "chdir('$work/espo'); require '" . __DIR__ . "/crm-standins/espocrm/bootstrap.php';"
    . " require '" . __DIR__ . "/crm-standins/espocrm/ExtensionManager.php';"
    . " echo EspoExtensionManagerStandin::install('$pkg', new Espo\\Core\\Container([Espo\\Core\\Utils\\Config::class =>"
    . " new Espo\\Core\\Utils\\Config($database)]));";
echo "0.1.0: ", $withOld($request("$old/espocrm")), "\n";
crmguard_test_sql($dsn, "UPDATE opportunity SET stage = 'Calling' WHERE stage = 'New' ORDER BY id LIMIT 1");
$stages = fn () => implode(',', array_column(crmguard_test_sql($dsn, 'SELECT stage FROM opportunity ORDER BY id'), 'stage'));
$before = upgrade_checksums($dsn);
echo "stages: ", $stages(), "\n";
echo "0.2.0 with the old crmguard.so: ", $withOld($request("$new/espocrm")), "\n";
echo "stages: ", $stages(), ", installed: ", json_encode(is_file("$work/espo/data/crmguard-standin-extension.json")), "\n";
[, $out] = crmguard_packages_php($request("$new/espocrm"));
echo "0.2.0 again after the PHP reload: $out\n";
echo "stages: ", $stages(), ", tables changed: ", upgrade_diff($before, upgrade_checksums($dsn)), "\n";
?>
--EXPECTF--
== 0.1.0 running: extension 0.1.0, package 0.1.0
0.1.0 installed: ok
200 extension 0.1.0: red Алексей Смирнов
== step 1: the new crmguard.so installed into the extension directory, PHP not restarted
200 extension 0.1.0: red Алексей Смирнов
== step 2: the 0.2.0 package installed (its files, its schema), PHP still not restarted
schema: exit 0, 0.1.0 -> 0.2.0, migrations 0.2.0.sql
500 extension 0.1.0: CrmGuard\Crm\ExtensionTooOld: crmguard: this PHP (PHP %s, cli-server, no php.ini) runs the crmguard extension 0.1.0, older than this crmguard package (0.2.0), which needs the extension 0.2.0 or newer. Install the new crmguard.so, then restart or reload every PHP that runs the CRM (PHP-FPM: systemctl reload php%s-fpm; Apache with mod_php: apachectl graceful; cron runs a new php-cli by itself); nothing was changed.
== step 3: PHP restarted (php-fpm reload)
200 extension 0.2.0: red Алексей Смирнов
tables changed: crmguard_audit_fix: new, crmguard_audit_fix_run: new, crmguard_call_journal: new, crmguard_connector_failure: new, crmguard_connector_token: new, crmguard_lock: new, crmguard_phone_dirty: new, crmguard_report_run: new, crmguard_schema_version: new
== and back: the 0.1.0 crmguard.so under the 0.2.0 package (a downgraded or forgotten PHP)
500 extension 0.1.0: CrmGuard\Crm\ExtensionTooOld: crmguard: this PHP (PHP %s, cli-server, no php.ini) runs the crmguard extension 0.1.0, older than this crmguard package (0.2.0), which needs the extension 0.2.0 or newer. Install the new crmguard.so, then restart or reload every PHP that runs the CRM (PHP-FPM: systemctl reload php%s-fpm; Apache with mod_php: apachectl graceful; cron runs a new php-cli by itself); nothing was changed.
== the 0.2.0 packages' installers on a PHP running the 0.1.0 extension
EspoCRM BeforeInstall: CrmGuard\Crm\ExtensionTooOld: crmguard: this PHP (PHP ...) runs the crmguard extension 0.1.0, older than this crmguard package (0.2.0), which needs the extension 0.2.0 or newer. Install the new crmguard.so, then restart or reload every PHP that runs the CRM (PHP-FPM: systemctl reload php%s-fpm; Apache with mod_php: apachectl graceful; cron runs a new php-cli by itself); nothing was changed.
SuiteCRM pre_execute: ModuleInstaller::abort: crmguard: this PHP (PHP ...) runs the crmguard extension 0.1.0, older than this crmguard package (0.2.0), which needs the extension 0.2.0 or newer. Install the new crmguard.so, then restart or reload every PHP that runs the CRM (PHP-FPM: systemctl reload php%s-fpm; Apache with mod_php: apachectl graceful; cron runs a new php-cli by itself); nothing was changed.
== EspoCRM: the 0.2.0 extension installed over 0.1.0 while the CRM's PHP still runs the 0.1.0 crmguard.so
0.1.0: installed 0.1.0
stages: Calling,Calling,Closed Lost
0.2.0 with the old crmguard.so: failed: crmguard: this PHP (PHP ...) runs the crmguard extension 0.1.0, older than this crmguard package (0.2.0), which needs the extension 0.2.0 or newer. Install the new crmguard.so, then restart or reload every PHP that runs the CRM (PHP-FPM: systemctl reload php%s-fpm; Apache with mod_php: apachectl graceful; cron runs a new php-cli by itself). Note: EspoCRM uninstalled the installed crmguard before this package could check (its upgrade first uninstalls the installed version): crmguard is not installed now; its tables, fields and data are kept, and deals in New or Calling wait in Prospecting or Qualification (crmguard_parked_stage). Once the cause is fixed, install this package again: they get their stages back.
stages: Qualification,Qualification,Closed Lost, installed: false
0.2.0 again after the PHP reload: installed 0.2.0
stages: Calling,Calling,Closed Lost, tables changed: scheduled_job: changed, crmguard_audit_fix: new, crmguard_audit_fix_run: new, crmguard_call_journal: new, crmguard_connector_failure: new, crmguard_connector_token: new, crmguard_lock: new, crmguard_phone_dirty: new, crmguard_report_run: new, crmguard_schema_version: new
