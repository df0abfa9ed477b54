--TEST--
crmguard EspoCRM: refusals quoting a stage, a failure reason or a company status with markup or Markdown come back escaped for the client's Markdown (marked + DOMPurify), rendered as the plain text; names in call cards stay data
--EXTENSIONS--
crmguard
mysqli
--SKIPIF--
<?php
// run-tests -m runs valgrind with --trace-children=yes: node (marked) would run under it too.
// scripts/test runs this file again without valgrind (it names USE_ZEND_ALLOC).
if (getenv('USE_ZEND_ALLOC') === '0') {
    die('skip renders with node, which valgrind would trace (the plain run covers it)');
}
?>
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/espocrm';
require __DIR__ . '/crm-standins/espocrm/bootstrap.php';

use Espo\Core\Exceptions\BadRequest;
use Espo\Core\Exceptions\Forbidden;
use Espo\Entities\User;

$dsn = crmguard_test_db('espocrm', crmguard_packages_fixture());
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
$config = new Espo\Core\Utils\Config([
    'database' => ['host' => 'localhost', 'dbname' => ltrim($parts['path'], '/'), 'user' => rawurldecode($parts['user']),
        'password' => rawurldecode($parts['pass']), 'socket' => $q['socket'], 'platform' => 'Mysql'],
    'crmguardRules' => ['supervisor' => 'team_role:Supervisor'],
]);
const M1 = '6955d52e03dde92f7', M2 = '6955e34505ccda34a', ROMASHKA = '6955ff7309aab8a8b', DEAL = '6957193f305572d38';
require "$tree/scripts/AfterInstall.php";
(new AfterInstall())->run(new Espo\Core\Container([Espo\Core\Utils\Config::class => $config]), []);
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$services = fn (string $userId) => [User::class => $u = new User($userId, 'regular'), Espo\Core\Utils\Config::class => $config,
    Espo\Core\Utils\Language::class => new Espo\Core\Utils\Language('en_US'),
    Espo\Core\Acl::class => new Espo\Core\Acl($u, ['Call' => true], 'no')];
$m1 = new EspoStandin("$tree/files", $db, $services(M1));

const HOSTILE = ['<img src=x onerror=alert(1)>', '**bold**', '[link](http://x.example)', '![i](http://x.example/i.png)'];
$bodies = [];
// What the client gets: the body's message (client/src/app.js 1321-1391 appends it to "Error 400\n").
$refusal = function (callable $save) use (&$bodies): string {
    try {
        $save();
        return 'saved';
    } catch (BadRequest|Forbidden $e) {
        $message = json_decode((string) $e->getBody())->message;
        $bodies[] = "Error {$e->getCode()}\n$message";
        return $e->getCode() . ' ' . $message;
    }
};
foreach (HOSTILE as $h) {
    echo "== ", $h, "\n";
    $deal = $m1->fetch('Opportunity', DEAL);
    $deal->set('stage', $h);
    echo "stage:  ", $refusal(fn () => $m1->save($deal)), "\n";
    $deal = $m1->fetch('Opportunity', DEAL);
    $deal->set(['stage' => 'Closed Lost', 'cCrmguardFailureReason' => $h]);
    echo "reason: ", $refusal(fn () => $m1->save($deal)), "\n";
    $account = $m1->fetch('Account', ROMASHKA);
    $account->set('cCrmguardStatus', $h);
    echo "status: ", $refusal(fn () => $m1->save($account)), "\n";
    echo "phone:  ", $refusal(fn () => $m1->create(Espo\Modules\CrmGuard\Api\GetCallCard::class)
        ->process(new Espo\Core\Api\Request(['phone' => $h]))), "\n";
}

echo "== a company and a user named with markup: the call card's JSON carries them as data\n";
$db->query("UPDATE account SET name = '[Ромашка](http://x.example) <b>' WHERE id = '" . ROMASHKA . "'");
$db->query("UPDATE user SET first_name = '<img src=x onerror=alert(1)>', last_name = '**Смирнов**' WHERE id = '" . M1 . "'");
$m2 = new EspoStandin("$tree/files", $db, $services(M2));
$r = $m2->create(Espo\Modules\CrmGuard\Api\GetCallCard::class)->process(new Espo\Core\Api\Request(['phone' => '8 (495) 123-45-67']));
$card = json_decode($r->body, true);
echo $r->headers['Content-Type'], ": ", $card['color'], " / ", $card['verdict'], " / ", $card['owner_name'], "\n";

