--TEST--
crmguard connector tokens from EspoCRM's Administration (adminPanel item, client view crm-guard:views/admin/connector-tokens, admin-only routes /api/v1/CrmGuard/connectorTokens) over the stand-ins: admin lists, creates (shown once), revokes; non-admins 403; the token works on /pbx and a revoked one gets 401
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
require __DIR__ . '/telephony.inc';
$tree = crmguard_packages_tree() . '/espocrm';
require __DIR__ . '/crm-standins/espocrm/bootstrap.php';

use Espo\Entities\User;

$dsn = crmguard_test_db('espocrm', ['schema.sql', 'crmguard-fields.sql', 'package-fields.sql']);
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
$config = new Espo\Core\Utils\Config([
    'database' => ['host' => 'localhost', 'dbname' => ltrim($parts['path'], '/'), 'user' => rawurldecode($parts['user']),
        'password' => rawurldecode($parts['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql'],
    'siteUrl' => 'https://crm.example', 'language' => 'en_US',
]);
telephony_records('espocrm', $dsn);
require "$tree/scripts/AfterInstall.php";
(new AfterInstall())->run(new Espo\Core\Container([Espo\Core\Utils\Config::class => $config]), []);
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$db->query("INSERT INTO `user` (id, user_name, type, first_name, last_name, is_active, deleted) VALUES ('u-admin', 'admin', 'admin', 'Ада', 'Админова', 1, 0)");
$db->query("INSERT INTO `user` (id, user_name, type, first_name, last_name, is_active, deleted) VALUES ('u-pbx', 'pbx', 'api', '', '', 1, 0)");
$db->query("INSERT INTO `user` (id, user_name, type, first_name, last_name, is_active, deleted) VALUES ('u-gone', 'gone', 'regular', 'Gone', 'User', 0, 0)");
$db->query("INSERT INTO `user` (id, user_name, type, first_name, last_name, is_active, deleted) VALUES ('u-portal', 'portal', 'portal', 'Portal', 'User', 1, 0)");
$module = "$tree/files/custom/Espo/Modules/CrmGuard";

echo "== the Administration panel item and its view\n";
foreach (json_decode(file_get_contents("$module/Resources/metadata/app/adminPanel.json"), true) as $panel => $defs) {
    foreach ($defs['itemList'] as $item) {
        echo "panel $panel ({$defs['label']}): {$item['url']} -> view {$item['view']}, label {$item['label']}, description {$item['description']}\n";
        // client/src/loader.js (9.2.7) _idToPath() 236-263: "mod:path" of a module that is neither
        // internal nor transpiled -> client/custom/modules/<mod>/src/<path>.js
        [$mod, $path] = explode(':', $item['view'], 2);
        $file = "$tree/files/client/custom/modules/$mod/src/$path.js";
        echo "  view file: ", is_file($file) ? "client/custom/modules/$mod/src/$path.js" : 'MISSING', ", defines it: ",
            str_contains((string) @file_get_contents($file), "define('{$item['view']}'") ? 'yes' : 'NO', "\n";
        // client/src/controllers/admin.js 54-88 actionPage(): page = the part after #Admin/, its defs by url (getPageDefs 502-524), then defs.view
        echo "  #Admin page: ", substr($item['url'], strlen('#Admin/')), "\n";
        foreach (['en_US', 'ru_RU'] as $lang) {
            $admin = json_decode(file_get_contents("$module/Resources/i18n/$lang/Admin.json"), true);
            // the keys the view translates: this.label('key') and the list data() translates
            $js = file_get_contents($file);
            preg_match_all("/this\\.label\\('([A-Za-z]+)'\\)/", $js, $m);
            $keys = $m[1];
            if (preg_match('/for \\(const key of \\[([^\\]]*)\\]/', $js, $m)) {
                $keys = [...$keys, ...array_map(fn ($k) => trim($k, " '"), explode(',', $m[1]))];
            }
            $missing = array_diff(array_unique($keys), array_keys($admin['crmguardTokens']));
            echo "  $lang: panel '{$admin['labels'][$defs['label']]}', item '{$admin['labels'][$item['label']]}', description ",
                isset($admin['descriptions'][$item['description']]) ? 'yes' : 'NO', ", view labels: ", count(array_unique($keys)), ", missing: ", implode(', ', $missing) ?: 'none', "\n";
        }
    }
}
$routes = json_decode(file_get_contents("$module/Resources/routes.json"), true);
foreach ($routes as $r) {
    if (str_contains($r['route'], 'connectorTokens')) {
        echo "route: ", strtoupper($r['method']), " /api/v1{$r['route']}, noAuth ", var_export($r['noAuth'] ?? false, true), "\n";
    }
}

// One request to the admin routes as $user (an authenticated route: EspoCRM's User is that user).
$roles = ['u-ivan' => ['scopes' => ['Call' => true, 'Account' => true, 'Contact' => true, 'Lead' => true], 'read' => []]];
$api = function (User $user, string $method, ?string $body = null, array $route = []) use ($tree, $db, $config, $roles): string {
    $espo = new EspoStandin("$tree/files", $db, [User::class => $user, Espo\Core\Utils\Config::class => $config,
        Espo\Core\Utils\Language::class => new Espo\Core\Utils\Language('en_US'), Espo\Core\AclManager::class => new Espo\Core\AclManager($roles)]);
    try {
        $r = $espo->create(Espo\Modules\CrmGuard\Api\ConnectorTokens::class)->process(new Espo\Core\Api\Request([], $method, $route,
            ['Content-Type' => 'application/json'], $body));
        return $r->status . ' ' . $r->body;
    } catch (Throwable $e) {
        return $e->getCode() . ' ' . (method_exists($e, 'getBody') && $e->getBody() !== null ? $e->getBody() : $e->getMessage());
    }
};
$pbx = function (string $token) use ($tree, $db, $config, $roles): string {
    [$method, $query, $headers, $body] = telephony_request('asterisk-curl', $token, TEL_RED);
    $espo = new EspoStandin("$tree/files", $db, [User::class => new User('system', 'system'), Espo\Core\Utils\Config::class => $config,
        Espo\Core\Utils\Language::class => new Espo\Core\Utils\Language('en_US'), Espo\Core\AclManager::class => new Espo\Core\AclManager($roles)]);
    $r = $espo->create(Espo\Modules\CrmGuard\Api\PbxConnector::class)->process(new Espo\Core\Api\Request($query, $method,
        ['protocol' => 'text'], $headers, null, ['REMOTE_ADDR' => '192.0.2.8']));
    return $r->status . ' ' . rtrim($r->body);
};
$list = function (string $answer): string {
    $data = json_decode(substr($answer, 4), true);
    return implode('; ', array_map(fn ($t) => "{$t['name']} | {$t['userId']} ({$t['userName']}) | "
        . (preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $t['createdAt']) ? 'a date' : $t['createdAt']) . ' | '
        . ($t['lastUsedAt'] === null ? 'never' : (preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $t['lastUsedAt']) ? 'a date' : $t['lastUsedAt'])), $data['list'] ?? [])) ?: 'none';
};
$admin = new User('u-admin', 'admin');
$petr = new User('u-petr', 'regular');

