<?php
/* crmguard's dropdowns (Russian); see en_us.crmguard.php for why the stock lists are given in full. */
$app_list_strings['sales_stage_dom'] = [
    'New' => 'Новая',
    'Calling' => 'Обзвон',
    'Prospecting' => 'Разведка',
    'Qualification' => 'Квалификация',
    'Needs Analysis' => 'Анализ потребностей',
    'Value Proposition' => 'Ценностное предложение',
    'Id. Decision Makers' => 'Поиск ЛПР',
    'Perception Analysis' => 'Анализ восприятия',
    'Proposal/Price Quote' => 'Предложение/Цена',
    'Negotiation/Review' => 'Переговоры',
    'Closed Won' => 'Успех',
    'Closed Lost' => 'Неудача',
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
    'waiting' => 'В ожидании',
    'in_work' => 'В работе',
];
$app_list_strings['crmguard_failure_reason_dom'] = [
    '' => '',
    'no_interest' => 'Нет интереса',
    'poor_quality_contact' => 'Некачественный контакт',
    'no_decision_maker' => 'Нет выхода на ЛПР',
    'competitor' => 'Работает с конкурентом',
    'other' => 'Другое',
];
$app_list_strings['crmguard_card_color_dom'] = [
    '' => '',
    'red' => '🔴 Красный: компания в работе у другого менеджера',
    'yellow' => '🟡 Жёлтый: известный контакт',
    'blue' => '🔵 Синий: только лид',
    'none' => '⚪ Неизвестный номер',
];
