# scripts/demo.d/40-calls.sh — the call card and the status and stage rules.
# Sourced by scripts/demo (lib.sh loaded, extension built, cwd = repo root).
#
# A small SuiteCRM scenario of its own (database crmguard_demo_calls on the
# private server): Ольга's company in work, a contact of it, a contact without
# a company, a lead, the caller's own company; then a few calls by Иван with
# their colours and the reason for each, and refused saves with their messages.

calls_started_db=0
if ! scripts/dev-db status >/dev/null 2>&1; then
    scripts/dev-db start >/dev/null
    calls_started_db=1
fi
calls_db=crmguard_demo_calls
calls_dsn=$(scripts/dev-db dsn suitecrm | sed "s|/suitecrm?|/$calls_db?|")
{
    echo "DROP DATABASE IF EXISTS \`$calls_db\`; CREATE DATABASE \`$calls_db\` CHARACTER SET utf8 COLLATE utf8_general_ci; USE \`$calls_db\`;"
    cat tests/fixtures/suitecrm/schema.sql tests/fixtures/suitecrm/crmguard-fields.sql
    cat <<'SQL'
INSERT INTO users (id, user_name, first_name, last_name, is_admin, status, deleted, reports_to_id) VALUES
  ('u-admin', 'admin', NULL, 'Администратор', 1, 'Active', 0, NULL),
  ('u-head',  'head',  'Елена', 'Руководителева', 0, 'Active', 0, NULL),
  ('u-ivan',  'ivan',  'Иван', 'Звонарёв', 0, 'Active', 0, 'u-head'),
  ('u-olga',  'olga',  'Ольга', 'Петрова', 0, 'Active', 0, 'u-head');
INSERT INTO accounts (id, name, deleted, assigned_user_id, phone_office) VALUES
  ('a-romashka', 'ООО «Ромашка»', 0, 'u-olga', '8 (495) 100-20-30'),
  ('a-lyutik',   'АО «Лютик»',    0, 'u-olga', '+7 495 100-20-31'),
  ('a-mine',     'ИП Звонарёв',   0, 'u-ivan', '84951002032');
INSERT INTO accounts_cstm (id_c, crmguard_status_c) VALUES
  ('a-romashka', 'in_work'), ('a-lyutik', 'waiting'), ('a-mine', 'in_work');
INSERT INTO contacts (id, first_name, last_name, deleted, assigned_user_id, phone_mobile, phone_work) VALUES
  ('c-petr', 'Пётр', 'Снабженцев', 0, 'u-olga', 'моб. 8 912 345-67-89', NULL),
  ('c-anna', 'Анна', 'Частная',    0, 'u-ivan', '+7 (916) 000-11-22', NULL);
INSERT INTO accounts_contacts (id, contact_id, account_id, deleted) VALUES ('ac-1', 'c-petr', 'a-romashka', 0);
INSERT INTO leads (id, first_name, last_name, deleted, assigned_user_id, status, converted, phone_mobile) VALUES
  ('l-new',  'Лев',  'Новиков', 0, 'u-olga', 'New', 0, '8-903-777-88-99'),
  ('l-conv', 'Конв', 'Ертов',   0, 'u-olga', 'Converted', 1, '8-903-777-00-00');
SQL
} | scripts/dev-db sql --root >/dev/null
bin/crmguard schema apply --crm suitecrm --db "$calls_dsn" >/dev/null
bin/crmguard index rebuild --crm suitecrm --db "$calls_dsn" | sed 's/^/  /'

echo
echo "== bin/crmguard lookup PHONE --caller u-ivan   (Иван calls; the colour and why)"
calls=(
    "+7 495 100 20 30|Ромашка's own phone; Ромашка is in work with Ольга"
    "89123456789|Пётр, a contact of Ромашка (stored as 'моб. 8 912 345-67-89')"
    "+79160001122|Анна, a contact without a company"
    "8 903 777 88 99|a lead only"
    "8 903 777 00 00|a converted lead only: it does not count"
    "8 (495) 100-20-31|Лютик, a company that is waiting (not in work)"
    "84951002032|Иван's own company"
    "8 800 555 35 35|a number the CRM does not know"
)
for call in "${calls[@]}"; do
    phone=${call%%|*}
    echo
    echo "  # ${call#*|}"
    echo "  \$ bin/crmguard lookup '$phone' --caller u-ivan --lang ru"
    bin/crmguard lookup "$phone" --caller u-ivan --lang ru --crm suitecrm --db "$calls_dsn" | sed 's/^/    /'
done
echo
echo "  \$ bin/crmguard lookup '8 912 345-67-89' --caller u-ivan --json"
bin/crmguard lookup '8 912 345-67-89' --caller u-ivan --json --crm suitecrm --db "$calls_dsn" | sed 's/^/    /'

echo
echo "== CrmGuard\\Rules: saves the CRM packages refuse, and ones they let through"
echo
CALLS_DSN=$calls_dsn cg_php -r '
$rules = new CrmGuard\Rules(new CrmGuard\Connection(getenv("CALLS_DSN")), "suitecrm");
$cases = [
    ["deal Calling -> Closed Lost, no reason", fn () => $rules->checkStageChange("Calling", "Closed Lost", null, "ru")],
    ["deal Calling -> Closed Lost, reason poor_quality_contact", fn () => $rules->checkStageChange("Calling", "Closed Lost", "poor_quality_contact", "ru")],
    ["deal Closed Won -> Calling by Иван", fn () => $rules->checkStageChange("Closed Won", "Calling", null, "ru", "u-ivan")],
    ["deal Closed Won -> Calling by the admin", fn () => $rules->checkStageChange("Closed Won", "Calling", null, "ru", "u-admin")],
    ["deal Calling -> New", fn () => $rules->checkStageChange("Calling", "New", null, "en")],
    ["Ромашка (Ольга) waiting -> in_work by Ольга herself", fn () => $rules->checkStatusChange("waiting", "in_work", "u-olga", "u-olga", "ru")],
    ["Ромашка (Ольга) in_work -> waiting by Иван", fn () => $rules->checkStatusChange("in_work", "waiting", "u-ivan", "u-olga", "ru")],
    ["Ромашка (Ольга) in_work -> waiting by Елена, her supervisor", fn () => $rules->checkStatusChange("in_work", "waiting", "u-head", "u-olga", "ru")],
    ["a new company for Ольга created by Иван as in_work", fn () => $rules->checkStatusChange(null, "in_work", "u-ivan", "u-olga", "en")],
];
foreach ($cases as [$what, $check]) {
    $r = $check();
    printf("  %s: %s (%s)\n      %s\n", $what, $r["allowed"] ? "ALLOWED" : "REFUSED", $r["code"], $r["message"]);
}
$rules->logStageChange("deal-1", "u-ivan", "Calling", "Closed Lost", "poor_quality_contact");
echo "  stage log: ", json_encode((new CrmGuard\Connection(getenv("CALLS_DSN")))->query("SELECT deal_id, user_id, from_stage, to_stage, failure_reason FROM crmguard_stage_log"), JSON_UNESCAPED_UNICODE), "\n";
'
if [[ $calls_started_db -eq 1 ]]; then
    scripts/dev-db stop >/dev/null
fi
