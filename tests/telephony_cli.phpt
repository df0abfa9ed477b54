--TEST--
crmguard token create|list|revoke and lookup --format json|text|3cx|itoolabs|zadarma: what each connector answers, from the CLI
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/telephony.inc';
require __DIR__ . '/cli.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';
$dsn = crmguard_test_db('suitecrm', ['schema.sql', 'crmguard-fields.sql']);
$db = new CrmGuard\Connection($dsn);
CrmGuard\Schema::apply($db, 'suitecrm');
telephony_records('suitecrm', $dsn);
(new CrmGuard\PhoneIndex($db, 'suitecrm'))->rebuild();
$common = ['--crm', 'suitecrm', '--db', $dsn];
$run = function (array $args) use ($common): array {
    [$code, $out, $err] = crmguard_cli([...$args, ...$common]);
    return [$code, $out, preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $err)];
};

echo "== token\n";
[$code, $token, $err] = $run(['token', 'create', '--name', '3cx', '--user', 'u-ivan']);
echo "create: exit $code, ", preg_match('/^[0-9a-f]{64}\n$/', $token) ? '64 hex digits' : "?? $token", ", stderr: $err";
echo "stored: ", json_encode($db->query('SELECT name, user_id, token_sha256 = SHA2(?, 256) AS hashed, last_used_at FROM crmguard_connector_token', [trim($token)])), "\n";
echo "verified: ", json_encode((new CrmGuard\Telephony\Tokens($db))->verify(trim($token), '127.0.0.1')), "\n";
[$code, $out] = $run(['token', 'list']);
echo "list: exit $code, ", preg_replace('/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/', 'DATE', $out), "list shows the token: ", str_contains($out, trim($token)) ? 'yes' : 'no', "\n";
[$code, $out] = $run(['token', 'list', '--json']);
echo "list --json keys: ", implode(' ', array_keys(json_decode($out, true)[0])), "\n";
foreach ([['token', 'create', '--name', '3cx', '--user', 'u-ivan'], ['token', 'create', '--name', 'x', '--user', 'nobody'],
          ['token', 'create', '--name', 'a b', '--user', 'u-ivan'], ['token', 'create', '--name', 'x'], ['token', 'revoke', '--name', 'nope'],
          ['token', 'frob'], ['token', 'revoke', '--name', '3cx'], ['token', 'list']] as $args) {
    [$code, $out, $err] = $run($args);
    echo implode(' ', array_slice($args, 1)), ": exit $code ", trim($out . $err), "\n";
}

echo "== lookup --format\n";
foreach (['json', 'text', '3cx', 'itoolabs', 'zadarma'] as $format) {
    foreach (['red' => TEL_RED, 'unknown' => TEL_UNKNOWN] as $case => $phone) {
        [$code, $out, $err] = $run(['lookup', $phone, '--caller', 'u-ivan', '--format', $format]);
        echo "$format $case: exit $code ", rtrim($out), $err, "\n";
    }
}
[$code, $a] = $run(['lookup', TEL_RED, '--caller', 'u-ivan', '--json']);
[, $b] = $run(['lookup', TEL_RED, '--caller', 'u-ivan', '--format', 'json']);
echo "--json is --format json: ", $a === $b ? 'yes' : 'no', "\n";
foreach ([['lookup', TEL_INVALID, '--caller', 'u-ivan', '--format', 'text'], ['lookup', TEL_RED, '--caller', 'u-ivan', '--format', 'xml']] as $args) {
    [$code, $out, $err] = $run($args);
    echo implode(' ', array_slice($args, 1)), ": exit $code ", trim($out . $err), "\n";
}
?>
--EXPECT--
== token
create: exit 0, 64 hex digits, stderr: token '3cx' created: it is shown only now; put it in the connector's settings
stored: [{"name":"3cx","user_id":"u-ivan","hashed":1,"last_used_at":null}]
verified: {"name":"3cx","user_id":"u-ivan"}
list: exit 0, 3cx                  user u-ivan                               created DATE  last used DATE
list shows the token: no
list --json keys: name user_id created_at last_used_at
create --name 3cx --user u-ivan: exit 1 crmguard: a token named '3cx' exists: revoke it first
create --name x --user nobody: exit 1 crmguard: no active CRM user with id 'nobody' (the connector reads as this user)
create --name a b --user u-ivan: exit 1 crmguard: token name 'a b': letters, digits, '_', '.', '-', at most 64
create --name x: exit 2 crmguard: token create needs --user USER_ID (the CRM user the connector reads as)
Run 'crmguard token --help' for its options.
revoke --name nope: exit 1 crmguard: no token named 'nope'
frob: exit 2 crmguard: token create|list|revoke
Run 'crmguard token --help' for its options.
revoke --name 3cx: exit 0 token '3cx' revoked
list: exit 0 
== lookup --format
json red: exit 0 {"phone":"+79135550101","color":"red","verdict":"Анна Снабженцева is a contact of company \"ООО «Ромашка»\", which is in work with Ольга Петрова: do not call.","owner_id":"u-olga","owner_name":"Ольга Петрова","entity_type":"Accounts","entity_id":"a-red","company_status":"in_work","matches":[{"entity_type":"Contacts","entity_id":"c-red","name":"Анна Снабженцева","owner_id":"u-olga","owner_name":"Ольга Петрова"},{"entity_type":"Accounts","entity_id":"a-red","name":"ООО «Ромашка»","owner_id":"u-olga","owner_name":"Ольга Петрова","company_status":"in_work","via_contact_id":"c-red"}]}
json unknown: exit 0 {"phone":"+79135550199","color":"none","verdict":"Unknown number.","owner_id":null,"owner_name":null,"entity_type":null,"entity_id":null,"company_status":null,"matches":[]}
text red: exit 0 RED Ольга Петрова: ООО «Ромашка»
text unknown: exit 0 
3cx red: exit 0 {"contact_id":"c-red","first_name":"Анна","last_name":"Снабженцева","full_name":"Анна Снабженцева","company":"ООО «Ромашка»","email":"Anna@romashka.example","contact_url":"","entity_type":"Contacts","entity_id":"c-red","phone":"+79135550101","color":"red","color_label":"RED","verdict":"Анна Снабженцева is a contact of company \"ООО «Ромашка»\", which is in work with Ольга Петрова: do not call.","owner_name":"Ольга Петрова"}
3cx unknown: exit 0 {"phone":"+79135550199","color":"none","color_label":"","verdict":"Unknown number.","owner_name":""}
itoolabs red: exit 0 {"contact_name":"RED Ольга Петрова: ООО «Ромашка»","responsible":"u-olga"}
itoolabs unknown: exit 0 {}
zadarma red: exit 0 {"caller_name":"RED Ольга Петрова: ООО «Ромашка»"}
zadarma unknown: exit 0 {}
--json is --format json: yes
12345 --caller u-ivan --format text: exit 1 crmguard: not a valid phone number: "12345"
+79135550101 --caller u-ivan --format xml: exit 2 crmguard: --format must be json, text, 3cx, itoolabs or zadarma, not 'xml'
Run 'crmguard lookup --help' for its options.
