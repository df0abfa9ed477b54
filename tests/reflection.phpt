--TEST--
crmguard: arginfo as Reflection sees it (names, types, defaults)
--EXTENSIONS--
crmguard
--FILE--
<?php
foreach (['normalize_phone', 'normalize_phones', 'parse_phone', 'extract_phones', 'csv_cell', 'message_language'] as $name) {
    $f = new ReflectionFunction("CrmGuard\\$name");
    $params = [];
    foreach ($f->getParameters() as $p) {
        $params[] = $p->getType() . ' $' . $p->getName()
            . ($p->isDefaultValueAvailable() ? ' = ' . var_export($p->getDefaultValue(), true) : '');
    }
    printf("%s(%s): %s [required %d, namespace %s, extension %s]\n", $f->getName(), implode(', ', $params),
        $f->getReturnType(), $f->getNumberOfRequiredParameters(), $f->getNamespaceName(), $f->getExtensionName());
}
// Named arguments work with the stub's names.
var_dump(CrmGuard\normalize_phone(region: 'RU', raw: '89123456789'));
var_dump(CrmGuard\extract_phones(text: '89123456789'));
?>
--EXPECT--
CrmGuard\normalize_phone(string $raw, string $region = 'RU'): ?string [required 1, namespace CrmGuard, extension crmguard]
CrmGuard\normalize_phones(array $raw, string $region = 'RU'): array [required 1, namespace CrmGuard, extension crmguard]
CrmGuard\parse_phone(string $raw, string $region = 'RU'): array [required 1, namespace CrmGuard, extension crmguard]
CrmGuard\extract_phones(string $text, string $region = 'RU'): array [required 1, namespace CrmGuard, extension crmguard]
CrmGuard\csv_cell(string $cell): string [required 1, namespace CrmGuard, extension crmguard]
CrmGuard\message_language(string $tag): string [required 1, namespace CrmGuard, extension crmguard]
string(12) "+79123456789"
array(1) {
  [0]=>
  string(12) "+79123456789"
}
