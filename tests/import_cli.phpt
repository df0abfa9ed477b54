--TEST--
crmguard: `crmguard import` — --json keeps stdout to one object (progress with rows/s and ETA, errors on stderr), --dry-run, --map, --rejects, --encoding and --delimiter, usage errors
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
require __DIR__ . '/cli.inc';
[$dsn, $db] = import_test_db('espocrm', 'import_cli');
$csv = import_tmp('list.csv');
file_put_contents($csv, "Клиент,Номер,Фирма\nИван Первый,8 912 600 00 01,ООО Ромашка\nИван Второй,8 912 600 00 01,\nПётр,нет,\n");
$rejects = import_tmp('out.rejects.csv');
$base = ['import', $csv, '--crm', 'espocrm', '--db', $dsn, '--assign', 'dmitry.kuznetsov'];

echo "== --dry-run --json with --map\n";
[$rc, $out, $err] = crmguard_cli([...$base, '--dry-run', '--json', '--map', 'Клиент=name,Номер=phone,3=company', '--rejects', $rejects]);
echo "exit $rc\n";
$r = json_decode($out, true, flags: JSON_THROW_ON_ERROR);
echo substr_count($out, "\n"), " line on stdout\n";
import_show($r);
echo preg_match('~^import: 3 rows, 1 created, \d+ rows/s, +\d+%, ETA \d+m\d\ds$~m', $err) ? "progress on stderr (rows, rows/s, share, ETA)\n" : "stderr: $err\n";
import_sql_lines($dsn, "SELECT COUNT(*) FROM contact WHERE created_at > '2026-01-31'");
import_rejects($rejects);

echo "== for real, plain text\n";
[$rc, $out, $err] = crmguard_cli([...$base, '--map', 'Клиент=name,Номер=phone,3=company', '--quiet', '--rejects', $rejects]);
echo "exit $rc\n", str_replace($rejects, 'REJECTS', preg_replace('/in [0-9.]+s|\([0-9 ]+ contacts\/s\)/', '…', $out));
echo $err === '' ? "stderr empty (--quiet)\n" : "stderr: $err\n";
import_sql_lines($dsn, "SELECT c.first_name, c.last_name, a.name FROM contact c JOIN account a ON a.id = c.account_id
    WHERE c.created_at > '2026-01-31'");

echo "== --encoding and --delimiter given: a Windows-1251 list with ';', commas inside names\n";
$cp = import_tmp('cp1251.csv');
file_put_contents($cp, utf8_to_cp1251("ФИО;Телефон\nИванов, Пётр;8 912 600 00 05\nЁлкина, Ольга;8 912 600 00 06\n"));
[$rc, $out, $err] = crmguard_cli(['import', $cp, '--crm', 'espocrm', '--db', $dsn, '--assign', 'dmitry.kuznetsov',
    '--encoding', 'cp1251', '--delimiter', ';', '--json', '--quiet']);
$r = json_decode($out, true, flags: JSON_THROW_ON_ERROR);
echo "exit $rc: $r[encoding], '$r[delimiter]', created $r[contacts_created]\n";
import_sql_lines($dsn, "SELECT c.first_name, c.last_name FROM contact c JOIN crmguard_phone p ON p.entity_id = c.id
    WHERE p.e164 IN (79126000005, 79126000006) ORDER BY p.e164");

echo "== errors\n";
foreach ([
    [...array_slice($base, 0, 6)],                                   // no --assign
    [...$base, '--map', 'Нет=phone'],                                // no such column
    [...$base, '--encoding', 'koi8'],                                // bad option value
    ['import', '--crm', 'espocrm', '--db', $dsn, '--assign', 'x'],   // no file
    [...array_slice($base, 0, 6), '--assign', 'nobody'],             // unknown user
] as $args) {
    [$rc, $out, $err] = crmguard_cli($args);
    echo "exit $rc, stdout ", strlen($out), " bytes: ", trim(str_replace([$csv, dirname($csv)], ['FILE', 'DIR'], $err)), "\n";
}
?>
--EXPECT--
== --dry-run --json with --map
exit 0
1 line on stdout
{"rows_read":3,"contacts_created":1,"deals_created":1,"tasks_created":1,"companies_created":0,"companies_reused":1,"duplicates_in_file":1,"duplicates_in_crm":0,"invalid_phone":1,"malformed_rows":0,"manager_errors":0,"already_imported":0,"rejected_rows":2,"dry_run":true,"encoding":"utf-8","delimiter":",","batches":1,"write_method":"none","connections":1,"bytes":151}
progress on stderr (rows, rows/s, share, ETA)
0
rejects: UTF-8 with BOM
Клиент,Номер,Фирма,crmguard_line,crmguard_reason
Иван Второй,8 912 600 00 01,,3,duplicate in the file: +79126000001 is already on line 2
Пётр,нет,,4,no phone number
== for real, plain text
exit 0
imported into espocrm: 3 rows read …
  created:   1 contacts, 1 deals (stage New), 1 call tasks; companies: 0 new, 1 existing …
  rejected:  2 rows: 1 duplicates in the file, 0 already in the CRM, 1 without a valid phone, 0 malformed, 0 unknown managers
  rejects:   REJECTS
stderr empty (--quiet)
Иван | Первый | ООО Ромашка
== --encoding and --delimiter given: a Windows-1251 list with ';', commas inside names
exit 0: windows-1251, ';', created 2
Пётр | Иванов
Ольга | Ёлкина
== errors
exit 2, stdout 0 bytes: crmguard: who gets the contacts? give --assign U1,U2 or --assign-column COLUMN
Run 'crmguard import --help' for its options.
exit 1, stdout 0 bytes: crmguard: FILE: --map "Нет=phone": the header has no column "Нет"
exit 2, stdout 0 bytes: crmguard: option "encoding" must be "auto", "utf-8" or "cp1251"
Run 'crmguard import --help' for its options.
exit 2, stdout 0 bytes: crmguard: which file? crmguard import FILE --assign U1,U2
Run 'crmguard import --help' for its options.
exit 1, stdout 0 bytes: crmguard: --assign: no user "nobody" in the espocrm database (give a user name or id)
