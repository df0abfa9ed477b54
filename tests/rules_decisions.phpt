--TEST--
CrmGuard\Rules::dealStage() and companyStatus() (issue 13): the record's is-new flag is given, never guessed from an empty value; each answer says the value to save
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
$dsn = crmguard_test_db('suitecrm', ['schema.sql', 'crmguard-fields.sql']);
crmguard_test_sql($dsn, "INSERT INTO users (id, user_name, last_name, is_admin, status, deleted, reports_to_id) VALUES
    ('u-admin', 'admin', 'Admin', 1, 'Active', 0, NULL), ('u-sup', 'sup', 'Sup', 0, 'Active', 0, NULL),
    ('u-owner', 'owner', 'Owner', 0, 'Active', 0, 'u-sup'), ('u-other', 'other', 'Other', 0, 'Active', 0, 'u-sup')");
$rules = new CrmGuard\Rules(new CrmGuard\Connection($dsn), 'suitecrm');
$show = fn (array $r, string $key) => sprintf('%-8s %-24s -> %s', $r['allowed'] ? 'allowed' : 'refused', $r['code'], var_export($r[$key], true));

echo "== dealStage(isNew, from, to): a manager\n";
foreach ([[true, null, null], [true, null, ''], [true, 'Closed Won', 'Calling'], [true, null, 'Closed Won'],
          [false, 'Closed Won', ''], [false, 'Closed Won', null], [false, 'Calling', ''], [false, 'Closed Won', 'Calling'],
          [false, '', 'Calling'], [false, null, 'Closed Won'], [false, '', ''], [false, '', 'Prospecting'],
          [false, 'Calling', 'New'], [false, 'New', 'Calling']] as [$isNew, $from, $to]) {
    printf("%-5s %-13s %-13s %s\n", $isNew ? 'new' : 'saved', var_export($from, true), var_export($to, true),
        $show($rules->dealStage($isNew, $from, $to, null, 'en', 'u-owner'), 'stage'));
}
echo "admin reopens:  ", $show($rules->dealStage(false, 'Closed Won', 'Calling', null, 'en', 'u-admin'), 'stage'), "\n";
echo "admin empties:  ", $show($rules->dealStage(false, 'Closed Won', '', null, 'en', 'u-admin'), 'stage'), "\n";
echo $rules->dealStage(false, 'Closed Lost', null, 'other', 'ru')['message'], "\n";

echo "== companyStatus(isNew, from, to, actor, assigned u-owner)\n";
foreach ([[true, null, null, 'u-other'], [true, null, '', 'u-owner'], [true, 'in_work', 'waiting', 'u-other'],
          [true, null, 'in_work', 'u-other'], [true, null, 'in_work', 'u-owner'], [true, null, 'in_work', 'u-sup'],
          [false, 'in_work', null, 'u-other'], [false, 'in_work', '', 'u-owner'], [false, null, '', 'u-owner'],
          [false, 'in_work', 'in_work', 'u-other'], [false, null, 'waiting', 'u-other'], [false, null, 'in_work', 'u-other'],
          [false, '', 'in_work', 'u-owner'], [false, 'in_work', 'waiting', 'u-sup'], [false, 'in_work', 'waiting', 'u-admin'],
          [false, 'in_work', 'waiting', ''], [false, 'in_work', 'waiting', null], [true, null, 'in_work', null],
          [false, 'in_work', 'hot', 'u-admin']] as [$isNew, $from, $to, $actor]) {
    printf("%-5s %-10s %-10s %-10s %s\n", $isNew ? 'new' : 'saved', var_export($from, true), var_export($to, true),
        var_export($actor, true), $show($rules->companyStatus($isNew, $from, $to, $actor, 'u-owner'), 'status'));
}
echo "no assigned user: ", $show($rules->companyStatus(false, 'waiting', 'in_work', 'u-sup', null), 'status'), "\n";
// The old calls keep their meaning (from null = new).
echo "checkStatusChange(null, in_work, u-other): ", $rules->checkStatusChange(null, 'in_work', 'u-other', 'u-owner')['code'], "\n";
echo "checkStageChange(null, Closed Won): ", $rules->checkStageChange(null, 'Closed Won', null)['code'], "\n";
?>
--EXPECT--
== dealStage(isNew, from, to): a manager
new   NULL          NULL          allowed  ok                       -> 'New'
new   NULL          ''            allowed  ok                       -> 'New'
new   'Closed Won'  'Calling'     allowed  ok                       -> 'Calling'
new   NULL          'Closed Won'  refused  transition_not_allowed   -> 'New'
saved 'Closed Won'  ''            refused  stage_required           -> 'Closed Won'
saved 'Closed Won'  NULL          refused  stage_required           -> 'Closed Won'
saved 'Calling'     ''            refused  stage_required           -> 'Calling'
saved 'Closed Won'  'Calling'     refused  deal_closed              -> 'Closed Won'
saved ''            'Calling'     allowed  ok                       -> 'Calling'
saved NULL          'Closed Won'  allowed  ok                       -> 'Closed Won'
saved ''            ''            allowed  ok                       -> ''
saved ''            'Prospecting' refused  unknown_stage            -> ''
saved 'Calling'     'New'         refused  transition_not_allowed   -> 'Calling'
saved 'New'         'Calling'     allowed  ok                       -> 'Calling'
admin reopens:  allowed  ok                       -> 'Calling'
admin empties:  refused  stage_required           -> 'Closed Won'
Этап сделки нельзя очистить: он остаётся «Неудача».
== companyStatus(isNew, from, to, actor, assigned u-owner)
new   NULL       NULL       'u-other'  allowed  ok                       -> 'waiting'
new   NULL       ''         'u-owner'  allowed  ok                       -> 'waiting'
new   'in_work'  'waiting'  'u-other'  allowed  ok                       -> 'waiting'
new   NULL       'in_work'  'u-other'  refused  new_company_status       -> 'waiting'
new   NULL       'in_work'  'u-owner'  refused  owner_may_not_change     -> 'waiting'
new   NULL       'in_work'  'u-sup'    allowed  ok                       -> 'in_work'
saved 'in_work'  NULL       'u-other'  allowed  ok                       -> 'in_work'
saved 'in_work'  ''         'u-owner'  allowed  ok                       -> 'in_work'
saved NULL       ''         'u-owner'  allowed  ok                       -> 'waiting'
saved 'in_work'  'in_work'  'u-other'  allowed  ok                       -> 'in_work'
saved NULL       'waiting'  'u-other'  allowed  ok                       -> 'waiting'
saved NULL       'in_work'  'u-other'  refused  not_supervisor           -> 'waiting'
saved ''         'in_work'  'u-owner'  refused  owner_may_not_change     -> 'waiting'
saved 'in_work'  'waiting'  'u-sup'    allowed  ok                       -> 'waiting'
saved 'in_work'  'waiting'  'u-admin'  allowed  ok                       -> 'waiting'
saved 'in_work'  'waiting'  ''         refused  not_supervisor           -> 'in_work'
saved 'in_work'  'waiting'  NULL       allowed  ok                       -> 'waiting'
new   NULL       'in_work'  NULL       allowed  ok                       -> 'in_work'
saved 'in_work'  'hot'      'u-admin'  refused  unknown_status           -> 'in_work'
no assigned user: refused  no_assigned_user         -> 'waiting'
checkStatusChange(null, in_work, u-other): new_company_status
checkStageChange(null, Closed Won): transition_not_allowed
