--TEST--
crmguard: php-stubs/*.php, ext/*.stub.php, the arginfo and the loaded extension declare the same API
--EXTENSIONS--
crmguard
--FILE--
<?php
/*
 * The API as reflection sees it: functions, classes with their parent, and
 * public methods with parameter types, names, optionality and return types.
 * The stub files are valid PHP, so each set is loaded into its own `php -n`
 * (without the extension, whose names they would clash with) and reflected
 * there; the extension is reflected here.
 */
const REFLECT = <<<'PHP'
function cg_sig(ReflectionFunctionAbstract $f): string {
    $p = [];
    foreach ($f->getParameters() as $a) {
        $p[] = ($a->getType() ?? 'mixed') . ' $' . $a->getName() . ($a->isOptional() ? '=' : '');
    }
    return strtolower($f->getName() . '(' . implode(',', $p) . '):' . ($f->getReturnType() ?? ($f->getName() === '__construct' ? '' : 'mixed')));
}
function cg_api(array $functions, array $classes): array {
    $out = [];
    foreach ($functions as $f) { $out[] = 'function ' . cg_sig(new ReflectionFunction($f)); }
    foreach ($classes as $c) {
        $rc = new ReflectionClass($c);
        $out[] = strtolower('class ' . $rc->getName() . ' extends ' . ($rc->getParentClass() ? $rc->getParentClass()->getName() : '-'));
        foreach ($rc->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
            if ($m->getDeclaringClass()->getName() === $rc->getName()) {
                $out[] = strtolower('method ' . $rc->getName() . '::') . cg_sig($m);
            }
        }
    }
    sort($out);
    return $out;
}
PHP;

function api_of_files(array $files): array
{
    $code = REFLECT . '
        $before = get_defined_functions()["user"]; $beforeC = get_declared_classes();
        foreach (' . var_export($files, true) . ' as $f) { require $f; }
        $fs = array_diff(get_defined_functions()["user"], $before);
        $cs = array_filter(array_diff(get_declared_classes(), $beforeC), fn ($c) => stripos($c, "crmguard\\\\") === 0);
        echo json_encode(cg_api($fs, $cs));';
    $out = shell_exec(escapeshellarg(PHP_BINARY) . ' -n -r ' . escapeshellarg($code));
    return json_decode((string) $out, true) ?? ["could not load: $out"];
}

eval(REFLECT);
$root = dirname(__DIR__);
$ext = new ReflectionExtension('crmguard');
$loaded = cg_api(array_map(fn ($f) => $f->getName(), $ext->getFunctions()), $ext->getClassNames());
$stub = api_of_files(glob("$root/ext/*.stub.php"));
$ide = api_of_files(glob("$root/php-stubs/*.php"));

echo count($loaded) >= 7 ? "the extension declares its API\n" : "too little API: " . count($loaded) . "\n";
foreach (['ext/*.stub.php' => $stub, 'php-stubs/*.php' => $ide] as $name => $api) {
    if ($api === $loaded) {
        echo "$name agrees with the loaded extension\n";
    } else {
        echo "$name differs from the loaded extension:\n  only in $name: ", json_encode(array_values(array_diff($api, $loaded))),
            "\n  only in the extension: ", json_encode(array_values(array_diff($loaded, $api))), "\n";
    }
}
// Each committed arginfo was generated from its stub (tools/gen-arginfo).
foreach (glob("$root/ext/*.stub.php") as $s) {
    $hash = sha1(str_replace("\r\n", "\n", file_get_contents($s)));
    $arginfo = substr($s, 0, -strlen('.stub.php')) . '_arginfo.h';
    if (!is_file($arginfo) || !str_contains(file_get_contents($arginfo), " * Stub hash: $hash */")) {
        echo basename($arginfo), " is stale: run tools/gen-arginfo\n";
    }
}
?>
--EXPECT--
the extension declares its API
ext/*.stub.php agrees with the loaded extension
php-stubs/*.php agrees with the loaded extension
