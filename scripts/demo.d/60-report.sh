# scripts/demo.d/60-report.sh — the head of sales' view: report, QC sample, audit, HTML page.
# Sourced by scripts/demo (lib.sh loaded, extension built, cwd = repo root).  Uses the demo
# database of the dev server (scripts/dev-db; the EspoCRM one, with the generated data when
# 20-database.sh made it, else the sample fixture).

scripts/dev-db status >/dev/null 2>&1 || scripts/dev-db start --fixture both >/dev/null
report_dsn=$(scripts/dev-db dsn espocrm)
bin/crmguard schema apply --crm espocrm --db "$report_dsn" >/dev/null
report_html=$CG_ROOT/build/demo/report.html
# The generated data's own "now" (its truth file), so that staleness and late answers are
# measured where the data ends; the sample fixture is measured at today's date.
report_now=()
if [[ -f build/gendata/espocrm/truth.json ]]; then
    as_of=$(php -n -r 'echo json_decode(file_get_contents($argv[1]), true)["generator"]["as_of"] ?? "";' build/gendata/espocrm/truth.json)
    if [[ -n $as_of ]]; then
        report_now=(--now "$as_of")
    fi
fi
mkdir -p "$(dirname "$report_html")"

echo
echo "== bin/crmguard report --lang ru   (per manager, per source, lost reasons)"
echo
bin/crmguard report --crm espocrm --db "$report_dsn" "${report_now[@]}" --lang ru --html "$report_html" | sed 's/^/  /'

echo
echo "== bin/crmguard qc-sample --percent 10 --seed 1   (random deals to review, by manager)"
echo
bin/crmguard qc-sample --crm espocrm --db "$report_dsn" --percent 10 --seed 1 \
    --crm-url https://crm.example.com | head -n 30 | sed 's/^/  /'

echo
echo "== bin/crmguard audit --limit 15   (client cards and deals with problems)"
echo
bin/crmguard audit --crm espocrm --db "$report_dsn" --limit 15 | sed 's/^/  /'

echo
cg_say "HTML report with charts written to $report_html (open it in a browser)"
