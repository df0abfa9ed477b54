# scripts/demo.d/10-phones.sh — phone normalization: the CLI and the PHP functions.
# Sourced by scripts/demo (lib.sh loaded, extension built, cwd = repo root).

inputs=(
    '8 (912) 345-67-89'
    '+7 912 3456789'
    '89123456789'
    '9123456789'
    'тел. 8 912 345-67-89 (моб.)'
    '8 (495) 123-45-67 доб. 2'
    '8 10 49 30 1234567'
    '+375 29 123-45-67'
    '+7 701 123 4567'
    '８ ９１２ ３４５ ６７ ８９'
    '8 912 345 67'
    'позвонить после обеда'
)

echo
echo "== bin/crmguard normalize   (one line in, one line out; empty = not a valid number)"
echo
printf '%s\n' "${inputs[@]}" | bin/crmguard normalize >"$CG_LOG_DIR/demo-normalize.out"
paste -d '\t' <(printf '%s\n' "${inputs[@]}") "$CG_LOG_DIR/demo-normalize.out" |
    awk -F '\t' '{ printf "  %-36s -> %s\n", $1, ($2 == "" ? "(invalid)" : $2) }'

echo
echo "== bin/crmguard normalize --json"
echo
printf '%s\n' '8 (912) 345-67-89' '8 912 345 67' '+999 123 456 789' | bin/crmguard normalize --json | sed 's/^/  /'

echo
echo "== PHP: CrmGuard\\parse_phone() and CrmGuard\\extract_phones()"
echo
cg_php -r '
foreach (["8 (495) 123-45-67 доб. 2", "+7 701 123 4567", "8 912 345 67"] as $raw) {
    echo "  parse_phone(", var_export($raw, true), ")\n    = ",
        json_encode(CrmGuard\parse_phone($raw), JSON_UNESCAPED_UNICODE), "\n";
}
$cell = "8-912-345-67-89, 8 (495) 123-45-67 доб. 2; 8 912 345 67 89 или 8 912 345 67 90";
echo "  extract_phones(", var_export($cell, true), ")\n    = ", json_encode(CrmGuard\extract_phones($cell)), "\n";
'
