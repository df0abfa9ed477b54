--TEST--
PhoneIndex::lookup() on both CRMs: every colour path (company phone, contacts with one or several companies, leads, converted and deleted records, the caller's own company, companies not in work, messy formats, one number in many records)
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/lookup.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    $dsn = crmguard_test_db($crm, ['schema.sql', 'crmguard-fields.sql']);
    $db = new CrmGuard\Connection($dsn);
    CrmGuard\Schema::apply($db, $crm);
    $f = new LookupFixture($crm, $dsn);
    $f->user('u-me', 'Иван', 'Звонарёв');        // the caller
    $f->user('u-olga', 'Ольга', 'Петрова');      // another manager

    // 1. A company's own phone; the company is in work with Olga.
    $f->account('a-red', 'Ромашка', 'u-olga', 'in_work', ['+7 912 000-00-01']);
    // 2. A contact linked to one company in work with Olga.
    $f->account('a-red2', 'Василёк', 'u-olga', 'in_work');
    $f->contact('c-one', 'Пётр', 'Один', 'u-me', ['8 912 000 00 02'], ['a-red2']);
    // 3. A contact linked to several companies: one waiting, one in work with Olga.
    $f->account('a-wait', 'Лютик', 'u-olga', 'waiting');
    $f->account('a-red3', 'Одуванчик', 'u-olga', 'in_work');
    $f->contact('c-many', 'Анна', 'Многова', 'u-olga', ['89120000003'], ['a-wait', 'a-red3']);
    // 4. A contact of two companies that are not in work, one without a status at all.
    $f->account('a-nost', 'Без статуса', 'u-olga', null);
    $f->contact('c-calm', 'Семён', 'Тихий', 'u-olga', ['+79120000004'], ['a-nost', 'a-wait']);
    // 5. A contact without a company.
    $f->contact('c-alone', 'Олег', 'Один', 'u-olga', ['+7 (912) 000-00-05']);
    // 6. Only a lead.
    $f->lead('l-only', 'Лида', 'Лидова', 'u-olga', ['8-912-000-00-06']);
    // 7. A converted lead only; a converted lead beside a live one.
    $f->lead('l-conv', 'Конв', 'Ертов', 'u-olga', ['+79120000007'], converted: true);
    $f->lead('l-conv2', 'Конв', 'Второй', 'u-olga', ['+79120000008'], converted: true);
    $f->lead('l-live', 'Живой', 'Лид', 'u-me', ['+79120000008']);
    // 8. Deleted records: a deleted contact of a red company; a deleted red company;
    //    a deleted link between a live contact and a red company.
    $f->contact('c-del', 'Удалён', 'Контакт', 'u-olga', ['+79120000009'], ['a-red'], deleted: 1);
    $f->account('a-del', 'Удалённая', 'u-olga', 'in_work', ['+79120000010'], deleted: 1);
    $f->contact('c-unlinked', 'Ушедший', 'Контакт', 'u-olga', ['+79120000011'], ['a-red' => 1]);
    // 9. The caller's own company in work, and a contact of it.
    $f->account('a-mine', 'Моя', 'u-me', 'in_work', ['+79120000012']);
    $f->contact('c-mine', 'Мой', 'Контакт', 'u-me', ['+79120000013'], ['a-mine']);
    // 10. A company not in work; a company in work with nobody assigned.
    $f->account('a-calm', 'Спокойная', 'u-olga', 'waiting', ['+79120000014']);
    $f->account('a-orphan', 'Сирота', null, 'in_work', ['+79120000015']);
    // 11. Messy stored formats: text around, a trunk 8, an extension, a no-break space.
    $f->contact('c-messy', 'Грязный', 'Формат', 'u-olga', ["тел. 8 (912) 000-00-16 доб. 5"]);
    $f->account('a-messy', 'Грязная', 'u-olga', 'in_work', ["+7\u{00A0}912\u{00A0}000-00-17"]);
    // 12. One number in many records: a lead, a contact and a company that is not in work;
    //     then the same number on a company in work with Olga as well.
    $f->lead('l-shared', 'Общий', 'Лид', 'u-olga', ['+79120000018']);
    $f->contact('c-shared', 'Общий', 'Контакт', 'u-me', ['+79120000018']);
    $f->account('a-shared', 'Общая', 'u-olga', 'waiting', ['+79120000018']);
    $f->lead('l-shared2', 'Общий', 'Второй', 'u-olga', ['+79120000019']);
    $f->contact('c-shared2', 'Общий', 'Третий', 'u-me', ['+79120000019'], ['a-calm']);
    $f->account('a-shared2', 'Занятая', 'u-olga', 'in_work', ['+79120000019']);
    if ($crm === 'espocrm') {
        // 13. EspoCRM: a contact whose company is only in contact.account_id.
        $f->account('a-prim', 'Основная', 'u-olga', 'in_work');
        $f->contact('c-prim', 'Основной', 'Контакт', 'u-me', ['+79120000020'], [], 'a-prim');
    }

    $index = new CrmGuard\PhoneIndex($db, $crm);
    $index->rebuild();

    $calls = [
        '1 company phone' => '+79120000001',
        '2 contact of one company' => '8 912 000-00-02',
        '3 contact of several companies' => '+7 912 000 00 03',
        '4 contact of companies not in work' => '9120000004',
        '5 contact without company' => '+79120000005',
        '6 lead only' => '+79120000006',
        '7a converted lead' => '+79120000007',
        '7b converted and live lead' => '+79120000008',
        '8a deleted contact' => '+79120000009',
        '8b deleted company' => '+79120000010',
        '8c deleted link' => '+79120000011',
        '9a own company' => '+79120000012',
        '9b contact of own company' => '+79120000013',
        '10a company not in work' => '+79120000014',
        '10b company with nobody' => '+79120000015',
        '11a messy contact' => '(912) 000-00-16',
        '11b messy company' => '8(912)0000017',
        '12a many records' => '+79120000018',
        '12b many records, one red' => '+79120000019',
        'unknown number' => '+79120000099',
    ];
    if ($crm === 'espocrm') {
        $calls['13 contact.account_id'] = '+79120000020';
    }
    foreach ($calls as $what => $phone) {
        echo "$what: ", LookupFixture::show($index->lookup($phone, 'u-me')), "\n";
    }
    // The same company seen by its owner; the verdict in Russian.
    echo "owner: ", LookupFixture::show($index->lookup('+79120000001', 'u-olga', 'ru')), "\n";
    echo "ru: ", $index->lookup('+79120000003', 'u-me', 'ru')['verdict'], "\n";
    // Bad input is a clear error.
    foreach (['123', 'не телефон', ''] as $bad) {
        try {
            $index->lookup($bad, 'u-me');
        } catch (ValueError $e) {
            echo get_class($e), ': ', $e->getMessage(), "\n";
        }
    }
    // Full key set of one card.
    if ($crm === 'suitecrm') {
        var_dump($index->lookup('+79120000003', 'u-me'));
    }
}
?>
--EXPECT--
== espocrm
1 company phone: +79120000001 red    by Account:a-red owner=u-olga status=in_work | Account:a-red[in_work]
    Company "Ромашка" is in work with Ольга Петрова: do not call it.
