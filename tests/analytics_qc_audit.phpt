--TEST--
crmguard qc-sample (stratified, reproducible, review tasks written once) and crmguard audit, on both CRMs
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/analytics.inc';

/* 40 more deals for alexey.smirnov (41 in all) and 7 more for dmitry.kuznetsov (9 in all),
 * plus a contact whose name carries a nickname and whose phone field holds two numbers. */
$setup = [
    'espocrm' => [
        "INSERT INTO opportunity (id, name, deleted, stage, assigned_user_id, created_at, modified_at, close_date, description)
         SELECT CONCAT('a', LPAD(seq, 16, '0')), CONCAT('Сделка A', seq), 0, 'New', '6955d52e03dde92f7', '2026-01-10 10:00:00', '2026-01-10 10:00:00', '2026-02-01', 'ok'
         FROM seq_1_to_40",
        "INSERT INTO opportunity (id, name, deleted, stage, assigned_user_id, created_at, modified_at, close_date, description)
         SELECT CONCAT('b', LPAD(seq, 16, '0')), CONCAT('Сделка B', seq), 0, 'Calling', '6955e34505ccda34a', '2026-01-10 10:00:00', '2026-01-10 10:00:00', NULL, 'ok'
         FROM seq_1_to_7",
        "INSERT INTO contact (id, deleted, first_name, last_name, created_at, assigned_user_id)
         VALUES ('c0000000000000001', 0, 'Ольга', 'Петрова (Истеричка)', '2026-01-10 10:00:00', '6955e34505ccda34a')",
        "INSERT INTO phone_number (id, name, deleted, type, `numeric`) VALUES ('p0000000000000001', '89123456780, 89031112233', 0, 'Mobile', '8912345678089031112233')",
        "INSERT INTO entity_phone_number (entity_id, phone_number_id, entity_type, `primary`, deleted) VALUES ('c0000000000000001', 'p0000000000000001', 'Contact', 1, 0)",
    ],
    'suitecrm' => [
        "INSERT INTO opportunities (id, name, deleted, sales_stage, assigned_user_id, date_entered, date_modified, date_closed, description)
         SELECT CONCAT('aaaaaaaa-0000-4000-8000-', LPAD(seq, 12, '0')), CONCAT('Сделка A', seq), 0, 'New', 'c3418962-c328-524b-9bbc-6c70cd0f7d72', '2026-01-10 10:00:00', '2026-01-10 10:00:00', '2026-02-01', 'ok'
         FROM seq_1_to_40",
        "INSERT INTO opportunities (id, name, deleted, sales_stage, assigned_user_id, date_entered, date_modified, date_closed, description)
         SELECT CONCAT('bbbbbbbb-0000-4000-8000-', LPAD(seq, 12, '0')), CONCAT('Сделка B', seq), 0, 'Calling', '950c04ab-be9e-53e8-97a5-0cafe8f3e7ac', '2026-01-10 10:00:00', '2026-01-10 10:00:00', NULL, 'ok'
         FROM seq_1_to_7",
        "INSERT INTO contacts (id, deleted, first_name, last_name, date_entered, assigned_user_id, phone_mobile)
         VALUES ('cccccccc-0000-4000-8000-000000000001', 0, 'Ольга', 'Петрова (Истеричка)', '2026-01-10 10:00:00', '950c04ab-be9e-53e8-97a5-0cafe8f3e7ac', '89123456780, 89031112233')",
    ],
];
$tasks = [
    'espocrm' => "SELECT id, name, status, priority, parent_type, assigned_user_id, created_by_id AS creator FROM task WHERE assigned_user_id = '6955c71701eefe95b' ORDER BY parent_id",
    'suitecrm' => "SELECT id, name, status, priority, parent_type, assigned_user_id, created_by AS creator FROM tasks WHERE assigned_user_id = 'eda99cb9-f606-56c3-94ce-3ac7cd4775b1' ORDER BY parent_id",
];
$qcUser = ['espocrm' => '6955c71701eefe95b', 'suitecrm' => 'eda99cb9-f606-56c3-94ce-3ac7cd4775b1'];

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    $dsn = crmguard_analytics_db($crm);
    $db = new CrmGuard\Connection($dsn);
    foreach ($setup[$crm] as $sql) {
        $db->exec($sql);
    }
    $run = function (array $args) use ($dsn, $crm): array {
        [$rc, $out, $err] = crmguard_analytics_cli($dsn, $crm, ['qc-sample', '--json', ...$args]);
        if ($rc !== 0) {
            throw new RuntimeException($err);
        }
        return json_decode($out, true, 512, JSON_THROW_ON_ERROR);
    };
    $a = $run(['--seed', '7', '--crm-url', 'https://crm.example/']);
    $b = $run(['--seed', '7', '--crm-url', 'https://crm.example/']);
    $c = $run(['--seed', '8']);
    echo 'deals ', $a['deals'], ', per manager ', json_encode(array_map(fn ($m) => [$m['deals'], $m['sampled']], $a['managers'])), "\n";
    $ids = fn ($r) => array_column($r['sample'], 'deal_id');
    echo 'same seed, same sample: ', json_encode($ids($a) === $ids($b)), '; another seed differs: ', json_encode($ids($a) !== $ids($c)), "\n";
    // Each sampled deal belongs to its manager, and each manager got exactly his share.
    $owner = array_column(crmguard_test_sql($dsn, 'SELECT deal_id, user_id FROM crmguard_v_deal'), 'user_id', 'deal_id');
    $per = [];
    foreach ($a['sample'] as $d) {
        $per[$d['user_id']] = ($per[$d['user_id']] ?? 0) + 1;
        if ($owner[$d['deal_id']] !== $d['user_id']) {
            echo "wrong owner of {$d['deal_id']}\n";
        }
    }
    echo 'stratified: ', json_encode(array_values(array_map(fn ($m) => $per[$m['user_id']] === $m['sampled'], $a['managers']))), "\n";
    echo 'link: ', preg_replace('/[0-9a-f-]{17,36}$/', 'ID', $a['sample'][0]['url']), "\n";
    $p30 = $run(['--seed', '7', '--percent', '30']);
    echo '30 %: ', json_encode(array_column($p30['managers'], 'sampled')), "\n";

    // Review tasks for the head of sales, written the CRM's way, once.
    $t1 = $run(['--seed', '7', '--create-tasks', '--qc-user', $qcUser[$crm], '--lang', 'ru', '--due', '2026-01-22']);
    $t2 = $run(['--seed', '7', '--create-tasks', '--qc-user', $qcUser[$crm], '--lang', 'ru', '--due', '2026-01-22']);
    echo 'tasks: ', json_encode($t1['tasks']), ' then ', json_encode($t2['tasks']), "\n";
    $rows = crmguard_test_sql($dsn, $tasks[$crm]);
    echo count($rows), ' rows, ids of ', json_encode(array_unique(array_map(fn ($r) => strlen($r['id']), $rows))),
        ' chars, ', json_encode(array_unique(array_map(fn ($r) => [$r['status'], $r['priority'], $r['parent_type'], $r["creator"] === $r["assigned_user_id"]], $rows), SORT_REGULAR)), "\n";
    echo 'name: ', $rows[0]['name'], "\n";
    [$rc, , $err] = crmguard_analytics_cli($dsn, $crm, ['qc-sample', '--create-tasks']);
    echo $rc, ' ', strtok($err, "\n"), "\n";

    // Audit.
    [$rc, $out, $err] = crmguard_analytics_cli($dsn, $crm, ['audit', '--json', '--limit', '1000']);
    $audit = json_decode($out, true);
    echo 'audit ', $rc, ': ', json_encode($audit['counts']), "\n";
    foreach ($audit['findings'] as $f) {
        if (in_array($f['code'], ['bad_word', 'phone_several_numbers', 'lowercase_name'], true)) {
            echo '  ', $f['entity_type'], ' ', $f['code'], ' ', $f['value'], ' ', $f['detail'] ?? '', "\n";
        }
    }
    [$rc, $out] = crmguard_analytics_cli($dsn, $crm, ['audit', '--json', '--no-default-words', '--require', 'Contact.phone']);
    echo 'narrower: ', json_encode(json_decode($out, true)['counts']), "\n";
}
[$rc, , $err] = crmguard_analytics_cli($dsn, 'suitecrm', ['audit', '--require', 'Contact']);
echo $rc, ' ', strtok($err, "\n"), "\n";
[$rc, , $err] = crmguard_analytics_cli($dsn, 'suitecrm', ['audit', '--words', '/nonexistent/words.txt']);
echo $rc, ' ', strtok($err, "\n"), "\n";
?>
--EXPECT--
== espocrm
deals 50, per manager [[41,5],[9,1]]
same seed, same sample: true; another seed differs: true
stratified: [true,true]
link: https://crm.example/#Opportunity/view/ID
30 %: [13,3]
tasks: {"created":6,"existing":0} then {"created":0,"existing":6}
6 rows, ids of [17] chars, [["Not Started","Normal","Opportunity",true]]
name: Проверка качества: Сделка A2
2 crmguard: --create-tasks needs --qc-user ID (who reviews the deals)
audit 0: {"bad_word":1,"lowercase_name":2,"no_close_date":7,"no_comment":2,"no_task":42,"phone_not_canonical":7,"phone_several_numbers":1}
  Contact lowercase_name мария 
  Contact lowercase_name сидорова 
  Contact bad_word Петрова (Истеричка) истеричк
  Contact phone_several_numbers 89123456780, 89031112233 
narrower: {"lowercase_name":2,"phone_not_canonical":7,"phone_several_numbers":1}
== suitecrm
deals 50, per manager [[9,1],[41,5]]
same seed, same sample: true; another seed differs: true
stratified: [true,true]
link: https://crm.example/index.php?module=Opportunities&action=DetailView&record=ID
30 %: [3,13]
tasks: {"created":6,"existing":0} then {"created":0,"existing":6}
6 rows, ids of [36] chars, [["Not Started","Medium","Opportunities",true]]
name: Проверка качества: Сделка A12
2 crmguard: --create-tasks needs --qc-user ID (who reviews the deals)
audit 0: {"bad_word":1,"lowercase_name":2,"no_close_date":7,"no_comment":2,"no_task":42,"phone_not_canonical":15,"phone_several_numbers":1}
  Contact lowercase_name мария 
  Contact lowercase_name сидорова 
  Contact bad_word Петрова (Истеричка) истеричк
  Contact phone_several_numbers 89123456780, 89031112233 
narrower: {"lowercase_name":2,"phone_not_canonical":15,"phone_several_numbers":1}
2 crmguard: --require: 'Contact' is not EntityType.field (e.g. Contact.phone)
1 crmguard: cannot read the word list /nonexistent/words.txt
