--TEST--
crmguard SuiteCRM package: pre_execute refuses without the extension, post_execute applies sql and builds the index (idempotent), pre_uninstall keeps data, the crmguardCallCard entry point (JSON 401 without a session)
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
ob_start(); // one buffered response, as under a web server: the entry point can still set its status
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/suitecrm';

echo "== without the extension\n";
[$code, $out] = crmguard_packages_php(
    "require '" . __DIR__ . "/crm-standins/suitecrm/bootstrap.php'; \$GLOBALS['log'] = new LoggerStandin();"
    . " \$mi = new ModuleInstaller('$tree'); try { \$mi->pre_execute(); echo 'installed'; }"
    . " catch (RuntimeException \$e) { echo \$e->getMessage(), ' | session: ', count(\$_SESSION['MODULEINSTALLER_ERRORS']), ' error'; }", false);
echo preg_replace('/\(PHP [^)]*\)/', '(PHP ...)', $out), "\n";

require __DIR__ . '/crm-standins/suitecrm/bootstrap.php';
$dsn = crmguard_test_db('suitecrm', crmguard_packages_fixture('suitecrm'));
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
ini_set('mysqli.default_socket', $q['socket']);
$sugar_config = ['dbconfig' => ['db_host_name' => 'localhost', 'db_user_name' => rawurldecode($parts['user']),
    'db_password' => rawurldecode($parts['pass']), 'db_name' => ltrim($parts['path'], '/'), 'db_type' => 'mysql', 'db_port' => '']];
$GLOBALS['log'] = new LoggerStandin();
$_SESSION = [];
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);
$objects = crmguard_packages_sql_objects('suitecrm');
// crmguard's tables and views, named as sql/suitecrm names them (every file of it), or the list when they differ.
$tables = function () use ($sql, $objects) {
    $have = array_map(fn ($r) => array_values($r)[0], $sql("SHOW TABLES LIKE 'crmguard\\_%'"));
    sort($have);
    return $have === [] ? '' : ($have === $objects ? 'the ' . count($objects) . ' tables and views of sql/suitecrm (crmguard_phone, crmguard_stage_log, ...)' : implode(', ', $have));
};

echo "== install\n";
echo "before: '", $tables(), "'\n";
$mi = new ModuleInstaller($tree);
$mi->pre_execute();
$mi->post_execute();
echo "after: ", $tables(), ", index rows ", $sql('SELECT COUNT(*) n FROM crmguard_phone')[0]['n'] > 5 ? 'several' : 'few', "\n";
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$db->query("INSERT INTO crmguard_stage_log (deal_id, user_id, from_stage, to_stage, changed_at) VALUES ('d', 'u', 'New', 'Calling', NOW())");
$before = $sql('SELECT entity_type, entity_id, e164 FROM crmguard_phone ORDER BY 1, 2, 3');
// Installing again is another request: a separate PHP process (the rebuild's lock belongs to the
// first process's connection until the server has processed its disconnect).
[$code, $out, $err] = crmguard_packages_php("require '" . __DIR__ . "/crm-standins/suitecrm/bootstrap.php';"
    . " ini_set('mysqli.default_socket', " . var_export($q['socket'], true) . "); \$sugar_config = " . var_export($sugar_config, true) . ";"
    . " \$GLOBALS['log'] = new LoggerStandin(); (new ModuleInstaller('$tree'))->post_execute(); echo implode(' | ', \$GLOBALS['log']->lines);");
$GLOBALS['log']->lines[] = $out . $err;
echo "installed again: ", $tables(), ", same index: ", $before === $sql('SELECT entity_type, entity_id, e164 FROM crmguard_phone ORDER BY 1, 2, 3') ? 'yes' : 'no',
    ", stage log kept: ", $sql('SELECT COUNT(*) n FROM crmguard_stage_log')[0]['n'], "\n";
echo "log: ", implode(' | ', array_map(fn ($l) => preg_replace('/\d+/', 'N', $l), $GLOBALS['log']->lines)), "\n";

echo "== entry point crmguardCallCard\n";
$entry_point_registry = [];
include "$tree/files/entrypoints/crmguard.php";
echo "registered: ", json_encode($entry_point_registry), "\n";
$registry = array_map(fn ($e) => ['file' => "$tree/files/{$e['file']}"] + $e, $entry_point_registry);
$sugar_config['unique_key'] = 'a1b2c3';
// One request to index.php?entryPoint=crmguardCallCard through SugarApplication::execute(), with a
// session of $userId (null: none; $otherKey: a session of another SuiteCRM on the same host).
$get = function (?string $userId, array $query, array $acl = ['Calls:view' => true, 'Accounts:view' => true, 'Contacts:view' => true, 'Leads:view' => true], bool $otherKey = false) use ($registry, &$sugar_config) {
    $GLOBALS['sugar_config'] = $sugar_config;
    $_SESSION = $userId === null ? [] : ['authenticated_user_id' => $userId, 'unique_key' => $otherKey ? 'other' : $sugar_config['unique_key']];
    ACLController::$allowed = $acl;
    $_GET = $query;
    http_response_code(200);
    ob_start();
    try {
        SugarApplicationStandin::entryPoint('crmguardCallCard', $registry);
    } catch (SugarExit $e) {
        echo $e->getMessage();
    }
    $out = trim(ob_get_clean());
    return http_response_code() . ' ' . (str_starts_with($out, (string) http_response_code()) ? trim(substr($out, 3)) : $out);
};
const M1 = 'c3418962-c328-524b-9bbc-6c70cd0f7d72', M2 = '950c04ab-be9e-53e8-97a5-0cafe8f3e7ac';
$r = $get(M2, ['phone' => '+7 (495) 123-45-67']);
$card = json_decode(substr($r, 4), true);
echo substr($r, 0, 3), " manager 2 asks about Ромашка: {$card['phone']} {$card['color']}, owner {$card['owner_name']}, {$card['entity_type']}, status {$card['company_status']}\n";
echo "keys: ", implode(' ', array_keys($card)), "\n";
$r = $get(M2, ['phone' => '+7 (495) 123-45-67'], ['Calls:view' => true, 'Accounts:view' => 'owner']);
$card = json_decode(substr($r, 4), true);
echo substr($r, 0, 3), " manager 2, who may view only its own companies: {$card['color']}, owner {$card['owner_name']}, record ",
    json_encode([$card['entity_type'], $card['entity_id']]), ", matches ", count($card['matches']), ", verdict: {$card['verdict']}\n";