2 contact of one company: +79120000002 red    by Account:a-red2 owner=u-olga status=in_work | Contact:c-one Account:a-red2[in_work]<c-one
    Пётр Один is a contact of company "Василёк", which is in work with Ольга Петрова: do not call.
3 contact of several companies: +79120000003 red    by Account:a-red3 owner=u-olga status=in_work | Contact:c-many Account:a-wait[waiting]<c-many Account:a-red3[in_work]<c-many
    Анна Многова is a contact of company "Одуванчик", which is in work with Ольга Петрова: do not call.
4 contact of companies not in work: +79120000004 yellow by Contact:c-calm owner=u-olga status=waiting | Contact:c-calm Account:a-nost[waiting]<c-calm Account:a-wait[waiting]<c-calm
    Known contact Семён Тихий (responsible: Ольга Петрова).
5 contact without company: +79120000005 yellow by Contact:c-alone owner=u-olga status=- | Contact:c-alone
    Known contact Олег Один (responsible: Ольга Петрова).
6 lead only: +79120000006 blue   by Lead:l-only owner=u-olga status=- | Lead:l-only
    Known only as lead Лида Лидова (responsible: Ольга Петрова).
7a converted lead: +79120000007 none   by :- owner=- status=- | 
    Unknown number.
7b converted and live lead: +79120000008 blue   by Lead:l-live owner=u-me status=- | Lead:l-live
    Known only as lead Живой Лид (responsible: Иван Звонарёв).
8a deleted contact: +79120000009 none   by :- owner=- status=- | 
    Unknown number.
8b deleted company: +79120000010 none   by :- owner=- status=- | 
    Unknown number.
8c deleted link: +79120000011 yellow by Contact:c-unlinked owner=u-olga status=- | Contact:c-unlinked
    Known contact Ушедший Контакт (responsible: Ольга Петрова).