echo "== admin\n";
$r = $api($admin, 'GET');
echo "list: ", substr($r, 0, 3), ' ', $list($r), "\n";
echo "users offered: ", implode(', ', array_map(fn ($u) => "{$u['id']} {$u['userName']} ({$u['name']})", json_decode(substr($r, 4), true)['users'])), "\n";
$r = $api($admin, 'POST', json_encode(['name' => '3cx', 'userId' => 'u-ivan']));
$created = json_decode(substr($r, 4), true);
$token = $created['token'] ?? '';
echo "create 3cx for u-ivan: ", substr($r, 0, 3), " name {$created['name']}, token: ", preg_match('/^[0-9a-f]{64}$/', $token) ? '64 hex digits' : 'NO', "\n";
$r = $api($admin, 'GET');
echo "list: ", $list($r), "; the token in it: ", str_contains($r, $token) ? 'YES' : 'no', "\n";
echo "the token on /pbx: ", $pbx($token), "\n";
echo "list after its use: ", $list($api($admin, 'GET')), "\n";
foreach ([
    'an existing name' => json_encode(['name' => '3cx', 'userId' => 'u-petr']),
    'markup for a name' => json_encode(['name' => '**x** <img src=x>', 'userId' => 'u-petr']),
    'an unknown user' => json_encode(['name' => 'asterisk', 'userId' => 'nobody']),
    'an inactive user' => json_encode(['name' => 'asterisk', 'userId' => 'u-gone']),
    'no JSON' => 'name=asterisk',
    'a name not a string' => json_encode(['name' => ['x'], 'userId' => 'u-petr']),
] as $what => $body) {
    echo "create, $what: ", $api($admin, 'POST', $body), "\n";
}
echo "list: ", $list($api($admin, 'GET')), "\n";

