--TEST--
crmguard: every CSV crmguard writes (rejects, report, qc-sample, audit), opened by LibreOffice Calc with formula evaluation on, has no formula cell; the hostile text is there as text
--EXTENSIONS--
crmguard
mysqli
--SKIPIF--
<?php
// scripts/test installs Debian's libreoffice-calc-nogui (scripts/lib.sh) unless the
// "spreadsheet" suite is skipped (CRMGUARD_SKIP).
if (str_contains(' ' . getenv('CRMGUARD_SKIP') . ' ', ' spreadsheet ')) {
    die('skip CRMGUARD_SKIP names spreadsheet');
}
// run-tests -m runs valgrind with --trace-children=yes: LibreOffice would run under it too
// (minutes).  scripts/test runs this file again without valgrind (it names USE_ZEND_ALLOC).
if (getenv('USE_ZEND_ALLOC') === '0') {
    die('skip starts LibreOffice, which valgrind would trace (the plain run covers it)');
}
exec('command -v soffice', $o, $rc);
if ($rc !== 0) {
    die('skip no soffice (Debian: apt-get install --no-install-recommends libreoffice-calc-nogui)');
}
?>
--FILE--
<?php
require __DIR__ . '/csv_outputs.inc';
$dir = sys_get_temp_dir() . '/crmguard-sheets-' . getmypid();
mkdir($dir);
register_shutdown_function(static fn() => exec('rm -rf ' . escapeshellarg($dir)));
$files = crmguard_csv_outputs($dir, 'csv_spreadsheet', $dsn);

// The control: the same hostile cells unguarded, as a CSV anyone else might write.  Calc must
// find formulas in it, or this test would prove nothing.
$f = fopen($files['control'] = "$dir/control.csv", 'w');
fputcsv($f, ['name', 'company'], ',', '"', '');
foreach (CRMGUARD_HOSTILE_CELLS as $v) {
    fputcsv($f, [$v, $v], ',', '"', '');
}
fclose($f);

/*
 * Calc converts each file to ODS with the CSV filter's options given (soffice --infilter,
 * "CSV Filter Options"): field separator, '"', UTF-8, from line 1, standard column types,
 * language default, quoted field as text off, detect special numbers on, (3 export-only
 * tokens), sheet -1, evaluate formulas ON: a cell starting with = becomes a formula.
 */
function calc(array $paths, int $sep, string $out): array
{
    $profile = 'file://' . dirname($out) . '/lo-profile';
    $cmd = ['soffice', "-env:UserInstallation=$profile", '--headless',
            "--infilter=CSV:$sep,34,76,1,,0,false,true,false,false,false,-1,true",
            '--convert-to', 'ods', '--outdir', $out, ...$paths];
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['HOME' => dirname($out)] + getenv());
    stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    proc_close($p);
    $cells = [];
    foreach ($paths as $path) {
        $ods = "$out/" . basename($path, '.csv') . '.ods';
        if (!is_file($ods)) {
            throw new RuntimeException("soffice made no $ods: $err");
        }
        $xml = shell_exec('unzip -p ' . escapeshellarg($ods) . ' content.xml');
        $cells[basename($path)] = $xml;
    }
    return $cells;
}
$out = "$dir/ods";
mkdir($out);
$sheets = calc([$files['control'], $files['report'], $files['qc-sample'], $files['audit']], 44, $out)
        + calc([$files['rejects']], 59, $out);
