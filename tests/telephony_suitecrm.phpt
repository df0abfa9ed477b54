--TEST--
crmguard telephony connectors in SuiteCRM (index.php?entryPoint=crmguardPbx, auth false): 3CX, Asterisk/Superfecta, iTooLabs, Zadarma over the stand-ins, on the real database; every colour, unknown and invalid numbers, tokens, read access, bounds, slowing down
--EXTENSIONS--
crmguard
mysqli
simplexml
--FILE--
<?php
ob_start(); // one buffered response, as under a web server
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
    'site_url' => 'https://crm.example', 'crmguard_zadarma_secret' => 'zadarma-test-secret', 'default_language' => 'en_us', 'unique_key' => 'k'];
$GLOBALS['log'] = new LoggerStandin();
$_SESSION = [];
telephony_records('suitecrm', $dsn);
$installer = new ModuleInstaller($tree);
$installer->pre_execute();
$installer->post_execute();
LogicHook::register($installer->installdefs, "$tree/files");
$entry_point_registry = [];
include "$tree/files/entrypoints/crmguard.php";
$registry = array_map(fn ($e) => ['file' => "$tree/files/{$e['file']}"] + $e, $entry_point_registry);
echo "entry point: crmguardPbx, auth ", var_export($entry_point_registry['crmguardPbx']['auth'], true), "\n";
// Roles (SuiteCRM's ACL): Иван may view everything, Пётр only what he owns.
$all = ['Calls:view' => true, 'Accounts:view' => true, 'Contacts:view' => true, 'Leads:view' => true];
ACLController::$allowedFor = ['u-ivan' => $all,
    'u-petr' => ['Calls:view' => true, 'Accounts:view' => 'owner', 'Contacts:view' => 'owner', 'Leads:view' => 'owner']];
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));