9a own company: +79120000012 none   by Account:a-mine owner=u-me status=in_work | Account:a-mine[in_work]
    Your own company "Моя".
9b contact of own company: +79120000013 yellow by Contact:c-mine owner=u-me status=in_work | Contact:c-mine Account:a-mine[in_work]<c-mine
    Known contact Мой Контакт (responsible: Иван Звонарёв).
10a company not in work: +79120000014 none   by Account:a-calm owner=u-olga status=waiting | Account:a-calm[waiting]
    Company "Спокойная" is not in work (Waiting).
10b company with nobody: +79120000015 none   by Account:a-orphan owner=- status=in_work | Account:a-orphan[in_work]
    Company "Сирота" is in work but has no responsible manager.
11a messy contact: +79120000016 yellow by Contact:c-messy owner=u-olga status=- | Contact:c-messy
    Known contact Грязный Формат (responsible: Ольга Петрова).
11b messy company: +79120000017 red    by Account:a-messy owner=u-olga status=in_work | Account:a-messy[in_work]
    Company "Грязная" is in work with Ольга Петрова: do not call it.
12a many records: +79120000018 yellow by Contact:c-shared owner=u-me status=- | Account:a-shared[waiting] Contact:c-shared Lead:l-shared
    Known contact Общий Контакт (responsible: Иван Звонарёв).
12b many records, one red: +79120000019 red    by Account:a-shared2 owner=u-olga status=in_work | Account:a-shared2[in_work] Contact:c-shared2 Lead:l-shared2 Account:a-calm[waiting]<c-shared2
    Company "Занятая" is in work with Ольга Петрова: do not call it.
unknown number: +79120000099 none   by :- owner=- status=- | 
    Unknown number.
13 contact.account_id: +79120000020 red    by Account:a-prim owner=u-olga status=in_work | Contact:c-prim Account:a-prim[in_work]<c-prim
    Основной Контакт is a contact of company "Основная", which is in work with Ольга Петрова: do not call.
owner: +79120000001 none   by Account:a-red owner=u-olga status=in_work | Account:a-red[in_work]
    Ваша компания «Ромашка».
ru: Анна Многова — контакт компании «Одуванчик», которая в работе у менеджера Ольга Петрова: звонить нельзя.
ValueError: CrmGuard\PhoneIndex::lookup(): Argument #1 ($phone) must be a valid phone number, "123" is not (too_short)
ValueError: CrmGuard\PhoneIndex::lookup(): Argument #1 ($phone) must be a valid phone number, "не телефон" is not (not_a_number)
ValueError: CrmGuard\PhoneIndex::lookup(): Argument #1 ($phone) must be a valid phone number, "" is not (empty)
== suitecrm
1 company phone: +79120000001 red    by Account:a-red owner=u-olga status=in_work | Account:a-red[in_work]
    Company "Ромашка" is in work with Ольга Петрова: do not call it.
2 contact of one company: +79120000002 red    by Account:a-red2 owner=u-olga status=in_work | Contact:c-one Account:a-red2[in_work]<c-one
    Пётр Один is a contact of company "Василёк", which is in work with Ольга Петрова: do not call.
3 contact of several companies: +79120000003 red    by Account:a-red3 owner=u-olga status=in_work | Contact:c-many Account:a-wait[waiting]<c-many Account:a-red3[in_work]<c-many
    Анна Многова is a contact of company "Одуванчик", which is in work with Ольга Петрова: do not call.
4 contact of companies not in work: +79120000004 yellow by Contact:c-calm owner=u-olga status=waiting | Contact:c-calm Account:a-nost[waiting]<c-calm Account:a-wait[waiting]<c-calm
    Known contact Семён Тихий (responsible: Ольга Петрова).
5 contact without company: +79120000005 yellow by Contact:c-alone owner=u-olga status=- | Contact:c-alone
    Known contact Олег Один (responsible: Ольга Петрова).
6 lead only: +79120000006 blue   by Lead:l-only owner=u-olga status=- | Lead:l-only
    Known only as lead Лида Лидова (responsible: Ольга Петрова).
7a converted lead: +79120000007 none   by :- owner=- status=- | 
    Unknown number.
7b converted and live lead: +79120000008 blue   by Lead:l-live owner=u-me status=- | Lead:l-live
    Known only as lead Живой Лид (responsible: Иван Звонарёв).
8a deleted contact: +79120000009 none   by :- owner=- status=- | 
    Unknown number.
8b deleted company: +79120000010 none   by :- owner=- status=- | 
    Unknown number.
