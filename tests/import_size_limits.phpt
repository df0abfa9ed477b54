--TEST--
crmguard: Importer — size limits: a header of 100 000 columns, a row over 64 × max_field stop the import with the line and the limit, after the rows before it; the same import run again goes on
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/import.inc';

function strip_dir(string $message, string $path): string
{
    return str_replace(dirname($path) . '/', '', $message);
}

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    [$dsn, $db] = import_test_db($crm, 'import_size_limits');
    $contacts = $crm === 'espocrm' ? 'contact' : 'contacts';

    // a header of 100 000 columns
    $csv = import_tmp("wide-$crm.csv");
    $cols = ['Телефон'];
    for ($i = 1; $i < 100000; $i++) {
        $cols[] = "c$i";
    }
    file_put_contents($csv, implode(';', $cols) . "\n8 913 200 00 01" . str_repeat(';', 99999) . "\n");
    try {
        (new CrmGuard\Importer($db, $crm, ['assign' => 'alexey.smirnov']))->run($csv);
        echo "imported?!\n";
    } catch (CrmGuard\CsvException $e) {
        echo strip_dir($e->getMessage(), $csv), "\n";
    }

    // a row over 64 × max_field stops the import: with max_field 1024 at a quoted field of
    // 100 000 bytes over 6 250 lines, with 2048 at the last line, 200 000 bytes without a
    // line end; with 4096 (a limit of 256 KiB) both are rows rejected for their long field
    $csv = import_tmp("limits-$crm.csv");
    $rows = "ФИО;Телефон;Комментарий\n"
        . "Анна Белова;8 913 200 00 02;\n"
        . "Борис Белов;8 913 200 00 03;\n"
        . "Вера Белова;8 913 200 00 04;\n"
        . "Глеб Белов;8 913 200 00 05;\"" . str_repeat("0123456789abcdef\n", 6250) . "\"\n"
        . "Дина Белова;8 913 200 00 06;\n"
        . "Егор Белов;8 913 200 00 07;" . str_repeat('x', 200000);
    file_put_contents($csv, $rows);
    $options = ['assign' => 'alexey.smirnov'];
    foreach ([1024, 2048, 4096] as $run => $max) {
        try {
            $r = (new CrmGuard\Importer($db, $crm, ['max_field' => $max] + $options))->run($csv);
            echo "run ", $run + 1, " (max_field $max): {$r['contacts_created']} created, {$r['already_imported']} already imported, ",
                "{$r['rejected_rows']} rejected\n";
        } catch (CrmGuard\CsvException $e) {
            echo "run ", $run + 1, " (max_field $max): ", strip_dir($e->getMessage(), $csv), "\n";
        }
        import_sql_lines($dsn, "SELECT GROUP_CONCAT(c.first_name ORDER BY r.line SEPARATOR ', ') FROM crmguard_import_row r
            JOIN `$contacts` c ON c.id = r.contact_id");
        $rej = substr($csv, 0, -4) . '.rejects.csv';
        if (is_file($rej)) {
            foreach (array_slice(file($rej, FILE_IGNORE_NEW_LINES), 1) as $line) {
                echo "  rejects: ", strlen($line) > 150 ? substr($line, 0, 40) . '…' . substr($line, -110) : $line, "\n";
            }
            unlink($rej);
        }
    }
    import_sql_lines($dsn, "SELECT state, runs FROM crmguard_import WHERE file_name = 'limits-$crm.csv'");
}
?>
--EXPECT--
== espocrm
wide-espocrm.csv: the header row (line 1) cannot be read: the row has 100000 fields, over the limit of 1000
run 1 (max_field 1024): limits-espocrm.csv: line 5: the row starting here is longer than 65536 bytes, the limit (64 x max_field); nothing from this line on is read. Run the same import again with a larger max_field (--max-field) to go on: the rows already imported are skipped (or delete the row from the file: the rows before it then count as already in the CRM)
Анна, Борис, Вера
run 2 (max_field 2048): limits-espocrm.csv: line 6257: the row starting here is longer than 131072 bytes, the limit (64 x max_field); nothing from this line on is read. Run the same import again with a larger max_field (--max-field) to go on: the rows already imported are skipped (or delete the row from the file: the rows before it then count as already in the CRM)
Анна, Борис, Вера, Дина
  rejects: Глеб Белов;8 913 200 00 05;;5;field 3 is 106250 bytes long, over the limit of 2048 bytes (left out here)
run 3 (max_field 4096): 0 created, 4 already imported, 2 rejected
Анна, Борис, Вера, Дина
  rejects: Глеб Белов;8 913 200 00 05;;5;field 3 is 106250 bytes long, over the limit of 4096 bytes (left out here)
  rejects: Егор Белов;8 913 200 00 07;;6257;field 3 is 200000 bytes long, over the limit of 4096 bytes (left out here)
done | 3
== suitecrm
wide-suitecrm.csv: the header row (line 1) cannot be read: the row has 100000 fields, over the limit of 1000
run 1 (max_field 1024): limits-suitecrm.csv: line 5: the row starting here is longer than 65536 bytes, the limit (64 x max_field); nothing from this line on is read. Run the same import again with a larger max_field (--max-field) to go on: the rows already imported are skipped (or delete the row from the file: the rows before it then count as already in the CRM)
Анна, Борис, Вера
run 2 (max_field 2048): limits-suitecrm.csv: line 6257: the row starting here is longer than 131072 bytes, the limit (64 x max_field); nothing from this line on is read. Run the same import again with a larger max_field (--max-field) to go on: the rows already imported are skipped (or delete the row from the file: the rows before it then count as already in the CRM)
Анна, Борис, Вера, Дина
  rejects: Глеб Белов;8 913 200 00 05;;5;field 3 is 106250 bytes long, over the limit of 2048 bytes (left out here)
run 3 (max_field 4096): 0 created, 4 already imported, 2 rejected
Анна, Борис, Вера, Дина
  rejects: Глеб Белов;8 913 200 00 05;;5;field 3 is 106250 bytes long, over the limit of 4096 bytes (left out here)
  rejects: Егор Белов;8 913 200 00 07;;6257;field 3 is 200000 bytes long, over the limit of 4096 bytes (left out here)
done | 3