// One request to index.php?entryPoint=crmguardPbx&protocol=... through SugarApplication::execute()
// with no session; PHP has parsed a form body into $_POST, as under a web server.
$send = function (string $protocol, string $method, array $query, array $headers, string $body, string $address) use ($registry, &$sugar_config) {
    $GLOBALS['sugar_config'] = $sugar_config;
    $_SESSION = [];
    $_GET = ['entryPoint' => 'crmguardPbx', 'protocol' => $protocol] + $query;
    $_POST = [];
    $_SERVER['REQUEST_METHOD'] = $method;
    $_SERVER['REMOTE_ADDR'] = $address;
    $_SERVER['CONTENT_LENGTH'] = (string) strlen($body);
    unset($_SERVER['CONTENT_TYPE'], $_SERVER['HTTP_X_CRMGUARD_TOKEN'], $_SERVER['HTTP_SIGNATURE']);
    foreach ($headers as $k => $v) {
        $k === 'Content-Type' ? $_SERVER['CONTENT_TYPE'] = $v : $_SERVER['HTTP_' . strtoupper(str_replace('-', '_', $k))] = $v;
    }
    if ($method === 'POST' && ($headers['Content-Type'] ?? '') === 'application/x-www-form-urlencoded' && strlen($body) <= 16384) {
        parse_str($body, $_POST);
    }
    http_response_code(200);
    ob_start();
    SugarApplicationStandin::entryPoint('crmguardPbx', $registry);
    $out = ob_get_clean();
    return [http_response_code(), $out, []];
};
$call = function (string $id) use ($db): string {
    $row = $db->execute_query('SELECT direction, status, parent_type, parent_id, assigned_user_id, date_start, TIMESTAMPDIFF(SECOND, date_start, date_end) s,
        cc.crmguard_card_color_c color, description FROM calls c LEFT JOIN calls_cstm cc ON cc.id_c = c.id WHERE c.id = ?', [$id])->fetch_assoc();
    return $row === null ? "no Call $id" : "Call {$row['direction']} {$row['status']} {$row['parent_type']}:{$row['parent_id']} user {$row['assigned_user_id']} {$row['date_start']} +{$row['s']}s colour {$row['color']} | "
        . str_replace("\n", ' / ', $row['description']);
};
telephony_run('suitecrm', $dsn, $send, $call);
?>
--EXPECTF--
entry point: crmguardPbx, auth false
tokens: 64 hex digits, stored hashed: 1, stored in clear: 0
== Asterisk CURL() / FreePBX Superfecta (text)
red: 200 RED Ольга Петрова: ООО «Ромашка»|
yellow: 200 YELLOW Ольга Петрова: Борис Жёлтый|
blue: 200 BLUE Ольга Петрова: Вера Синицына|
none: 200 Ольга Петрова: ООО Ждём Ltd|
unknown: 200 |
invalid: 400 phone: '12345' is not a phone number|
red for a user who may not read the holders: 200 RED Ольга Петрова|
none for that user: 200 Ольга Петрова|
missing token: 401 crmguard: missing or wrong connector token
wrong token: 401 crmguard: missing or wrong connector token
== 3CX
red: 200 {"contact_id":"c-red","first_name":"Анна","last_name":"Снабженцева","company":"ООО «Ромашка»","email":"Anna@romashka.example","contact_url":"https:\/\/crm.example\/index.php?module=Contacts&action=DetailView&record=c-red","entity_type":"Contacts","color":"red","color_label":"RED"}
yellow: 200 {"contact_id":"c-yellow","first_name":"Борис","last_name":"Жёлтый","company":"","email":"","contact_url":"https:\/\/crm.example\/index.php?module=Contacts&action=DetailView&record=c-yellow","entity_type":"Contacts","color":"yellow","color_label":"YELLOW"}
blue: 200 {"contact_id":"l-blue","first_name":"Вера","last_name":"Синицына","company":"","email":"","contact_url":"https:\/\/crm.example\/index.php?module=Leads&action=DetailView&record=l-blue","entity_type":"Leads","color":"blue","color_label":"BLUE"}
none: 200 {"contact_id":"a-none","first_name":"","last_name":"ООО \"Ждём\", Ltd","company":"ООО \"Ждём\", Ltd","email":"","contact_url":"https:\/\/crm.example\/index.php?module=Accounts&action=DetailView&record=a-none","entity_type":"Accounts","color":"none","color_label":""}
unknown: 200 {"color":"none","color_label":""}
invalid: 400 {"error":"phone: '12345' is not a phone number"}
red for a user who may not read the holders: {"contact_id":"crmguard:+79135550101","first_name":"","last_name":"RED Ольга Петрова","company":"","email":"","contact_url":"","entity_type":"","color":"red","color_label":"RED","verdict":"In work with Ольга Петрова: do not call."}
wrong token: 401 {"error":"crmguard: missing or wrong connector token"}
no token header: 401 {"error":"crmguard: missing or wrong connector token"}
-- the template's lookup run against the endpoint
template: Crm crmguard, scenarios "", "ReportCall"
rule contact_id: matched, paths missing from the answer: none
  Output ContactID = c-red
  Output FirstName = RED Анна
  Output LastName = Снабженцева
  Output CompanyName = ООО «Ромашка»
  Output Email = Anna@romashka.example
  Output PhoneBusiness = +79135550101
  Output ContactUrl = https://crm.example/index.php?module=Contacts&action=DetailView&record=c-red
  Output EntityType = Contacts
  Output EntityId = c-red
-- ReportCall
200 Call Inbound Held Contacts:c-red user u-ivan 2026-12-01 10:00:00 +125s colour red | Card colour: RED / 3CX Inbound, extension 101
template ReportCall sends the fixture's fields: yes
bad call_type: 400 {"error":"call_type: one of Inbound Outbound Missed Notanswered"}
== iTooLabs
contact red: 200 {"contact_name":"RED Ольга Петрова: ООО «Ромашка»","responsible":"u-olga"}
contact yellow: 200 {"contact_name":"YELLOW Ольга Петрова: Борис Жёлтый","responsible":"u-olga"}
contact blue: 200 {"contact_name":"BLUE Ольга Петрова: Вера Синицына","responsible":"u-olga"}
contact none: 200 {"contact_name":"Ольга Петрова: ООО Ждём Ltd","responsible":"u-olga"}
contact unknown: 200 {}
contact invalid: 400 {"error":"phone: '12345' is not a phone number"}
contact red, a user who may not read the holders: 200 {"contact_name":"RED Ольга Петрова","responsible":"u-olga"}
event COMPLETED: 200 Call Inbound Held Contacts:c-yellow user u-ivan %d-%d-%d %d:%d:%d +0s colour yellow | Card colour: YELLOW / iTooLabs event COMPLETED
history, same callid: 200 same record: yes; Call Inbound Held Contacts:c-yellow user u-ivan 2026-12-01 10:00:00 +125s colour yellow | Recording: https://records.example/b4f7c5b0.mp3 / Card colour: YELLOW / iTooLabs history, status Success
history red: 200 Call Inbound Held Contacts:c-red user u-ivan 2026-12-01 10:00:00 +125s colour red | Recording: https://records.example/b4f7c5b0.mp3 / Card colour: RED / iTooLabs history, status Success
event INCOMING: 200 {}
wrong crm_token: 401 {"error":"Invalid token"}
no crm_token: 401 {"error":"Invalid token"}
unknown cmd: 400 {"error":"cmd: one of contact event history"}
recording link not http: 400 {"error":"link: an http(s) URL"}
== Zadarma
zd_echo: 200 3b4ac5e1f0
NOTIFY_START: 200 {"caller_name":"RED Ольга Петрова: ООО «Ромашка»"}
NOTIFY_START, a user who may not read the holders: 200 {"caller_name":"RED Ольга Петрова"}
wrong Signature: 401 {"error":"crmguard: wrong or missing Signature"}
Signature of raw HMAC bytes (not Zadarma's): 401 {"error":"crmguard: wrong or missing Signature"}
no token: 401 {"error":"crmguard: missing or wrong connector token"}
== bounds
a 600-byte number: 400 crmguard: query parameter 'phone' over 512 bytes
a 70-byte number: 400 phone: over 64 bytes: not a phone number
a body over 16 KiB: 413 {"error":"crmguard: request body over 16384 bytes"}
not UTF-8: 400 {"error":"crmguard: body parameter 'phone' is not UTF-8"}
an array for the number: 400 crmguard: query parameter 'phone' is not a single value
unknown protocol: 404 {"error":"crmguard: unknown connector protocol (3cx, text, itoolabs, zadarma)"}
== repeated failures from one address
failure 10: 401 crmguard: missing or wrong connector token
then the right token from that address: 429 crmguard: too many failed token checks from this address; retry in N s
another address meanwhile: 200 RED Ольга Петрова: ООО «Ромашка»
after the window: 200 RED Ольга Петрова: ООО «Ромашка»; failures left: 0
revoked token: revoked; 401 crmguard: missing or wrong connector token
