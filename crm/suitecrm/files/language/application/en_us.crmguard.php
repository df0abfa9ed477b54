<?php
/*
 * crmguard's dropdowns (English).  SuiteCRM replaces a whole list defined in an extension language
 * file (include/utils.php _mergeCustomAppListStrings), so sales_stage_dom and
 * sales_probability_dom are given in full: the stock keys kept, New and Calling added in front,
 * Closed Won / Closed Lost relabelled Success / Failure (the keys stay: SuiteCRM treats them as won/lost).
 */
$app_list_strings['sales_stage_dom'] = [
    'New' => 'New',
    'Calling' => 'Calling',
    'Prospecting' => 'Prospecting',
    'Qualification' => 'Qualification',
    'Needs Analysis' => 'Needs Analysis',
    'Value Proposition' => 'Value Proposition',
    'Id. Decision Makers' => 'Identifying Decision Makers',
    'Perception Analysis' => 'Perception Analysis',
    'Proposal/Price Quote' => 'Proposal/Price Quote',
    'Negotiation/Review' => 'Negotiation/Review',
    'Closed Won' => 'Success',
    'Closed Lost' => 'Failure',
];
$app_list_strings['sales_probability_dom'] = [
    'New' => '10',
    'Calling' => '20',
    'Prospecting' => '10',
    'Qualification' => '20',
    'Needs Analysis' => '25',
    'Value Proposition' => '30',
    'Id. Decision Makers' => '40',
    'Perception Analysis' => '50',
    'Proposal/Price Quote' => '65',
    'Negotiation/Review' => '80',
    'Closed Won' => '100',
    'Closed Lost' => '0',
];
$app_list_strings['crmguard_status_dom'] = [
    'waiting' => 'Waiting',
    'in_work' => 'In work',
];
$app_list_strings['crmguard_failure_reason_dom'] = [
    '' => '',
    'no_interest' => 'No interest',
    'poor_quality_contact' => 'Poor-quality contact',
    'no_decision_maker' => 'No decision maker reached',
    'competitor' => 'Works with a competitor',
    'other' => 'Other',
];
// The coloured circle is the colour: it shows wherever SuiteCRM prints the option (list, detail,
// popups, exports) with no template or JavaScript change.
$app_list_strings['crmguard_card_color_dom'] = [
    '' => '',
    'red' => '🔴 Red: company in work with another manager',
    'yellow' => '🟡 Yellow: known contact',
    'blue' => '🔵 Blue: lead only',
    'none' => '⚪ Unknown number',
];