echo "== as EspoCRM's client renders them: marked.parse (client/src/ui.js 1265-1267), no markup left\n";
// Debian's node-marked is marked 4, the major EspoCRM 9.2.7 bundles (package.json "marked": "^4.0.10").
$marked = is_file('/usr/share/nodejs/marked/package.json') && trim((string) shell_exec('command -v node'));
if (!$marked) {
    echo "(node or node-marked missing: apt-get install nodejs node-marked)\n";
} else {
    $js = 'const {marked} = require("/usr/share/nodejs/marked"); let s = ""; process.stdin.on("data", d => s += d);'
        . 'process.stdin.on("end", () => { for (const m of JSON.parse(s)) console.log(JSON.stringify(marked.parse(m))); });';
    $p = proc_open(['node', '-e', $js], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
    fwrite($pipes[0], json_encode($bodies));
    fclose($pipes[0]);
    $html = array_map('json_decode', array_filter(explode("\n", stream_get_contents($pipes[1]))));
    proc_close($p);
    $tags = $same = 0;
    foreach ($html as $i => $h) {
        preg_match_all('~</?([a-z0-9]+)~i', $h, $m);
        $tags += count(array_diff(array_unique($m[1]), ['p']));
        // the text the user sees is the plain message
        $plain = preg_replace('/\\\\(.)/', '$1', $bodies[$i]);
        $same += trim(html_entity_decode(strip_tags($h), ENT_QUOTES | ENT_HTML5, 'UTF-8')) === $plain;
    }
    echo count($html), " messages rendered; tags other than <p>: $tags; shown as the plain text: $same\n";
}
?>
--EXPECT--
== <img src=x onerror=alert(1)>
stage:  400 "\<img src=x onerror=alert(1)\>" is not a stage of the sales process.
reason: 400 "\<img src=x onerror=alert(1)\>" is not a failure reason; choose one of: No interest, Poor-quality contact, No decision maker reached, Works with a competitor, Other.
status: 400 "\<img src=x onerror=alert(1)\>" is not a company status; choose one of: Waiting, In work.
phone:  400 phone: '\<img src=x onerror=alert(1)\>' is not a phone number
== **bold**
stage:  400 "\*\*bold\*\*" is not a stage of the sales process.
reason: 400 "\*\*bold\*\*" is not a failure reason; choose one of: No interest, Poor-quality contact, No decision maker reached, Works with a competitor, Other.
status: 400 "\*\*bold\*\*" is not a company status; choose one of: Waiting, In work.
phone:  400 phone: '\*\*bold\*\*' is not a phone number
== [link](http://x.example)
stage:  400 "\[link\](http\://x.example)" is not a stage of the sales process.
reason: 400 "\[link\](http\://x.example)" is not a failure reason; choose one of: No interest, Poor-quality contact, No decision maker reached, Works with a competitor, Other.
status: 400 "\[link\](http\://x.example)" is not a company status; choose one of: Waiting, In work.
phone:  400 phone: '\[link\](http\://x.example)' is not a phone number
== ![i](http://x.example/i.png)
stage:  400 "!\[i\](http\://x.example/i.png)" is not a stage of the sales process.
reason: 400 "!\[i\](http\://x.example/i.png)" is not a failure reason; choose one of: No interest, Poor-quality contact, No decision maker reached, Works with a competitor, Other.
status: 400 "!\[i\](http\://x.example/i.png)" is not a company status; choose one of: Waiting, In work.
phone:  400 phone: '!\[i\](http\://x.example/i.png)' is not a phone number
== a company and a user named with markup: the call card's JSON carries them as data
application/json: red / Company "[Ромашка](http://x.example) <b>" is in work with <img src=x onerror=alert(1)> **Смирнов**: do not call it. / <img src=x onerror=alert(1)> **Смирнов**
== as EspoCRM's client renders them: marked.parse (client/src/ui.js 1265-1267), no markup left
16 messages rendered; tags other than <p>: 0; shown as the plain text: 16
