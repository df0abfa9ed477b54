--TEST--
crmguard CRM packages: every PHP file of both packages lints (php -l), every JSON file parses, i18n en_US/ru_RU and en_us/ru_RU cover the same keys
--EXTENSIONS--
crmguard
--FILE--
<?php
require __DIR__ . '/packages.inc';
$tree = crmguard_packages_tree();
$it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($tree, FilesystemIterator::SKIP_DOTS));
$phpFiles = [];
$json = $bad = 0;
foreach ($it as $file) {
    $path = $file->getPathname();
    if (str_ends_with($path, '.php')) {
        $phpFiles[] = $path;
    } elseif (str_ends_with($path, '.json')) {
        $json++;
        try {
            json_decode(file_get_contents($path), flags: JSON_THROW_ON_ERROR);
        } catch (JsonException $e) {
            $bad++;
            echo substr($path, strlen($tree) + 1), ": ", $e->getMessage(), "\n";
        }
    }
}
sort($phpFiles);
// php -l on each file, from one shell (one child of this process, which may run under valgrind).
[, $out] = crmguard_packages_run(['/bin/sh', '-c', 'for f in "$@"; do "$0" -n -l "$f" >/dev/null 2>&1 || { echo "FAILED $f"; "$0" -n -l "$f" 2>&1; }; done',
    PHP_BINARY, ...$phpFiles], false);
foreach (explode("\n", trim($out)) as $line) {
    if (str_starts_with($line, 'FAILED ')) {
        $bad++;
    }
    if ($line !== '') {
        echo str_replace($tree . '/', '', $line), "\n";
    }
}
$php = count($phpFiles);
echo "php files: ", $php > 20 ? 'many' : $php, ", json files: ", $json > 10 ? 'many' : $json, ", bad: $bad\n";

// EspoCRM: en_US and ru_RU give the same keys.
$i18n = "$tree/espocrm/files/custom/Espo/Modules/CrmGuard/Resources/i18n";
$keys = function (array $a, string $p = '') use (&$keys): array {
    $out = [];
    foreach ($a as $k => $v) {
        $out = array_merge($out, is_array($v) ? $keys($v, "$p$k.") : ["$p$k"]);
    }
    return $out;
};
foreach (glob("$i18n/en_US/*.json") as $en) {
    $ru = "$i18n/ru_RU/" . basename($en);
    $diff = array_diff($keys(json_decode(file_get_contents($en), true)), is_file($ru) ? $keys(json_decode(file_get_contents($ru), true)) : []);
    echo 'espocrm ', basename($en), ': ', $diff ? 'ru_RU lacks ' . implode(', ', $diff) : 'en_US = ru_RU', "\n";
}
// Every option of the module's enums has a label in both languages.
$defs = "$tree/espocrm/files/custom/Espo/Modules/CrmGuard/Resources/metadata/entityDefs";
foreach (glob("$defs/*.json") as $f) {
    $scope = basename($f, '.json');
    foreach (json_decode(file_get_contents($f), true)['fields'] ?? [] as $field => $def) {
        foreach ($def['options'] ?? [] as $opt) {
            foreach (['en_US', 'ru_RU'] as $lang) {
                $l = json_decode(file_get_contents("$i18n/$lang/$scope.json"), true);
                if ($opt !== '' && !isset($l['options'][$field][$opt])) {
                    echo "espocrm $lang $scope.$field: no label for '$opt'\n";
                }
            }
        }
    }
}
// SuiteCRM: the same dropdown keys in en_us and ru_RU; the stock keys of sales_stage_dom all kept.
$lists = [];
foreach (['en_us', 'ru_RU'] as $lang) {
    $app_list_strings = [];
    include "$tree/suitecrm/files/language/application/$lang.crmguard.php";
    $lists[$lang] = $app_list_strings;
}
foreach ($lists['en_us'] as $name => $list) {
    echo "suitecrm $name: ", array_keys($list) === array_keys($lists['ru_RU'][$name] ?? []) ? 'en_us = ru_RU' : 'KEYS DIFFER', "\n";
}
$stock = ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis',
    'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost']; // SuiteCRM 7.14.6 include/language/en_us.lang.php
echo "stock stages kept: ", array_diff($stock, array_keys($lists['en_us']['sales_stage_dom'])) ? 'no' : 'yes',
    ", probabilities for every stage: ", array_keys($lists['en_us']['sales_probability_dom']) === array_keys($lists['en_us']['sales_stage_dom']) ? 'yes' : 'no',
    ", Closed Won/Lost: {$lists['en_us']['sales_stage_dom']['Closed Won']}/{$lists['en_us']['sales_stage_dom']['Closed Lost']}, ",
    "{$lists['ru_RU']['sales_stage_dom']['Closed Won']}/{$lists['ru_RU']['sales_stage_dom']['Closed Lost']}\n";
?>
--EXPECT--
php files: many, json files: many, bad: 0
espocrm Account.json: en_US = ru_RU
espocrm Admin.json: en_US = ru_RU
espocrm Call.json: en_US = ru_RU
espocrm Global.json: en_US = ru_RU
espocrm Opportunity.json: en_US = ru_RU
espocrm ScheduledJob.json: en_US = ru_RU
suitecrm sales_stage_dom: en_us = ru_RU
suitecrm sales_probability_dom: en_us = ru_RU
suitecrm crmguard_status_dom: en_us = ru_RU
suitecrm crmguard_failure_reason_dom: en_us = ru_RU
suitecrm crmguard_card_color_dom: en_us = ru_RU
stock stages kept: yes, probabilities for every stage: yes, Closed Won/Lost: Success/Failure, Успех/Неудача
