--TEST--
scripts/test-php84 --mirror: the trixie root is made from the Debian mirror of the host's own apt sources (one-line and deb822 formats, disabled and deb-src entries skipped, the apt proxy kept), never from a built-in host
--SKIPIF--
<?php
if (!is_file(dirname(__DIR__) . '/scripts/test-php84')) die('skip scripts/test-php84 is not in this tree (PECL package)');
if (!is_file('/etc/os-release')) die('skip no /etc/os-release');
exec('command -v apt-config', $o, $rc);
if ($rc !== 0) die('skip not a Debian system (no apt-config)');
?>
--FILE--
<?php
$root = dirname(__DIR__);
// The script looks for the host's release in its sources: use this machine's.
preg_match('/^VERSION_CODENAME=(\S+)$/m', file_get_contents('/etc/os-release'), $m);
$cn = $m[1] ?? 'bookworm';
$tmp = sys_get_temp_dir() . '/crmguard-mirror-' . getmypid();

function run_mirror(string $aptDir, ?string $aptConf = null): void
{
    global $root, $cn;
    $env = ['PATH' => getenv('PATH'), 'CRMGUARD_APT_DIR' => $aptDir];
    if ($aptConf !== null) {
        $env['APT_CONFIG'] = $aptConf;
    }
    $p = proc_open(["$root/scripts/test-php84", '--mirror'], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $root, $env);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $rc = proc_close($p);
    echo "exit $rc\n", $out, str_replace($cn, 'CODENAME', trim($err)) === '' ? '' : str_replace($cn, 'CODENAME', trim($err)) . "\n";
}
function write(string $path, string $text): void
{
    global $cn;
    @mkdir(dirname($path), 0777, true);
    file_put_contents($path, str_replace('CODENAME', $cn, $text));
}

// 1. deb822: a disabled entry and a deb-src-only one come first; the enabled
//    "deb" entry with several URIs and suites wins; security from its own entry.
write("$tmp/a/sources.list.d/debian.sources", <<<'TXT'
# the installer's file
Types: deb
URIs: http://disabled.example/debian
Suites: CODENAME
Components: main
Enabled: no

Types: deb-src
URIs: http://src-only.example/debian
Suites: CODENAME
Components: main

Types: deb deb-src
# http://snapshot.example/archive/debian/20250520T000000Z
URIs: http://proxy.example:3142/debian/
 http://second.example/debian
Suites: CODENAME CODENAME-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://proxy.example:3142/debian-security
Suites: CODENAME-security
Components: main
TXT);
write("$tmp/a/sources.list.d/other.sources.disabled", "Types: deb\nURIs: http://ignored.example/debian\nSuites: CODENAME\nComponents: main\n");
echo "== deb822\n";
run_mirror("$tmp/a");

// 2. one-line format: options in brackets, deb-src and comments skipped, a
//    cdrom entry (debootstrap cannot use it) skipped; no updates, no security.
write("$tmp/b/sources.list", <<<'TXT'
# deb http://commented.example/debian CODENAME main
deb cdrom:[Debian GNU/Linux 12 _Bookworm_]/ CODENAME main
deb-src http://src.example/debian CODENAME main
deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] https://mirror.example/debian/ CODENAME main contrib
TXT);
echo "== one-line\n";
run_mirror("$tmp/b");

// 3. the host's apt proxy is used for debootstrap and the root's apt.
write("$tmp/proxy.conf", "Acquire::http::Proxy \"http://apt-proxy.example:3142\";\n");
echo "== proxy\n";
run_mirror("$tmp/b", "$tmp/proxy.conf");

// 4. no mirror for this release: one sentence, no guess.
write("$tmp/c/sources.list.d/other.list", "deb http://packages.example/apt stable main\n");
echo "== none\n";
run_mirror("$tmp/c");

exec('rm -rf ' . escapeshellarg($tmp));
?>
--EXPECT--
== deb822
exit 0
trixie http://proxy.example:3142/debian
trixie-updates http://proxy.example:3142/debian
trixie-security http://proxy.example:3142/debian-security
== one-line
exit 0
trixie https://mirror.example/debian
== proxy
exit 0
trixie https://mirror.example/debian
http proxy http://apt-proxy.example:3142
== none
exit 1
php8.4: 0 passed, 1 failed
scripts/test-php84: error: no Debian mirror for 'CODENAME' in the host's apt sources
