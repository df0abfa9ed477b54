--TEST--
crmguard: package.xml (PECL) lists what the build needs; composer.json (PIE) names the extension
--EXTENSIONS--
crmguard
--FILE--
<?php
$root = dirname(__DIR__);

// Files of package.xml's <contents>, as paths (PHP's xml extensions may not be loaded: a small scan).
$xml = file_get_contents("$root/package.xml");
preg_match('#<contents>(.*)</contents>#s', $xml, $c);
preg_match_all('#<dir\s+name="([^"]*)"[^>]*>|</dir>|<file\s+name="([^"]*)"#', $c[1], $tags, PREG_SET_ORDER);
$files = [];
$stack = [];
foreach ($tags as $t) {
    if ($t[0] === '</dir>') {
        array_pop($stack);
    } elseif (str_starts_with($t[0], '<dir')) {
        $stack[] = trim($t[1], '/');
    } else {
        $files[] = implode('/', array_filter([...$stack, $t[2]], fn ($p) => $p !== ''));
    }
}
$tag = fn (string $name) => preg_match("#<$name>([^<]*)</$name>#", $xml, $m) ? trim($m[1]) : null;
echo 'name ', $tag('name'), ', provides ', $tag('providesextension'), ', version ', $tag('release'), "\n";
var_dump($tag('release') === phpversion('crmguard'));

// config.m4 builds every C file of ext/ and ext/core/.
$globbed = str_contains(file_get_contents("$root/config.m4"), 'echo ext/*.c ext/core/*.c');
$sources = array_map(fn ($f) => substr($f, strlen($root) + 1),
    [...glob("$root/ext/*.c"), ...glob("$root/ext/core/*.c")]);
echo $globbed && count($sources) > 0 ? "config.m4 has sources\n" : "no sources in config.m4\n";

// Every header those sources include, transitively (#include "...").
$need = array_merge(['config.m4'], array_map(fn ($f) => substr($f, strlen($root) + 1), glob("$root/ext/*.stub.php")), $sources);
for ($i = 0; $i < count($need); $i++) {
    $file = "$root/{$need[$i]}";
    if (!str_ends_with($file, '.c') && !str_ends_with($file, '.h')) {
        continue;
    }
    if (!is_file($file)) {
        continue; // a source not written yet: still has to be listed
    }
    preg_match_all('/^\s*#\s*include\s+"([^"]+)"/m', file_get_contents($file), $inc);
    foreach ($inc[1] as $h) {
        $path = dirname($need[$i]) . '/' . $h;
        $path = preg_replace('#(^|/)[^/]+/\.\./#', '$1', $path);
        if (is_file("$root/$path") && !in_array($path, $need, true)) {
            $need[] = $path;
        }
    }
}
$missing = array_diff($need, $files);
echo $missing === [] ? "package.xml lists every build file\n" : 'package.xml misses: ' . implode(' ', $missing) . "\n";
var_dump(in_array('ext/crmguard_arginfo.h', $need, true), in_array('ext/core/phone.h', $need, true));

// Every listed file exists (phone_meta_data.c is generated and committed).
$absent = array_filter($files, fn ($f) => !file_exists("$root/$f"));
echo $absent === [] ? "every listed file exists\n" : 'listed but absent: ' . implode(' ', $absent) . "\n";

// Every phpt test is listed.
$tests = array_map(fn ($f) => 'tests/' . basename($f), glob("$root/tests/*.{phpt,inc}", GLOB_BRACE));
$unlisted = array_diff($tests, $files);
echo $unlisted === [] ? "every test is listed\n" : 'tests not listed: ' . implode(' ', $unlisted) . "\n";

$composer = json_decode(file_get_contents("$root/composer.json"), true, 16, JSON_THROW_ON_ERROR);
echo $composer['type'], ' ', $composer['php-ext']['extension-name'], "\n";
?>
--EXPECT--
name crmguard, provides crmguard, version 0.2.0
bool(true)
config.m4 has sources
package.xml lists every build file
bool(true)
bool(true)
every listed file exists
every test is listed
php-ext crmguard
