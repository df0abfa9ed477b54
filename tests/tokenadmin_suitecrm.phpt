--TEST--
crmguard connector tokens from SuiteCRM's Administration page (index.php?module=Administration&action=CrmGuardTokens) over the stand-ins, installed by the package's installdefs: admin lists, creates (shown once), revokes; non-admins 403; POST with the form key only; escaped; the token works on crmguardPbx and a revoked one gets 401
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
ob_start(); // one buffered response, as SuiteCRM's index.php 48 does
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
require __DIR__ . '/telephony.inc';
$tree = crmguard_packages_tree() . '/suitecrm';
require __DIR__ . '/crm-standins/suitecrm/bootstrap.php';

$dsn = crmguard_test_db('suitecrm', ['schema.sql', 'crmguard-fields.sql', 'package-fields.sql', __DIR__ . '/crm-standins/suitecrm/crmguard-fields-meta.sql']);
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
ini_set('mysqli.default_socket', $q['socket']);
$sugar_config = ['dbconfig' => ['db_host_name' => 'localhost', 'db_user_name' => rawurldecode($parts['user']),
    'db_password' => rawurldecode($parts['pass']), 'db_name' => ltrim($parts['path'], '/'), 'db_type' => 'mysql', 'db_port' => ''],
    'site_url' => 'https://crm.example', 'default_language' => 'en_us', 'unique_key' => 'k'];
$GLOBALS['log'] = new LoggerStandin();
$_SESSION = [];
telephony_records('suitecrm', $dsn);
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
// Roles (SuiteCRM's ACL): Иван, the connector's user, may view everything.
ACLController::$allowedFor = ['u-ivan' => ['Calls:view' => true, 'Accounts:view' => true, 'Contacts:view' => true, 'Leads:view' => true]];
$db->query("INSERT INTO users (id, user_name, first_name, last_name, is_admin, status, deleted) VALUES ('u-admin', 'admin', 'Ада', 'Админова', 1, 'Active', 0)");
$db->query("INSERT INTO users (id, user_name, first_name, last_name, is_admin, status, deleted) VALUES ('u-evil', 'evil', '<img src=x onerror=alert(1)>', '\"q\"', 0, 'Active', 0)");
$db->query("INSERT INTO users (id, user_name, first_name, last_name, is_admin, status, deleted) VALUES ('u-gone', 'gone', 'Gone', 'User', 0, 'Inactive', 0)");

// The package installed as the Module Loader installs it (ModuleInstaller::install(), the stand-in
// in bootstrap.php), in a request (PHP process) of its own on this instance root, as SuiteCRM does.
putenv('CRMGUARD_SUITECRM_ROOT=' . getcwd());
$installer = function (string $step) use ($tree, $q, &$sugar_config): string {
    [, $out, $err] = crmguard_packages_php("require '" . __DIR__ . "/crm-standins/suitecrm/bootstrap.php';"
        . " ini_set('mysqli.default_socket', " . var_export($q['socket'], true) . "); \$GLOBALS['sugar_config'] = " . var_export($sugar_config, true) . ";"
        . " \$GLOBALS['log'] = new LoggerStandin(); \$_SESSION = []; \$_REQUEST['install_file'] = 'upload/upgrades/module/crmguard-suitecrm.zip';"
        . " try { (new ModuleInstaller())->$step(" . var_export($tree, true) . "); echo 'done'; } catch (Throwable \$e) { echo get_class(\$e), ': ', \$e->getMessage(); }");
    return trim($out . $err);
};
echo "install: ", $installer('install'), "\n";
echo "installed: ", implode(', ', array_filter([
    is_file('custom/modules/Administration/CrmGuardTokens.php') ? 'custom/modules/Administration/CrmGuardTokens.php' : '',
    is_file('custom/Extension/modules/Administration/Ext/Administration/crmguard.php') ? 'the Administration extension' : '',
    count(glob('custom/Extension/modules/Administration/Ext/Language/*.crmguard.php')) . ' Administration language files',
])), "\n";
$entry_point_registry = [];
include 'custom/application/Ext/EntryPointRegistry/entry_point_registry.ext.php';
$registry = $entry_point_registry;

