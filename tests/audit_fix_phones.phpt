--TEST--
crmguard audit --fix phones on both CRMs: valid but non-canonical phones rewritten (E.164, ' ext. N', two numbers in a SuiteCRM field), invalid ones left and listed, --dry-run changes nothing, --undo puts every CRM table back byte for byte (CHECKSUM TABLE), a run killed mid-way (SIGKILL) is continued by the next --fix and ends canonical with nothing lost
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/lookup.inc';
require __DIR__ . '/cli.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';

/** CHECKSUM TABLE of every table but crmguard's journal: the CRM's state. */
function checksums(string $dsn): array
{
    $out = [];
    foreach (crmguard_test_sql($dsn, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
            AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT LIKE 'crmguard\\_audit\\_fix%' ORDER BY TABLE_NAME") as $r) {
        $out[$r['TABLE_NAME']] = crmguard_test_sql($dsn, "CHECKSUM TABLE `{$r['TABLE_NAME']}` EXTENDED")[0]['Checksum'];
    }
    return $out;
}

function phones(string $crm, string $dsn): array
{
    $rows = $crm === 'espocrm'
        ? crmguard_test_sql($dsn, 'SELECT id, name, `numeric` FROM phone_number ORDER BY id')
        : crmguard_test_sql($dsn, "SELECT id, phone_mobile AS name, phone_work AS `numeric` FROM contacts ORDER BY id");
    return array_map(fn ($r) => "{$r['id']}: " . var_export($r['name'], true) . ' / ' . var_export($r['numeric'], true), $rows);
}

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    $dsn = crmguard_test_db($crm, ['schema.sql', 'crmguard-fields.sql']);
    $db = new CrmGuard\Connection($dsn);
    CrmGuard\Schema::apply($db, $crm);
    $f = new LookupFixture($crm, $dsn);
    $f->user('u-me', 'Иван', 'Звонарёв');
    $f->contact('c-1', 'А', 'Один', 'u-me', ['8 (912) 345-67-89', '+74951234567']);       // formatted; canonical already
    $f->contact('c-2', 'Б', 'Два', 'u-me', ['89123456780', 'тел. 8(495)123-45-68 доб. 12']);  // unformatted; an extension
    $f->contact('c-3', 'В', 'Три', 'u-me', ['12345', 'Иван 8 912 345 67 81']);             // invalid; words around a number
    $f->contact('c-4', 'Г', 'Четыре', 'u-me', ['8 912 345 67 82, 8 912 345 67 83', '+7 912 345-67-84 ']); // two numbers; a space
    $args = ['audit', '--crm', $crm, '--db', $dsn];
    $before = checksums($dsn);
    $phonesBefore = phones($crm, $dsn);

    [$rc, $out, $err] = crmguard_cli([...$args, '--fix', 'phones', '--dry-run', '--json']);
    $r = json_decode($out, true);
    echo "dry run: rc=$rc changed={$r['changed']} canonical={$r['canonical']} invalid={$r['invalid']} unchanged tables: ",
        checksums($dsn) == $before ? 'yes' : 'NO', "\n";
    foreach ($r['changes'] as $c) {
        echo "  {$c['table']}.{$c['column']} {$c['id']}: {$c['old']} -> {$c['new']}\n";
    }
    foreach ($r['invalid_values'] as $c) {
        echo "  invalid {$c['table']}.{$c['column']} {$c['id']}: {$c['value']}\n";
    }

    [$rc, $out, $err] = crmguard_cli([...$args, '--fix', 'phones', '--batch', '2']);
    echo "fix: rc=$rc ", preg_replace('/run \S+/', 'run RUN', preg_replace('/--undo \S+/', '--undo RUN', strtok($out, "\n"))), "\n";
    echo "progress on stderr: ", substr_count($err, 'fix phones: '), " lines, e.g. ", strtok($err, "\n"), "\n";
    preg_match('/--undo (\S+)/', $out, $m);
    $run = $m[1];
    echo implode("\n", phones($crm, $dsn)), "\n";
    [$rc, $out] = crmguard_cli([...$args, '--fix', 'phones', '--json']);
    echo "again: rc=$rc changed=", json_decode($out, true)['changed'], "\n";

    [$rc, $out, $err] = crmguard_cli([...$args, '--undo', $run, '--json']);
    $u = json_decode($out, true);
    echo "undo: rc=$rc restored={$u['restored']} kept={$u['kept']}\n";
    $after = checksums($dsn);
    echo "every table byte-identical after undo: ", $after == $before ? 'yes' : 'NO: ' . implode(',', array_keys(array_diff_assoc($after, $before))),
        ' (', count($after), " tables)\n";
    echo "values as before: ", phones($crm, $dsn) === $phonesBefore ? 'yes' : 'NO', "\n";
    [$rc, , $err] = crmguard_cli([...$args, '--undo', $run]);
    echo "undo twice: rc=$rc ", preg_replace("/run '[^']+'/", 'run RUN', trim($err)), "\n";

    // A run killed mid-way: many rows, batches of 1, SIGKILL after the first batches' progress lines.
    $m2 = crmguard_test_mysqli(crmguard_test_db_name($dsn));
    for ($i = 0; $i < 300; $i++) {
        $f->contact(sprintf('k-%03d', $i), 'К', "Киллов$i", 'u-me', [sprintf('8 (912) 700-%02d-%02d', intdiv($i, 100), $i % 100)]);
    }
    $before = checksums($dsn);
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . crmguard_so(), dirname(__DIR__) . '/bin/crmguard', ...$args,
        '--fix', 'phones', '--batch', '1'];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $seen = 0;
    while ($seen < 20 && ($line = fgets($pipes[2])) !== false) {
        $seen += str_starts_with($line, 'fix phones: ') ? 1 : 0;
    }
    proc_terminate($p, 9);
    fclose($pipes[1]);
    fclose($pipes[2]);
    proc_close($p);
    $state = crmguard_test_sql($dsn, 'SELECT run_id, state FROM crmguard_audit_fix_run WHERE state = \'running\'');
    $journalled = (int) $db->query('SELECT COALESCE(SUM(row_count), 0) AS n FROM crmguard_audit_fix WHERE run_id = ?', [$state[0]['run_id'] ?? ''])[0]['n'];
    echo "killed: runs left running ", count($state), ", some values rewritten: ", $journalled > 0 ? 'yes' : 'no', "\n";
    [$rc, $out] = crmguard_cli([...$args, '--fix', 'phones', '--json']);
    $r = json_decode($out, true);
    echo "re-run: rc=$rc continued=", var_export($r['resumed'], true), " same run=", var_export($r['run_id'] === ($state[0]['run_id'] ?? null), true), "\n";
    $left = crmguard_test_sql($dsn, "SELECT COUNT(*) AS n FROM " . ($crm === 'espocrm'
        ? "phone_number WHERE name LIKE '8 (912) 700%'" : "contacts WHERE phone_mobile LIKE '8 (912) 700%'"))[0]['n'];
    $seen = [];
    foreach ($db->query('SELECT table_name, column_name, changes FROM crmguard_audit_fix WHERE run_id = ?', [$r['run_id']]) as $e) {
        foreach (json_decode($e['changes'], true, flags: JSON_THROW_ON_ERROR) as $c) {
            $k = "{$e['table_name']}.{$e['column_name']}.{$c[0]}";
            $seen[$k] = ($seen[$k] ?? 0) + 1;
        }
    }
    echo "non-canonical left: $left; values journalled: ", array_sum($seen), ", each once: ", var_export(max($seen) === 1, true), "\n";
    [$rc, $out] = crmguard_cli([...$args, '--undo', $r['run_id'], '--json']);
    echo "undo of the killed and continued run: rc=$rc, every table byte-identical: ", checksums($dsn) == $before ? 'yes' : 'NO', "\n";
}
?>
--EXPECT--
== espocrm
dry run: rc=0 changed=4 canonical=1 invalid=3 unchanged tables: yes
  phone_number.name ph1: 8 (912) 345-67-89 -> +79123456789
  phone_number.name ph3: 89123456780 -> +79123456780
  phone_number.name ph4: тел. 8(495)123-45-68 доб. 12 -> +74951234568 ext. 12
  phone_number.name ph8: +7 912 345-67-84  -> +79123456784
  invalid phone_number.name ph5: 12345
  invalid phone_number.name ph6: Иван 8 912 345 67 81
  invalid phone_number.name ph7: 8 912 345 67 82, 8 912 345 67 83
