# scripts/demo.d/50-packages.sh — the two CRM packages admins install (EspoCRM extension,
# SuiteCRM Module Loader package), built from crm/ with the shared adapter core bundled.
# Sourced by scripts/demo (lib.sh loaded, extension built, cwd = repo root).

echo
echo "== tools/build-packages build/packages"
echo
tools/build-packages build/packages | sed 's/^/  /'
for zip in build/packages/crmguard-*.zip; do
    echo
    echo "  $(basename "$zip"): $(unzip -Z1 "$zip" | wc -l) files, $(stat -c %s "$zip") bytes"
    unzip -Z1 "$zip" | grep -E '(manifest\.(json|php)|Hooks/|LogicHooks|CallCard|GetCallCard|scripts/)' | sed 's/^/    /'
done
echo
echo "  Install: EspoCRM Administration > Extensions; SuiteCRM Admin > Module Loader (docs/install-espocrm.md, docs/install-suitecrm.md)."