foreach ($sheets as $name => $xml) {
    // no DOM extension under run-tests -n: the cells of content.xml by pattern
    preg_match_all('~<table:table-cell\b([^>]*?)(?:/>|>(.*?)</table:table-cell>)~s', $xml, $m);
    $formulas = 0;
    $texts = [];
    foreach ($m[1] as $k => $attrs) {
        $formulas += str_contains($attrs, 'table:formula=');
        $t = preg_replace_callback('~<text:s text:c="(\d+)"/>~', static fn($n) => str_repeat(' ', (int) $n[1]), $m[2][$k]);
        $t = str_replace(['<text:s/>', '<text:tab/>', '<text:line-break/>'], [' ', "\t", "\n"], $t);
        $texts[] = html_entity_decode(strip_tags($t), ENT_QUOTES | ENT_XML1, 'UTF-8');
    }
    // each hostile cell is shown as text, behind crmguard's quote (a name in a longer cell counts)
    $shown = [];
    foreach (CRMGUARD_HOSTILE_CELLS as $key => $v) {
        $v = ltrim($v, "\r"); // the importer and the report lose a leading CR; "=1+2" is still guarded
        foreach ([$v, strtolower(str_replace('Жми', 'жми', $v))] as $form) {
            if (in_array("'$form", $texts, true) || array_filter($texts, static fn($t) => str_starts_with($t, "'$form "))) {
                $shown[$key] = $key;
            }
        }
    }
    printf("%-14s formula cells: %d; guarded text: %s\n", $name, $formulas, $name === 'control.csv' ? '-' : implode(' ', $shown));
}
// (the audit lists the tab and CR names of no letters as nothing: no lowercase name to flag)

echo "== the admin opens the rejects file in Calc, gives each row a number of its own, saves it as CSV, imports it\n";
$saved = "$dir/saved";
mkdir($saved);
// Calc's own CSV export (filter "Text - txt - csv (StarCalc)": ';', '"', UTF-8), from the sheet it read.
$cmd = ['soffice', "-env:UserInstallation=file://$dir/lo-profile", '--headless',
        '--infilter=CSV:59,34,76,1,,0,false,true,false,false,false,-1,true',
        '--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir', $saved, $files['rejects']];
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['HOME' => $dir] + getenv());
stream_get_contents($pipes[1]);
stream_get_contents($pipes[2]);
proc_close($p);
$back = glob("$saved/*.csv");
$text = file_get_contents($back[0]);
$n = 10;
$text = preg_replace_callback("/'\\+7 912 800-00-01/", static function () use (&$n) { return "'+7 912 800-00-" . $n++; }, $text);
file_put_contents($back[0], $text);
$db = new CrmGuard\Connection($dsn);
$r = (new CrmGuard\Importer($db, 'espocrm', ['assign' => 'dmitry.kuznetsov']))->run($back[0]);
echo "created $r[contacts_created], rejected $r[rejected_rows]\n";
$got = crmguard_test_sql($dsn, "SELECT c.description, a.name FROM contact c LEFT JOIN account a ON a.id = c.account_id
    WHERE c.description IS NOT NULL AND c.created_at > '2026-01-31' ORDER BY c.created_at, c.id");
foreach (CRMGUARD_HOSTILE_CELLS as $key => $v) {
    $want = trim($v); // the importer trims cells
    $row = array_values(array_filter($got, static fn($g) => $g['description'] === $want));
    printf("%-10s comment %s, company %s\n", $key, $row ? 'as typed' : 'LOST', $row && $row[0]['name'] === $want ? 'as typed' : 'not as typed');
}
?>
--EXPECT--
control.csv    formula cells: 2; guarded text: -
report.csv     formula cells: 0; guarded text: formula excel_call plus minus tab cr
qc-sample.csv  formula cells: 0; guarded text: formula excel_call plus minus tab cr
audit.csv      formula cells: 0; guarded text: formula excel_call plus minus
rejects.csv    formula cells: 0; guarded text: formula excel_call plus minus tab cr
== the admin opens the rejects file in Calc, gives each row a number of its own, saves it as CSV, imports it
created 6, rejected 0
formula    comment as typed, company as typed
excel_call comment as typed, company as typed
plus       comment as typed, company as typed
minus      comment as typed, company as typed
tab        comment as typed, company as typed
cr         comment as typed, company as typed