// Sessions: one per user, kept across that user's requests (the form key lives in it).
$sessions = [];
$page = function (string $user, string $method, array $post = [], array $get = [], string $lang = 'en_us') use (&$sessions, &$sugar_config): array {
    $GLOBALS['sugar_config'] = $sugar_config;
    $GLOBALS['current_language'] = $lang;
    $_SESSION = $sessions[$user] ?? ['authenticated_user_id' => $user, 'unique_key' => 'k'];
    $_GET = ['module' => 'Administration', 'action' => 'CrmGuardTokens'] + $get;
    $_POST = $post;
    $_REQUEST = $_GET + $_POST;
    $_SERVER['REQUEST_METHOD'] = $method;
    http_response_code(200);
    ob_start();
    SugarApplicationStandin::action('Administration', 'CrmGuardTokens');
    $out = ob_get_clean();
    $sessions[$user] = $_SESSION;
    return [http_response_code(), $out];
};
$key = function (string $user) use (&$sessions): string {
    return $sessions[$user]['crmguard_tokens_form_key'] ?? '';
};
$rows = function (string $html): string {
    preg_match_all('#<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>#', $html, $m, PREG_SET_ORDER);
    return implode('; ', array_map(fn ($r) => "$r[1] | $r[2] | " . (preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $r[3]) ? 'a date' : $r[3])
        . ' | ' . (preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $r[4]) ? 'a date' : $r[4]), $m)) ?: 'none';
};
$messages = function (string $html): string {
    preg_match_all('#<p class="(error|msg)"[^>]*>(.*?)</p>#', $html, $m, PREG_SET_ORDER);
    return implode(' / ', array_map(fn ($r) => "$r[1]: $r[2]", $m)) ?: 'no message';
};
$pbx = function (string $token) use ($registry, &$sugar_config): string {
    $GLOBALS['sugar_config'] = $sugar_config;
    $_SESSION = [];
    [$method, $query] = telephony_request('asterisk-curl', $token, TEL_RED);
    $_GET = ['entryPoint' => 'crmguardPbx', 'protocol' => 'text'] + $query;
    $_POST = [];
    $_SERVER['REQUEST_METHOD'] = $method;
    $_SERVER['REMOTE_ADDR'] = '192.0.2.7';
    $_SERVER['CONTENT_LENGTH'] = '0';
    http_response_code(200);
    ob_start();
    SugarApplicationStandin::entryPoint('crmguardPbx', $registry);
    $out = ob_get_clean();
    return http_response_code() . ' ' . rtrim($out);
};

echo "== the Administration page's panel\n";
foreach (['u-admin', 'u-petr'] as $u) {
    $GLOBALS['current_user'] = BeanFactory::getBean('Users', $u);
    foreach (AdminPanelStandin::groups() as [$header, $links]) {
        echo "$u: group $header: ", $links === [] ? 'no links' : implode(', ', array_map(fn ($k, $l) => "$k -> $l[3] ($l[1])", array_keys($links), $links)), "\n";
    }
}

echo "== admin\n";
[$status, $html] = $page('u-admin', 'GET');
echo "list: $status ", $rows($html), "\n";
preg_match_all('#<option value="([^"]*)">([^<]*)</option>#', $html, $m);
echo "users offered: ", implode(', ', $m[1]), "\n";
echo "a user's name escaped: ", str_contains($html, '<img src=x') ? 'NO' : 'yes', ' (', $m[2][array_search('u-evil', $m[1], true)], ")\n";
[$status, $html] = $page('u-admin', 'POST', ['crmguard_op' => 'create', 'crmguard_name' => '3cx', 'crmguard_user' => 'u-ivan', 'crmguard_form_key' => $key('u-admin')]);
$token = preg_match('#id="crmguard-token" value="([0-9a-f]{64})"#', $html, $m) ? $m[1] : '';
echo "create 3cx for u-ivan: $status ", $messages($html), "; token shown: ", $token !== '' ? '64 hex digits' : 'NO', "\n";
echo "list: ", $rows($html), "\n";
[, $again] = $page('u-admin', 'GET');
echo "shown once (not on the next page): ", $token !== '' && !str_contains($again, $token) ? 'yes' : 'NO', "\n";
echo "the token on crmguardPbx: ", $pbx($token), "\n";
[, $html] = $page('u-admin', 'GET');
echo "list after its use: ", $rows($html), "\n";
foreach ([
    'an existing name' => ['crmguard_name' => '3cx', 'crmguard_user' => 'u-petr'],
    'markup for a name' => ['crmguard_name' => '<script>alert(1)</script>', 'crmguard_user' => 'u-petr'],
    'an unknown user' => ['crmguard_name' => 'asterisk', 'crmguard_user' => '"><b>x'],
    'an inactive user' => ['crmguard_name' => 'asterisk', 'crmguard_user' => 'u-gone'],
] as $what => $post) {
    [$status, $html] = $page('u-admin', 'POST', ['crmguard_op' => 'create', 'crmguard_form_key' => $key('u-admin')] + $post);
    echo "create, $what: $status ", $messages($html), str_contains($html, 'id="crmguard-token"') ? ' TOKEN SHOWN' : '', "\n";
}
echo "list: ", $rows($html), "\n";

