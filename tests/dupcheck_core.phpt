--TEST--
crmguard: the phone duplicate check's core (Guard::phoneHolders, Guard::phoneDuplicateDecision) on both CRMs: every holder kind and colour, formatted and unformatted numbers, two numbers in one field, deleted and converted records, the record itself, the red refusal and the supervisor/admin override, and one statement for a number nobody holds
--EXTENSIONS--
crmguard
mysqli
--FILE--
<?php
require __DIR__ . '/lookup.inc';
require dirname(__DIR__) . '/src/Cli/autoload.php';

function questions(CrmGuard\Connection $db): int
{
    return (int) $db->query("SHOW SESSION STATUS LIKE 'Questions'")[0]['Value'];
}

function holders(CrmGuard\Crm\Guard $g, array $values, string $type, ?string $id, ?string $actor): string
{
    $cards = $g->phoneHolders($values, $type, $id, $actor, 'en');
    $out = [];
    foreach ($cards as $c) {
        $m = array_map(fn ($x) => preg_replace('/s$/', '', $x['entity_type']) . ':' . $x['entity_id'], $c['matches']);
        $out[] = "{$c['phone']} {$c['color']} [" . implode(' ', $m) . ']';
    }
    $d = $g->phoneDuplicateDecision($cards, $actor, 'en');
    return ($out === [] ? 'no holder' : implode('; ', $out)) . " => {$d['code']}"
        . ($d['allowed'] ? '' : ' REFUSED: ' . $d['message']);
}

