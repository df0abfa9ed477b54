# scripts/demo.d/30-import.sh — bulk import: a generated messy contact list into an EspoCRM
# database, the report, the rejects, and a re-run that creates nothing twice.
# Sourced by scripts/demo (lib.sh loaded, extension built, cwd = repo root).

demo_db=crmguard_demo_import
scripts/dev-db status >/dev/null 2>&1 || scripts/dev-db start >/dev/null
socket=$(scripts/dev-db socket)
demo_dsn="mysql://crmguard:crmguard-dev@localhost/$demo_db?socket=$socket"
{
    echo "DROP DATABASE IF EXISTS \`$demo_db\`; CREATE DATABASE \`$demo_db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    echo "USE \`$demo_db\`;"
    cat tests/fixtures/espocrm/schema.sql tests/fixtures/espocrm/crmguard-fields.sql tests/fixtures/espocrm/sample.sql
} | scripts/dev-db sql --root >/dev/null
demo_cli() { bin/crmguard "$@" --crm espocrm --db "$demo_dsn"; }
demo_cli schema apply >/dev/null
demo_cli index rebuild >/dev/null

list=$CG_LOG_DIR/demo-contacts.csv
# 2 000 rows typed the ways people type them (BOM, ';', quotes, multi-line comments, cut-off
# numbers, blank lines), 10 % repeating an earlier row, a few numbers the CRM already has.
php tools/gen-contact-list --rows 2000 --seed 42 --messy --dup-file 10 >"$list" 2>/dev/null
# ... and rows that name numbers of the sample CRM: a contact's, a lead's, a company's
printf '%s\r\n' 'Клиент Ромашки;+7 912 345-67-89;ООО Ромашка;;;' 'Лид Новиков;8 (999) 111-22-33;;;;' \
    'Офис;8 495 123 45 67;;;;' 'Рваная строка;8 912 000 00 01' >>"$list"

echo
echo "== the list (first lines of $(wc -l <"$list") in $list)"
echo
head -n 7 "$list" | sed "s/^/  /"
echo "  ..."

echo
echo "== bin/crmguard import --dry-run   (checks everything, writes nothing)"
echo
demo_cli import "$list" --assign alexey.smirnov:2,dmitry.kuznetsov --dry-run --quiet | sed 's/^/  /'

echo
echo "== bin/crmguard import --json   (progress on stderr, the report on stdout)"
echo
demo_cli import "$list" --assign alexey.smirnov:2,dmitry.kuznetsov --json --quiet | sed 's/^/  /'

echo
echo "== the rejects file: the original row, its line and why"
echo
rejects=${list%.csv}.rejects.csv
echo "  $(($(wc -l <"$rejects") - 1)) lines in $rejects; a few:"
grep -m 3 'duplicate in the file' "$rejects" | sed 's/^/  /'
grep -m 2 "is too_short" "$rejects" | sed 's/^/  /'
grep 'already in the CRM\|ragged' "$rejects" | sed 's/^/  /'

echo
echo "== what the CRM got: per manager, contacts with their deal (stage New) and open call task"
echo
scripts/dev-db sql "$demo_db" -t <<'SQL' | sed 's/^/  /'
SELECT u.user_name AS manager, COUNT(*) AS contacts,
       SUM(o.stage = 'New') AS deals_new, SUM(t.status = 'Not Started') AS call_tasks,
       COUNT(DISTINCT c.account_id) AS companies
FROM crmguard_import_row j JOIN contact c ON c.id = j.contact_id JOIN user u ON u.id = c.assigned_user_id
JOIN opportunity o ON o.id = j.deal_id JOIN task t ON t.id = j.task_id GROUP BY u.user_name;
SQL

echo
echo "== the same command again: nothing is created twice"
echo
demo_cli import "$list" --assign alexey.smirnov:2,dmitry.kuznetsov --quiet | sed 's/^/  /'
