--TEST--
CrmGuard\Rules::checkStatusChange() on EspoCRM: user.type admin, supervisor by team role (team_user.role) or by a user field
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
$dsn = crmguard_test_db('espocrm', ['schema.sql', 'crmguard-fields.sql']);
// Team "sales": sup (Supervisor), owner and other (Manager).  Team "support": boss (Supervisor),
// not a team of owner's.  ex-sup left "sales" (membership deleted).
crmguard_test_sql($dsn, "INSERT INTO `user` (id, user_name, type, first_name, last_name, is_active, deleted) VALUES
    ('u-admin', 'admin', 'admin', NULL, 'Admin', 1, 0),
    ('u-super', 'root', 'super-admin', NULL, 'Root', 1, 0),
    ('u-gone',  'gone', 'admin', NULL, 'Gone', 0, 1),
    ('u-sup',   'sup',  'regular', 'Сергей', 'Sup', 1, 0),
    ('u-boss',  'boss', 'regular', 'Борис', 'Boss', 1, 0),
    ('u-ex',    'ex',   'regular', NULL, 'Ex', 1, 0),
    ('u-owner', 'owner', 'regular', 'Олег', 'Owner', 1, 0),
    ('u-other', 'other', 'regular', 'Иван', 'Other', 1, 0)");
crmguard_test_sql($dsn, "INSERT INTO team (id, name, deleted) VALUES ('t-sales', 'Sales', 0), ('t-support', 'Support', 0)");
crmguard_test_sql($dsn, "INSERT INTO team_user (team_id, user_id, role, deleted) VALUES
    ('t-sales', 'u-sup', 'Supervisor', 0), ('t-sales', 'u-owner', 'Manager', 0),
    ('t-sales', 'u-other', 'Manager', 0), ('t-sales', 'u-ex', 'Supervisor', 1),
    ('t-support', 'u-boss', 'Supervisor', 0)");

function show(array $r): string
{
    return ($r['allowed'] ? 'allowed' : 'refused') . " {$r['code']}";
}
function matrix(CrmGuard\Rules $rules, array $actors): void
{
    foreach ($actors as $actor) {
        printf("  %-8s %s\n", $actor, show($rules->checkStatusChange('waiting', 'in_work', $actor, 'u-owner')));
    }
}

$db = new CrmGuard\Connection($dsn);
echo "default rule (team_role:Supervisor)\n";
matrix(new CrmGuard\Rules($db, 'espocrm'), ['u-owner', 'u-sup', 'u-boss', 'u-ex', 'u-other', 'u-admin', 'u-super', 'u-gone']);

echo "team_role:Manager (every manager of the owner's team)\n";
matrix(new CrmGuard\Rules($db, 'espocrm', ['supervisor' => 'team_role:Manager']), ['u-owner', 'u-other', 'u-sup']);

echo "field:c_supervisor_id (a custom link field, followed upwards)\n";
crmguard_test_sql($dsn, "ALTER TABLE `user` ADD COLUMN c_supervisor_id varchar(17) DEFAULT NULL");
crmguard_test_sql($dsn, "UPDATE `user` SET c_supervisor_id = 'u-boss' WHERE id = 'u-sup'");
crmguard_test_sql($dsn, "UPDATE `user` SET c_supervisor_id = 'u-sup' WHERE id IN ('u-owner', 'u-other')");
matrix(new CrmGuard\Rules($db, 'espocrm', ['supervisor' => 'field:c_supervisor_id']), ['u-owner', 'u-sup', 'u-boss', 'u-other', 'u-admin']);

echo "stage reopening needs an admin's id\n";
$rules = new CrmGuard\Rules($db, 'espocrm');
foreach ([null, 'u-sup', 'u-admin', 'u-super', 'u-gone'] as $actor) {
    printf("  %-8s %s\n", $actor ?? 'null', show($rules->checkStageChange('Closed Won', 'Calling', null, 'en', $actor)));
}
?>
--EXPECT--
default rule (team_role:Supervisor)
  u-owner  refused owner_may_not_change
  u-sup    allowed ok
  u-boss   refused not_supervisor
  u-ex     refused not_supervisor
  u-other  refused not_supervisor
  u-admin  allowed ok
  u-super  allowed ok
  u-gone   refused not_supervisor
team_role:Manager (every manager of the owner's team)
  u-owner  refused owner_may_not_change
  u-other  allowed ok
  u-sup    refused not_supervisor
field:c_supervisor_id (a custom link field, followed upwards)
  u-owner  refused owner_may_not_change
  u-sup    allowed ok
  u-boss   allowed ok
  u-other  refused not_supervisor
  u-admin  allowed ok
stage reopening needs an admin's id
  null     refused deal_closed
  u-sup    refused deal_closed
  u-admin  allowed ok
  u-super  allowed ok
  u-gone   refused deal_closed
