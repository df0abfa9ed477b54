--TEST--
crmguard: the built-in stages, statuses and failure reasons read the same in the rules' messages (Rules::label) and both CRM packages' dropdowns (the report prints Rules::label itself), in English and Russian
--EXTENSIONS--
crmguard
--FILE--
<?php
use CrmGuard\Rules;

$root = dirname(__DIR__);
$espo = "$root/crm/espocrm/files/custom/Espo/Modules/CrmGuard/Resources/i18n";
$built_in = [
    'stage' => ['New', 'Calling', 'Closed Won', 'Closed Lost'],
    'status' => ['waiting', 'in_work'],
    'reason' => ['no_interest', 'poor_quality_contact', 'no_decision_maker', 'competitor', 'other'],
];

/* each place a list is shown: [where, lang] => [kind => [key => label]] */
$places = [];
foreach (['en' => 'en_US', 'ru' => 'ru_RU'] as $lang => $dir) {
    $opp = json_decode(file_get_contents("$espo/$dir/Opportunity.json"), true, flags: JSON_THROW_ON_ERROR);
    $acc = json_decode(file_get_contents("$espo/$dir/Account.json"), true, flags: JSON_THROW_ON_ERROR);
    $places["EspoCRM $dir"] = [$lang, [
        'stage' => $opp['options']['stage'],
        'status' => $acc['options']['cCrmguardStatus'],
        'reason' => $opp['options']['cCrmguardFailureReason'],
    ]];
}
foreach (['en' => 'en_us', 'ru' => 'ru_RU'] as $lang => $file) {
    $app_list_strings = [];
    require "$root/crm/suitecrm/files/language/application/$file.crmguard.php";
    $places["SuiteCRM $file"] = [$lang, [
        'stage' => $app_list_strings['sales_stage_dom'],
        'status' => $app_list_strings['crmguard_status_dom'],
        'reason' => $app_list_strings['crmguard_failure_reason_dom'],
    ]];
}
$checked = $differ = 0;
foreach ($places as $where => [$lang, $lists]) {
    foreach ($lists as $kind => $labels) {
        foreach ($built_in[$kind] as $key) {
            $want = Rules::label($key, $lang);
            $have = $labels[$key] ?? null;
            $checked++;
            if ($want === null || $have !== $want) {
                $differ++;
                echo "$where, $kind '$key': ", var_export($have, true), ', the rules say ', var_export($want, true), "\n";
            }
        }
    }
}
echo "$checked labels checked, $differ differ\n";
echo Rules::label('Closed Lost', 'ru'), ' / ', Rules::label('Closed Lost'), ' / ', var_export(Rules::label('Prospecting'), true), "\n";
?>
--EXPECT--
44 labels checked, 0 differ
Неудача / Failure / NULL