echo "== changes only by POST with this session's form key\n";
[$status, $html] = $page('u-admin', 'GET', [], ['crmguard_op' => 'revoke', 'crmguard_name' => '3cx', 'crmguard_form_key' => $key('u-admin')]);
echo "revoke by GET: $status ", $messages($html), "; list: ", $rows($html), "\n";
[$status, $html] = $page('u-admin', 'POST', ['crmguard_op' => 'revoke', 'crmguard_name' => '3cx']);
echo "revoke without the form key: $status ", $messages($html), "; list: ", $rows($html), "\n";
[$status, $html] = $page('u-admin', 'POST', ['crmguard_op' => 'revoke', 'crmguard_name' => '3cx', 'crmguard_form_key' => str_repeat('0', 32)]);
echo "revoke with a wrong form key: $status ", $messages($html), "\n";

echo "== a user who is not an admin\n";
[$status, $html] = $page('u-petr', 'GET');
echo "list: $status ", $messages($html), "; names shown: ", str_contains($html, '3cx') ? 'YES' : 'none', "\n";
[$status, $html] = $page('u-petr', 'POST', ['crmguard_op' => 'create', 'crmguard_name' => 'mine', 'crmguard_user' => 'u-petr', 'crmguard_form_key' => $key('u-petr')]);
echo "create: $status ", $messages($html), "; token shown: ", str_contains($html, 'id="crmguard-token"') ? 'YES' : 'no', "\n";
[$status, $html] = $page('u-petr', 'POST', ['crmguard_op' => 'revoke', 'crmguard_name' => '3cx', 'crmguard_form_key' => $key('u-petr')]);
echo "revoke: $status ", $messages($html), "\n";
echo "tokens now: ", implode(', ', array_column($db->query('SELECT name FROM crmguard_connector_token ORDER BY name')->fetch_all(MYSQLI_ASSOC), 'name')), "\n";
try {
    $page('nobody', 'GET');
} catch (SugarExit $e) {
    echo "no such user: ", $e->getMessage(), "\n";
}

echo "== revoke\n";
[$status, $html] = $page('u-admin', 'POST', ['crmguard_op' => 'revoke', 'crmguard_name' => '3cx', 'crmguard_form_key' => $key('u-admin')]);
echo "revoke 3cx: $status ", $messages($html), "; list: ", $rows($html), "\n";
[$status, $html] = $page('u-admin', 'POST', ['crmguard_op' => 'revoke', 'crmguard_name' => '3cx', 'crmguard_form_key' => $key('u-admin')]);
echo "again: $status ", $messages($html), "\n";
echo "the revoked token on crmguardPbx: ", $pbx($token), "\n";

echo "== Russian\n";
[$status, $html] = $page('u-admin', 'GET', [], [], 'ru_RU');
echo $status, ' ', preg_match('#<h2>(.*?)</h2>#', $html, $m) ? $m[1] : '?', ' / ', preg_match('#<td colspan="5">(.*?)</td>#', $html, $m) ? $m[1] : '?', "\n";

$keys = function (string $lang) use ($tree): array {
    $mod_strings = [];
    include "$tree/files/language/Administration/$lang.crmguard.php";
    ksort($mod_strings);
    return array_keys($mod_strings);
};
echo "labels: ", count($keys('en_us')), " in en_us, the same keys in ru_RU: ", $keys('en_us') === $keys('ru_RU') ? 'yes' : 'NO', "\n";
preg_match_all("/'(LBL_CRMGUARD_[A-Z_]+)'/", file_get_contents("$tree/files/custom/include/CrmGuard/TokenAdmin.php") . file_get_contents("$tree/files/administration/crmguard.php"), $m);
echo "labels used but missing: ", implode(', ', array_diff(array_unique($m[1]), $keys('en_us'))) ?: 'none', "\n";