8c deleted link: +79120000011 yellow by Contact:c-unlinked owner=u-olga status=- | Contact:c-unlinked
    Known contact Ушедший Контакт (responsible: Ольга Петрова).
9a own company: +79120000012 none   by Account:a-mine owner=u-me status=in_work | Account:a-mine[in_work]
    Your own company "Моя".
9b contact of own company: +79120000013 yellow by Contact:c-mine owner=u-me status=in_work | Contact:c-mine Account:a-mine[in_work]<c-mine
    Known contact Мой Контакт (responsible: Иван Звонарёв).
10a company not in work: +79120000014 none   by Account:a-calm owner=u-olga status=waiting | Account:a-calm[waiting]
    Company "Спокойная" is not in work (Waiting).
10b company with nobody: +79120000015 none   by Account:a-orphan owner=- status=in_work | Account:a-orphan[in_work]
    Company "Сирота" is in work but has no responsible manager.
11a messy contact: +79120000016 yellow by Contact:c-messy owner=u-olga status=- | Contact:c-messy
    Known contact Грязный Формат (responsible: Ольга Петрова).
11b messy company: +79120000017 red    by Account:a-messy owner=u-olga status=in_work | Account:a-messy[in_work]
    Company "Грязная" is in work with Ольга Петрова: do not call it.
12a many records: +79120000018 yellow by Contact:c-shared owner=u-me status=- | Account:a-shared[waiting] Contact:c-shared Lead:l-shared
    Known contact Общий Контакт (responsible: Иван Звонарёв).
12b many records, one red: +79120000019 red    by Account:a-shared2 owner=u-olga status=in_work | Account:a-shared2[in_work] Contact:c-shared2 Lead:l-shared2 Account:a-calm[waiting]<c-shared2
    Company "Занятая" is in work with Ольга Петрова: do not call it.
unknown number: +79120000099 none   by :- owner=- status=- | 
    Unknown number.
owner: +79120000001 none   by Account:a-red owner=u-olga status=in_work | Account:a-red[in_work]
    Ваша компания «Ромашка».
ru: Анна Многова — контакт компании «Одуванчик», которая в работе у менеджера Ольга Петрова: звонить нельзя.
ValueError: CrmGuard\PhoneIndex::lookup(): Argument #1 ($phone) must be a valid phone number, "123" is not (too_short)
ValueError: CrmGuard\PhoneIndex::lookup(): Argument #1 ($phone) must be a valid phone number, "не телефон" is not (not_a_number)
ValueError: CrmGuard\PhoneIndex::lookup(): Argument #1 ($phone) must be a valid phone number, "" is not (empty)
array(9) {
  ["phone"]=>
  string(12) "+79120000003"
  ["color"]=>
  string(3) "red"
  ["verdict"]=>
  string(131) "Анна Многова is a contact of company "Одуванчик", which is in work with Ольга Петрова: do not call."
  ["owner_id"]=>
  string(6) "u-olga"
  ["owner_name"]=>
  string(25) "Ольга Петрова"
  ["entity_type"]=>
  string(8) "Accounts"
  ["entity_id"]=>
  string(6) "a-red3"
  ["company_status"]=>
  string(7) "in_work"
  ["matches"]=>
  array(3) {
    [0]=>
    array(5) {
      ["entity_type"]=>
      string(8) "Contacts"
      ["entity_id"]=>
      string(6) "c-many"
      ["name"]=>
      string(23) "Анна Многова"
      ["owner_id"]=>
      string(6) "u-olga"
      ["owner_name"]=>
      string(25) "Ольга Петрова"
    }
    [1]=>
    array(7) {
      ["entity_type"]=>
      string(8) "Accounts"
      ["entity_id"]=>
      string(6) "a-wait"
      ["name"]=>
      string(10) "Лютик"
      ["owner_id"]=>
      string(6) "u-olga"
      ["owner_name"]=>
      string(25) "Ольга Петрова"
      ["company_status"]=>
      string(7) "waiting"
      ["via_contact_id"]=>
      string(6) "c-many"
    }
    [2]=>
    array(7) {
      ["entity_type"]=>
      string(8) "Accounts"
      ["entity_id"]=>
      string(6) "a-red3"
      ["name"]=>
      string(18) "Одуванчик"
      ["owner_id"]=>
      string(6) "u-olga"
      ["owner_name"]=>
      string(25) "Ольга Петрова"
      ["company_status"]=>
      string(7) "in_work"
      ["via_contact_id"]=>
      string(6) "c-many"
    }
  }
}