echo "== a user who is not an admin\n";
echo "list: ", $api($petr, 'GET'), "\n";
echo "create: ", $api($petr, 'POST', json_encode(['name' => 'mine', 'userId' => 'u-petr'])), "\n";
echo "revoke: ", $api($petr, 'DELETE', null, ['name' => '3cx']), "\n";
echo "an API user: ", $api(new User('u-pbx', 'api'), 'GET'), "\n";
echo "tokens now: ", implode(', ', array_column($db->query('SELECT name FROM crmguard_connector_token ORDER BY name')->fetch_all(MYSQLI_ASSOC), 'name')), "\n";

echo "== revoke\n";
echo "revoke 3cx: ", $api($admin, 'DELETE', null, ['name' => '3cx']), "\n";
echo "again: ", $api($admin, 'DELETE', null, ['name' => '3cx']), "\n";
echo "list: ", $list($api($admin, 'GET')), "\n";
echo "the revoked token on /pbx: ", $pbx($token), "\n";
echo "stored in clear: ", $db->execute_query('SELECT COUNT(*) n FROM crmguard_connector_token WHERE token_sha256 = ? OR name = ?', [$token, $token])->fetch_assoc()['n'], "\n";
?>
--EXPECT--
== the Administration panel item and its view
panel crmGuard (crmguard): #Admin/crmguardConnectorTokens -> view crm-guard:views/admin/connector-tokens, label Connector Tokens, description crmguardConnectorTokens
  view file: client/custom/modules/crm-guard/src/views/admin/connector-tokens.js, defines it: yes
  #Admin page: crmguardConnectorTokens
  en_US: panel 'crmguard', item 'Connector Tokens', description yes, view labels: 13, missing: none
  ru_RU: panel 'crmguard', item 'Токены подключений', description yes, view labels: 13, missing: none
route: GET /api/v1/CrmGuard/connectorTokens, noAuth false
route: POST /api/v1/CrmGuard/connectorTokens, noAuth false
route: DELETE /api/v1/CrmGuard/connectorTokens/:name, noAuth false
== admin
list: 200 none
users offered: u-admin admin (Ада Админова), u-pbx pbx (), u-ivan u-ivan (Иван Звонарёв), u-olga u-olga (Ольга Петрова), u-petr u-petr (Пётр Новиков)
create 3cx for u-ivan: 200 name 3cx, token: 64 hex digits
list: 3cx | u-ivan (u-ivan) | a date | never; the token in it: no
the token on /pbx: 200 RED Ольга Петрова: ООО «Ромашка»
list after its use: 3cx | u-ivan (u-ivan) | a date | a date
create, an existing name: 400 {"message":"a token named '3cx' exists: revoke it first"}
create, markup for a name: 400 {"message":"token name '\\*\\*x\\*\\* \\<img src=x\\>': letters, digits, '\\_', '.', '-', at most 64"}
create, an unknown user: 400 {"message":"no active CRM user with id 'nobody' (the connector reads as this user)"}
create, an inactive user: 400 {"message":"no active CRM user with id 'u-gone' (the connector reads as this user)"}
create, no JSON: 400 {"message":"token name '': letters, digits, '\\_', '.', '-', at most 64"}
create, a name not a string: 400 {"message":"token name '': letters, digits, '\\_', '.', '-', at most 64"}
list: 3cx | u-ivan (u-ivan) | a date | a date
== a user who is not an admin
list: 403 {"message":"crmguard: only an administrator may manage connector tokens."}
create: 403 {"message":"crmguard: only an administrator may manage connector tokens."}
revoke: 403 {"message":"crmguard: only an administrator may manage connector tokens."}
an API user: 403 {"message":"crmguard: only an administrator may manage connector tokens."}
tokens now: 3cx
== revoke
revoke 3cx: 200 {"name":"3cx","revoked":true}
again: 404 crmguard: no connector token named '3cx'.
list: none
the revoked token on /pbx: 401 crmguard: missing or wrong connector token
stored in clear: 0
