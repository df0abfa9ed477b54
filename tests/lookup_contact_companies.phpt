--TEST--
PhoneIndex::lookup() on both CRMs: a yellow card keeps its contact's company status when that company also holds the number, or is reached through another contact first (issue 13)
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

    // 1. The caller's own company in work holds the number, and so does its contact.
    $f->account('a-own', 'Моя', 'u-me', 'in_work', ['+79120000031']);
    $f->contact('c-own', 'Пётр', 'Свой', 'u-olga', ['+79120000031'], ['a-own']);
    // 2. A waiting company of Olga's holds the number, and so does its contact.
    $f->account('a-calm', 'Спокойная', 'u-olga', 'waiting', ['+79120000032']);
    $f->contact('c-calm', 'Семён', 'Тихий', 'u-olga', ['+79120000032'], ['a-calm']);
    // 3. Two contacts with one number and one company: the first by name has the larger id,
    //    so the company is found through the other contact first.
    $f->account('a-two', 'Двойная', 'u-olga', 'waiting');
    $f->contact('c-z2', 'Аня', 'Первая', 'u-olga', ['+79120000033'], ['a-two']);
    $f->contact('c-a1', 'Яна', 'Вторая', 'u-olga', ['+79120000033'], ['a-two']);
    // 4. The contact's companies: one also holding the number (not in work), one only linked.
    $f->account('a-first', 'Альфа', 'u-me', 'in_work');
    $f->account('a-second', 'Бета', 'u-olga', 'waiting', ['+79120000034']);
    $f->contact('c-both', 'Борис', 'Двойной', 'u-olga', ['+79120000034'], ['a-first', 'a-second']);

    $index = new CrmGuard\PhoneIndex($db, $crm);
    $index->rebuild();
    foreach (['1 own company and its contact' => '+79120000031', '2 company and its contact' => '+79120000032',
              '3 two contacts, one company' => '+79120000033', '4 contact of two companies' => '+79120000034'] as $what => $phone) {
        echo "$what: ", LookupFixture::show($index->lookup($phone, 'u-me')), "\n";
    }
}
?>
--EXPECT--
== espocrm
1 own company and its contact: +79120000031 yellow by Contact:c-own owner=u-olga status=in_work | Account:a-own[in_work] Contact:c-own
    Known contact Пётр Свой (responsible: Ольга Петрова).
2 company and its contact: +79120000032 yellow by Contact:c-calm owner=u-olga status=waiting | Account:a-calm[waiting] Contact:c-calm
    Known contact Семён Тихий (responsible: Ольга Петрова).
3 two contacts, one company: +79120000033 yellow by Contact:c-z2 owner=u-olga status=waiting | Contact:c-z2 Contact:c-a1 Account:a-two[waiting]<c-a1
    Known contact Аня Первая (responsible: Ольга Петрова).
4 contact of two companies: +79120000034 yellow by Contact:c-both owner=u-olga status=in_work | Account:a-second[waiting] Contact:c-both Account:a-first[in_work]<c-both
    Known contact Борис Двойной (responsible: Ольга Петрова).
== suitecrm
1 own company and its contact: +79120000031 yellow by Contact:c-own owner=u-olga status=in_work | Account:a-own[in_work] Contact:c-own
    Known contact Пётр Свой (responsible: Ольга Петрова).
2 company and its contact: +79120000032 yellow by Contact:c-calm owner=u-olga status=waiting | Account:a-calm[waiting] Contact:c-calm
    Known contact Семён Тихий (responsible: Ольга Петрова).
3 two contacts, one company: +79120000033 yellow by Contact:c-z2 owner=u-olga status=waiting | Contact:c-z2 Contact:c-a1 Account:a-two[waiting]<c-a1
    Known contact Аня Первая (responsible: Ольга Петрова).
4 contact of two companies: +79120000034 yellow by Contact:c-both owner=u-olga status=in_work | Account:a-second[waiting] Contact:c-both Account:a-first[in_work]<c-both
    Known contact Борис Двойной (responsible: Ольга Петрова).