echo "manager 2 asks for manager 1: ", $get(M2, ['phone' => '+74951234567', 'userId' => M1]), "\n";
$r = $get('1', ['phone' => '+74951234567', 'userId' => M1]);
echo "admin asks for manager 1: ", substr($r, 0, 3), ' ', json_decode(substr($r, 4))->color, "\n";
echo "no view access to Calls: ", $get(M2, ['phone' => '+74951234567'], []), "\n";
echo "not a phone: ", $get(M2, ['phone' => 'abc']), "\n";
echo "no session (a telephony client that did not log in): ", $get(null, ['phone' => '+74951234567']), "\n";
echo "a session of another SuiteCRM: ", $get(M2, ['phone' => '+74951234567'], ['Calls:view' => true], true), "\n";
echo "a session whose user is gone: ", $get('no-such-user', ['phone' => '+74951234567']), "\n";
foreach (['en_us', 'ru_RU'] as $GLOBALS['current_language']) {
    echo "verdict for a {$GLOBALS['current_language']} user: ", json_decode(substr($get(M2, ['phone' => '+74951234567']), 4))->verdict, "\n";
}

echo "== uninstall keeps the data\n";
$mi->pre_uninstall();
$mi->pre_uninstall();
echo "after pre_uninstall twice: ", $tables(), ", statuses ",
    implode(',', array_column($sql('SELECT crmguard_status_c s FROM accounts_cstm ORDER BY id_c'), 's')), "\n";
?>
--EXPECTF--
== without the extension
ModuleInstaller::abort: crmguard: the PHP extension "crmguard" is not loaded in this PHP (PHP ...). Install crmguard.so, enable it (extension=crmguard) for the PHP that runs the CRM (web server or PHP-FPM and cron), restart it, then install this package again. | session: 1 error
== install
before: ''
after: the %d tables and views of sql/suitecrm (crmguard_phone, crmguard_stage_log, ...), index rows several
installed again: the %d tables and views of sql/suitecrm (crmguard_phone, crmguard_stage_log, ...), same index: yes, stage log kept: 1
log: info: crmguard: custom fields in place; applied N_schema_version.sql, N_phone_index.sql, %AN_stage_log.sql%A; schema none -> N.N.N; phone index rebuilt | info: crmguard: custom fields in place; applied N_schema_version.sql, N_phone_index.sql, %AN_stage_log.sql%A; schema N.N.N -> N.N.N; phone index rebuilt
== entry point crmguardCallCard
registered: {"crmguardCallCard":{"file":"custom\/include\/CrmGuard\/CallCard.php","auth":false},"crmguardPbx":{"file":"custom\/include\/CrmGuard\/Pbx.php","auth":false},"crmguardDashlet":{"file":"custom\/include\/CrmGuard\/DashletData.php","auth":true}}
200 manager 2 asks about Ромашка: +74951234567 red, owner Алексей Смирнов, Accounts, status in_work
keys: phone color verdict owner_id owner_name entity_type entity_id company_status matches
200 manager 2, who may view only its own companies: red, owner Алексей Смирнов, record [null,null], matches 0, verdict: In work with Алексей Смирнов: do not call.
manager 2 asks for manager 1: 403 {"error":"crmguard: only an administrator may look up calls for user 'c3418962-c328-524b-9bbc-6c70cd0f7d72'"}
admin asks for manager 1: 200 yellow
no view access to Calls: 403 {"error":"crmguard: no access to Calls"}
not a phone: 400 {"error":"phone: 'abc' is not a phone number"}
no session (a telephony client that did not log in): 401 {"error":"crmguard: not logged in to SuiteCRM (log in first; the call card needs a SuiteCRM session)"}
a session of another SuiteCRM: 401 {"error":"crmguard: not logged in to SuiteCRM (log in first; the call card needs a SuiteCRM session)"}
a session whose user is gone: 401 {"error":"crmguard: the SuiteCRM session is no longer valid (log in again)"}
verdict for a en_us user: Company "ООО Ромашка" is in work with Алексей Смирнов: do not call it.
verdict for a ru_RU user: Компания «ООО Ромашка» в работе у менеджера Алексей Смирнов: звонить нельзя.
== uninstall keeps the data
after pre_uninstall twice: the %d tables and views of sql/suitecrm (crmguard_phone, crmguard_stage_log, ...), statuses waiting,in_work,in_work