foreach (['espocrm', 'suitecrm'] as $crm) {
    echo "== $crm\n";
    $dsn = crmguard_test_db($crm, ['schema.sql', 'crmguard-fields.sql']);
    $db = new CrmGuard\Connection($dsn);
    CrmGuard\Schema::apply($db, $crm);
    $f = new LookupFixture($crm, $dsn);
    $f->user('u-me', 'Иван', 'Звонарёв');
    $f->user('u-olga', 'Ольга', 'Петрова');
    $f->user('u-sup', 'Сергей', 'Старший');
    $f->user('u-admin', 'Ада', 'Админ');
    [$C, $L, $A] = $crm === 'espocrm' ? ['Contact', 'Lead', 'Account'] : ['Contacts', 'Leads', 'Accounts'];
    if ($crm === 'espocrm') {
        crmguard_test_sql($dsn, "UPDATE `user` SET type = 'admin' WHERE id = 'u-admin'");
        crmguard_test_sql($dsn, "INSERT INTO team_user (team_id, user_id, role, deleted) VALUES
            ('t-sales', 'u-olga', NULL, 0), ('t-sales', 'u-sup', 'Supervisor', 0)");
    } else {
        crmguard_test_sql($dsn, "UPDATE users SET is_admin = 1 WHERE id = 'u-admin'");
        crmguard_test_sql($dsn, "UPDATE users SET reports_to_id = 'u-sup' WHERE id = 'u-olga'");
    }
    $f->account('a-red', 'Ромашка', 'u-olga', 'in_work', ['+7 912 000-00-01']);      // a company's own phone, in work with Olga
    $f->account('a-red2', 'Василёк', 'u-olga', 'in_work');
    $f->contact('c-red', 'Пётр', 'Снабженцев', 'u-olga', ['8 912 000 00 02'], ['a-red2']); // a contact's company in work
    $f->contact('c-yel', 'Олег', 'Один', 'u-olga', ['+7 (912) 000-00-03']);          // a contact only
    $f->lead('l-blue', 'Лида', 'Лидова', 'u-olga', ['8-912-000-00-04']);              // a lead only
    $f->account('a-wait', 'Лютик', 'u-olga', 'waiting', ['89120000005']);            // a company not in work
    $f->account('a-mine', 'Моя', 'u-me', 'in_work', ['+79120000006']);                // the caller's own company
    $f->lead('l-conv', 'Конв', 'Ертов', 'u-olga', ['+79120000007'], converted: true); // converted lead: no match
    $f->contact('c-gone', 'Удалён', 'Удалёнов', 'u-olga', ['+79120000008'], deleted: 1); // deleted holder: no match
    (new CrmGuard\PhoneIndex($db, $crm))->rebuild();
    $g = new CrmGuard\Crm\Guard($crm, $dsn, $crm === 'espocrm' ? ['supervisor' => 'team_role:Supervisor'] : []);

    echo "company phone, unformatted:   ", holders($g, ['89120000001'], $C, null, 'u-me'), "\n";
    echo "contact of a red company:     ", holders($g, ['+7 912 000-00-02'], $L, null, 'u-me'), "\n";
    echo "contact (formatted):          ", holders($g, ['8 (912) 000-00-03'], $A, null, 'u-me'), "\n";
    echo "lead, typed with 'тел.':      ", holders($g, ['тел. 8(912)000-00-04'], $C, null, 'u-me'), "\n";
    echo "company waiting:              ", holders($g, ['+79120000005'], $C, null, 'u-me'), "\n";
    echo "the caller's own company:     ", holders($g, ['+79120000006'], $C, null, 'u-me'), "\n";
    echo "converted lead:               ", holders($g, ['+79120000007'], $C, null, 'u-me'), "\n";
    echo "deleted contact:              ", holders($g, ['+79120000008'], $C, null, 'u-me'), "\n";
    echo "two numbers in one field:     ", holders($g, ['8 912 000 00 04, 8 912 000 00 03'], $C, null, 'u-me'), "\n";
    echo "two fields, one red:          ", holders($g, ['+79120000004', null, '8 912 000-00-01'], $L, null, 'u-me'), "\n";
    echo "supervisor overrides red:     ", holders($g, ['89120000001'], $C, null, 'u-sup'), "\n";
    echo "admin overrides red:          ", holders($g, ['89120000001'], $C, null, 'u-admin'), "\n";
    echo "the CRM itself (no user):     ", holders($g, ['89120000001'], $C, null, null), "\n";
    echo "the record itself (update):   ", holders($g, ['+79120000003'], $C, 'c-yel', 'u-me'), "\n";
    echo "the record adds a held number:", holders($g, ['+79120000003', '+79120000004'], $C, 'c-yel', 'u-me'), "\n";
    echo "not a number:                 ", holders($g, ['call me'], $C, null, 'u-me'), "\n";

    // Cost: an unknown number is one statement; the same question again in the same save, none.
    $conn = $g->connection();
    $q0 = questions($conn);
    $g->phoneHolders(['+7 999 111-22-33', '8 912 555 66 77'], $C, null, 'u-me');
    $q1 = questions($conn);
    $g->phoneHolders(['+7 999 111-22-33', '8 912 555 66 77'], $C, null, 'u-me');
    $q2 = questions($conn);
    echo "statements: unknown numbers ", $q1 - $q0 - 1, ", asked again ", $q2 - $q1 - 1, "\n";
}
?>
--EXPECT--
== espocrm
company phone, unformatted:   +79120000001 red [Account:a-red] => phone_held_red REFUSED: Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
contact of a red company:     +79120000002 red [Contact:c-red Account:a-red2] => phone_held_red REFUSED: Not saved: Пётр Снабженцев is a contact of company "Василёк", which is in work with Ольга Петрова: do not call. Only the supervisor of Ольга Петрова or an administrator may save this number.
contact (formatted):          +79120000003 yellow [Contact:c-yel] => ok
lead, typed with 'тел.':      +79120000004 blue [Lead:l-blue] => ok
company waiting:              +79120000005 none [Account:a-wait] => ok
the caller's own company:     +79120000006 none [Account:a-mine] => ok
converted lead:               no holder => ok
deleted contact:              no holder => ok
two numbers in one field:     +79120000003 yellow [Contact:c-yel]; +79120000004 blue [Lead:l-blue] => ok
two fields, one red:          +79120000001 red [Account:a-red]; +79120000004 blue [Lead:l-blue] => phone_held_red REFUSED: Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
supervisor overrides red:     +79120000001 red [Account:a-red] => red_overridden
admin overrides red:          +79120000001 red [Account:a-red] => red_overridden
the CRM itself (no user):     +79120000001 red [Account:a-red] => ok
the record itself (update):   no holder => ok
the record adds a held number:+79120000004 blue [Lead:l-blue] => ok
not a number:                 no holder => ok
statements: unknown numbers 1, asked again 0
== suitecrm
company phone, unformatted:   +79120000001 red [Account:a-red] => phone_held_red REFUSED: Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
contact of a red company:     +79120000002 red [Contact:c-red Account:a-red2] => phone_held_red REFUSED: Not saved: Пётр Снабженцев is a contact of company "Василёк", which is in work with Ольга Петрова: do not call. Only the supervisor of Ольга Петрова or an administrator may save this number.
contact (formatted):          +79120000003 yellow [Contact:c-yel] => ok
lead, typed with 'тел.':      +79120000004 blue [Lead:l-blue] => ok
company waiting:              +79120000005 none [Account:a-wait] => ok
the caller's own company:     +79120000006 none [Account:a-mine] => ok
converted lead:               no holder => ok
deleted contact:              no holder => ok
two numbers in one field:     +79120000003 yellow [Contact:c-yel]; +79120000004 blue [Lead:l-blue] => ok
two fields, one red:          +79120000001 red [Account:a-red]; +79120000004 blue [Lead:l-blue] => phone_held_red REFUSED: Not saved: Company "Ромашка" is in work with Ольга Петрова: do not call it. Only the supervisor of Ольга Петрова or an administrator may save this number.
supervisor overrides red:     +79120000001 red [Account:a-red] => red_overridden
admin overrides red:          +79120000001 red [Account:a-red] => red_overridden
the CRM itself (no user):     +79120000001 red [Account:a-red] => ok
the record itself (update):   no holder => ok
the record adds a held number:+79120000004 blue [Lead:l-blue] => ok
not a number:                 no holder => ok
statements: unknown numbers 1, asked again 0