fix: rc=0 fix phones run RUN 8 values read, 4 rewritten, 1 already canonical, 3 invalid (left as they are); undo: crmguard audit --undo RUN
progress on stderr: 4 lines, e.g. fix phones: phone_number 2/8 rows, 1 rewritten
ph1: '+79123456789' / '79123456789'
ph2: '+74951234567' / '74951234567'
ph3: '+79123456780' / '79123456780'
ph4: '+74951234568 ext. 12' / '7495123456812'
ph5: '12345' / '12345'
ph6: 'Иван 8 912 345 67 81' / '89123456781'
ph7: '8 912 345 67 82, 8 912 345 67 83' / '8912345678289123456783'
ph8: '+79123456784' / '79123456784'
again: rc=0 changed=0
undo: rc=0 restored=4 kept=0
every table byte-identical after undo: yes (148 tables)
values as before: yes
undo twice: rc=1 crmguard: phone fix run RUN was undone already
killed: runs left running 1, some values rewritten: yes
re-run: rc=0 continued=true same run=true
non-canonical left: 0; values journalled: 608, each once: true
undo of the killed and continued run: rc=0, every table byte-identical: yes
== suitecrm
dry run: rc=0 changed=5 canonical=1 invalid=2 unchanged tables: yes
  contacts.phone_mobile c-1: 8 (912) 345-67-89 -> +79123456789
  contacts.phone_mobile c-2: 89123456780 -> +79123456780
  contacts.phone_work c-2: тел. 8(495)123-45-68 доб. 12 -> +74951234568 ext. 12
  contacts.phone_mobile c-4: 8 912 345 67 82, 8 912 345 67 83 -> +79123456782, +79123456783
  contacts.phone_work c-4: +7 912 345-67-84  -> +79123456784
  invalid contacts.phone_mobile c-3: 12345
  invalid contacts.phone_work c-3: Иван 8 912 345 67 81
fix: rc=0 fix phones run RUN 8 values read, 5 rewritten, 1 already canonical, 2 invalid (left as they are); undo: crmguard audit --undo RUN
progress on stderr: 2 lines, e.g. fix phones: contacts 2/4 rows, 3 rewritten
c-1: '+79123456789' / '+74951234567'
c-2: '+79123456780' / '+74951234568 ext. 12'
c-3: '12345' / 'Иван 8 912 345 67 81'
c-4: '+79123456782, +79123456783' / '+79123456784'
again: rc=0 changed=0
undo: rc=0 restored=5 kept=0
every table byte-identical after undo: yes (235 tables)
values as before: yes
undo twice: rc=1 crmguard: phone fix run RUN was undone already
killed: runs left running 1, some values rewritten: yes
re-run: rc=0 continued=true same run=true
non-canonical left: 0; values journalled: 305, each once: true
undo of the killed and continued run: rc=0, every table byte-identical: yes