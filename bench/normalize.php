<?php
// Phone normalization speed from PHP, with the built extension:
//
//   php -d extension=modules/crmguard.so bench/normalize.php INPUT_FILE [--lib-rate N | --results FILE]
//
// Times over the same inputs, one thread:
//   CrmGuard\normalize_phones()  all inputs as one array
//   CrmGuard\normalize_phone()   one call per input, in a PHP loop
//   baseline_normalize_ru()      plain PHP regex fast path for Russian numbers, per call
// and prints numbers/s and the ratios normalize_phones vs libphonenumber C++
// (the rate measured by bench/phone_bench in the same run: --lib-rate, or
// lib_per_s from its --results file) and normalize_phone vs the baseline.
// --json FILE writes the figures for bench/run.
declare(strict_types=1);

/**
 * Plain-PHP baseline: what a PHP project writes for Russian numbers.
 * One preg_replace drops an extension (everything from the first Latin or
 * Cyrillic letter or '#', e.g. " доб. 12", " ext. 4", " x45") and every
 * non-digit; then 8/7/+7 + 10 digits, or 10 digits starting with 9, 3, 4 or 8,
 * give +7XXXXXXXXXX.  (Tuned: faster than strcspn + substr + a second regex.)
 */
function baseline_normalize_ru(string $raw): ?string
{
    $d = preg_replace('/[^\d#a-zA-Z\xD0\xD1]*[#a-zA-Z\xD0\xD1].*|\D+/s', '', $raw);
    $n = strlen($d);
    if ($n === 11) {
        $c = $d[0];
        $c2 = $d[1];
        if (($c === '8' || $c === '7') && ($c2 === '9' || $c2 === '3' || $c2 === '4' || $c2 === '8')) {
            return '+7' . substr($d, 1);
        }
        return null;
    }
    if ($n === 10) {
        $c = $d[0];
        if ($c === '9' || $c === '3' || $c === '4' || $c === '8') {
            return '+7' . $d;
        }
    }
    return null;
}

function usage(): never
{
    fwrite(STDERR, "usage: php -d extension=modules/crmguard.so bench/normalize.php INPUT_FILE [--lib-rate N | --results FILE] [--repeat N] [--json FILE]\n");
    exit(2);
}

$path = null;
$libRate = null;
$repeat = 3;
$jsonOut = null;
for ($i = 1; $i < $argc; $i++) {
    $a = $argv[$i];
    if ($a === '--lib-rate' && $i + 1 < $argc) {
        $libRate = (float)$argv[++$i];
    } elseif ($a === '--results' && $i + 1 < $argc) {
        $r = @parse_ini_file($argv[++$i]);
        if ($r === false || !isset($r['lib_per_s'])) {
            fwrite(STDERR, "cannot read lib_per_s from {$argv[$i]}\n");
            exit(2);
        }
        $libRate = (float)$r['lib_per_s'];
    } elseif ($a === '--repeat' && $i + 1 < $argc) {
        $repeat = max(1, (int)$argv[++$i]);
    } elseif ($a === '--json' && $i + 1 < $argc) {
        $jsonOut = $argv[++$i];
    } elseif ($path === null && $a !== '' && $a[0] !== '-') {
        $path = $a;
    } else {
        usage();
    }
}
if ($path === null) {
    usage();
}
if (!extension_loaded('crmguard') || !function_exists('CrmGuard\normalize_phones')) {
    fwrite(STDERR, "the crmguard extension is not loaded (php -d extension=modules/crmguard.so ...)\n");
    exit(2);
}
ini_set('memory_limit', '-1');

$inputs = file($path, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES);
if ($inputs === false || !$inputs) {
    fwrite(STDERR, "no inputs in $path\n");
    exit(2);
}
$n = count($inputs);

/** Best wall time of $repeat runs of $fn. */
function best(int $repeat, callable $fn): float
{
    $best = INF;
    for ($r = 0; $r < $repeat; $r++) {
        gc_collect_cycles();
        $t = hrtime(true);
        $fn();
        $t = (hrtime(true) - $t) / 1e9;
        $best = min($best, $t);
    }
    return $best;
}

$batchOut = null;
$tBatch = best($repeat, function () use ($inputs, &$batchOut) {
    $batchOut = null;
    $batchOut = CrmGuard\normalize_phones($inputs);
});

$perCallOut = [];
$tCall = best($repeat, function () use ($inputs, &$perCallOut) {
    $out = [];
    foreach ($inputs as $k => $s) {
        $out[$k] = CrmGuard\normalize_phone($s);
    }
    $perCallOut = $out;
});

$baseOut = [];
$tBase = best($repeat, function () use ($inputs, &$baseOut) {
    $out = [];
    foreach ($inputs as $k => $s) {
        $out[$k] = baseline_normalize_ru($s);
    }
    $baseOut = $out;
});

// Sanity: batch and per-call agree exactly; the baseline mostly.
$same = 0;
$baseSame = 0;
foreach ($inputs as $k => $_) {
    if ($batchOut[$k] === $perCallOut[$k]) $same++;
    if ($baseOut[$k] === $perCallOut[$k]) $baseSame++;
}

$rBatch = $n / $tBatch;
$rCall = $n / $tCall;
$rBase = $n / $tBase;
printf("inputs: %d, PHP %s, best of %d runs\n", $n, PHP_VERSION, $repeat);
printf("CrmGuard\\normalize_phones() (one array): %12.0f numbers/s  (%.3f s)\n", $rBatch, $tBatch);
printf("CrmGuard\\normalize_phone() per call:     %12.0f numbers/s  (%.3f s)\n", $rCall, $tCall);
printf("baseline_normalize_ru() per call:        %12.0f numbers/s  (%.3f s)\n", $rBase, $tBase);
if ($libRate) {
    printf("normalize_phones vs libphonenumber C++ (%.0f/s): %8.1f x\n", $libRate, $rBatch / $libRate);
}
printf("normalize_phone vs PHP baseline:         %12.2f x\n", $rCall / $rBase);
printf("normalize_phones == normalize_phone:     %12.3f %%\n", 100.0 * $same / $n);
printf("baseline == normalize_phone:             %12.3f %%\n", 100.0 * $baseSame / $n);
if ($same !== $n) {
    fwrite(STDERR, "normalize_phones() and normalize_phone() disagree on " . ($n - $same) . " inputs\n");
}
if ($jsonOut !== null) {
    file_put_contents($jsonOut, json_encode([
        'inputs' => $n,
        'php' => PHP_VERSION,
        'normalize_phones_per_s' => round($rBatch),
        'normalize_phone_per_s' => round($rCall),
        'baseline_per_s' => round($rBase),
        'lib_per_s' => $libRate,
        'batch_vs_lib' => $libRate ? $rBatch / $libRate : null,
        'call_vs_baseline' => $rCall / $rBase,
        'batch_eq_call_pct' => 100.0 * $same / $n,
        'baseline_eq_call_pct' => 100.0 * $baseSame / $n,
    ], JSON_PRETTY_PRINT) . "\n");
}
exit($same === $n ? 0 : 1);
