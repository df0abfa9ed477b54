# scripts/demo.d/20-database.sh — the private MariaDB with generated EspoCRM and SuiteCRM data,
# and crmguard's phone index rebuilt over it.
# Sourced by scripts/demo (lib.sh loaded, extension built, cwd = repo root).

echo
echo "== scripts/dev-db start   (a private MariaDB: datadir build/mariadb, unix socket only)"
echo
scripts/dev-db start 2>&1 | sed 's/^/  /'

for crm in espocrm suitecrm; do
    echo
    echo "== scripts/dev-db load-generated $crm --seed 1 --scale demo   (tools/gen-crm-data, then LOAD DATA)"
    echo
    scripts/dev-db load-generated "$crm" --seed 1 --scale demo 2>&1 | sed 's/^/  /'
    echo
    echo "  rows per table in database '$crm':"
    tables=$(scripts/dev-db sql -N -B "$crm" -e "SELECT table_name FROM information_schema.tables WHERE table_schema = '$crm' ORDER BY table_name")
    query=$(for t in $tables; do printf "SELECT '%s', COUNT(*) FROM \`%s\` UNION ALL " "$t" "$t"; done)
    scripts/dev-db sql -N -B "$crm" -e "${query% UNION ALL }" |
        awk -F '\t' '$2 > 0 { printf "    %-26s %8d\n", $1, $2; n += $2 } END { printf "    %-26s %8d\n", "total", n }'
    echo
    echo "  what the generator knows (build/gendata/$crm/truth.json, definitions in tools/gendata/Truth.php):"
    php -n -r '
        $t = json_decode(file_get_contents($argv[1]), true);
        $c = $t["counts"];
        printf("    %d companies (%d in work, %d deleted), %d contacts (%d without a company, %d with several),\n",
            $c["accounts"]["total"], $c["accounts"]["in_work"], $c["accounts"]["deleted"], $c["contacts"]["total"],
            $c["contacts"]["without_account"], $c["contacts"]["with_several_accounts"]);
        printf("    %d leads (%d converted, %d deleted), %d deals, %d tasks, %d calls, %d emails\n",
            $c["leads"]["total"], $c["leads"]["converted"], $c["leads"]["deleted"], $c["deals"]["total"], $c["tasks"],
            $c["calls"], $c["emails"]);
        $colors = [];
        foreach ($t["phones"] as $p) foreach ($p["colors"] as $col) $colors[$col] = ($colors[$col] ?? 0) + 1;
        ksort($colors);
        printf("    call cards expected for %d sample numbers x %d callers: %s\n", count($t["phones"]), count($t["users"]),
            json_encode($colors));
        $a = $t["audit"];
        printf("    audit: %d lowercase and %d insulting names, %d of %d stored phones not canonical, %d deals without a task\n",
            array_sum($a["lowercase_names"]), array_sum($a["insult_names"]), $a["phones"]["noncanonical"], $a["phones"]["values"],
            $a["deals_without_task"]);
        $alarm = array_filter($t["kpi"], fn ($k) => $k["response"]["alarm"]);
        printf("    response-speed alarm (> 0.3 late, SLA %d min) for %d of %d managers: %s\n", $t["generator"]["sla_minutes"],
            count($alarm), count($t["kpi"]), implode(", ", array_map(fn ($k) => $k["user_name"] . " " . $k["response"]["coefficient"], $alarm)));
    ' "build/gendata/$crm/truth.json"

    dsn=$(scripts/dev-db dsn "$crm")
    echo
    echo "== bin/crmguard schema apply --crm $crm; bin/crmguard index rebuild --crm $crm --db ..."
    echo
    bin/crmguard schema apply --crm "$crm" --db "$dsn" 2>&1 | sed 's/^/  /'
    bin/crmguard index rebuild --crm "$crm" --db "$dsn" 2>&1 | sed 's/^/  /'
done
echo
echo "  (the server keeps running for the next parts; stop it with scripts/dev-db stop)"
