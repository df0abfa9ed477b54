--TEST--
crmguard SuiteCRM: refusals quoting a stage, a failure reason or a company status with markup reach the page's red box (printed raw, SugarView.php 788-793) HTML-escaped, typed raw or as SuiteCRM's request cleaning leaves it; names in call cards stay data
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree() . '/suitecrm';
require __DIR__ . '/crm-standins/suitecrm/bootstrap.php';

$dsn = crmguard_test_db('suitecrm', crmguard_packages_fixture('suitecrm'));
$parts = parse_url($dsn);
parse_str($parts['query'], $q);
ini_set('mysqli.default_socket', $q['socket']);
$sugar_config = ['dbconfig' => ['db_host_name' => 'localhost', 'db_user_name' => rawurldecode($parts['user']),
    'db_password' => rawurldecode($parts['pass']), 'db_name' => ltrim($parts['path'], '/'), 'db_type' => 'mysql', 'db_port' => '']];
$GLOBALS['log'] = new LoggerStandin();
$GLOBALS['current_language'] = 'en_us';
$_SESSION = [];
const M1 = 'c3418962-c328-524b-9bbc-6c70cd0f7d72', M2 = '950c04ab-be9e-53e8-97a5-0cafe8f3e7ac';
const ROMASHKA = '5ddfddb8-c8d7-500a-89c3-36de29d59e46', DEAL = 'cb797176-ee89-5cc1-a049-1037a137d029';
$installer = new ModuleInstaller($tree);
$installer->pre_execute();
$installer->post_execute();
LogicHook::register($installer->installdefs, "$tree/files");
$db = crmguard_test_mysqli(crmguard_test_db_name($dsn));
$sql = fn (string $s) => crmguard_test_sql($dsn, $s);
$GLOBALS['current_user'] = new User(M1);

$pages = [];
$page = function () use (&$pages): string {
    $html = SugarViewStandin::errorMessagesHtml();
    $pages[] = $html;
    return $html;
};
// Typed raw (a REST or script save, around the request cleaning), and as securexss() leaves it.
foreach (['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;', '**bold** [link](http://x.example)'] as $h) {
    echo "== ", $h, "\n";
    $d = SugarBeanStandin::retrieve($db, 'Opportunities', 'opportunities', DEAL);
    $d->sales_stage = $h;
    $d->save();
    echo "stage:  ", $page(), "\n";
    $d = SugarBeanStandin::retrieve($db, 'Opportunities', 'opportunities', DEAL);
    $d->sales_stage = 'Closed Lost';
    $d->crmguard_failure_reason_c = $h;
    $d->save();
    echo "reason: ", $page(), "\n";
    $a = SugarBeanStandin::retrieve($db, 'Accounts', 'accounts', ROMASHKA);
    $a->crmguard_status_c = $h;
    $a->save();
    echo "status: ", $page(), "\n";
}
$tags = 0;
foreach ($pages as $html) {
    preg_match_all('~<([a-z0-9]+)~i', $html, $m);
    $tags += count(array_diff($m[1], ['p']));
}
echo count($pages), " pages; elements other than <p class=\"error\">: $tags\n";

echo "== a company and a user named with markup: the call card carries them as data (JSON; the card field as stored)\n";
$db->query("UPDATE accounts SET name = '<b>Ромашка</b> [x](http://x.example)' WHERE id = '" . ROMASHKA . "'");
$db->query("UPDATE users SET first_name = '<img src=x onerror=alert(1)>', last_name = '**Смирнов**' WHERE id = '" . M1 . "'");
$card = CrmGuardSuite::guard()->callCard('+7 (495) 123-45-67', M2, 'en');
echo $card['color'], " / ", $card['verdict'], "\n";
$c = new SugarBeanStandin('Calls', 'calls', $db);
$c->name = 'call';
$c->parent_type = 'Accounts';
$c->parent_id = ROMASHKA;
$c->assigned_user_id = M2;
$c->deleted = 0;
$id = $c->save();
echo "calls_cstm.crmguard_card_owner_c: ", $sql("SELECT crmguard_card_owner_c o FROM calls_cstm WHERE id_c = '$id'")[0]['o'], "\n";
echo "messages: ", SugarViewStandin::errorMessagesHtml() ?: '-', "\n";
?>
--EXPECT--
== <img src=x onerror=alert(1)>
stage:  <p class="error">"&lt;img src=x onerror=alert(1)&gt;" is not a stage of the sales process.</p>
reason: <p class="error">"&lt;img src=x onerror=alert(1)&gt;" is not a failure reason; choose one of: No interest, Poor-quality contact, No decision maker reached, Works with a competitor, Other.</p>
status: <p class="error">"&lt;img src=x onerror=alert(1)&gt;" is not a company status; choose one of: Waiting, In work.</p>
== &lt;img src=x onerror=alert(1)&gt;
stage:  <p class="error">"&lt;img src=x onerror=alert(1)&gt;" is not a stage of the sales process.</p>
reason: <p class="error">"&lt;img src=x onerror=alert(1)&gt;" is not a failure reason; choose one of: No interest, Poor-quality contact, No decision maker reached, Works with a competitor, Other.</p>
status: <p class="error">"&lt;img src=x onerror=alert(1)&gt;" is not a company status; choose one of: Waiting, In work.</p>
== **bold** [link](http://x.example)
stage:  <p class="error">"**bold** [link](http://x.example)" is not a stage of the sales process.</p>
reason: <p class="error">"**bold** [link](http://x.example)" is not a failure reason; choose one of: No interest, Poor-quality contact, No decision maker reached, Works with a competitor, Other.</p>
status: <p class="error">"**bold** [link](http://x.example)" is not a company status; choose one of: Waiting, In work.</p>
9 pages; elements other than <p class="error">: 0
== a company and a user named with markup: the call card carries them as data (JSON; the card field as stored)
red / Company "<b>Ромашка</b> [x](http://x.example)" is in work with <img src=x onerror=alert(1)> **Смирнов**: do not call it.
calls_cstm.crmguard_card_owner_c: <img src=x onerror=alert(1)> **Смирнов**
messages: -
