--TEST--
crmguard: php-stubs/crmguard.php, ext/crmguard.stub.php, the arginfo and the loaded extension agree
--EXTENSIONS--
crmguard
--FILE--
<?php
/**
 * Declarations of a stub file: "function ns\\name(signature):type" and
 * "class ns\\name extends parent" (the stub files hold one namespace block,
 * no comments inside signatures).
 *
 * @return list<string>
 */
function declarations(string $file): array
{
    $code = preg_replace('#/\*.*?\*/#s', '', file_get_contents($file));
    preg_match('/^\s*namespace\s+([\w\\\\]+)/m', $code, $m) or die("no namespace in $file\n");
    $ns = $m[1];
    $out = [];
    preg_match_all('/\bfunction\s+(\w+)\s*\(([^)]*)\)\s*:\s*([?\w\\\\]+)/', $code, $fs, PREG_SET_ORDER);
    foreach ($fs as [, $name, $params, $type]) {
        $params = preg_replace(['/\s+/', '/\s*([,=])\s*/'], [' ', '$1'], trim($params));
        $out[] = "function $ns\\$name($params):$type";
    }
    preg_match_all('/\bclass\s+(\w+)(?:\s+extends\s+([\w\\\\]+))?/', $code, $cs, PREG_SET_ORDER);
    foreach ($cs as $c) {
        $parent = $c[2] ?? '';
        if ($parent !== '' && $parent[0] !== '\\') {
            $parent = "$ns\\$parent";
        }
        $out[] = "class $ns\\{$c[1]}" . ($parent !== '' ? ' extends ' . ltrim($parent, '\\') : '');
    }
    sort($out);
    return $out;
}

/** The same list from the loaded extension. */
function loaded(): array
{
    $out = [];
    $ext = new ReflectionExtension('crmguard');
    foreach ($ext->getFunctions() as $f) {
        $params = [];
        foreach ($f->getParameters() as $p) {
            $params[] = $p->getType() . ' $' . $p->getName()
                . ($p->isOptional() ? '=' : '');
        }
        $out[] = 'function ' . $f->getName() . '(' . implode(',', $params) . '):' . $f->getReturnType();
    }
    foreach ($ext->getClasses() as $c) {
        $out[] = 'class ' . $c->getName() . ' extends ' . $c->getParentClass()->getName();
    }
    sort($out);
    return $out;
}

$root = dirname(__DIR__);
$stub = declarations("$root/ext/crmguard.stub.php");
$ide = declarations("$root/php-stubs/crmguard.php");
echo implode("\n", $stub), "\n";
var_dump($stub === $ide);
if ($stub !== $ide) {
    var_dump(array_diff($stub, $ide), array_diff($ide, $stub));
}

// The loaded extension (defaults compared by presence; reflection.phpt checks their values).
$strip = fn (array $l) => array_map(fn ($s) => strtolower(preg_replace('/=[^,)]*/', '=', $s)), $l);
var_dump($strip($stub) === $strip(loaded()));

// The committed arginfo was generated from this stub (tools/gen-arginfo).
$hash = sha1(str_replace("\r\n", "\n", file_get_contents("$root/ext/crmguard.stub.php")));
var_dump(str_contains(file_get_contents("$root/ext/crmguard_arginfo.h"), " * Stub hash: $hash */"));
?>
--EXPECT--
class CrmGuard\CsvException extends CrmGuard\Exception
class CrmGuard\DbException extends CrmGuard\Exception
class CrmGuard\Exception extends RuntimeException
function CrmGuard\extract_phones(string $text,string $region='RU'):array
function CrmGuard\normalize_phone(string $raw,string $region='RU'):?string
function CrmGuard\normalize_phones(array $raw,string $region='RU'):array
function CrmGuard\parse_phone(string $raw,string $region='RU'):array
bool(true)
bool(true)
bool(true)