echo "== nothing secret kept or logged\n";
echo "the token in the log: ", $token === '' || str_contains(implode("\n", $GLOBALS['log']->lines), $token) ? 'YES' : 'no', "; in a session: ",
    $token === '' || str_contains(serialize($sessions), $token) ? 'YES' : 'no', "; stored in clear: ",
    $db->execute_query('SELECT COUNT(*) n FROM crmguard_connector_token WHERE token_sha256 = ? OR name = ?', [$token, $token])->fetch_assoc()['n'], "\n";

echo "== uninstall\n";
$GLOBALS['current_user'] = BeanFactory::getBean('Users', 'u-admin');
echo "uninstall: ", $installer('uninstall'), "\n";
echo "page: ", is_file('custom/modules/Administration/CrmGuardTokens.php') ? 'left' : 'removed', "; panel groups: ", count(AdminPanelStandin::groups()),
    "; Administration language files: ", count(glob('custom/Extension/modules/Administration/Ext/Language/*.crmguard.php')), "\n";
?>
--EXPECT--
install: done
installed: custom/modules/Administration/CrmGuardTokens.php, the Administration extension, 2 Administration language files
== the Administration page's panel
u-admin: group LBL_CRMGUARD_ADMIN_HEADER: crmguard_tokens -> ./index.php?module=Administration&action=CrmGuardTokens (LBL_CRMGUARD_TOKENS_TITLE)
u-petr: group LBL_CRMGUARD_ADMIN_HEADER: no links
== admin
list: 200 none
users offered: u-admin, u-evil, u-ivan, u-olga, u-petr
a user's name escaped: yes (evil (&lt;img src=x onerror=alert(1)&gt; &quot;q&quot;))
create 3cx for u-ivan: 200 msg: Token &#039;3cx&#039; created. Copy it now into the connector&#039;s settings: it is not shown again.; token shown: 64 hex digits
list: 3cx | u-ivan (Иван Звонарёв) | a date | never
shown once (not on the next page): yes
the token on crmguardPbx: 200 RED Ольга Петрова: ООО «Ромашка»
list after its use: 3cx | u-ivan (Иван Звонарёв) | a date | a date
create, an existing name: 200 error: a token named &#039;3cx&#039; exists: revoke it first
create, markup for a name: 200 error: token name &#039;&lt;script&gt;alert(1)&lt;/script&gt;&#039;: letters, digits, &#039;_&#039;, &#039;.&#039;, &#039;-&#039;, at most 64
create, an unknown user: 200 error: no active CRM user with id &#039;&quot;&gt;&lt;b&gt;x&#039; (the connector reads as this user)
create, an inactive user: 200 error: no active CRM user with id &#039;u-gone&#039; (the connector reads as this user)
list: 3cx | u-ivan (Иван Звонарёв) | a date | a date
== changes only by POST with this session's form key
revoke by GET: 200 no message; list: 3cx | u-ivan (Иван Звонарёв) | a date | a date
revoke without the form key: 403 error: The form has expired: reload the page and try again.; list: 3cx | u-ivan (Иван Звонарёв) | a date | a date
revoke with a wrong form key: 403 error: The form has expired: reload the page and try again.
== a user who is not an admin
list: 403 error: Only an administrator may manage connector tokens.; names shown: none
create: 403 error: Only an administrator may manage connector tokens.; token shown: no
revoke: 403 error: Only an administrator may manage connector tokens.
tokens now: 3cx
no such user: 302 Location: index.php?action=Login&module=Users&loginErrorMessage=LBL_SESSION_EXPIRED
== revoke
revoke 3cx: 200 msg: Token &#039;3cx&#039; revoked.; list: none
again: 200 error: No token named &#039;3cx&#039;.
the revoked token on crmguardPbx: 401 crmguard: missing or wrong connector token
== Russian
200 Токены подключений / Токенов нет.
labels: 20 in en_us, the same keys in ru_RU: yes
labels used but missing: none
== nothing secret kept or logged
the token in the log: no; in a session: no; stored in clear: 0
== uninstall
uninstall: done
page: removed; panel groups: 0; Administration language files: 0
