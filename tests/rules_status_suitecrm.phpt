--TEST--
CrmGuard\Rules::checkStatusChange() on SuiteCRM: admin, supervisor chain (users.reports_to_id), owner, another manager
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
$dsn = crmguard_test_db('suitecrm', ['schema.sql', 'crmguard-fields.sql']);
// The people of the matrix: head <- sup <- owner, sup <- other; an admin; a deleted admin;
// a user whose admin flag is off.
crmguard_test_sql($dsn, "INSERT INTO users (id, user_name, first_name, last_name, is_admin, status, deleted, reports_to_id) VALUES
    ('u-admin', 'admin', NULL, 'Admin', 1, 'Active', 0, NULL),
    ('u-gone',  'gone',  NULL, 'Gone',  1, 'Inactive', 1, NULL),
    ('u-head',  'head',  'Ольга', 'Head', 0, 'Active', 0, NULL),
    ('u-sup',   'sup',   'Сергей', 'Sup', 0, 'Active', 0, 'u-head'),
    ('u-owner', 'owner', 'Олег', 'Owner', 0, 'Active', 0, 'u-sup'),
    ('u-other', 'other', 'Иван', 'Other', 0, 'Active', 0, 'u-sup'),
    ('u-loop1', 'loop1', NULL, 'L1', 0, 'Active', 0, 'u-loop2'),
    ('u-loop2', 'loop2', NULL, 'L2', 0, 'Active', 0, 'u-loop1')");
$rules = new CrmGuard\Rules(new CrmGuard\Connection($dsn), 'suitecrm');
var_dump($rules->defaultStatus(), $rules->statuses());

function show(array $r): string
{
    return ($r['allowed'] ? 'allowed' : 'refused') . " {$r['code']}";
}

echo "-- waiting -> in_work on u-owner's company\n";
foreach (['u-owner', 'u-sup', 'u-head', 'u-other', 'u-admin', 'u-gone', 'nobody-at-all'] as $actor) {
    printf("%-14s %s\n", $actor, show($rules->checkStatusChange('waiting', 'in_work', $actor, 'u-owner')));
}
echo "-- a new company (from null) as in_work / as waiting\n";
foreach (['u-owner', 'u-sup', 'u-other', 'u-admin'] as $actor) {
    printf("%-14s %s | %s\n", $actor, show($rules->checkStatusChange(null, 'in_work', $actor, 'u-owner')),
        show($rules->checkStatusChange(null, 'waiting', $actor, 'u-owner')));
}
echo "-- edge cases\n";
echo show($rules->checkStatusChange('in_work', 'in_work', 'u-other', 'u-owner')), "\n";   // unchanged
echo show($rules->checkStatusChange('', 'waiting', 'u-other', 'u-owner')), "\n";          // missing = waiting
echo show($rules->checkStatusChange('waiting', 'hot', 'u-admin', 'u-owner')), "\n";       // unknown
echo show($rules->checkStatusChange('waiting', 'in_work', 'u-sup', null)), "\n";          // no owner
echo show($rules->checkStatusChange('waiting', 'in_work', 'u-admin', null)), "\n";
echo show($rules->checkStatusChange('waiting', 'in_work', 'u-head', 'u-loop1')), "\n";    // a cycle ends the chain
echo show($rules->checkStatusChange('waiting', 'in_work', 'u-loop2', 'u-loop1')), "\n";
// A value that would be SQL is only a value.
echo show($rules->checkStatusChange('waiting', 'in_work', "x' OR '1'='1", 'u-owner')), "\n";
echo "-- messages\n";
echo $rules->checkStatusChange('waiting', 'in_work', 'u-owner', 'u-owner', 'ru')['message'], "\n";
echo $rules->checkStatusChange('waiting', 'in_work', 'u-other', 'u-owner', 'ru_RU')['message'], "\n";
echo $rules->checkStatusChange(null, 'in_work', 'u-other', 'u-owner', 'en_US')['message'], "\n";

// Extra statuses; a direct-supervisor field of the deployment's own choosing; none.
$rules = new CrmGuard\Rules(new CrmGuard\Connection($dsn), 'suitecrm', ['statuses' => ['paused'], 'supervisor' => 'none']);
echo show($rules->checkStatusChange('in_work', 'paused', 'u-sup', 'u-owner')), "\n";
echo show($rules->checkStatusChange('in_work', 'paused', 'u-admin', 'u-owner')), "\n";
foreach ([['supervisor' => 'team_role:Supervisor'], ['supervisor' => 'field:reports_to_id; DROP TABLE users'],
          ['supervisor' => 'boss'], ['supervisor' => 5], ['colour' => 'red'], ['statuses' => [""]], ['statuses' => 'x']] as $bad) {
    try {
        new CrmGuard\Rules(new CrmGuard\Connection($dsn), 'suitecrm', $bad);
        echo "accepted\n";
    } catch (ValueError | TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    new CrmGuard\Rules(new CrmGuard\Connection($dsn), 'bitrix');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
// A missing column is the server's error, as a DbException.
$rules = new CrmGuard\Rules(new CrmGuard\Connection($dsn), 'suitecrm', ['supervisor' => 'field:boss_id']);
try {
    $rules->checkStatusChange('waiting', 'in_work', 'u-sup', 'u-owner');
} catch (CrmGuard\DbException $e) {
    echo get_class($e), ': ', preg_replace('/\(mysql:[^)]*\)/', '(DSN)', $e->getMessage()), "\n";
}
?>
--EXPECT--
string(7) "waiting"
array(2) {
  [0]=>
  string(7) "waiting"
  [1]=>
  string(7) "in_work"
}
-- waiting -> in_work on u-owner's company
u-owner        refused owner_may_not_change
u-sup          allowed ok
u-head         allowed ok
u-other        refused not_supervisor
u-admin        allowed ok
u-gone         refused not_supervisor
nobody-at-all  refused not_supervisor
-- a new company (from null) as in_work / as waiting
u-owner        refused owner_may_not_change | allowed ok
u-sup          allowed ok | allowed ok
u-other        refused new_company_status | allowed ok
u-admin        allowed ok | allowed ok
-- edge cases
allowed ok
allowed ok
refused unknown_status
refused no_assigned_user
allowed ok
refused not_supervisor
allowed ok
refused not_supervisor
-- messages
Вы ответственный за эту компанию: изменить её статус может только ваш руководитель или администратор.
Изменить статус компании могут только руководитель ответственного менеджера и администратор.
A new company starts as "Waiting": only the responsible manager's supervisor or an administrator may create it as "In work".
refused not_supervisor
allowed ok
ValueError: CrmGuard\Rules::__construct(): Argument #3 ($options) option "supervisor" suitecrm has no team roles; use "field:<column>"
ValueError: CrmGuard\Rules::__construct(): Argument #3 ($options) option "supervisor" the column in "field:<column>" must be a plain column name (letters, digits, underscores)
ValueError: CrmGuard\Rules::__construct(): Argument #3 ($options) option "supervisor" must be "field:<user column>", "team_role:<role>" or "none"
TypeError: CrmGuard\Rules::__construct(): Argument #3 ($options) option "supervisor" must be a string, int given
ValueError: CrmGuard\Rules::__construct(): Argument #3 ($options) has an unknown option "colour" (known: stages, statuses, failure_reasons, supervisor)
ValueError: CrmGuard\Rules::__construct(): Argument #3 ($options) option "statuses": each key must be 1 to 100 bytes of UTF-8 text without control characters
TypeError: CrmGuard\Rules::__construct(): Argument #3 ($options) option "statuses" must be a list of strings, string given
CrmGuard\Rules::__construct(): Argument #2 ($crm) must be "espocrm" or "suitecrm"
CrmGuard\DbException: query failed (DSN): [1054] Unknown column 't.boss_id' in 'SELECT'
