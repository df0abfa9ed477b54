# scripts/lib.sh — shell functions shared by scripts/test and scripts/demo.
# Source it from bash:  . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
#   cg_install_deps [extra packages...]   Debian packages, installed when missing
#   cg_build [--quiet]                    phpize && ./configure && make in the repo
#   cg_php ARGS...                        php with the built modules/crmguard.so loaded
#
# Environment: CRMGUARD_NO_INSTALL=1 skips cg_install_deps (report only),
#              CRMGUARD_CLEAN=1 makes cg_build start from phpize again.

CG_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
CG_LOG_DIR=$CG_ROOT/build/log

# The Debian release this runs on and the PHP it ships: Debian 12 "bookworm"
# has PHP 8.2, Debian 13 "trixie" PHP 8.4 (scripts/test-php84 runs the tests
# there, in a trixie root).  Anything else is treated as bookworm.
# (CG_DEBIAN_CODENAME set beforehand names another release: scripts/test-php84
# reads the trixie list so.)
CG_DEBIAN_CODENAME=${CG_DEBIAN_CODENAME:-$( (. /etc/os-release 2>/dev/null && printf '%s' "${VERSION_CODENAME:-}") )}
case $CG_DEBIAN_CODENAME in
    trixie) CG_PHP_VERSION=8.4 ;;
    *)      CG_PHP_VERSION=8.2 ;;
esac

# cg_skipped SUITE: true when SUITE is named in CRMGUARD_SKIP (space-separated).
cg_skipped() { [[ " ${CRMGUARD_SKIP:-} " == *" $1 "* ]]; }

# What a fresh Debian 12 (or 13) needs to build, test and demo crmguard.
# (nodejs, node-marked: EspoCRM's Markdown renderer, marked 4, for tests/markup_messages_espocrm.phpt.)
CG_DEBIAN_PACKAGES=(
    build-essential pkg-config
    "php$CG_PHP_VERSION-cli" "php$CG_PHP_VERSION-dev" php-parser "php$CG_PHP_VERSION-mysql"
    "php$CG_PHP_VERSION-xml"  # SimpleXML: the 3CX template test parses the template as 3CX does
    libmariadb-dev mariadb-server
    libcsv-dev
    libcmocka-dev valgrind
    zip unzip
    chromium
    nodejs node-marked
    galera-4 rsync  # tests/cluster/run: scripts/dev-db galera (the provider; rsync is its SST method)
)
# Only the suites that use them: static analysis, agreement with libphonenumber,
# the fuzzers (clang with libFuzzer and the sanitizers' runtime), LibreOffice
# Calc opening crmguard's CSVs (tests/csv_spreadsheet.phpt).
cg_skipped cppcheck || CG_DEBIAN_PACKAGES+=(cppcheck)
cg_skipped compare || CG_DEBIAN_PACKAGES+=(libphonenumber-dev pnc)
case $CG_DEBIAN_CODENAME in
    trixie) CG_CLANG_VERSION=19 ;;
    *)      CG_CLANG_VERSION=14 ;;
esac
cg_skipped fuzz || CG_DEBIAN_PACKAGES+=("clang-$CG_CLANG_VERSION" "libclang-rt-$CG_CLANG_VERSION-dev")
cg_skipped spreadsheet || CG_DEBIAN_PACKAGES+=(libreoffice-calc-nogui)

cg_say() { printf '%s: %s\n' "${CG_PROG:-crmguard}" "$*"; }
cg_die() { printf '%s: error: %s\n' "${CG_PROG:-crmguard}" "$*" >&2; exit 1; }

# Packages of the list (and "$@") that are not installed.
cg_missing_packages() {
    local p status
    for p in "${CG_DEBIAN_PACKAGES[@]}" "$@"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
        [[ $status == installed ]] || printf '%s\n' "$p"
    done
}

# Installs what is missing: apt-get update only when something is, as root,
# without questions.  Not root: says what to install and fails.
cg_install_deps() {
    command -v dpkg-query >/dev/null 2>&1 ||
        cg_die "not a Debian system: install the equivalents of ${CG_DEBIAN_PACKAGES[*]} $*"
    local missing
    mapfile -t missing < <(cg_missing_packages "$@")
    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi
    if [[ ${CRMGUARD_NO_INSTALL:-0} == 1 ]]; then
        cg_die "missing Debian packages: ${missing[*]} (CRMGUARD_NO_INSTALL=1: not installing)"
    fi
    if [[ $(id -u) -ne 0 ]]; then
        cg_die "missing Debian packages: ${missing[*]} — run as root, or: sudo apt-get install ${missing[*]}"
    fi
    cg_say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || cg_die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
        cg_die "apt-get install ${missing[*]} failed"
}

# phpize && ./configure && make in the repository (its products are in .gitignore).
# Reruns phpize/configure only when config.m4 or the list of C sources changed
# (or CRMGUARD_CLEAN=1).
# Output goes to build/log/build.log; --quiet prints it only on failure.
cg_build() {
    local quiet=0 log sources
    [[ ${1:-} == --quiet ]] && quiet=1
    mkdir -p "$CG_LOG_DIR"
    log=$CG_LOG_DIR/build.log
    : >"$log"
    sources=$(cd "$CG_ROOT" && echo ext/*.c ext/core/*.c)
    (
        set -e
        cd "$CG_ROOT"
        if [[ ${CRMGUARD_CLEAN:-0} == 1 || ! -f configure || config.m4 -nt configure
              || $sources != "$(cat build/sources.list 2>/dev/null)" ]]; then
            phpize
            ./configure --enable-crmguard
            printf '%s\n' "$sources" >build/sources.list
        elif [[ ! -f Makefile || configure -nt Makefile ]]; then
            ./configure --enable-crmguard
        fi
        make -j"$(nproc 2>/dev/null || echo 2)"
    ) >"$log" 2>&1
    local rc=$?
    if [[ $rc -ne 0 || $quiet -eq 0 ]]; then
        cat "$log"
    fi
    if [[ $rc -ne 0 ]]; then
        cg_say "build failed (log: build/log/build.log)" >&2
        return 1
    fi
    [[ -f $CG_ROOT/modules/crmguard.so ]] || { cg_say "build made no modules/crmguard.so" >&2; return 1; }
}

# php (without php.ini, so an installed crmguard is not loaded twice) with the
# freshly built extension loaded.
cg_php() {
    php -n -d "extension=$CG_ROOT/modules/crmguard.so" "$@"
}
