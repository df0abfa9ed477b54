--TEST--
CrmGuard\Rules::checkStageChange() and logStageChange() on both CRMs: every transition, failure reasons, extras, the stage log
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/db.inc';
$from = [null, 'New', 'Calling', 'Meeting', 'Closed Won', 'Closed Lost', 'Prospecting'];
$to = ['New', 'Calling', 'Meeting', 'Closed Won', 'Closed Lost', 'Prospecting'];

foreach (['espocrm', 'suitecrm'] as $crm) {
    $dsn = crmguard_test_db($crm, ['schema.sql', 'crmguard-fields.sql', dirname(__DIR__) . "/sql/$crm/030_stage_log.sql"]);
    $rules = new CrmGuard\Rules(new CrmGuard\Connection($dsn), $crm, [
        'stages' => ['Meeting'], 'failure_reasons' => ['too_expensive'],
    ]);
    echo "== $crm: ", implode(', ', $rules->stages()), ' | ', implode(', ', $rules->failureReasons()), "\n";
    // The table for a manager: rows from, columns to ('Closed Lost' with a reason).
    printf("%-12s %s\n", 'from \\ to', implode(' ', array_map(fn ($s) => str_pad($s, 11), $to)));
    foreach ($from as $f) {
        $row = [];
        foreach ($to as $t) {
            $r = $rules->checkStageChange($f, $t, $t === 'Closed Lost' ? 'no_interest' : null);
            $row[] = str_pad($r['allowed'] ? 'ok' : ['transition_not_allowed' => 'NOT', 'deal_closed' => 'CLOSED', 'unknown_stage' => 'UNKNOWN'][$r['code']], 11);
        }
        printf("%-12s %s\n", $f ?? '(new)', implode(' ', $row));
    }
    foreach ([null, '', 'no_interest', 'too_expensive', 'cheap'] as $reason) {
        $r = $rules->checkStageChange('Calling', 'Closed Lost', $reason);
        echo 'Closed Lost, reason ', var_export($reason, true), ': ', $r['code'], "\n";
    }
    echo $rules->checkStageChange('Calling', 'Closed Lost', null, 'ru')['message'], "\n";
    echo $rules->checkStageChange('Closed Won', 'Calling', null, 'ru')['message'], "\n";
    echo $rules->checkStageChange('Calling', 'New', null)['message'], "\n";

    // The stage log, read back through mysqli.
    $rules->logStageChange('deal-1', 'u-1', null, 'New', null);
    $rules->logStageChange('deal-1', 'u-1', 'New', 'Calling', '');
    $rules->logStageChange('deal-1', null, 'Calling', 'Closed Lost', 'poor_quality_contact');
    foreach (crmguard_test_sql($dsn, 'SELECT deal_id, user_id, from_stage, to_stage, failure_reason,
            ABS(TIMESTAMPDIFF(SECOND, changed_at, UTC_TIMESTAMP())) < 60 AS recent FROM crmguard_stage_log ORDER BY id') as $row) {
        echo json_encode($row), "\n";
    }
    foreach ([[str_repeat('d', 37), null, null, 'New', null], ['deal-1', null, null, '', null],
              ['deal-1', null, null, str_repeat('s', 101), null]] as $args) {
        try {
            $rules->logStageChange(...$args);
        } catch (ValueError $e) {
            echo $e->getMessage(), "\n";
        }
    }
    echo count(crmguard_test_sql($dsn, 'SELECT id FROM crmguard_stage_log')), " rows\n";
}
?>
--EXPECT--
== espocrm: New, Calling, Closed Won, Closed Lost, Meeting | no_interest, poor_quality_contact, no_decision_maker, competitor, other, too_expensive
from \ to    New         Calling     Meeting     Closed Won  Closed Lost Prospecting
(new)        ok          ok          ok          NOT         NOT         UNKNOWN    
New          ok          ok          ok          ok          ok          UNKNOWN    
Calling      NOT         ok          ok          ok          ok          UNKNOWN    
Meeting      NOT         ok          ok          ok          ok          UNKNOWN    
Closed Won   CLOSED      CLOSED      CLOSED      ok          CLOSED      UNKNOWN    
Closed Lost  CLOSED      CLOSED      CLOSED      CLOSED      ok          UNKNOWN    
Prospecting  ok          ok          ok          ok          ok          ok         
Closed Lost, reason NULL: failure_reason_required
Closed Lost, reason '': failure_reason_required
Closed Lost, reason 'no_interest': ok
Closed Lost, reason 'too_expensive': ok
Closed Lost, reason 'cheap': unknown_failure_reason
Для этапа «Неудача» укажите причину неуспеха: Нет интереса, Некачественный контакт, Нет выхода на ЛПР, Работает с конкурентом, Другое, too_expensive.
Сделка закрыта («Успех»): вернуть её в работу или изменить итог может только администратор.
A deal cannot move from "Calling" back to "New": it has already been called.
{"deal_id":"deal-1","user_id":"u-1","from_stage":null,"to_stage":"New","failure_reason":null,"recent":"1"}
{"deal_id":"deal-1","user_id":"u-1","from_stage":"New","to_stage":"Calling","failure_reason":null,"recent":"1"}
{"deal_id":"deal-1","user_id":null,"from_stage":"Calling","to_stage":"Closed Lost","failure_reason":"poor_quality_contact","recent":"1"}
crmguard_stage_log: the deal id is 37 bytes, at most 36 fit
crmguard_stage_log: the new stage is empty
crmguard_stage_log: the new stage is 101 bytes, at most 100 fit
3 rows
== suitecrm: New, Calling, Closed Won, Closed Lost, Meeting | no_interest, poor_quality_contact, no_decision_maker, competitor, other, too_expensive
from \ to    New         Calling     Meeting     Closed Won  Closed Lost Prospecting
(new)        ok          ok          ok          NOT         NOT         UNKNOWN    
New          ok          ok          ok          ok          ok          UNKNOWN    
Calling      NOT         ok          ok          ok          ok          UNKNOWN    
Meeting      NOT         ok          ok          ok          ok          UNKNOWN    
Closed Won   CLOSED      CLOSED      CLOSED      ok          CLOSED      UNKNOWN    
Closed Lost  CLOSED      CLOSED      CLOSED      CLOSED      ok          UNKNOWN    
Prospecting  ok          ok          ok          ok          ok          ok         
Closed Lost, reason NULL: failure_reason_required
Closed Lost, reason '': failure_reason_required
Closed Lost, reason 'no_interest': ok
Closed Lost, reason 'too_expensive': ok
Closed Lost, reason 'cheap': unknown_failure_reason
Для этапа «Неудача» укажите причину неуспеха: Нет интереса, Некачественный контакт, Нет выхода на ЛПР, Работает с конкурентом, Другое, too_expensive.
Сделка закрыта («Успех»): вернуть её в работу или изменить итог может только администратор.
A deal cannot move from "Calling" back to "New": it has already been called.
{"deal_id":"deal-1","user_id":"u-1","from_stage":null,"to_stage":"New","failure_reason":null,"recent":"1"}
{"deal_id":"deal-1","user_id":"u-1","from_stage":"New","to_stage":"Calling","failure_reason":null,"recent":"1"}
{"deal_id":"deal-1","user_id":null,"from_stage":"Calling","to_stage":"Closed Lost","failure_reason":"poor_quality_contact","recent":"1"}
crmguard_stage_log: the deal id is 37 bytes, at most 36 fit
crmguard_stage_log: the new stage is empty
crmguard_stage_log: the new stage is 101 bytes, at most 100 fit
3 rows
